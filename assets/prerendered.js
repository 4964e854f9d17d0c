// Prerendered pages (ARCHITECTURE.md, "Prerendered pages"): a page written at build time holds
// one view's text (`<meta name="parallax-prerendered">`: `/` the library, `/read/002` a reader,
// `/explore` the explorer's search box, for any query, `/compare` compare's pickers, for any
// sources with a page), shown at first paint, before the app. Inlined at the top of <head> by
// Trunk (no request, and it runs before the body is read): when the link opened names that view
// (or none: compare's page excepted), the text stays; any other link hides it
// (`html[data-prerendered=other]`) and the loading message shows, so that no other view flashes
// before the app shows the one linked. The same rule as the core's `state::prerendered_page`, by
// which the app writes each link under the page that shows it.
(() => {
  const meta = document.querySelector('meta[name="parallax-prerendered"]');
  const view = meta?.getAttribute('content');
  if (view == null) return;
  const href = location.href;
  const at = href.indexOf('#');
  const fragment = at < 0 ? '' : href.slice(at + 1);
  // The link's path, and whether its only parameter is the corpus version (as the app prints it).
  const q = fragment.indexOf('?');
  const path = q < 0 ? fragment : fragment.slice(0, q);
  const plain = q < 0 || /^v=[0-9a-zA-Z]*$/.test(fragment.slice(q + 1));
  const reader = /^\/read\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  // A text of the link as the core decodes it (`fragment::decode`), byte by byte: each `%XX` its
  // byte, any other byte as written.
  const decode = (text) => {
    const raw = new TextEncoder().encode(text);
    const bytes = [];
    for (let i = 0; i < raw.length; i++) {
      const pair = String.fromCharCode(raw[i + 1], raw[i + 2]);
      if (raw[i] === 0x25 && /^[0-9a-fA-F]{2}$/.test(pair)) {
        bytes.push(parseInt(pair, 16));
        i += 2;
      } else {
        bytes.push(raw[i]);
      }
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  };
  // The link's parameters as the core reads them (`state::raw`): its first 128 non-empty ones;
  // `param(name)` is the first with that exact name, decoded (a bad escape kept as written).
  const params = (q < 0 ? '' : fragment.slice(q + 1))
    .split('&')
    .filter((p) => p !== '')
    .slice(0, 128)
    .map((p) => {
      const at = p.indexOf('=');
      return at < 0 ? [p, ''] : [p.slice(0, at), p.slice(at + 1)];
    });
  const param = (name) => decode(params.find(([k]) => k === name)?.[1] ?? '');
  // Runs `step` before each frame drawn while the page is read, until it has done its work
  // (returns true: the browser may draw frames before the page is all read), then once the page
  // is all read: again if `again`, else only if it never could.
  const beforeFrames = (step, again) => {
    let done = false;
    let reading = true;
    const frame = () => {
      if (reading && !(done = step())) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    document.addEventListener('DOMContentLoaded', () => {
      reading = false;
      if (again || !done) step();
    });
  };
  if (view === '/explore' && (fragment === '' || path === '/explore')) {
    // The explorer: the link's query in the box (and the title) and its mode on the switch,
    // before the first frame that shows them, read as the core reads a link. The rest of the
    // link (filters) is the app's to show. Box and switch are written disabled (without
    // JavaScript they could do nothing): enabled here.
    const fill = () => {
      const box = document.querySelector('.pre-view #q');
      const kwic = document.querySelector('.pre-view #kwic');
      if (!box || !kwic) return false;
      const query = param('q').trim();
      box.value = query;
      kwic.checked = param('mode') === 'kwic';
      box.disabled = false;
      kwic.disabled = false;
      if (query) document.title = `${query} — ${document.title}`;
      return true;
    };
    // Once: what the reader types or switches afterwards is hers (assets/start.js gives it to
    // the app).
    beforeFrames(fill, false);
    return;
  }
  // Compare: the link's sources in the pickers, its theme and switch, before the first frame
  // that shows them, when the app will show just that: two or three different sources, each with
  // a page (`parallax-pages`, as the core's `state::prerendered_page`), and no parameter but the
  // version, the theme and the switch (a theme the reader renamed, joined, hid or added is not
  // among the page's). A theme the page does not list is one the core drops too (with a notice):
  // "All themes". The pickers are written disabled, as the explorer's box: enabled here.
  const compare = /^\/compare\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (view === '/compare' && compare) {
    const pages = (document.querySelector('meta[name="parallax-pages"]')?.getAttribute('content') ?? '').split(' ');
    const docs = compare.slice(1).filter((d) => d !== undefined).map(decode);
    const only = params.every(([k]) => k === 'v' || k === 'theme' || k === 'differ');
    if (only && new Set(docs).size === docs.length && docs.every((d) => pages.includes(d))) {
      const fill = () => {
        const picker = document.querySelector('.pre-view .cmp-picker');
        const last = picker?.querySelector('#only-differ');
        if (!last) return false;
        // As the app's `Picker`: a source in another column says which, and the empty third
        // column cannot take one of the first two (there is none to trade places with).
        for (const select of picker.querySelectorAll('select[data-slot]')) {
          const slot = Number(select.dataset.slot);
          const current = docs[slot] ?? '';
          for (const option of select.options) {
            const column = docs.indexOf(option.value);
            if (option.value !== '' && column >= 0 && option.value !== current) {
              option.textContent += ` (column ${column + 1})`;
              option.disabled = slot >= docs.length;
            }
          }
          select.value = current;
        }
        const theme = picker.querySelector('#cmp-theme');
        theme.value = param('theme');
        if (theme.selectedIndex < 0) theme.value = '';
        last.checked = param('differ') === '1';
        for (const control of picker.querySelectorAll('select, input')) control.disabled = false;
        document.title = `Compare ${docs.join(', ')} — Parallax`;
        return true;
      };
      // Once: what the reader chooses afterwards is hers (assets/start.js gives it to the app).
      beforeFrames(fill, false);
      return;
    }
  }
  // (Compare's page has no view of its own to show for an empty link or any other: the app
  // chooses the sources.)
  const same =
    view !== '/compare' &&
    (fragment === '' ||
    (plain && (view === '/' ? path === '/' || path === '' : reader !== null && `/read/${reader[1]}` === view)));
  if (same) {
    // A passage link: marked and scrolled to here before the first frame that can show it (the
    // browser may draw frames before the page is all read), then once more when the page is all
    // read; so that the first frame that shows the passage shows it where the app will. The
    // browser's own scroll to the fragment (for the block whose id is the link in the form the
    // app writes, `/read/002/p7?v=…`) comes a frame later, and a link without the version, typed
    // or older, has no such block. Each scroll lays the page out: twice in all, not every frame.
    const passage = reader?.[2];
    if (!passage) return;
    const reveal = () => {
      const p = document.querySelector(`.pre-view p.passage[data-passage="${CSS.escape(passage)}"]`);
      if (!p) return false;
      p.classList.add('passage--target');
      p.parentElement.scrollIntoView();
      return true;
    };
    beforeFrames(reveal, true);
    return;
  }
  document.documentElement.setAttribute('data-prerendered', 'other');
  // That view needs the program at once: preloaded from now, as a page with no prerendered text
  // does (the prerendered page waits for its first paint to fetch it, and has no preload).
  const program = meta.getAttribute('data-program');
  if (!program) return;
  const preload = document.createElement('link');
  preload.rel = 'preload';
  preload.as = 'fetch';
  preload.type = 'application/wasm';
  preload.crossOrigin = 'anonymous';
  preload.href = program;
  document.head.append(preload);
})();
