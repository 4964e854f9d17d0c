// Offline use: registers the service worker (tools/sw.mjs writes it at build time) and, when a
// new version has been installed beside the one running, asks the reader to reload rather than
// swapping it in. Plain script, no framework: it must work before and without the app. Nothing
// here runs from a file:// page (the single-file bundle), where service workers do not exist.
(() => {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;

  // Under the served build's Trusted Types policy (tools/csp.mjs) a script URL must come from
  // a policy: this one makes exactly one, the service worker's.
  const workerUrl = () => {
    if (!window.trustedTypes) return './sw.js';
    const policy = window.trustedTypes.createPolicy('parallax', {
      createScriptURL: (url) => {
        if (url !== './sw.js') throw new TypeError(`parallax: no script from ${url}`);
        return url;
      },
    });
    return policy.createScriptURL('./sw.js');
  };

  let reloading = false;
  const prompt = (waiting) => {
    if (document.querySelector('.update-prompt')) return;
    const box = document.createElement('div');
    box.className = 'update-prompt';
    box.setAttribute('role', 'status');
    const text = document.createElement('p');
    text.textContent = 'A new version of Parallax is ready.';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Reload to update';
    button.addEventListener('click', () => {
      button.disabled = true;
      waiting.postMessage('parallax:update');
    });
    box.append(text, button);
    document.body.append(box);
  };

  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The new version took over because the reader asked for it: load its files, all of them.
    if (reloading || !document.querySelector('.update-prompt')) return;
    reloading = true;
    location.reload();
  });

  window.addEventListener('load', async () => {
    let registration;
    try {
      registration = await navigator.serviceWorker.register(workerUrl());
    } catch {
      registration = null;
    }
    // No offline copy (a private window, a blocked worker): the app still runs online.
    if (!registration) return;
    const watch = (worker) => {
      if (!worker) return;
      const ready = () => worker.state === 'installed' && navigator.serviceWorker.controller && prompt(worker);
      ready();
      worker.addEventListener('statechange', ready);
    };
    watch(registration.waiting);
    registration.addEventListener('updatefound', () => watch(registration.installing));
  });
})();
