/**
 * A corpus's own aliases file: validated like the articles (file, line, what to write
 * instead; unknown keys refused), and used only when the corpus ships it.
 */
import { Analyzer, normalizeWord } from '../../src/core/analyzer';
import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { ALIASES_FILE, parseAliases } from '../../src/core/corpus-aliases';
import { CorpusError } from '../../src/core/errors';
import { createLexicon } from '../../src/core/lexicon';
import { buildIndex } from '../../src/core/search-index';
import { loadSnapshot, snapshotRecords } from '../../src/core/snapshot';
import { wordnetThesaurus } from '../../src/node/wordnet';
import { fixtureAliases, fixtureFile, textFile } from '../helpers';

const encode = (text: string) => new TextEncoder().encode(text);
const problemsOf = (text: string) => {
  const result = parseAliases(encode(text));
  return result.ok ? [] : result.problems.map((p) => `${p.file}: ${p.message}`);
};

describe('parseAliases', () => {
  it('reads entries: names, what they also stand for, and their kind', () => {
    const result = parseAliases(encode('aliases:\n  - names: [Northern Territories, Kurils]\n    also: [island]\n    kind: place\n  - names: [Sergey, Sergei]\n'));
    expect(result).toEqual({
      ok: true,
      aliases: [
        { names: ['Northern Territories', 'Kurils'], also: ['island'], kind: 'place' },
        { names: ['Sergey', 'Sergei'], also: [] },
      ],
    });
  });

  it('reads an empty list', () => {
    expect(parseAliases(encode('aliases: []\n'))).toEqual({ ok: true, aliases: [] });
  });

  it.each<[string, string, string]>([
    ['an empty file', '', 'missing aliases'],
    ['a list at the top', '- names: [A]\n', 'the file must hold "aliases:"'],
    ['an unknown top-level key', 'aliases: []\nsynonyms: []\n', 'unknown key "synonyms" (allowed: aliases) (line 1)'],
    ['aliases that are not a list', 'aliases: Kurils\n', 'aliases must be a list of entries'],
    ['an entry without names', 'aliases:\n  - also: [island]\n', 'entry 1: an entry needs names'],
    ['names that are not a list', 'aliases:\n  - names: Kurils\n', 'entry 1: names must be a list, such as [Myanmar, Burma] (line 2)'],
    ['an empty list of names', 'aliases:\n  - names: []\n', 'entry 1: names is empty'],
    ['an empty name', 'aliases:\n  - names: [A, ""]\n', 'entry 1: a name is empty (line 2)'],
    ['a name that is a number', 'aliases:\n  - names: [A]\n  - names: [B, 42]\n', 'entry 2: a name must be text; YAML reads one of them as a number: write it in quotes (line 3)'],
    ['a name that is read as a number', 'aliases:\n  - names: [A, 007]\n', 'entry 1: a name must be text; YAML reads one of them as a number: write it in quotes (line 2)'],
    ['a name that is a boolean', 'aliases:\n  - names: [A, yes, true]\n', 'entry 1: a name must be text; YAML reads one of them as true or false: write it in quotes'],
    ['a name without a letter', 'aliases:\n  - names: ["--"]\n', 'entry 1: a name must hold a letter: "--" has none (line 2)'],
    ['a name too long', `aliases:\n  - names: [${'a'.repeat(101)}]\n`, `entry 1: a name is longer than 100 characters: "${'a'.repeat(40)}..." (line 2)`],
    ['an unknown kind', 'aliases:\n  - names: [A]\n    kind: person\n', 'entry 1: kind must be place or demonym; it is "person" (line 3)'],
    ['an unknown key in an entry', 'aliases:\n  - names: [A]\n    term: a\n', 'entry 1: unknown key "term" (allowed: names, also, kind) (line 2)'],
    ['also that is not a list', 'aliases:\n  - names: [A]\n    also: B\n', 'entry 1: also must be a list, such as [Asia] (line 3)'],
    ['an entry that is not a mapping', 'aliases:\n  - Kurils\n', 'entry 1: an entry must be a mapping'],
    ['text that is not YAML', 'aliases:\n  - names: [unclosed\n', 'not valid YAML on line'],
    ['a repeated key', 'aliases: []\naliases: []\n', 'not valid YAML on line 2'],
  ])('rejects %s', (_name, text, message) => {
    expect(problemsOf(text)).toEqual(expect.arrayContaining([expect.stringContaining(`${ALIASES_FILE}: ${message}`)]));
  });

  it('reports an empty name once, not also as a name without a letter', () => {
    expect(problemsOf('aliases:\n  - names: [A, "  "]\n')).toEqual([`${ALIASES_FILE}: entry 1: a name is empty (line 2)`]);
  });

  it('rejects bytes that are not UTF-8', () => {
    expect(parseAliases(new Uint8Array([0x61, 0xe9, 0x20]))).toEqual({ ok: false, problems: [{ file: ALIASES_FILE, message: 'not UTF-8: save the file as UTF-8' }] });
  });

  it('makes a bad aliases file a corpus problem, listed with the articles', () => {
    const bad = textFile(ALIASES_FILE, 'aliases:\n  - names: Kurils\n');
    expect(() => buildCorpus([fixtureFile()], bad)).toThrow(CorpusError);
    expect(() => buildCorpus([fixtureFile()], bad)).toThrow(/aliases\.yaml: entry 1: names must be a list/);
  });
});

describe('alias entries in the lexicon', () => {
  const analyzer = (aliases: Parameters<typeof createLexicon>[1]) => new Analyzer(createLexicon(normalizeWord, aliases));
  const terms = (a: Analyzer, text: string) => a.terms(text).filter((t) => t.alias).map((t) => t.term);

  it('reads `also` through the built-in lexicon and the other entries, else as a word', () => {
    const a = analyzer([
      { names: ['Ruritania', 'Old Kingdom'], also: ['Second World War', 'Russia'] },
      { names: ['Strelsau', 'Strel'], also: ['Old Kingdom', 'castle'] },
    ]);
    expect(terms(a, 'the Old Kingdom')).toEqual(['ruritania', 'ww2', 'russia']);
    expect(terms(a, 'Strel')).toEqual(['strelsau', 'ruritania', 'castle']);
  });

  it('knows its places and demonyms only from the entries that say so', () => {
    const lexicon = createLexicon(normalizeWord, [{ names: ['Strelsau'], also: [], kind: 'place' }, { names: ['Ruritanian'], also: [], kind: 'demonym' }]);
    expect(lexicon.places.has('strelsau')).toBe(true);
    expect(lexicon.demonyms.has('ruritanian')).toBe(true);
    expect(createLexicon(normalizeWord).places.has('strelsau')).toBe(false);
  });

  it('matches a name written in capitals in capitals only', () => {
    const a = analyzer([{ names: ['RFA', 'Rural Freedom Army'], also: [] }]);
    expect(terms(a, 'the RFA')).toEqual(['rfa']);
    expect(terms(a, 'the rfa')).toEqual([]);
  });
});

describe('a corpus that ships aliases', () => {
  const thesaurus = wordnetThesaurus();
  const withAliases = buildIndex(buildCorpus([fixtureFile()], fixtureAliases()), { thesaurus });
  const without = buildIndex(buildCorpus([fixtureFile()]), { thesaurus });
  // The article writes "Iturup"; "Etorofu" is its Japanese name, known only from the corpus's file.
  const question = 'What is Etorofu?';

  it('answers a question that needs one of its aliases', () => {
    const answer = ask(withAliases, question);
    expect(answer.answered).toBe(true);
    // The sentence naming Iturup, and the one after it, which refers back to the islands
    // ("these islets") and so holds the alias too, score within a hair of each other: either
    // may come first, the naming one among the first two.
    expect(answer.passages.slice(0, 2).map((p) => p.text)).toEqual(expect.arrayContaining([expect.stringContaining('Iturup')]));
    expect(answer.passages.slice(0, 2).map((p) => p.text)).toEqual(expect.arrayContaining([expect.stringContaining('these islets')]));
  });

  it('does not know the alias without the file: nothing in code knows the corpus subject', () => {
    expect(ask(without, question).answered).toBe(false);
  });

  it('keeps its aliases in a snapshot, so the loaded index answers the same', () => {
    const loaded = loadSnapshot(snapshotRecords(withAliases), { thesaurus });
    expect(loaded.corpus.aliases).toEqual(withAliases.corpus.aliases);
    expect(ask(loaded, question)).toEqual(ask(withAliases, question));
  });
});
