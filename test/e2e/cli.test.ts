/**
 * The command line as a user runs it: a child process, its output and its exit code.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { createService, type Service } from '../../src/server/service';
import { articlesAndSentences, articleText, corpusSize, FIXTURE_CORPUS_DIR, printed, seedIndexOnce, silentLogger } from '../helpers';
import { schemaErrors } from '../schemas';

const ROOT = path.resolve(__dirname, '..', '..');
// Each test runs the CLI as a process (some two, one after the other): seconds each on a busy machine.
jest.setTimeout(60_000);

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function citeqa(args: readonly string[], input?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', CORPUS_DIR: FIXTURE_CORPUS_DIR },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const jsonLines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('citeqa ask', () => {
  it('answers a question readably, short answer first, exit 0', async () => {
    const { code, stdout } = await citeqa(['ask', 'How long did the meeting last?', '--limit', '1']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^about an hour\n\n\[1\] "I held a meeting with Russian Foreign Minister Sergey Lavrov, which lasted for about an hour\./);
    expect(stdout).toContain('sentence 2 (2020-02-16-motegi-lavrov-munich 464-558)');
  });

  it("prints the protocol's JSON with --json, and exits 1 when a question is declined", async () => {
    const { code, stdout } = await citeqa(['ask', '--json', 'What is the capital of France?']);
    expect(code).toBe(1);
    const [answer] = jsonLines(stdout);
    expect(answer).toMatchObject({ type: 'answer', id: 1, answered: false });
    expect(schemaErrors('AnswerMessage', answer)).toBe('');
  });

  it('answers questions from standard input, one JSON line each, independently', async () => {
    const { code, stdout } = await citeqa(['ask', '--json', '--limit', '1'], 'How long did the meeting last?\n\nWho sent a New Year message?\nWhere would they do that?\n');
    const answers = jsonLines(stdout);
    expect(answers.map((a) => [a.id, a.question, a.answered])).toEqual([
      [1, 'How long did the meeting last?', true],
      [2, 'Who sent a New Year message?', true],
      [3, 'Where would they do that?', false], // not a follow-up of the line before
    ]);
    expect(code).toBe(1);
  });

  it('asks a running server with --server', async () => {
    const service: Service = createService({ index: seedIndexOnce(), logger: silentLogger });
    const { port } = await service.listen(0, '127.0.0.1');
    try {
      const { code, stdout } = await citeqa(['ask', '--server', `ws://127.0.0.1:${port}/ws`, '--json', 'Who is Sergey Lavrov?']);
      expect(code).toBe(0);
      expect(jsonLines(stdout)[0]).toMatchObject({ answered: true, short: { text: 'Russian Foreign Minister' } });
    } finally {
      await service.close();
    }
  });

  it('exits 3 with one line saying what to do when the server cannot be reached', async () => {
    const { code, stderr } = await citeqa(['ask', '--server', 'ws://127.0.0.1:9/ws', 'hello']);
    expect(code).toBe(3);
    expect(stderr).toMatch(/^citeqa: cannot connect to ws:\/\/127\.0\.0\.1:9\/ws(: [^\n]+)?: is the server running\? Start one with "citeqa serve", or check the URL\n$/);
  });

  it('exits 1 saying what answered when the URL is not a citeqa server', async () => {
    const other = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    other.on('connection', (ws) => ws.send('<html>'));
    await new Promise((resolve) => other.once('listening', resolve));
    try {
      const url = `ws://127.0.0.1:${(other.address() as AddressInfo).port}/ws`;
      const { code, stderr } = await citeqa(['ask', '--server', url, 'hello']);
      expect(code).toBe(1);
      expect(stderr).toBe(`citeqa: the server at ${url} sent a frame that is not JSON\n`);
    } finally {
      for (const ws of other.clients) ws.terminate();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it.each([
    [['ask', '--limit', '20', 'x'], "option '--limit <n>' argument '20' is invalid"],
    [['ask', '--nope', 'x'], "unknown option '--nope'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['index', 'corpus'], "required option '--out <file>' not specified"],
    [['ask', '--server', 'localhost:3000', 'x'], '"localhost:3000" is not a WebSocket URL: give the server\'s ws:// or wss:// address'],
    [['ask', '--server', 'nowhere', 'x'], '"nowhere" is not a URL; give the server\'s WebSocket address, e.g. ws://localhost:3000/ws'],
    [['chat', '--server', 'https://example.org/'], 'e.g. wss://example.org/ws'],
    [['ask', '--server', 'https://example.org/citeqa/ws', 'x'], 'e.g. wss://example.org/citeqa/ws'],
    [['ask', '--server', 'ws://127.0.0.1:9/ws#top', 'x'], 'has a fragment (#top), which a WebSocket URL cannot have'],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const { code, stderr } = await citeqa(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});

describe('citeqa chat', () => {
  it('keeps the conversation for follow-ups until /reset', async () => {
    const { code, stdout } = await citeqa(['chat', '--limit', '1'], 'What did Putin and Abe agree on in 2016?\nWhere would they do that?\n/reset\nWhere would they do that?\n/quit\n');
    expect(code).toBe(0);
    expect(stdout).toContain('(read as: Where would they do that? (following "What did Putin and Abe agree on in 2016?"');
    expect(stdout).toContain('southern Kuril Islands');
    expect(stdout).toContain('(new conversation)');
    expect(stdout.trim().split('\n').at(-1)).toContain("The articles don't say");
  });
});

describe('citeqa check, index, eval', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'citeqa-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('check reports a good corpus with exit 0', async () => {
    const { code, stdout } = await citeqa(['check', FIXTURE_CORPUS_DIR]);
    expect(code).toBe(0);
    expect(stdout).toContain(`ok: ${articlesAndSentences(corpusSize())}`);
  });

  it('check reports every bad file, and exits 1', async () => {
    await writeFile(path.join(dir, 'good.md'), articleText({ id: 'good' }));
    await writeFile(path.join(dir, 'dated.md'), articleText({ id: 'dated', published: '2020-02-30' }));
    await writeFile(path.join(dir, 'bare.md'), 'no front matter');
    const { code, stdout, stderr } = await citeqa(['check', dir]);
    expect(code).toBe(1);
    expect(stdout).toContain('dated.md: published must be a real date written YYYY-MM-DD');
    expect(stdout).toContain('bare.md: no front matter');
    expect(stderr).toBe(`citeqa: ${dir}: 2 bad files; fix the problems listed above\n`);
  });

  it('index writes a snapshot that ask --index answers from', async () => {
    const out = path.join(dir, 'index.jsonl');
    const built = await citeqa(['index', FIXTURE_CORPUS_DIR, '--out', out]);
    expect(built).toMatchObject({ code: 0, stdout: expect.stringContaining(`wrote ${out}: ${articlesAndSentences(corpusSize())}`) });
    const { code, stdout } = await citeqa(['ask', '--index', out, '--json', 'How long did the meeting last?']);
    expect(code).toBe(0);
    expect(jsonLines(stdout)[0]).toMatchObject({ short: { text: 'about an hour' } });
  });

  it('serve --index serves the snapshot, and stops on SIGTERM', async () => {
    const out = path.join(dir, 'index.jsonl');
    expect((await citeqa(['index', FIXTURE_CORPUS_DIR, '--out', out])).code).toBe(0);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--index', out, '--port', '0', '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const [match] = await printed(child, () => stdout, /"url":"(http:[^"]+)"/);
      const url = match![1]!;
      expect(stdout).toContain('"msg":"index loaded"');
      const health = await fetch(new URL('/healthz', url));
      expect(await health.json()).toEqual({ status: 'ok', ...corpusSize() });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('ask --index with a file that is not an index exits 1, saying to rebuild it', async () => {
    const out = path.join(dir, 'index.jsonl');
    await writeFile(out, '{"format":"something else"}');
    const { code, stderr } = await citeqa(['ask', '--index', out, 'x']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^citeqa: .*not a citeqa index.*build it again with citeqa index\n$/);
  });

  it('eval prints the figures for a question file', async () => {
    const file = path.join(dir, 'q.jsonl');
    await writeFile(file, `${JSON.stringify({ id: 'a', question: 'How long did the meeting last?', expect: ['about an hour'], answer: 'about an hour' })}\n${JSON.stringify({ id: 'b', question: 'What is the capital of France?', unanswerable: true })}\n`);
    const { code, stdout } = await citeqa(['eval', file]);
    expect(code).toBe(0);
    for (const measure of ['hit@1', 'recall@3', 'MRR']) expect(stdout).toMatch(new RegExp(`^\\| ${measure} +\\| +1\\.000 \\|$`, 'm'));
    expect(stdout).toMatch(/^\| impossible declined +\| +1 of 1 \|$/m);
    expect(stdout).toMatch(/^\| exact match \(SQuAD EM\) +\| +100\.0 \|$/m);
  });

  it('eval names the line of a bad question file', async () => {
    const file = path.join(dir, 'q.jsonl');
    await writeFile(file, '{"id":"a","question":"x"}\nnot json\n');
    const { code, stderr } = await citeqa(['eval', file]);
    expect(code).toBe(1);
    expect(stderr).toBe(`citeqa: ${file}:2: not a JSON object\n`);
  });
});
