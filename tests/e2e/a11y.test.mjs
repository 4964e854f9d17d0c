// Accessibility: axe-core (WCAG 2.0–2.2 A and AA rules) finds no violation in each UI state, in
// the light and the dark colour scheme. Every test also fails if the page logs anything.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { Harness } from './harness.mjs';

const h = new Harness();

/** UI states: a link, what to wait for, and an optional action to reach the state. */
const STATES = [
  { name: 'library', hash: '#/', ready: 'ul.library' },
  { name: 'reader', hash: '#/read/002', ready: 'article.reader p.passage' },
  { name: 'reader with removed text', hash: '#/read/001?removed=1', ready: 'aside.removed' },
  { name: 'reader at a passage', hash: '#/read/004/p19', ready: '.passage--target' },
  { name: 'explore with results and open evidence', hash: '#/explore?q=sanctions&themes=finance', ready: 'li.result', act: (p) => p.locator('details.chip summary').first().click() },
  { name: 'explore in KWIC mode', hash: '#/explore?q=Bushehr&mode=kwic', ready: 'table.kwic' },
  { name: 'explore with no match', hash: '#/explore?q=zzqxv', ready: '.empty' },
  { name: 'explore with own theme editor open', hash: '#/explore?custom=Grain:wheat|grain', ready: '.custom-themes[open]' },
  { name: 'methods', hash: '#/methods', ready: '.theme-list' },
  { name: 'not found', hash: '#/nope', ready: '[data-testid="not-found"]' },
  { name: 'notices for a hostile link', hash: '#/explore?themes=nope&v=000000000000', ready: '.notices li' },
  { name: 'theme × source map', hash: '#/map', ready: 'svg' },
  { name: 'map with its table open', hash: '#/map', ready: 'svg', act: (p) => p.locator('details.map-table-details > summary').click() },
  { name: 'explore with every facet value shown', hash: '#/explore?q=Bushehr', ready: 'li.result', act: (p) => p.locator('fieldset.facet[data-facet="themes"] button.facet-all').click() },
  { name: 'notes', hash: '#/notes', ready: '.notes-view' },
  { name: 'source profile', hash: '#/source/001', ready: '.signal' },
  { name: 'compare with a word diff open', hash: '#/compare/002/004?theme=trade', ready: '.cmp-row', act: (p) => p.getByRole('button', { name: /what changed/i }).first().click() },
];

describe('accessibility (axe-core)', () => {
  h.install({ before, after, afterEach });

  for (const scheme of ['light', 'dark']) {
    for (const s of STATES) {
      it(`${s.name} (${scheme})`, async () => {
        const page = await h.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await h.open(page, s.hash);
        await page.waitForSelector(s.ready);
        if (s.act) await s.act(page);
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
        assert.deepEqual(problems, [], `${s.name}: axe violations`);
        assert.ok(result.passes.length > 10, 'axe ran its checks');
      });
    }
  }
});
