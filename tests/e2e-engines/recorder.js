// Test-only: added by tests/e2e-engines/engines.mjs to a copy of the release build, as the first
// script of index.html (a same-origin file, which the build's Content-Security-Policy allows).
// Records everything the page says or fails at into sessionStorage, so that it survives a reload
// and the test reads it back through WebDriver: every console call, uncaught errors, resources
// that failed to load, unhandled promise rejections and Content-Security-Policy violations.
(() => {
  const KEY = 'parallax-engines-log';
  const MARKER = /^parallax-engines-marker-/;
  let log;
  try {
    log = JSON.parse(sessionStorage.getItem(KEY) || '[]');
  } catch {
    log = ['recorder: sessionStorage unreadable'];
  }
  const save = () => {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(log));
    } catch {
      // Storage full or refused: the entry stays in `log`, which the test can still read.
    }
  };
  const add = (line) => {
    log.push(String(line).slice(0, 600));
    save();
  };
  // Written at once, so that the test can tell the recorder ran from an empty log.
  save();
  const show = (v) => {
    if (v instanceof Error) return v.stack || `${v.name}: ${v.message}`;
    if (typeof v === 'string') return v;
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  };
  for (const type of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'dirxml', 'table', 'assert', 'count', 'timeLog']) {
    const original = console[type];
    if (typeof original !== 'function') continue;
    console[type] = function (...args) {
      const text = (type === 'assert' ? args.slice(1) : args).map(show).join(' ');
      if (!(type === 'assert' && args[0]) && !MARKER.test(text)) add(`console.${type}: ${text}`);
      return original.apply(this, args);
    };
  }
  addEventListener(
    'error',
    (e) => {
      if (e instanceof ErrorEvent) add(`pageerror: ${e.message} (${e.filename}:${e.lineno}:${e.colno})`);
      else if (e.target && e.target !== window) add(`failed to load: <${e.target.tagName?.toLowerCase()}> ${e.target.src || e.target.href || ''}`);
    },
    true,
  );
  addEventListener('unhandledrejection', (e) => add(`unhandledrejection: ${show(e.reason)}`));
  document.addEventListener('securitypolicyviolation', (e) => add(`csp violation: ${e.effectiveDirective} ${e.blockedURI}`));
  window.__parallaxEngines = { log };
})();
