// Screenshots of every view at a desktop and a phone size, saved to tests/e2e/artifacts/ for a
// person to look at. Each view must render first; every test also fails if the page logs anything
// or asks another origin.

import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, screenshot } from './harness.mjs';

const h = new Harness();

const sizes = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Each view: a name, the route, what must be on screen, and an optional action before the shot. */
const views = [
  { name: 'library', hash: '#/', ready: 'ul.library > li.source-card' },
  { name: 'reader-001', hash: '#/read/001', ready: 'article.reader[data-doc="001"] p.passage' },
  {
    name: 'reader-001-removed-shown',
    hash: '#/read/001',
    ready: 'article.reader[data-doc="001"] p.passage',
    act: async (page) => {
      await page.click('input#show-removed');
      await page.waitForSelector('aside.removed');
    },
  },
  {
    name: 'reader-001-p5',
    hash: '#/read/001/p5',
    ready: 'p.passage[data-passage="p5"].passage--target',
    // Wait for the scroll to the passage to settle: focused and its top in view.
    act: (page) =>
      page.waitForFunction(() => {
        const p = document.querySelector('p.passage[data-passage="p5"]');
        const top = p.getBoundingClientRect().top;
        return document.activeElement === p && top >= 0 && top < window.innerHeight;
      }),
  },
  { name: 'not-found', hash: '#/nope', ready: '[data-testid="not-found"]' },
  { name: 'explore', hash: '#/explore?q=sanctions&themes=finance', ready: 'li.result mark' },
  { name: 'explore-kwic', hash: '#/explore?q=%22payment%20systems%22&mode=kwic', ready: 'table.kwic tbody tr' },
  { name: 'explore-own-theme', hash: '#/explore?custom=Corridors:transport%20corridor|trade%20route&themes=my1', ready: 'li.result' },
  { name: 'methods', hash: '#/methods', ready: '.theme-list' },
];

describe('screenshots', () => {
  h.install({ before, after, afterEach });

  for (const size of sizes) {
    for (const view of views) {
      it(`${view.name} at ${size.width}×${size.height}`, async () => {
        const page = await h.newPage(size);
        await h.open(page, view.hash);
        await page.waitForSelector(view.ready);
        if (view.act) await view.act(page);
        await screenshot(page, view.name);
      });
    }
  }
});
