/**
 * SIGTERM while expensive questions flood the service, over WebSocket and HTTP: the
 * process still exits 0 within the 10 s a process manager allows.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { FIXTURE_CORPUS_DIR } from '../helpers';
import { connect, type TestSocket } from '../ws-client';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The costliest kind of question still accepted (`npm run bench -- --only hostile`): 110
 * eight-letter words no article holds, each looked up, stemmed and tried for typos.
 * Different words for each question, so that no analysis is remembered.
 */
const expensive = (n: number) =>
  Array.from({ length: 110 }, (_, i) => {
    let word = '';
    for (let k = n * 110 + i + 1; word.length < 8; k = Math.floor(k / 26) || k + 7) word += String.fromCharCode(97 + (k % 26));
    return word;
  }).join(' ');

describe('the service process under a flood', () => {
  it('exits 0 within 10 s of SIGTERM, every question answered or refused with shutting_down', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      // No answering budget and a large burst: every question of the flood is taken.
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', CORPUS_DIR: FIXTURE_CORPUS_DIR, ANSWER_MS_PER_IP: '0', RATE_BURST: '200', RATE_PER_SECOND: '200' },
    });
    let stdout = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the service did not report its URL: ${stdout}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /"url":"(http:\/\/[^"]+)"/.exec(stdout);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const sockets: TestSocket[] = [];
      for (let s = 0; s < 4; s++) {
        const socket = await connect(url.replace(/^http/, 'ws') + 'ws');
        expect(await socket.next()).toMatchObject({ type: 'hello' });
        for (let i = 0; i < 15; i++) socket.sendJson({ type: 'ask', id: i, question: expensive(s * 15 + i) });
        sockets.push(socket);
      }
      const http = Array.from({ length: 20 }, (_, i) =>
        fetch(new URL('/api/ask', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question: expensive(60 + i) }) }).then(
          async (res) => (res.status === 200 ? 200 : `${res.status} ${((await res.json()) as { code: string }).code}`),
          () => 'cut',
        ),
      );
      // The flood is in flight once a first answer is out.
      const first = await sockets[0]!.next(30_000);
      expect(first).toMatchObject({ type: 'answer', id: 0 });

      const signalled = performance.now();
      child.kill('SIGTERM');
      const code = await exited;
      const ms = performance.now() - signalled;
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);

      // Each socket heard of each of its questions, then was closed with 1001.
      for (const [s, socket] of sockets.entries()) {
        const replies = s === 0 ? [first] : [];
        while (replies.length < 15) replies.push(await socket.next());
        expect(replies.map((reply) => reply.id).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 15 }, (_, i) => i));
        for (const reply of replies) {
          if (reply.type !== 'answer') expect(reply).toMatchObject({ type: 'error', code: 'shutting_down' });
        }
        expect(await socket.closed()).toBe(1001);
      }
      // HTTP questions were answered, refused once the shutdown began, or their
      // connections cut at the end of the grace.
      for (const status of await Promise.all(http)) expect([200, '503 shutting_down', 'cut']).toContain(status);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
