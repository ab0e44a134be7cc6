import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CorpusError } from '../../src/core/errors';
import { loadCorpusDir } from '../../src/node/corpus-dir';
import { articleText, FIXTURE_CORPUS_DIR } from '../helpers';

describe('loadCorpusDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'citeqa-corpus-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function loadError(directory: string): Promise<CorpusError> {
    try {
      await loadCorpusDir(directory);
    } catch (error) {
      if (error instanceof CorpusError) return error;
      throw error;
    }
    throw new Error('expected a CorpusError');
  }

  it('loads the test corpus', async () => {
    const { corpus, skipped } = await loadCorpusDir(FIXTURE_CORPUS_DIR);
    expect(corpus.documents.map((d) => d.id)).toEqual(['2020-02-16-motegi-lavrov-munich']);
    expect(skipped).toEqual([]);
  });

  it('reads .md files in subdirectories, orders the articles by id, and reports other files as skipped', async () => {
    await mkdir(path.join(dir, '2021'));
    await writeFile(path.join(dir, '2021', 'b.md'), articleText({ id: 'b' }));
    await writeFile(path.join(dir, 'a.md'), articleText({ id: 'a' }));
    await writeFile(path.join(dir, 'notes.txt'), 'not an article');
    await writeFile(path.join(dir, '.DS_Store'), 'hidden');
    const { corpus, skipped } = await loadCorpusDir(dir);
    // 2021/b.md comes before a.md in path order; the corpus is in id order all the same.
    expect(corpus.documents.map((d) => d.id)).toEqual(['a', 'b']);
    expect(skipped).toEqual(['notes.txt']);
  });

  it('reads no file in a directory whose name starts with a dot (.git, .github)', async () => {
    await writeFile(path.join(dir, 'a.md'), articleText({ id: 'a' }));
    await mkdir(path.join(dir, '.github'));
    await writeFile(path.join(dir, '.github', 'README.md'), 'notes, no front matter');
    const { corpus, skipped } = await loadCorpusDir(dir);
    expect(corpus.documents.map((d) => d.id)).toEqual(['a']);
    expect(skipped).toEqual([]);
  });

  it('reads linked files and directories once, and refuses a link back to a directory already read, naming it', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'citeqa-linked-'));
    try {
      await writeFile(path.join(elsewhere, 'b.md'), articleText({ id: 'b' }));
      await writeFile(path.join(dir, 'a.md'), articleText({ id: 'a' }));
      await symlink(elsewhere, path.join(dir, 'more'));
      expect((await loadCorpusDir(dir)).corpus.documents.map((d) => d.id)).toEqual(['a', 'b']);
      // A loop ("self -> .", a link back to the corpus directory) would be read without end: it is a problem, found at once.
      await symlink('.', path.join(dir, 'self'));
      await symlink(dir, path.join(elsewhere, 'up'));
      const error = await loadError(dir);
      expect(error.problems).toEqual([
        { file: path.join('more', 'up'), message: expect.stringContaining('links to the corpus directory, which is read already') },
        { file: 'self', message: expect.stringContaining('links to the corpus directory, which is read already') },
      ]);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('refuses a link up to a directory that holds the corpus before reading anything in it', async () => {
    const corpusDir = path.join(dir, 'corpus');
    await mkdir(corpusDir);
    await writeFile(path.join(corpusDir, 'a.md'), articleText({ id: 'a' }));
    await writeFile(path.join(dir, 'beside.md'), articleText({ id: 'beside' }));
    await symlink('..', path.join(corpusDir, 'up'));
    await symlink(path.parse(dir).root, path.join(corpusDir, 'root'));
    const error = await loadError(corpusDir);
    const parent = await realpath(dir);
    expect(error.problems).toEqual([
      { file: 'root', message: `links to ${path.parse(dir).root}, which holds the corpus directory: remove the link, or the corpus would be read inside itself` },
      { file: 'up', message: `links to ${parent}, which holds the corpus directory: remove the link, or the corpus would be read inside itself` },
    ]);
  });

  it('names the link, not the directory it points to, whatever their order', async () => {
    await mkdir(path.join(dir, 'a'));
    await mkdir(path.join(dir, 'z'));
    await writeFile(path.join(dir, 'z', 'b.md'), articleText({ id: 'b' }));
    // "a/link" sorts before "z", the directory it points to.
    await symlink(path.join('..', 'z'), path.join(dir, 'a', 'link'));
    const error = await loadError(dir);
    expect(error.problems).toEqual([{ file: path.join('a', 'link'), message: expect.stringContaining('links to z, which is read already') }]);
  });

  it('fails whole when one file of many is bad, naming the file', async () => {
    await writeFile(path.join(dir, 'good.md'), articleText({ id: 'good' }));
    await writeFile(path.join(dir, 'bad.md'), articleText({ id: 'bad', published: 'yesterday' }));
    const error = await loadError(dir);
    expect(error.problems).toEqual([{ file: 'bad.md', message: expect.stringContaining('published must be') }]);
  });
});
