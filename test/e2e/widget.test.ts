/**
 * The chat widget in a real browser (Debian's Chromium, driven by playwright-core),
 * embedded by a page on another origin, against the real server.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../browser';
import { createService, type Service } from '../../src/server/service';
import { SEED_ID, seedIndexOnce, silentLogger } from '../helpers';

// Browser globals, as the functions passed to page.evaluate see them (this file is
// type-checked without the DOM library, like the server code it sits beside).
declare const document: { activeElement: { shadowRoot: { activeElement: { tagName: string; className: string } | null } | null } | null };
declare const window: unknown;
declare function getComputedStyle(element: unknown): { backgroundColor: string; fontSize: string };

/**
 * Where the screenshots go: test-output/screenshots (ignored by git), so that a test run
 * leaves the tree as it was; `npm run screenshots` points SCREENSHOTS_DIR at the README's
 * docs/screenshots to refresh them.
 */
const SCREENSHOTS = path.resolve(process.env.SCREENSHOTS_DIR ?? path.join(__dirname, '..', '..', 'test-output', 'screenshots'));
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const index = seedIndexOnce();

let browser: Browser;
let service: Service;
let servicePort: number;
let host: Server;
let hostUrl: string;
/** Attributes of the embedding script tag, per test. */
let scriptAttributes = '';

async function startService(port = 0): Promise<void> {
  service = createService({ index, logger: silentLogger });
  servicePort = (await service.listen(port, '127.0.0.1')).port;
}

beforeAll(async () => {
  browser = await launchBrowser();
  await startService();
  // The embedding page: another origin (another port), with a strict CSP and its own CSS
  // that must not reach into the widget.
  host = createServer((_req, res) => {
    res.setHeader('Content-Security-Policy', `default-src 'self'; script-src http://127.0.0.1:${servicePort}; connect-src ws://127.0.0.1:${servicePort} http://127.0.0.1:${servicePort}; img-src 'none'`);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><head><title>A news site</title><style>button { background: red !important; } * { font-family: serif; }</style></head>
<body><h1>A news site</h1><p>Article text.</p>
<script src="http://127.0.0.1:${servicePort}/widget.js" ${scriptAttributes} defer></script></body></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await new Promise((resolve) => host?.close(resolve));
});

async function openPage(options: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1200, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(hostUrl);
  await page.waitForSelector('citeqa-chat >> .launcher');
  return page;
}

async function askInWidget(page: Page, question: string): Promise<void> {
  const input = page.locator('citeqa-chat textarea');
  await input.fill(question);
  await input.press('Enter');
}

const answers = (page: Page) => page.locator('citeqa-chat article.answer');

describe('the widget embedded on another site', () => {
  afterEach(() => {
    scriptAttributes = '';
  });

  it('answers "How long did the meeting last?" with the short answer and citation [1], which opens the sentence', async () => {
    const page = await openPage();
    await page.locator('citeqa-chat .launcher').click();
    // Suggested questions come from /api/suggestions: the page's connect-src allows the
    // service's http origin as well as its ws one, as the README says it must.
    await page.locator('citeqa-chat .suggestions button').first().waitFor({ timeout: 5000 });
    await askInWidget(page, 'How long did the meeting last?');
    const answer = answers(page).last();
    await answer.waitFor();
    await expect(answer.locator('.short').textContent()).resolves.toBe('about an hour');
    const first = answer.locator('ol.passages > li').first();
    await expect(first.locator('.passage-number').textContent()).resolves.toBe('[1]');
    const link = first.locator('.cite a');
    expect(await link.getAttribute('href')).toBe(`http://127.0.0.1:${servicePort}/docs/${SEED_ID}#s2`);
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    // The page's CSS does not reach the widget's buttons.
    expect(await page.locator('citeqa-chat .send').evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe('rgb(255, 0, 0)');

    const docs = await page.context().newPage();
    await docs.goto((await link.getAttribute('href'))!);
    const target = docs.locator('#s2');
    expect(await target.textContent()).toContain('which lasted for about an hour.');
    expect(await target.evaluate((node) => getComputedStyle(node).backgroundColor)).toBe('rgb(255, 240, 168)');
    expect(await target.isVisible()).toBe(true);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('suggests completions while typing, and counts a thumbs up', async () => {
    const page = await openPage();
    await page.locator('citeqa-chat .launcher').click();
    // Suggestions are asked for only over an open connection: typing before it opens asks none.
    await page.locator('citeqa-chat .status[data-state="open"]').waitFor({ state: 'attached' });
    await page.locator('citeqa-chat textarea').pressSequentially('peace tre', { delay: 20 });
    const suggestion = page.locator('citeqa-chat .suggestions button', { hasText: 'peace treaty' });
    await suggestion.waitFor();
    await suggestion.click();
    expect(await page.locator('citeqa-chat textarea').inputValue()).toBe('peace treaty ');
    await page.locator('citeqa-chat textarea').press('Enter');
    const answer = answers(page).last();
    await answer.waitFor();
    const before = await service.metrics.feedback.get();
    const count = (values: typeof before) => values.values.find((v) => v.labels.rating === 'up')?.value ?? 0;
    await answer.getByRole('button', { name: 'Helpful', exact: true }).click();
    expect(await answer.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed')).toBe('true');
    // The server takes a socket's messages in order: once a later question is answered,
    // the feedback sent before it has been counted.
    await askInWidget(page, 'Lavrov');
    await answers(page).nth(1).waitFor();
    expect(count(await service.metrics.feedback.get())).toBe(count(before) + 1);
    await page.context().close();
  });

  it('offers window.citeqa.open/ask/close and tells the page with DOM events', async () => {
    const page = await openPage();
    await page.evaluate(() => {
      const scope = globalThis as unknown as { events: string[]; document: { addEventListener(name: string, listener: (event: { type: string; detail: unknown }) => void): void } };
      scope.events = [];
      for (const name of ['citeqa:opened', 'citeqa:closed', 'citeqa:answered']) {
        scope.document.addEventListener(name, (event) => scope.events.push(`${event.type} ${JSON.stringify(event.detail)}`));
      }
    });
    await page.evaluate(() => (globalThis as unknown as { citeqa: { ask(q: string): Promise<void> } }).citeqa.ask('Who sent a New Year message?'));
    expect(await answers(page).last().locator('.short').textContent()).toBe('Putin');
    await page.evaluate(() => (globalThis as unknown as { citeqa: { close(): void } }).citeqa.close());
    expect(await page.locator('citeqa-chat .panel').isHidden()).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { events: string[] }).events)).toEqual([
      'citeqa:opened {}',
      'citeqa:answered {"question":"Who sent a New Year message?","answered":true}',
      'citeqa:closed {}',
    ]);
    await page.context().close();
  });

  it('shows a question full of markup as text, and runs nothing', async () => {
    const page = await openPage();
    await page.locator('citeqa-chat .launcher').click();
    const hostile = '<img src=x onerror=alert(1)> <script>alert(2)</script> "Lavrov"';
    await askInWidget(page, hostile);
    await answers(page).last().waitFor();
    const question = page.locator('citeqa-chat .question').last();
    expect(await question.evaluate((node) => node.lastChild?.textContent)).toBe(hostile);
    expect(await page.locator('citeqa-chat img').count()).toBe(0);
    expect(await page.locator('citeqa-chat script').count()).toBe(0);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
  });

  it('shows the connection state while the server restarts, and answers a question typed meanwhile exactly once', async () => {
    const page = await openPage();
    await page.locator('citeqa-chat .launcher').click();
    await askInWidget(page, 'Who sent a New Year message?');
    await answers(page).first().waitFor();

    await service.close();
    const status = page.locator('citeqa-chat .status');
    await status.filter({ hasText: 'Reconnecting' }).waitFor();
    await askInWidget(page, 'How long did the meeting last?');
    await page.locator('citeqa-chat .question').nth(1).waitFor(); // shown, waiting for the connection
    expect(await answers(page).count()).toBe(1);

    await startService(servicePort);
    // The widget reconnects with a random backoff of up to 10 s.
    await answers(page).nth(1).waitFor({ timeout: 30_000 });
    // A socket's questions are answered in order: a duplicate of the question typed while
    // the server was down would come before the answer to one asked now.
    await askInWidget(page, 'Who is Sergey Lavrov?');
    await answers(page).nth(2).waitFor();
    expect(await answers(page).count()).toBe(3);
    expect(await answers(page).nth(1).locator('.short').textContent()).toBe('about an hour');
    expect(await status.getAttribute('data-state')).toBe('open');
    expect(await page.locator('citeqa-chat .log').textContent()).not.toMatch(/Error|undefined|CiteqaClientError/);
    await page.context().close();
  }, 45_000);

  it('works by keyboard alone, and Escape returns focus to the launcher', async () => {
    const page = await openPage();
    await page.keyboard.press('Tab'); // the launcher is the page's only focusable control
    await page.keyboard.press('Enter');
    const focusedTag = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName);
    expect(await focusedTag()).toBe('TEXTAREA');
    await page.keyboard.type('Which islands are disputed?');
    await page.keyboard.press('Enter');
    await answers(page).last().waitFor();
    // Shift+Tab from the input walks back through the answer's controls.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(['BUTTON', 'A', 'SUMMARY', 'DIV']).toContain(await focusedTag());
    await page.keyboard.press('Escape');
    expect(await page.locator('citeqa-chat .panel').isHidden()).toBe(true);
    expect(await focusedTag()).toBe('BUTTON');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className)).toBe('launcher');
    await page.context().close();
  });

  it.each(['light', 'dark'] as const)('has no serious or critical accessibility violations (%s theme)', async (theme) => {
    scriptAttributes = `data-theme="${theme}"`;
    // The scanner is injected as an inline script, which the page's CSP (rightly) forbids.
    const page = await openPage({ colorScheme: theme, bypassCSP: true });
    await page.locator('citeqa-chat .launcher').click();
    await askInWidget(page, 'How long did the meeting last?');
    await answers(page).last().waitFor();
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
      const result = await axe.run({ include: [['citeqa-chat']] }, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('restores the conversation on reload, and "New conversation" clears it', async () => {
    const page = await openPage();
    await page.locator('citeqa-chat .launcher').click();
    await askInWidget(page, 'Who is Sergey Lavrov?');
    await answers(page).last().waitFor();
    await page.reload();
    await page.locator('citeqa-chat .launcher').click();
    expect(await answers(page).count()).toBe(1);
    expect(await page.locator('citeqa-chat .question').textContent()).toContain('Who is Sergey Lavrov?');
    await page.locator('citeqa-chat .icon-button', { hasText: 'New conversation' }).click();
    expect(await answers(page).count()).toBe(0);
    await page.reload();
    await page.locator('citeqa-chat .launcher').click();
    expect(await answers(page).count()).toBe(0);
    await page.context().close();
  });

  it("fills the service's own page, under the service's CSP, and copies an answer with its citations", async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      // A CSP violation or a failed request shows here (the page has no favicon: not an error of ours).
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
    });
    await page.goto(`http://127.0.0.1:${servicePort}/`);
    expect(await page.locator('citeqa-chat .launcher').isHidden()).toBe(true);
    await page.locator('citeqa-chat .suggestions button').first().waitFor(); // suggested questions, from the corpus
    await askInWidget(page, 'Which islands are disputed?');
    const answer = answers(page).last();
    await answer.waitFor();
    // Headless Chromium has no system clipboard to read back: record what is written.
    await page.evaluate(() => {
      const scope = globalThis as unknown as { copied: string; navigator: { clipboard: { writeText(text: string): Promise<void> } } };
      scope.navigator.clipboard.writeText = (text: string) => {
        scope.copied = text;
        return Promise.resolve();
      };
    });
    await answer.getByRole('button', { name: 'Copy' }).click();
    await answer.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => (globalThis as unknown as { copied: string }).copied);
    expect(copied).toContain('Q: Which islands are disputed?');
    expect(copied).toContain('A: Iturup, Kunashir, Shikotan and Habomai');
    expect(copied).toContain(`[1] "The main issue holding the two countries back`);
    expect(copied).toContain(`http://127.0.0.1:${servicePort}/docs/${SEED_ID}#s9`);
    expect(await page.locator('main > ul a').first().getAttribute('href')).toBe(`/docs/${SEED_ID}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each([
    ['desktop-light', { width: 1280, height: 860 }, 'light'],
    ['desktop-dark', { width: 1280, height: 860 }, 'dark'],
    ['phone-light', { width: 390, height: 844 }, 'light'],
    ['phone-dark', { width: 390, height: 844 }, 'dark'],
  ] as const)('writes a screenshot: %s', async (name, viewport, theme) => {
    scriptAttributes = `data-theme="${theme}" data-storage="none"`;
    const page = await openPage({ viewport, colorScheme: theme });
    await page.locator('citeqa-chat .launcher').click();
    await askInWidget(page, 'How long did the meeting last?');
    await answers(page).last().waitFor();
    if (viewport.width < 600) {
      // Full screen on a phone, and the input's text is large enough not to zoom.
      const box = await page.locator('citeqa-chat .panel').boundingBox();
      expect(box).toMatchObject({ x: 0, y: 0, width: viewport.width });
      expect(await page.locator('citeqa-chat textarea').evaluate((t) => parseFloat(getComputedStyle(t).fontSize))).toBeGreaterThanOrEqual(16);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, `widget-${name}.png`) }); // playwright makes the folder
    await page.context().close();
  });
});
