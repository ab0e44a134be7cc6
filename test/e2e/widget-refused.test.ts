/**
 * The chat widget embedded by a site that the service does not allow (its origin is not
 * in ALLOWED_ORIGINS): the reader is told so, once, instead of "Reconnecting…" forever.
 * Chromium resolves the site's name to 127.0.0.1, so its origin is not a loopback one.
 * Needs `npm run build` (the widget bundle).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../browser';
import { createService, type Service } from '../../src/server/service';
import { seedIndexOnce, silentLogger } from '../helpers';

const SITE = 'news.example';

let browser: Browser;
let service: Service;
let host: Server;
let hostUrl: string;

beforeAll(async () => {
  browser = await launchBrowser([`--host-resolver-rules=MAP ${SITE} 127.0.0.1`]);
  service = createService({ index: seedIndexOnce(), logger: silentLogger });
  const servicePort = (await service.listen(0, '127.0.0.1')).port;
  host = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><title>A news site</title></head><body><h1>A news site</h1>
<script src="http://127.0.0.1:${servicePort}/widget.js" defer></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://${SITE}:${(host.address() as AddressInfo).port}/`;
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await new Promise((resolve) => host?.close(resolve));
});

it('tells the reader of a site the service refuses that the site is not allowed, and lets nothing be typed', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(hostUrl);
  await page.locator('citeqa-chat .launcher').click();
  const status = page.locator('citeqa-chat .status');
  await status.filter({ hasText: 'not allowed' }).waitFor();
  expect(await status.getAttribute('data-state')).toBe('refused');
  expect(await status.textContent()).toBe('This site is not allowed to use this service, so questions cannot be asked here.');
  expect(await page.locator('citeqa-chat textarea').isDisabled()).toBe(true);
  expect(await page.locator('citeqa-chat .send').isDisabled()).toBe(true);
  await context.close();
});
