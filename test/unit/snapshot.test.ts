import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syntheticArticles } from '../../src/bench/synthetic';
import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { buildIndex } from '../../src/core/search-index';
import { loadSnapshot, SNAPSHOT_VERSION, snapshotRecords, type SnapshotRecord } from '../../src/core/snapshot';
import { ChunkReader, readSnapshotFile, writeSnapshotFile } from '../../src/node/snapshot-file';
import { wordnetThesaurus } from '../../src/node/wordnet';
import { fixtureFile } from '../helpers';

/** The records as JSON alone carries them (typed arrays as base64), one by one. */
const asRead = (records: Iterable<SnapshotRecord>) =>
  [...records].map((r) => JSON.parse(JSON.stringify(r.kind === 'array' && typeof r.data !== 'string' ? { ...r, data: Buffer.from(r.data).toString('base64') } : r)) as Record<string, unknown>);

describe('index snapshots', () => {
  const thesaurus = wordnetThesaurus();
  const built = buildIndex(buildCorpus([fixtureFile()]), { thesaurus });
  const records = () => asRead(snapshotRecords(built));
  /** The records with the first of `kind` changed by `change` (or removed when it returns undefined). */
  const changed = (kind: string, change: (r: Record<string, unknown>) => Record<string, unknown> | undefined) => {
    const all = records();
    const at = all.findIndex((r) => r.kind === kind);
    const next = change(all[at] as Record<string, unknown>);
    return next === undefined ? all.filter((_, i) => i !== at) : all.map((r, i) => (i === at ? next : r));
  };

  it('answer every question exactly as the index they were made from', () => {
    const loaded = loadSnapshot(records(), { thesaurus });
    for (const question of [
      'How long did the meeting last?',
      'Who is the mayor of Moscow?',
      'Did Lavorv accept the invitation?',
      'Who said the phase is changing?',
      'Which islands are disputed?',
      'the pact',
    ]) {
      expect(ask(loaded, question, { limit: 5 })).toEqual(ask(built, question, { limit: 5 }));
    }
  });

  it('go to a file a record a line and come back the same, in chunks when large', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'citeqa-snapshot-'));
    try {
      // Small chunks, so that every list and array spans several records.
      const chunks = { items: 300, elements: 1000 };
      const big = buildIndex(buildCorpus(syntheticArticles(100, 4)));
      const file = path.join(dir, 'index.jsonl');
      const bytes = await writeSnapshotFile(big, file, chunks);
      expect(bytes).toBeGreaterThan(1e5);
      const kinds = asRead(snapshotRecords(big, chunks)).map((r) => r.kind);
      for (const kind of ['terms', 'array', 'postings']) expect(kinds.filter((k) => k === kind).length).toBeGreaterThan(2);
      const loaded = await readSnapshotFile(file);
      for (const question of ['How long did the meeting last?', 'Who proposed the trade agreement?', 'How much did trade grow?']) {
        expect(ask(loaded, question)).toEqual(ask(big, question));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['nothing', () => [], 'it is empty'],
    ['no header', () => records().slice(1), 'it does not start with a citeqa-index header'],
    ['a later version', () => changed('header', (r) => ({ ...r, version: SNAPSHOT_VERSION + 1 })), 'record 1: version'],
    ['an earlier version', () => changed('header', (r) => ({ ...r, version: SNAPSHOT_VERSION - 1 })), 'record 1: version'],
    ['another format', () => changed('header', (r) => ({ ...r, format: 'other' })), 'record 1: format'],
    ['a record of no known kind', () => changed('terms', (r) => ({ ...r, kind: 'mystery' })), 'kind'],
    ['terms without their ways of writing', () => changed('terms', (r) => ({ ...r, surfaces: [] })), 'ways of writing them'],
    ['term vectors that are not base64', () => changed('array', (r) => ({ ...r, data: 'not base64!' })), 'data'],
    ['truncated term vectors', () => changed('array', (r) => ({ ...r, data: 'AAAA' })), 'an array is truncated'],
    ['term vectors naming unknown terms', () => changed('terms', (r) => ({ ...r, terms: ['one'], surfaces: ['One'] })), 'term vectors are inconsistent'],
    [
      'champion lists that do not add up',
      () => records().map((r) => (r.kind === 'array' && r.name === 'championStarts' ? { ...r, data: Buffer.from(Uint32Array.of(1).buffer).toString('base64') } : r)),
      'the champion lists are inconsistent',
    ],
    [
      'a document missing',
      () => changed('document', () => undefined).map((r) => (r.kind === 'end' ? { ...r, records: (r.records as number) - 1 } : r)),
      `its header says ${built.corpus.documents.length} and ${built.corpus.sentenceCount}`,
    ],
    [
      'sentences past the text',
      () => changed('document', (r) => ({ ...r, sentences: Buffer.from(Uint32Array.of(0, 10, 5, 99_999).buffer).toString('base64') })),
      'the sentences of document',
    ],
    ['entities for other sentences', () => changed('document', (r) => ({ ...r, entities: { ...(r.entities as object), speakers: 'AAA=' } })), 'the entities of document'],
    ['a broken search index', () => changed('search', (r) => ({ ...r, search: { nonsense: true } })), 'search index cannot be read'],
    ['a file cut short', () => records().slice(0, -1), 'it is cut short after'],
    ['a record after the end', () => [...records(), { kind: 'end', records: 99 }], 'comes after the end'],
  ])('refuse %s, saying to build it again', (_name, data, message) => {
    expect(() => loadSnapshot(data(), { thesaurus })).toThrow(expect.objectContaining({ code: 'corpus_invalid', message: expect.stringContaining(message) }));
    expect(() => loadSnapshot(data(), { thesaurus })).toThrow(/build it again with citeqa index/);
  });

  it('refuse a file that is not one, naming the line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'citeqa-snapshot-'));
    try {
      const file = path.join(dir, 'index.jsonl');
      await writeFile(file, `${JSON.stringify(records()[0])}\nnot json\n`);
      await expect(readSnapshotFile(file)).rejects.toThrow(`${file} is not a citeqa index: line 2 is not JSON`);
      await expect(readSnapshotFile(path.join(dir, 'missing.jsonl'))).rejects.toThrow('no such file');
      await expect(readSnapshotFile(dir)).rejects.toThrow('it is a directory');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('are read line by line, and raw bytes between lines, from chunks split anywhere', async () => {
    const raw = Buffer.from([0, 10, 13, 255, 10, 65]);
    const bytes = Buffer.concat([Buffer.from('première ligne\r\nzweite Zeile — “lang”\n\n'), raw, Buffer.from('\nthird 三行目\r\nlast, unterminated ✓')]);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const reader = new ChunkReader(
        (async function* () {
          for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
        })(),
      );
      const read: unknown[] = [await reader.line(), await reader.line(), await reader.line(), [...Buffer.concat(await reader.bytes(raw.length))], await reader.line(), await reader.line(), await reader.line()];
      expect(read).toEqual(['première ligne', 'zweite Zeile — “lang”', '', [...raw], '', 'third 三行目', 'last, unterminated ✓']);
      expect(await reader.line()).toBeUndefined();
      expect(await reader.bytes(4)).toEqual([]);
    }
  });

  it('refuse a file whose raw bytes are cut short', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'citeqa-snapshot-'));
    try {
      const file = path.join(dir, 'index.jsonl');
      await writeSnapshotFile(built, file);
      const whole = await readFile(file);
      // Cut inside the first array's bytes.
      const at = whole.indexOf('"kind":"array"');
      await writeFile(file, whole.subarray(0, whole.indexOf(10, at) + 3));
      await expect(readSnapshotFile(file)).rejects.toThrow(/bytes after line \d+ are cut short; build it again/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
