/**
 * Reloads with an answer worker: the next index is built aside in both threads and put in
 * service in both, or in neither.
 */
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CorpusError } from '../../src/core/errors';
import type { SentenceIndex } from '../../src/core/search-index';
import { loadIndex } from '../../src/node/load-index';
import { workerAnswerer } from '../../src/server/answerer';
import { createService, type Service } from '../../src/server/service';
import { articleText, silentLogger } from '../helpers';

describe('reloading with an answer worker', () => {
  let dir: string;
  let service: Service;
  let address: AddressInfo;

  /** The documents of the index this thread serves. */
  const documents = async () => ((await (await fetch(`http://127.0.0.1:${address.port}/healthz`)).json()) as { documents: number }).documents;
  /** Whether the answerer (the worker) answers `question`: HTTP questions go to it. */
  const answers = async (question: string) =>
    ((await (await fetch(`http://127.0.0.1:${address.port}/api/ask?q=${encodeURIComponent(question)}`)).json()) as { answered: boolean }).answered;
  const build = async () => (await loadIndex({ corpusDir: dir })).index;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'citeqa-reload-'));
    await writeFile(path.join(dir, 'one.md'), articleText({ id: 'one' }, 'Headline\n\nThe ministers met in Munich.'));
    // No answering budget: a cold worker's first questions may take long, and are not what is tested.
    service = createService({ index: await build(), answerer: await workerAnswerer({ corpusDir: dir }), logger: silentLogger, limits: { answerMsPerIp: 0 } });
    address = await service.listen(0, '127.0.0.1');
  });

  afterEach(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts the new index in service in both threads', async () => {
    expect([await documents(), await answers('Who grows tulips?')]).toEqual([1, false]);
    await writeFile(path.join(dir, 'two.md'), articleText({ id: 'two' }, 'Headline\n\nThe farmers grow tulips in Holland.'));
    const next = await service.reload(build);
    expect(next.corpus.documents).toHaveLength(2);
    expect([await documents(), await answers('Who grows tulips?')]).toEqual([2, true]);
  });

  it("keeps the old index answering in both threads when this thread's build fails", async () => {
    await writeFile(path.join(dir, 'two.md'), articleText({ id: 'two' }, 'Headline\n\nThe farmers grow tulips in Holland.'));
    // The worker builds the new corpus; this thread's build fails.
    const failing = async (): Promise<SentenceIndex> => {
      throw new CorpusError([{ file: 'two.md', message: 'unreadable' }]);
    };
    await expect(service.reload(failing)).rejects.toBeInstanceOf(CorpusError);
    expect([await documents(), await answers('Who grows tulips?')]).toEqual([1, false]);
  });

  it("keeps the old index answering in both threads when the worker's build fails", async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'citeqa-reload-'));
    try {
      // This thread builds a good corpus of two; the worker reads a broken one.
      await writeFile(path.join(elsewhere, 'one.md'), articleText({ id: 'one' }, 'Headline\n\nThe ministers met in Munich.'));
      await writeFile(path.join(elsewhere, 'two.md'), articleText({ id: 'two' }, 'Headline\n\nThe farmers grow tulips in Holland.'));
      await writeFile(path.join(dir, 'two.md'), articleText({ id: 'two' }, 'Headline\n\nThe farmers grow tulips in Holland.'));
      await writeFile(path.join(dir, 'three.md'), 'no front matter');
      await expect(service.reload(async () => (await loadIndex({ corpusDir: elsewhere })).index)).rejects.toMatchObject({ code: 'corpus_invalid' });
      expect([await documents(), await answers('Who grows tulips?')]).toEqual([1, false]);
      expect(await answers('Where did the ministers meet?')).toBe(true);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('reloads once more after the running reload when asked during it', async () => {
    let builds = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const first = service.reload(async () => {
      builds++;
      await released; // the corpus changes while this reload runs
      return build();
    });
    const again = service.reload(async () => {
      builds++;
      return build();
    });
    // Written aside and renamed into place, as a deployment should: the answer worker's
    // build of the first reload reads the directory meanwhile and must not meet half a file.
    await writeFile(path.join(dir, 'two.tmp'), articleText({ id: 'two' }, 'Headline\n\nThe farmers grow tulips in Holland.'));
    await rename(path.join(dir, 'two.tmp'), path.join(dir, 'two.md'));
    release();
    expect((await first).corpus.documents.length).toBeGreaterThanOrEqual(1);
    expect((await again).corpus.documents).toHaveLength(2);
    expect(builds).toBe(2);
    expect([await documents(), await answers('Who grows tulips?')]).toEqual([2, true]);
  });
});
