/**
 * Debian's Chromium for the browser tests, driven by playwright-core (never a browser
 * download). The flags keep it from reaching out: these machines have no network.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium; `extraArgs` add to the usual flags. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...extraArgs],
  });
}

/**
 * A news site's page that embeds the widget from the service on `servicePort`, served on
 * a loopback port of its own (another origin). Resolves with its server and port.
 */
export async function serveEmbeddingPage(servicePort: number): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><title>A news site</title></head><body><h1>A news site</h1>
<script src="http://127.0.0.1:${servicePort}/widget.js" defer></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
