/**
 * SIGHUP in the running service: a reload asked for while another runs is not dropped.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syntheticArticles } from '../../src/bench/synthetic';
import { articleText } from '../helpers';

const ROOT = path.resolve(__dirname, '..', '..');

/** Polls `condition` (a public one: the process's output or its HTTP answers) until it holds. */
async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('reloading on SIGHUP', () => {
  let dir: string | undefined;
  let child: ChildProcessWithoutNullStreams | undefined;

  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
    child = undefined;
    dir = undefined;
  });

  it('reloads once more after the running reload when SIGHUP comes during it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'citeqa-sighup-'));
    // Enough articles that a reload takes a while (over a second), against the few
    // milliseconds between the first reload's start and the second SIGHUP.
    const files = syntheticArticles(40, 5);
    for (const file of files) await writeFile(path.join(dir, file.name), file.bytes);
    const running = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', CORPUS_DIR: dir, ANSWER_WORKER: 'true' },
    });
    child = running;
    let stdout = '';
    running.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => running.on('exit', (code) => resolve(code)));
    const count = (text: string) => stdout.split(text).length - 1;

    await waitUntil(() => /"url":"http:\/\/[^"]+"/.test(stdout), 'the service reports its URL', 60_000);
    const url = /"url":"(http:\/\/[^"]+)"/.exec(stdout)![1]!;
    const documents = async () => ((await (await fetch(new URL('/healthz', url))).json()) as { documents: number }).documents;
    expect(await documents()).toBe(files.length);

    running.kill('SIGHUP');
    await waitUntil(() => count('"msg":"reloading the corpus"') === 1, 'the first reload starts');
    // An article added while the first reload runs: only a reload after it can see it.
    await writeFile(path.join(dir, 'late.md'), articleText({ id: 'late' }, 'Headline\n\nThe farmers grow tulips in Holland.'));
    running.kill('SIGHUP');
    await waitUntil(() => stdout.includes('a reload is running: the corpus will be reloaded again after it'), 'the second SIGHUP is queued');
    expect(count('"msg":"corpus reloaded"')).toBe(0); // it came during the first reload
    await waitUntil(() => count('"msg":"corpus reloaded"') === 2, 'both reloads finish', 60_000);
    expect(count('"msg":"reloading the corpus"')).toBe(2);
    expect(await documents()).toBe(files.length + 1);
    // The answer worker has the late article too: HTTP questions are answered there.
    const answer = (await (await fetch(new URL(`/api/ask?q=${encodeURIComponent('Who grows tulips?')}`, url))).json()) as { answered: boolean };
    expect(answer.answered).toBe(true);

    running.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
