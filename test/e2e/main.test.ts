/**
 * The service as `npm start` runs it: a real process, configured by the environment.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { articleText, corpusSize, FIXTURE_CORPUS_DIR, printed } from '../helpers';
import { connect } from '../ws-client';

const ROOT = path.resolve(__dirname, '..', '..');
// Each test starts the service, which takes seconds on a busy machine.
jest.setTimeout(90_000);

interface Run {
  readonly child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
  });
  const run: Run = {
    child,
    stdout: '',
    stderr: '',
    // 'close', not 'exit': the process may exit before its last lines are read from the pipe.
    exited: new Promise((resolve) => child.on('close', (code) => resolve(code))),
  };
  child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return run;
}

/** Waits for `pattern` in the service's log (see helpers' `printed`). */
function logged(run: Run, pattern: RegExp, options: { count?: number; timeoutMs?: number } = {}): Promise<RegExpMatchArray[]> {
  return printed(run.child, () => run.stdout, pattern, { timeoutMs: 60_000, ...options }).catch((error: Error) => {
    throw new Error(`${error.message}\nstderr: ${run.stderr}`);
  });
}

/** Waits for the log line announcing the URL and returns it. */
async function listeningUrl(run: Run, timeoutMs = 60_000): Promise<string> {
  const [match] = await logged(run, /"url":"(http:\/\/[^"]+)"/, { timeoutMs });
  return match![1]!;
}

describe('the service process', () => {
  const runs: Run[] = [];
  let dir: string | undefined;
  afterEach(async () => {
    for (const run of runs.splice(0)) if (run.child.exitCode === null) run.child.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('serves the corpus from CORPUS_DIR, prints its URL, and exits 0 on SIGTERM', async () => {
    const run = start({ CORPUS_DIR: FIXTURE_CORPUS_DIR });
    runs.push(run);
    const url = await listeningUrl(run);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    // Warmed up before it listened, without a failing question.
    expect(run.stdout.indexOf('"msg":"warmed up"')).toBeGreaterThan(run.stdout.indexOf('"msg":"index built"'));
    expect(run.stdout.indexOf('"msg":"warmed up"')).toBeLessThan(run.stdout.indexOf('"msg":"citeqa listening on'));
    expect(run.stdout).not.toContain('a warm-up question failed');
    const health = await fetch(new URL('/healthz', url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', ...corpusSize() });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('with WORKERS=2 serves one port from two processes, and stops them all on SIGTERM', async () => {
    const run = start({ CORPUS_DIR: FIXTURE_CORPUS_DIR, WORKERS: '2' });
    runs.push(run);
    const url = await listeningUrl(run);
    const ports = (await logged(run, /citeqa listening on http:\/\/127\.0\.0\.1:(\d+)\//, { count: 2, timeoutMs: 60_000 })).map((m) => m[1]);
    expect(ports).toHaveLength(2);
    expect(new Set(ports).size).toBe(1);
    for (let i = 0; i < 4; i++) {
      const socket = await connect(url.replace(/^http/, 'ws') + 'ws');
      expect(await socket.next()).toMatchObject({ type: 'hello' });
      socket.sendJson({ type: 'ask', id: i, question: 'How long did the meeting last?' });
      expect(await socket.next()).toMatchObject({ type: 'answer', id: i, answered: true });
      socket.ws.close();
    }
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect((run.stdout.match(/"msg":"shutting down"/g) ?? []).length).toBe(2);
    expect(run.stdout).toContain('every worker has stopped');
  }, 150_000);

  it('with WORKERS=2 starts workers again when every one dies, and still stops on SIGTERM', async () => {
    const run = start({ CORPUS_DIR: FIXTURE_CORPUS_DIR, WORKERS: '2' });
    runs.push(run);
    const workers = (await logged(run, /"pid":(\d+)[^\n]*"msg":"citeqa listening on/, { count: 2, timeoutMs: 60_000 })).map((m) => Number(m[1]));
    for (const pid of workers) process.kill(pid, 'SIGKILL');
    // Two more workers listen: the primary lived on, waiting to restart them.
    const again = (await logged(run, /"pid":(\d+)[^\n]*"msg":"citeqa listening on/, { count: 4, timeoutMs: 60_000 })).map((m) => Number(m[1]));
    expect(again.slice(2).every((pid) => !workers.includes(pid))).toBe(true);
    // With PORT=0 the new workers share a new port (a fixed PORT stays the same).
    const url = (await logged(run, /"url":"(http:\/\/[^"]+)"/, { count: 4 })).at(-1)![1]!;
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout).toContain('every worker has stopped');
  }, 150_000);

  it('with WORKERS=2, a SIGHUP while the workers load kills none of them, and each reloads once it listens, as after a later SIGHUP', async () => {
    const run = start({ CORPUS_DIR: FIXTURE_CORPUS_DIR, WORKERS: '2' });
    runs.push(run);
    await logged(run, /"msg":"starting workers"/);
    // The workers are still loading their modules: no SIGHUP handler yet. The signal is
    // held for each until it can take it, then reloads it once it listens.
    run.child.kill('SIGHUP');
    await logged(run, /"msg":"citeqa listening on/, { count: 2, timeoutMs: 60_000 });
    await logged(run, /"msg":"corpus reloaded"/, { count: 2, timeoutMs: 60_000 });
    // Once they serve, a SIGHUP reaches each at once.
    run.child.kill('SIGHUP');
    await logged(run, /"msg":"corpus reloaded"/, { count: 4, timeoutMs: 60_000 });
    expect(run.stdout).not.toContain('a worker died');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout).not.toContain('a worker died');
  }, 150_000);

  it('with WORKERS=2 on a bad corpus, exits 1 instead of restarting workers forever', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'citeqa-main-'));
    await writeFile(path.join(dir, 'bad.md'), articleText({ id: 'bad', published: 'yesterday' }));
    const run = start({ CORPUS_DIR: dir, WORKERS: '2' });
    runs.push(run);
    expect(await run.exited).toBe(1);
    expect(run.stderr).toContain('bad.md');
  }, 150_000);

  it('refuses to start on a corpus with a bad file, naming the file and the problem', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'citeqa-main-'));
    await writeFile(path.join(dir, 'good.md'), articleText({ id: 'good' }));
    await writeFile(path.join(dir, 'undated.md'), articleText({ id: 'undated', published: undefined }));
    const run = start({ CORPUS_DIR: dir });
    runs.push(run);
    expect(await run.exited).toBe(1);
    expect(run.stderr).toContain('cannot start');
    expect(run.stderr).toContain('undated.md: missing published');
  });

  it('refuses to start on a bad configuration, saying what to fix', async () => {
    const run = start({ PORT: 'eighty' });
    runs.push(run);
    expect(await run.exited).toBe(1);
    expect(run.stderr).toContain('PORT must be a whole number from 0 to 65535');
  });

  it('refuses to start on a port in use, saying so', async () => {
    const first = start({ CORPUS_DIR: FIXTURE_CORPUS_DIR });
    runs.push(first);
    const port = new URL(await listeningUrl(first)).port;
    const second = start({ CORPUS_DIR: FIXTURE_CORPUS_DIR, PORT: port });
    runs.push(second);
    expect(await second.exited).toBe(1);
    expect(second.stderr).toContain(`port ${port} is already in use; set PORT to a free port`);
  });

  it('on SIGTERM answers the question in flight, closes sockets with 1001, and exits 0 within 10 s', async () => {
    // Questions slow to answer (many words no article holds, each tried for typos), with no
    // answering budget: some are still waiting when the pong comes, however the test is paced.
    const run = start({ CORPUS_DIR: FIXTURE_CORPUS_DIR, ANSWER_MS_PER_IP: '0', RATE_BURST: '100', RATE_PER_SECOND: '100' });
    runs.push(run);
    const url = new URL(await listeningUrl(run));
    const socket = await connect(`ws://${url.host}/ws`);
    await socket.next(); // hello
    const count = 30;
    const slow = (n: number) => Array.from({ length: 100 }, (_, i) => `zq${String.fromCharCode(97 + ((n * 100 + i) % 26))}${(n * 100 + i).toString(36)}xv`).join(' ');
    for (let i = 0; i < count; i++) socket.sendJson({ type: 'ask', id: i, question: slow(i) });
    // Answered at once, ahead of the questions: after the pong, the service has them all.
    socket.sendJson({ type: 'ping', id: 'all sent' });
    const replies = [];
    for (let reply = await socket.next(); reply.type !== 'pong'; reply = await socket.next()) replies.push(reply);
    expect(replies.length).toBeLessThan(count);
    const started = Date.now();
    run.child.kill('SIGTERM');
    while (replies.length < count) replies.push(await socket.next());
    expect(replies.map((r) => [r.type, r.id])).toEqual(Array.from({ length: count }, (_, i) => ['answer', i]));
    expect(await socket.closed()).toBe(1001);
    expect(await run.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('on a SIGHUP while it starts, starts all the same and then reloads the corpus', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'citeqa-reload-'));
    await writeFile(path.join(dir, 'one.md'), articleText({ id: 'one' }));
    // An article that is a named pipe: the first build waits, reading it, until the test
    // writes it, so the SIGHUP surely comes while the service starts.
    const late = path.join(dir, 'late.md');
    execFileSync('mkfifo', [late]);
    const lateArticle = articleText({ id: 'late' });
    const run = start({ CORPUS_DIR: dir });
    runs.push(run);
    await logged(run, /"msg":"building the index"/);
    run.child.kill('SIGHUP');
    await logged(run, /"msg":"SIGHUP while starting: the corpus will be reloaded once the service listens"/);
    await writeFile(late, lateArticle);
    const url = await listeningUrl(run);
    // The reload reads the article again.
    await writeFile(late, lateArticle);
    await logged(run, /"msg":"corpus reloaded"/);
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('reloads the corpus on SIGHUP, and keeps serving the old one when the new one is invalid', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'citeqa-reload-'));
    await writeFile(path.join(dir, 'one.md'), articleText({ id: 'one' }));
    const run = start({ CORPUS_DIR: dir, ANSWER_WORKER: 'true' });
    runs.push(run);
    const url = await listeningUrl(run);
    const documents = async () => ((await (await fetch(new URL('/healthz', url))).json()) as { documents: number }).documents;
    expect(await documents()).toBe(1);

    await writeFile(path.join(dir, 'two.md'), articleText({ id: 'two' }));
    run.child.kill('SIGHUP');
    await logged(run, /"msg":"corpus reloaded"/);
    expect(await documents()).toBe(2);

    await writeFile(path.join(dir, 'three.md'), articleText({ id: 'three', published: 'someday' }));
    run.child.kill('SIGHUP');
    await logged(run, /reload failed; still serving the previous corpus/);
    expect(run.stdout).toContain('three.md');
    expect(await documents()).toBe(2);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});
