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
    const status = document.querySelector('.shell-status');
    if (status) status.hidden = true;
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
