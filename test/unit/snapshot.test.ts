import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { buildIndex } from '../../src/core/search-index';
import { loadSnapshot, SNAPSHOT_VERSION, snapshotOf } from '../../src/core/snapshot';
import { wordnetThesaurus } from '../../src/node/wordnet';
import { fixtureFile } from '../helpers';

describe('index snapshots', () => {
  const thesaurus = wordnetThesaurus();
  const built = buildIndex(buildCorpus([fixtureFile()]), { thesaurus });

  it('answer every question exactly as the index they were made from', () => {
    const loaded = loadSnapshot(JSON.parse(JSON.stringify(snapshotOf(built))), { thesaurus });
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

  it.each([
    ['not an object', 42, 'not a citeqa index'],
    ['another format', { format: 'other' }, 'format'],
    ['a later version', { ...snapshotOf(built), version: SNAPSHOT_VERSION + 1 }, 'version'],
    ['an earlier version', { ...snapshotOf(built), version: SNAPSHOT_VERSION - 1 }, 'version'],
    ['term vectors that are not base64', { ...snapshotOf(built), vectors: { ...snapshotOf(built).vectors, termIds: 'not base64!' } }, 'vectors.termIds'],
    ['truncated term vectors', { ...snapshotOf(built), vectors: { ...snapshotOf(built).vectors, counts: 'AAAA' } }, 'search index cannot be read'],
    ['term vectors naming unknown terms', { ...snapshotOf(built), vectors: { ...snapshotOf(built).vectors, terms: ['one'] } }, 'term vectors are inconsistent'],
    ['a search index of other documents', { ...snapshotOf(built), documents: [] }, 'indexes 16 sentences, its documents have 0'],
    [
      'entities for other sentences',
      { ...snapshotOf(built), documents: snapshotOf(built).documents.map((d) => ({ ...d, entities: { ...d.entities, speakers: 'AAA=' } })) },
      'the entities of a document are inconsistent',
    ],
    ['a broken search index', { ...snapshotOf(built), search: { nonsense: true } }, 'search index cannot be read'],
  ])('refuses %s, saying to build it again', (_name, data, message) => {
    expect(() => loadSnapshot(data)).toThrow(expect.objectContaining({ code: 'corpus_invalid', message: expect.stringContaining(message) }));
    expect(() => loadSnapshot(data)).toThrow(/build it again with citeqa index/);
  });
});
