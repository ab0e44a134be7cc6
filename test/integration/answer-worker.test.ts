/**
 * Questions answered in a worker thread: the same answers as in-process, follow-ups
 * carried across the thread boundary, and reloads.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ask } from '../../src/core/answer';
import { workerAnswerer } from '../../src/server/answerer';
import { createService } from '../../src/server/service';
import { articleText, FIXTURE_CORPUS_DIR, seedIndexOnce, silentLogger } from '../helpers';
import { connect } from '../ws-client';

describe('the answer worker', () => {
  it('answers over WebSocket as the process itself would, follow-ups included', async () => {
    const index = seedIndexOnce();
    const answerer = await workerAnswerer({ corpusDir: FIXTURE_CORPUS_DIR });
    // Warmed up before it was ready, without a failing question.
    expect(answerer.warmUp.error).toBeUndefined();
    expect(answerer.warmUp.ms).toBeGreaterThan(0);
    // No answering budget: a cold worker's first answers may be slow on a loaded machine.
    const service = createService({ index, logger: silentLogger, answerer, limits: { answerMsPerIp: 0 } });
    const { port } = await service.listen(0, '127.0.0.1');
    try {
      const socket = await connect(`ws://127.0.0.1:${port}/ws`);
      await socket.next();
      for (const question of ['How long did the meeting last?', 'What is the capital of France?', 'Did Lavorv accept the invitation?']) {
        socket.sendJson({ type: 'ask', id: question, question });
        const { type: _type, id: _id, ...answer } = await socket.next();
        expect(answer).toEqual(JSON.parse(JSON.stringify(ask(index, question))));
      }
      socket.sendJson({ type: 'ask', question: 'What did Putin and Abe agree on in 2016?' });
      await socket.next();
      socket.sendJson({ type: 'ask', question: 'Where would they do that?' });
      expect(await socket.next()).toMatchObject({ answered: true, short: { text: 'southern Kuril Islands' } });
      socket.sendJson({ type: 'ask', id: 'bad', question: 'x', limit: 99 });
      expect(await socket.next()).toMatchObject({ type: 'error', id: 'bad', code: 'bad_request' });
      socket.ws.close();
    } finally {
      await service.close(); // also stops the worker
    }
  });

  it('reloads its index from the source, and reports a corpus that cannot be loaded', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'citeqa-worker-'));
    try {
      await writeFile(path.join(dir, 'one.md'), articleText({ id: 'one' }, 'Headline\n\nThe ministers met in Munich.'));
      const answerer = await workerAnswerer({ corpusDir: dir });
      expect((await answerer.converse('Where did the ministers meet?', {})).answer.answered).toBe(true);
      expect((await answerer.converse('Who grows tulips?', {})).answer.answered).toBe(false);
      await writeFile(path.join(dir, 'two.md'), articleText({ id: 'two' }, 'Headline\n\nThe farmers grow tulips in Holland.'));
      await answerer.reload?.();
      expect((await answerer.converse('Who grows tulips?', {})).answer.answered).toBe(true);
      await writeFile(path.join(dir, 'three.md'), 'no front matter');
      await expect(answerer.reload?.()).rejects.toMatchObject({ code: 'corpus_invalid' });
      expect((await answerer.converse('Who grows tulips?', {})).answer.answered).toBe(true); // the old index still answers
      await answerer.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('fails to start on a corpus that cannot be loaded', async () => {
    await expect(workerAnswerer({ corpusDir: path.join(tmpdir(), 'citeqa-no-such-dir') })).rejects.toThrow(/cannot read the corpus directory/);
  });
});
