/**
 * `citeqa eval` as a user runs it on a SQuAD-form question file: a child process, its
 * output and its exit code.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCorpus } from '../../src/core/corpus';
import { FIXTURE_CORPUS_DIR, fixtureFile, SEED_ID } from '../helpers';

const ROOT = path.resolve(__dirname, '..', '..');

function citeqa(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const text = buildCorpus([fixtureFile()]).document(SEED_ID)!.text;
const span = (answer: string) => ({ text: answer, start: text.indexOf(answer), end: text.indexOf(answer) + answer.length });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'citeqa-eval-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('citeqa eval with SQuAD questions', () => {
  it('judges passages by citation offsets and prints each measure beside the baseline as JSON', async () => {
    const file = path.join(dir, 'squad.jsonl');
    const lines = [
      { id: 'q1', question: 'How long did the meeting last?', doc: SEED_ID, paragraph: 0, answers: [span('about an hour')], impossible: false },
      { id: 'q2', question: 'Which islands are disputed?', doc: SEED_ID, answers: [span('Iturup, Kunashir, Shikotan and Habomai')] },
      { id: 'q3', question: 'What is the capital of France?', doc: SEED_ID, answers: [], impossible: true },
    ];
    await writeFile(file, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    const { code, stdout } = await citeqa(['eval', '--corpus', FIXTURE_CORPUS_DIR, '--baseline', '--json', file]);
    expect(code).toBe(0);
    const figures = JSON.parse(stdout) as { questions: number; answerable: number; impossible: number; systems: Record<string, Record<string, number | string>> };
    expect(figures).toMatchObject({ questions: 3, answerable: 2, impossible: 1 });
    expect(figures.systems.citeqa).toMatchObject({ hitAt1: 1, recallAt3: 1, exactMatch: 100, f1: 100, answerableDeclined: 0, impossibleDeclined: 1 });
    expect(Object.keys(figures.systems.tuned!).sort()).toEqual(['hitAt1', 'label', 'mrr', 'msPerQuestion', 'recallAt3']);
  }, 60_000);

  it('refuses questions about a document the corpus lacks, naming the line', async () => {
    const file = path.join(dir, 'other.jsonl');
    await writeFile(file, `${JSON.stringify({ id: 'q1', question: 'Who won?', doc: 'squad-super-bowl-50', answers: [{ text: 'Denver Broncos', start: 0, end: 14 }] })}\n`);
    const { code, stdout, stderr } = await citeqa(['eval', '--corpus', FIXTURE_CORPUS_DIR, file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`citeqa: ${file}:1: document "squad-super-bowl-50" is not in the corpus (are these questions about this corpus? see --corpus)\n`);
  }, 60_000);
});
