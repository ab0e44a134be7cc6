/**
 * The chat widget in a real browser (Debian's Chromium, driven by playwright-core),
 * embedded by a page on another origin, showing passages of an article whose text is
 * wrapped over several lines. Needs `npm run build` (the widget bundle).
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, serveEmbeddingPage } from '../browser';
import { buildCorpus } from '../../src/core/corpus';
import { buildIndex } from '../../src/core/search-index';
import { createService, type Service } from '../../src/server/service';
import { articleText, silentLogger, textFile } from '../helpers';


const PASSAGE_LINES = ['The talks', 'lasted for about an', 'hour, officials said.'];
const index = buildIndex(
  buildCorpus([
    textFile(
      'wrapped.md',
      articleText({ id: 'wrapped', title: 'Ministers meet' }, `Ministers meet\n\nThe foreign ministers met in Munich on Saturday. ${PASSAGE_LINES.join('\n')}`),
    ),
  ]),
);

let browser: Browser;
let service: Service;
let host: Server;
let hostUrl: string;

beforeAll(async () => {
  browser = await launchBrowser();
  service = createService({ index, logger: silentLogger });
  const servicePort = (await service.listen(0, '127.0.0.1')).port;
  const page = await serveEmbeddingPage(servicePort);
  host = page.server;
  hostUrl = `http://127.0.0.1:${page.port}/`;
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await service?.close();
  await new Promise((resolve) => host?.close(resolve));
});

async function openPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(hostUrl);
  await page.waitForSelector('citeqa-chat >> .launcher');
  return page;
}

describe('the widget shows passages as running text', () => {
  it('shows a passage wrapped over three lines as one line of text, the matched words marked', async () => {
    const page = await openPage();
    await page.locator('citeqa-chat .launcher').click();
    const input = page.locator('citeqa-chat textarea');
    await input.fill('How long did the talks last?');
    await input.press('Enter');
    const passage = page.locator('citeqa-chat article.answer ol.passages > li').first();
    await passage.waitFor();
    // The passage's own text: its text nodes and marks, without the number and citation.
    const shown = await passage.evaluate((li) =>
      [...li.childNodes]
        .filter((node) => node.nodeType === 3 || node.nodeName === 'MARK')
        .map((node) => node.textContent)
        .join(''),
    );
    expect(shown).toBe(PASSAGE_LINES.join(' '));
    expect(await passage.locator('mark').allTextContents()).toEqual(['talks', 'lasted']);
    await page.context().close();
  });
});
