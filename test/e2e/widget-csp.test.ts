/**
 * The widget bundle, which validates what the server sends with zod, must evaluate no
 * strings: pages with a strict Content-Security-Policy forbid it, and report even an
 * attempt that the code catches. Needs `npm run build` (dist/public/widget.js).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../browser';

const WIDGET = readFileSync(path.join(__dirname, '..', '..', 'dist', 'public', 'widget.js'), 'utf8');

/** Records every CSP violation, and after the page has loaded evaluates a marked string itself, as a control that arrives after anything the widget did. */
const PROBE = `
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push({ directive: event.effectiveDirective, blocked: event.blockedURI, sample: event.sample });
});
window.addEventListener('load', () => {
  try { new Function('/*control*/'); } catch (error) { /* refused, and reported */ }
});
`;

let browser: Browser;
let server: Server;
let url: string;

beforeAll(async () => {
  browser = await launchBrowser();
  server = createServer((req, res) => {
    if (req.url === '/probe.js' || req.url === '/widget.js') {
      res.setHeader('Content-Type', 'text/javascript');
      res.end(req.url === '/probe.js' ? PROBE : WIDGET);
      return;
    }
    res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self' 'report-sample'");
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end('<!doctype html><html lang="en"><head><title>A strict page</title><script src="/probe.js"></script></head><body><script src="/widget.js" defer></script></body></html>');
  });
  // The widget tries to connect; nobody answers.
  server.on('upgrade', (_req, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

it('loads the widget under a CSP without unsafe-eval, with no violation', async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    await page.locator('citeqa-chat').waitFor({ state: 'attached' });
    await page.waitForFunction(() => (globalThis as unknown as { violations: unknown[] }).violations.length > 0);
    const violations = await page.evaluate(() => (globalThis as unknown as { violations: unknown[] }).violations);
    expect(violations).toEqual([{ directive: 'script-src', blocked: 'eval', sample: expect.stringContaining('/*control*/') }]);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
