import { startServer, launchBrowser } from './harness.mjs';
const [root, hash, out, w, h, open] = process.argv.slice(2);
const server = await startServer(root);
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
await page.goto(`${server.origin}/${hash}`);
await page.locator('[data-ready]').first().waitFor({ state: 'attached' }).catch(() => {});
await page.locator('.cmp-matched').waitFor();
if (open) {
  await page.locator('.cmp-matched-all > summary').click();
  await page.locator('.cmp-matched-row').first().waitFor();
}
await page.locator('.cmp-matched').evaluate((s) => s.scrollIntoView({ block: 'start' }));
await page.screenshot({ path: out });
await browser.close();
await server.close();
