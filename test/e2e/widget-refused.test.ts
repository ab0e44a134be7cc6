/**
 * The chat widget embedded by a site that the service does not allow (its origin is not
 * in ALLOWED_ORIGINS): the reader is told so, once, instead of "Reconnecting…" forever.
 * Chromium resolves the site's name to 127.0.0.1, so its origin is not a loopback one.
 * Needs `npm run build` (the widget bundle).
 */
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { launchBrowser, serveEmbeddingPage } from '../browser';
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
  const page = await serveEmbeddingPage(servicePort);
  host = page.server;
  hostUrl = `http://${SITE}:${page.port}/`;
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
