// Hostile but allowed files for worst-inputs.test.mjs: the adversarial shapes of the core's cost
// tests (crates/core/tests/cost.rs, issue 14), grown here to a given size, deterministically
// (the same bytes on every run). ASCII throughout, so characters are bytes.
//
// To look at them, or to time the core on them natively:
//   node tests/e2e/worst-shapes.mjs <folder> [bytes [file bytes]]
// writes every shape's files into <folder> (bytes: the text of each, default 200 kB; file bytes:
// the size of the web page, default 5 MB).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Distinct letters-only words for 0, 1, 2…: "ba", "ca"… (cost.rs's `word`; no digits, which
 * would be figures). */
export function word(i) {
  let w = '';
  for (;;) {
    w += String.fromCharCode(98 + (i % 20));
    i = Math.floor(i / 20);
    if (i === 0) return `${w}a`;
  }
}

/** `head`, then `unit(0)`, `unit(1)`… as long as the whole, `tail` included, stays within
 * `bytes`. */
export function grow(bytes, head, unit, tail = '') {
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; ; i++) {
    const u = unit(i);
    if (size + u.length > bytes) break;
    parts.push(u);
    size += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** Paragraphs (lines between blank lines) of `unit(0)`, `unit(1)`… each at most `max` bytes, as
 * many as fit in `bytes` after `head`. */
export function paragraphs(bytes, head, unit, max, tail = '') {
  let i = 0;
  return grow(bytes, head, () => {
    let line = '';
    for (;;) {
      const u = unit(i);
      if (line.length + u.length > max) break;
      line += u;
      i++;
    }
    return `${line.trimEnd()}\n\n`;
  }, tail);
}

/** The longest line the import keeps as one paragraph (`import::MAX_LINE_BYTES`, 32 KiB): the
 * longest passage a file can make. */
export const LONG_LINE = 32 * 1024;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date for every number (cost.rs's `date`): "January 1, 1901", "February 1, 1901"… */
export const date = (i) => `${MONTHS[i % 12]} ${1 + (Math.floor(i / 12) % 28)}, ${1901 + Math.floor(i / 336)}`;

/** Sentences that say the treaty was signed on a date of their own, each followed by a date of no
 * claim (cost.rs's `dated`): one claim group of many distinct dates, and many groups of one. */
const dated = (from) => (i) => `The treaty was signed on ${date(2 * (from + i))}. Nothing happened on ${date(2 * (from + i) + 1)}. `;

/** Words of shared wording: a sentence on the treaty of 12 distinct words (cost.rs's copies). */
export const shared = (i) => `The treaty ${Array.from({ length: 12 }, (_, j) => word(1_000_000 + i * 12 + j)).join(' ')}.`;

/** A long run of distinct words, one word in a hundred changed when `changed`. */
const twin = (changed) => (i) => `${changed && i % 100 === 50 ? 'changed' : word(i)} `;

/** Prose of about `bytes` bytes in HTML paragraphs, each wrapped in layers of layout markup. */
function article(bytes) {
  const sentences = [
    'Iran and Russia signed a treaty on trade and energy in January.',
    'The corridor carries grain, timber and steel to the Caspian ports.',
    'Payments are settled in rubles and rials, outside SWIFT.',
    'Analysts doubt that the partnership is equal.',
  ];
  const parts = [];
  let text = 0;
  for (let i = 0; text < bytes; i++) {
    const p = Array.from({ length: 8 }, (_, j) => sentences[(i + j) % 4]).join(' ');
    parts.push(`<div class="row col-md-8 article-body" data-block="${i}"><div class="inner"><p>${p}</p></div></div>\n`);
    text += p.length + 2;
  }
  return parts.join('');
}

/** A saved web page of `bytes` bytes (`bytes` ≥ 1 MB): a title, styles, scripts and navigation,
 * an article of `text` bytes of prose in nested layout markup, then empty layout markup to the
 * end (tags and attributes, which the HTML reading walks, and no text). */
export function page(bytes, text) {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The corridor report</title>
<style>${'.card{margin:0;padding:0 1rem}'.repeat(Math.floor(bytes / 20 / 32))}</style>
<script>${'window.dataLayer=window.dataLayer||[];'.repeat(Math.floor(bytes / 20 / 40))}</script></head><body>
<nav>${Array.from({ length: Math.floor(bytes / 20 / 40) }, (_, i) => `<a href="/section/${i}">Section ${i}</a>`).join('')}</nav>
<article><h1>The corridor report</h1>\n${article(text)}</article>\n`;
  const tail = '</body></html>\n';
  return grow(bytes, head, (i) => `<div class="layout-cell col-${i % 12}" data-slot="${i}"><span class="icon"></span></div>\n`, tail);
}

/**
 * Every shape: its name, what it stands for, its files (`files(bytes, fileBytes)`: { name, text },
 * each with at most `bytes` of text, the page's file `fileBytes` long), a word for each file that the explorer finds in its passages (`search`), and what to
 * compare (`compare`: two file indexes, or one index to compare with built-in source 001).
 */
export function shapes() {
  return [
    {
      name: 'prose',
      what: 'one paragraph of prose repeated (keyword stuffing everywhere, one claim stated thousands of times)',
      files: (bytes) => [{
        name: 'prose.txt',
        text: paragraphs(bytes, 'A long report on the corridor\n\n', (i) => [
          'Iran and Russia signed a treaty on trade and energy in January. ',
          'The corridor carries grain, timber and steel to the Caspian ports. ',
          'Payments are settled in rubles and rials, outside SWIFT. ',
          'Analysts doubt that the partnership is equal. ',
        ][i % 4], 600),
      }],
      search: ['corridor'],
      compare: [0],
    },
    {
      name: 'headings',
      what: 'distinct short heading lines before one paragraph (cleaning once checked each heading against every earlier one)',
      files: (bytes) => [{
        name: 'headings.txt',
        text: grow(bytes, 'A title of the page\n\n', (i) => {
          const w = word(i);
          return `${w[0].toUpperCase()}${w.slice(1)}\n`;
        }, '\nThe closing paragraph says what the page is about, at length.\n'),
      }],
      search: ['closing'],
      compare: [0],
    },
    {
      name: 'markdown',
      what: 'Markdown of repeated `<http://` before one far `>` (the autolink scan), and of `<b` repeated (tag starts)',
      files: (bytes) => [
        { name: 'autolinks.md', text: grow(bytes, '# Autolinks\n\nText ', () => '<http://', ' >\n') },
        { name: 'tags.md', text: grow(bytes, '# Tag starts\n\nText ', () => '<b', '\n\nA closing paragraph of words.\n') },
      ],
      search: ['http', 'b'],
      compare: [0, 1],
    },
    {
      name: 'brackets',
      what: 'unclosed `[a](x y` link targets (link stripping) and unclosed `[` (citation markers, source profile)',
      files: (bytes) => [
        { name: 'links.txt', text: grow(bytes, 'Unclosed links\n\nWords ', () => '[a](x y ', ' end).\n') },
        { name: 'brackets.txt', text: grow(bytes, 'Unclosed brackets\n\nWords ', () => '[a ', ' end.\n') },
      ],
      search: ['x', 'a'],
      compare: [0, 1],
    },
    {
      name: 'dates',
      what: 'two sources each giving thousands of distinct dates for one claim (disputed), in long passages, and sharing many passages word for word',
      files: (bytes) => [0, 1].map((n) => ({
        name: `dates-${'ab'[n]}.txt`,
        // Half long passages of dated sentences, half shared passages (the same in both files).
        text: grow(bytes, `Dates of the treaty, ${'ab'[n]}\n\n`, (i) =>
          i % 2 === 0
            ? `${Array.from({ length: 200 }, (_, j) => dated(n * 1000)(i * 100 + j)).join('').trimEnd()}\n\n`
            : `${shared(i)}\n\n`),
      })),
      search: ['treaty', 'treaty'],
      compare: [0, 1],
    },
    {
      name: 'copies',
      what: 'two sources sharing thousands of short passages on one theme word for word (places of shared wording, compare totals, the overview\'s copies)',
      files: (bytes) => [0, 1].map((n) => ({
        name: `copies-${'ab'[n]}.txt`,
        // A paragraph of its own first: the import refuses a file with the same text as another.
        text: grow(bytes, `Copies of the treaty, ${'ab'[n]}\n\nOnly source ${'ab'[n]} opens with this sentence.\n\n`, (i) => `${shared(i)}\n\n`),
      })),
      search: ['treaty', 'treaty'],
      compare: [0, 1],
    },
    {
      name: 'kwic',
      what: 'the longest passages, each with a match of the search word every few words (KWIC)',
      files: (bytes) => [{
        name: 'kwic.txt',
        text: paragraphs(bytes, 'Drone strikes\n\n', () => 'drone strike and more words. ', LONG_LINE),
      }],
      search: ['drone'],
      compare: [0],
    },
    {
      name: 'twins',
      what: 'two near-identical imports of the longest passages, one word in a hundred changed (word alignment and word diff)',
      files: (bytes) => [false, true].map((changed) => ({
        name: `twin-${changed ? 'b' : 'a'}.txt`,
        text: paragraphs(bytes, 'Twins\n\nKoala words begin here.\n\n', twin(changed), LONG_LINE),
      })),
      search: ['koala', 'koala'],
      compare: [0, 1],
    },
    {
      name: 'page',
      what: 'a saved web page as large as a file may be: megabytes of styles, scripts, navigation and layout markup around an article as long as a document may keep',
      // Its file is as large as an import takes (`bytes` is the text a document keeps).
      files: (bytes, fileBytes) => [{ name: 'page.html', text: page(fileBytes, bytes - 8 * 1024) }],
      search: ['corridor'],
      compare: [0],
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [folder, bytes = '200000', fileBytes = '5000000'] = process.argv.slice(2);
  if (!folder) throw new Error('usage: node tests/e2e/worst-shapes.mjs <folder> [bytes [file bytes]]');
  mkdirSync(folder, { recursive: true });
  for (const shape of shapes()) {
    for (const f of shape.files(Number(bytes), Number(fileBytes))) writeFileSync(join(folder, f.name), f.text);
  }
}
