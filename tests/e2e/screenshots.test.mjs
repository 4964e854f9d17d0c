// Screenshots of every view at a desktop and a phone size, saved to tests/e2e/artifacts/ for a
// person to look at. Each view must render first; every test also fails if the page logs anything
// or asks another origin.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { Harness, screenshot } from './harness.mjs';

/** Fails unless every selector matches an element that is at least partly in the viewport. */
async function onScreen(page, ...selectors) {
  const missing = await page.evaluate((selectors) => selectors.filter((s) => {
    const el = document.querySelector(s);
    if (!el || !el.checkVisibility()) return true;
    const r = el.getBoundingClientRect();
    return r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth || r.width === 0;
  }), selectors);
  assert.deepEqual(missing, [], 'not on screen');
}

const h = new Harness();

/** A lesson of three steps: a search with a named step and a note of two lines, a passage with a
 * question and its answer, a comparison. */
const LESSON =
  '#/lesson?title=Two%20sides%20of%20the%20treaty' +
  '&step=/explore?q=sanctions!Who%20writes%20about%20sanctions%3F%0AList%20the%20sources.&label=Who%20writes%20about%20it' +
  '&step=/read/002/p4!Note%20the%20date%20of%20the%20signing.%20Read%20the%20passage%20and%20the%20one%20after%20it.&question=When%20was%20it%20signed%3F&answer=On%2017%20January%202025%2C%20in%20Moscow.' +
  '&step=/compare/002/004?theme=trade!Where%20do%20they%20disagree%3F';

const sizes = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

/** Each view: a name, the route, what must be on screen, an optional action before the shot, and
 * what the shot must show (`shows`: selectors in the viewport). */
const views = [
  { name: 'library', hash: '#/', ready: 'ul.library > li.source-card', shows: ['main h1', 'main .lede', 'li.source-card .source-number'] },
  { name: 'reader-001', hash: '#/read/001', ready: 'article.reader[data-doc="001"] p.passage', shows: ['main h1', '.reader-header .source-number', '.reader-header .profile-link a', 'label[for="show-removed"]'] },
  {
    name: 'reader-001-removed-shown',
    hash: '#/read/001',
    ready: 'article.reader[data-doc="001"] p.passage',
    act: async (page) => {
      await page.click('input#show-removed');
      await page.waitForSelector('aside.removed');
      await page.locator('aside.removed').first().scrollIntoViewIfNeeded();
    },
    shows: ['aside.removed .removed-reason'],
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
    shows: ['p.passage--target'],
  },
  { name: 'not-found', hash: '#/nope', ready: '[data-testid="not-found"]', shows: ['main h1', '.requested', 'a[href="#/"]'] },
  { name: 'explore', hash: '#/explore?q=sanctions&themes=finance', ready: 'li.result mark', shows: ['main h1', '#q', '.result-count'] },
  { name: 'explore-kwic', hash: '#/explore?q=%22payment%20systems%22&mode=kwic', ready: 'table.kwic tbody tr', shows: ['main h1', 'label[for="kwic"]'] },
  { name: 'explore-own-theme', hash: '#/explore?custom=Corridors:transport%20corridor|trade%20route&themes=my1', ready: 'li.result', shows: ['main h1', '#q'] },
  { name: 'map', hash: '#/map', ready: 'svg.heatmap a.cell', shows: ['main h1', '.map-legend'] },
  { name: 'source-001', hash: '#/source/001', ready: 'li.signal', shows: ['main h1', '.source-actions a'] },
  { name: 'notes', hash: '#/notes', ready: '.notes-view', shows: ['main h1', '.notes-tools'] },
  { name: 'methods', hash: '#/methods', ready: '.theme-list', shows: ['main h1', 'main .lede'] },
  // Lessons (issue 16): the maker's drawer with three steps beside (or under) the view being
  // added; a student on a step that scrolls to a passage, the bar and its note above it; the
  // answer revealed.
  {
    name: 'lesson-drawer',
    hash: LESSON,
    ready: '.lesson-step',
    act: async (page) => {
      await page.click('#lesson-toggle');
      await page.click('#lesson-load-0');
      await page.waitForSelector('.lesson-draft > li');
      await page.evaluate(() => {
        location.hash = '#/explore?q=drones';
      });
      await page.waitForSelector('li.result');
      await page.locator('.lesson-edit > summary').nth(1).click();
    },
    shows: ['main h1', '#lesson-drawer .lesson-drawer-top', '#lesson-drawer .lesson-draft'],
  },
  {
    name: 'lesson-passage',
    hash: `${LESSON}&at=2`,
    ready: '.lesson-step p.passage--target',
    act: (page) =>
      page.waitForFunction(() => {
        const p = document.querySelector('p.passage--target');
        const bar = document.querySelector('.lesson-bar').getBoundingClientRect();
        return document.activeElement === p && p.getBoundingClientRect().top >= bar.bottom && scrollY > 0;
      }),
    shows: ['.lesson-bar .lesson-note', '.lesson-bar .lesson-question', 'p.passage--target'],
  },
  {
    name: 'lesson-answer',
    hash: `${LESSON}&at=2`,
    ready: '.lesson-step p.passage--target',
    act: async (page) => {
      await page.click('.lesson-reveal');
      await page.waitForSelector('.lesson-answer:not([hidden])');
    },
    shows: ['.lesson-bar .lesson-answer'],
  },
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
        // Always the header (a phone scrolled to a passage aside), and what the view is for.
        if (view.shows) await onScreen(page, ...view.shows);
        if (!view.act) await onScreen(page, 'header.site-header .app-name');
        await screenshot(page, view.name);
      });
    }
  }
});
