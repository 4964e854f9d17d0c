// Focus and edits across the take-over: the app replaces a prerendered page with the same
// content. The control a reader focused before it did (found again by its place among the
// controls of `<main>`, checked by its tag and text) has focus again in the app's page; what she
// typed in a box, chose or switched (the explorer's search box and switch, compare's pickers)
// is given to the app's control of the same id as if she had done it there, so the app shows
// what she asked for.
(() => {
  const root = document.documentElement;
  if (!document.querySelector('meta[name="parallax-prerendered"]')) return;
  const CONTROLS = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const controls = () => [...(document.getElementById('main')?.querySelectorAll(CONTROLS) ?? [])];
  let focused = null;
  const note = (event) => {
    if (root.hasAttribute('data-ready')) return;
    const el = event.target;
    if (event.type === 'focusin') {
      const at = controls().indexOf(el);
      focused = at < 0 ? null : { at, tag: el.tagName, text: el.textContent };
    } else if (!event.relatedTarget) {
      // Focus left for nowhere: the reader's doing, unless the app is taking the control out of
      // the page (the browser says so while the control is still in it; a moment later it is not).
      queueMicrotask(() => {
        if (el.isConnected) focused = null;
      });
    }
  };
  // The last value of each control of the prerendered view the reader changed, by its id.
  const edits = new Map();
  const edit = (event) => {
    const el = event.target;
    if (root.hasAttribute('data-ready') || !el.id || !el.closest('.pre-view')) return;
    edits.set(el.id, el.type === 'checkbox' ? { checked: el.checked } : { value: el.value });
  };
  document.addEventListener('focusin', note);
  document.addEventListener('focusout', note);
  document.addEventListener('input', edit);
  document.addEventListener('change', edit);
  new MutationObserver((_, observer) => {
    if (!root.hasAttribute('data-ready')) return;
    observer.disconnect();
    document.removeEventListener('focusin', note);
    document.removeEventListener('focusout', note);
    document.removeEventListener('input', edit);
    document.removeEventListener('change', edit);
    // One edit a task: the app draws the view an edit asked for before it hears the next (each
    // of its controls acts on the view drawn last).
    const pending = [...edits];
    const next = () => {
      const [id, was] = pending.shift() ?? [];
      const el = id && document.getElementById(id);
      if (el && !el.closest('.pre-view')) {
        if ('checked' in was) {
          if (el.checked !== was.checked) el.click();
        } else if (el.value !== was.value) {
          el.value = was.value;
          // A box tells the app as it is typed in; a list (compare's pickers) once a choice is made.
          el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
        }
      }
      if (pending.length > 0) {
        setTimeout(next);
        return;
      }
      const control = focused && controls()[focused.at];
      if (control && control.tagName === focused.tag && control.textContent === focused.text) control.focus({ preventScroll: true });
    };
    next();
  }).observe(root, { attributes: true, attributeFilter: ['data-ready'] });
})();

// Start-up watch: until the app has started, a failure to load its program (the wasm-bindgen JS
// or the wasm) turns the page's "Loading the sources…" into a message that says what happened.
// Plain script, loaded before Trunk's start-up module, so that it hears that module's failure:
// a script element that cannot be fetched fires `error` (seen here in the capture phase), and a
// failed fetch, compile or start of the wasm rejects the module's `await init(…)` (an uncaught
// error or an unhandled rejection). Once the app has marked itself ready (`html[data-ready]`),
// this stays quiet. No timer: a slow network is not a failure.
(() => {
  const started = () => document.documentElement.hasAttribute('data-ready');

  const fail = () => {
    if (started()) return;
    let message = document.querySelector('.shell-failed');
    if (!message) {
      // The app had already emptied the page when it failed: say it in a page of its own.
      const main = document.createElement('main');
      main.id = 'main';
      message = document.createElement('p');
      message.className = 'shell-failed';
      message.setAttribute('role', 'alert');
      message.textContent = 'Parallax could not start: its program did not load. Check the connection and reload the page.';
      main.append(message);
      document.body.append(main);
    }
    message.hidden = false;
    for (const status of document.querySelectorAll('.shell-status')) status.hidden = true;
    // The prerendered view's controls (the explorer's box and switch, compare's pickers) can do
    // nothing now.
    for (const control of document.querySelectorAll('.pre-view input, .pre-view select')) control.disabled = true;
    document.documentElement.setAttribute('data-start-failed', 'true');
  };

  window.addEventListener(
    'error',
    (event) => {
      const target = event.target;
      // A script that could not be fetched (the start-up module or the JS it imports), or an
      // error thrown while the program starts.
      if (target instanceof HTMLScriptElement || event instanceof ErrorEvent) fail();
    },
    true,
  );
  window.addEventListener('unhandledrejection', fail);
})();
