/**
 * SIGHUP in the running service: a reload asked for while another runs is not dropped.
 *
 * The first reload is held while it reads the corpus: one of its articles is a named
 * pipe, and reading it waits until the test writes the article into it. So the second
 * SIGHUP surely comes during the first reload, however fast or slow the machine is.
 * (Both threads' builds are swapped together: test/integration/reload.test.ts, with a
 * real answer worker.)
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { articleText, printed } from '../helpers';

const ROOT = path.resolve(__dirname, '..', '..');

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
    await writeFile(path.join(dir, 'first.md'), articleText({ id: 'first' }, 'Headline\n\nThe council approved the new tram line on Monday.'));
    const running = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', CORPUS_DIR: dir },
    });
    child = running;
    let stdout = '';
    running.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const text = () => stdout;
    const exited = new Promise<number | null>((resolve) => running.on('exit', (code) => resolve(code)));

    const [listening] = await printed(running, text, /"url":"(http:\/\/[^"]+)"/, { timeoutMs: 60_000 });
    const url = listening![1]!;
    const documents = async () => ((await (await fetch(new URL('/healthz', url))).json()) as { documents: number }).documents;
    expect(await documents()).toBe(1);

    // An article that is a named pipe: a reload reading it waits for the test to write it.
    const late = path.join(dir, 'late.md');
    execFileSync('mkfifo', [late]);
    const lateArticle = articleText({ id: 'late' }, 'Headline\n\nThe farmers grow tulips in Holland.');

    running.kill('SIGHUP');
    await printed(running, text, /"msg":"reloading the corpus"/);
    running.kill('SIGHUP');
    await printed(running, text, /"msg":"a reload is running: the corpus will be reloaded again after it"/);
    expect(stdout).not.toMatch(/"msg":"corpus reloaded"/);

    // The first reload reads the article, then the second one reads it again.
    await writeFile(late, lateArticle);
    await printed(running, text, /"msg":"corpus reloaded"/);
    await writeFile(late, lateArticle);
    await printed(running, text, /"msg":"corpus reloaded"/, { count: 2 });
    expect(stdout.match(/"msg":"reloading the corpus"/g)).toHaveLength(2);
    expect(await documents()).toBe(2);
    const answer = (await (await fetch(new URL(`/api/ask?q=${encodeURIComponent('Who grows tulips?')}`, url))).json()) as { answered: boolean };
    expect(answer.answered).toBe(true);

    running.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 120_000);
});
