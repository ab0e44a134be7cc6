/**
 * A corpus directory that is missing or holds no articles: said in one sentence, by the
 * loader and by `citeqa check`, not counted as a bad file.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CiteqaError, CorpusError } from '../../src/core/errors';
import { loadCorpusDir } from '../../src/node/corpus-dir';

const ROOT = path.resolve(__dirname, '..', '..');

function check(dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', dir], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function loadError(directory: string): Promise<CiteqaError> {
  const error: unknown = await loadCorpusDir(directory).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CiteqaError)) throw new Error(`expected a CiteqaError, got ${String(error)}`);
  return error;
}

describe('a corpus directory without articles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'citeqa-folder-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('says that a missing directory does not exist', async () => {
    const missing = path.join(dir, 'articles');
    const error = await loadError(missing);
    expect(error).not.toBeInstanceOf(CorpusError);
    expect(error.code).toBe('corpus_invalid');
    expect(error.message).toBe(`cannot read the corpus directory ${missing}: it does not exist`);
  });

  it('says that a file given as the directory is not one', async () => {
    const file = path.join(dir, 'a.md');
    await writeFile(file, 'text');
    expect((await loadError(file)).message).toBe(`cannot read the corpus directory ${file}: it is a file, not a directory`);
  });

  it('says that an empty directory holds no articles', async () => {
    const error = await loadError(dir);
    expect(error).not.toBeInstanceOf(CorpusError);
    expect(error.message).toBe(`the corpus directory ${dir} holds no articles: add at least one .md file, front matter then text`);
  });

  it('counts the other files of a directory with no articles', async () => {
    await writeFile(path.join(dir, 'notes.txt'), 'not an article');
    expect((await loadError(dir)).message).toContain(`${dir} holds no articles (only 1 other file)`);
  });

  it.each([
    ['missing', (d: string) => path.join(d, 'articles'), (d: string) => `cannot read the corpus directory ${path.join(d, 'articles')}: it does not exist`],
    ['empty', (d: string) => d, (d: string) => `the corpus directory ${d} holds no articles`],
  ])('citeqa check on a %s directory says so, not "1 bad file", and exits 1', async (_name, target, message) => {
    const { code, stdout, stderr } = await check(target(dir));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`citeqa: ${message(dir)}`);
    expect(stderr).not.toContain('bad file');
  }, 30_000);
});
