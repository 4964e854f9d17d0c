// What an attacker who found a way to run one line in the page would try: a script element, an
// HTML string with markup, an image from another origin. Shared by the served build's policy
// test (csp.test.mjs) and the single file's (bundle.test.mjs).

/** Tries each injection in `page`; reports what happened to each. */
export function injectHostile(page) {
  return page.evaluate(async () => {
    const out = {};
    const script = document.createElement('script');
    try {
      script.textContent = 'window.__injected = true;';
      out.scriptText = 'set';
    } catch (e) {
      out.scriptText = e.name;
    }
    document.body.append(script);
    try {
      document.body.insertAdjacentHTML('beforeend', '<p id="injected-html">x</p><img src="http://198.51.100.7/html.png">');
      out.html = 'inserted';
    } catch (e) {
      out.html = e.name;
    }
    const img = new Image();
    out.image = await new Promise((resolve) => {
      img.onload = () => resolve('load');
      img.onerror = () => resolve('error');
      img.src = 'http://198.51.100.7/pixel.png';
      document.body.append(img);
    });
    // A script that was allowed would have run by now (it runs when appended).
    out.ran = window.__injected === true;
    img.remove();
    script.remove();
    document.getElementById('injected-html')?.remove();
    return out;
  });
}
