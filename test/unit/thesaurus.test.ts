import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHypernyms, parseSynsetKind } from '../../src/core/thesaurus';
import { namesPerson } from '../../src/core/short-answer';
import { wordnetThesaurus } from '../../src/node/wordnet';

const thesaurus = wordnetThesaurus();
afterAll(() => thesaurus.close());

describe('parseSynsetKind', () => {
  it('reads the lexicographer file and whether the synset is a named individual', () => {
    // Abridged WordNet data lines: offset, file, type, word count (hex), words, pointer count, pointers.
    expect(parseSynsetKind('10247880 18 n 01 minister 0 002 @ 10450161 n 0000 + 01235589 v 0101 | a person who serves')).toEqual({ lexFile: 18, instance: false });
    expect(parseSynsetKind('11288216 18 n 02 Lincoln 0 Abraham_Lincoln 0 001 @i 10487592 n 0000 | 16th President')).toEqual({ lexFile: 18, instance: true });
    expect(parseSynsetKind('08939562 15 n 01 Tokyo 0 001 @i 08715390 n 0000 | the capital')).toEqual({ lexFile: 15, instance: true });
  });

  it('gives nothing for a line that is no synset', () => {
    expect(parseSynsetKind('  1 This software and database is being provided')).toBeUndefined();
    expect(parseSynsetKind('')).toBeUndefined();
  });
});

describe('parseHypernyms', () => {
  it('reads the nouns a synset is a kind or an instance of, and no other pointer', () => {
    expect(parseHypernyms('10247880 18 n 01 minister 0 002 @ 10450161 n 0000 + 01235589 v 0101 | a person who serves')).toEqual([10450161]);
    expect(parseHypernyms('08939562 15 n 01 Tokyo 0 002 @i 08715390 n 0000 #p 08921850 n 0000 | the capital')).toEqual([8715390]);
    expect(parseHypernyms('')).toEqual([]);
  });
});

describe('isKindOf', () => {
  it.each([
    ['Denver', 'city'],
    ['Santa Clara', 'city'],
    ['granite', 'rock'],
    ['Spanish', 'language'],
    ['violin', 'musical instrument'],
    ['gold', 'color'],
    ['Mississippi', 'river'],
    ['primary school', 'school'],
    ['linebacker', 'player'],
  ])('%s is a kind or an instance of %s', (word, category) => expect(thesaurus.isKindOf(word, category)).toBe(true));

  it.each([
    ['city', 'city'],
    ['Denver', 'river'],
    ['granite', 'city'],
    ['stadium', 'player'],
    ['xqzzv', 'city'],
    ['Denver', 'xqzzv'],
    ['', 'city'],
    ['Denver', ''],
  ])('%j is not one of %j', (word, category) => expect(thesaurus.isKindOf(word, category)).toBe(false));
});

describe('isPersonNoun', () => {
  it.each(['minister', 'Minister', 'ministers', 'coach', 'General', 'spokesperson', 'superintendent', 'Secretary-General', 'Vice-Chancellor', 'CEO'])(
    '%s names a kind of person',
    (word) => expect(thesaurus.isPersonNoun(word)).toBe(true),
  );

  it.each(['Tokyo', 'vote', 'press', 'year', 'company', 'Park', 'Lincoln', 'Washington', 'Mr.', 'foreign minister', '', 'xqzzv'])(
    '%j does not: a place, a thing, a named individual, a phrase or no word',
    (word) => expect(thesaurus.isPersonNoun(word)).toBe(false),
  );
});

describe('isVerb', () => {
  it.each(['call', 'host', 'result', 'release', 'delay', 'claim', 'note', 'use'])('%s is a verb', (word) => expect(thesaurus.isVerb(word)).toBe(true));

  it.each(['oxide', 'photosynthesis', 'Tokyo', 'gas spiritus', '', 'xqzzv'])('%j is not', (word) => expect(thesaurus.isVerb(word)).toBe(false));
});

describe('synonyms', () => {
  it('reads an adverb\'s senses from the adverb file', () => {
    // Before, read from the adjective file at the adverb's offsets: "0000", "and", "of", "\"the"...
    expect(thesaurus.synonyms('quickly')).toEqual(expect.arrayContaining(['rapidly', 'speedily']));
    for (const word of ['quickly', 'high', 'long', 'fast']) {
      for (const synonym of thesaurus.synonyms(word)) expect({ word, synonym }).toEqual({ word, synonym: expect.stringMatching(/^[a-z][a-z' -]*[a-z]$/) });
      expect(thesaurus.synonyms(word)).not.toEqual(expect.arrayContaining(['of']));
    }
  });
});

describe('synonyms with either', () => {
  it('adds the words a rarer sense shares, where that sense is one of their own commonest', () => {
    // "leave" is mostly going away; "exit" is mostly leaving.
    expect(thesaurus.synonyms('leave')).not.toContain('exit');
    expect(thesaurus.synonyms('leave', { either: true })).toEqual(expect.arrayContaining(['exit', ...thesaurus.synonyms('leave')]));
    expect(thesaurus.synonyms('leaving', { either: true })).toContain('exit');
  });

  it('not a word whose own common senses are elsewhere', () => {
    // "advance" shares a rare sense with "win" (to gain a place), but "advance" is mostly moving forward.
    expect(thesaurus.synonyms('win', { senses: 20 })).toContain('advance');
    expect(thesaurus.synonyms('win', { either: true })).not.toContain('advance');
    expect(thesaurus.synonyms('xqzzv', { either: true })).toEqual([]);
  });
});

describe('long synset lines', () => {
  // A dictionary of two synsets whose lines run past the first kilobyte read, "beta" a kind
  // of "alpha" by its last pointer: a line is read whole, whatever line was read before it.
  const dir = mkdtempSync(path.join(tmpdir(), 'citeqa-wordnet-'));
  const hyponyms = (n: number) => Array.from({ length: n }, (_, i) => `~ ${String(90_000_000 + i).padStart(8, '0')} n 0000`).join(' ');
  const alpha = `00000000 03 n 01 alpha 0 ${String(100).padStart(3, '0')} ${hyponyms(100)} | the first`;
  const betaOffset = String(alpha.length + 1).padStart(8, '0');
  const beta = `${betaOffset} 03 n 01 beta 0 ${String(101).padStart(3, '0')} ${hyponyms(100)} @ 00000000 n 0000 | the second`;
  writeFileSync(path.join(dir, 'data.noun'), `${alpha}\n${beta}\n`, 'latin1');
  writeFileSync(path.join(dir, 'index.noun'), `alpha n 1 0 1 0 00000000  \nbeta n 1 0 1 0 ${betaOffset}  \n`, 'latin1');
  for (const part of ['verb', 'adj', 'adv']) writeFileSync(path.join(dir, `index.${part}`), '');
  const small = wordnetThesaurus(dir);
  afterAll(() => {
    small.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a long line whole after another long one', () => {
    expect(alpha.length).toBeGreaterThan(1024);
    expect(beta.length).toBeGreaterThan(1024);
    expect(small.isKindOf('alpha', 'beta')).toBe(false);
    expect(small.isKindOf('beta', 'alpha')).toBe(true);
  });
});

describe('attributes', () => {
  it.each([
    ['deep', 'depth'],
    ['tall', 'height'],
    ['old', 'age'],
    ['wide', 'width'],
  ])('%s is a value of %s', (word, noun) => expect(thesaurus.attributes(word)).toContain(noun));

  it.each(['depth', 'quickly', 'Tokyo', ''])('%j is no adjective with attributes', (word) => expect(thesaurus.attributes(word)).toEqual([]));
});

describe('related', () => {
  it.each([
    ['searchers', 'search'],
    ['resignation', 'resign'],
    ['investigators', 'investigate'],
    ['election', 'elect'],
  ])('%s -> %s', (word, form) => expect(thesaurus.related(word)).toContain(form));

  it.each(['online', 'Tokyo', '', 'xqzzv'])('%j has none', (word) => expect(thesaurus.related(word)).toEqual([]));
});

describe('namesPerson', () => {
  const isPersonNoun = (word: string) => thesaurus.isPersonNoun(word);
  it.each([
    ["the country's finance minister", true],
    ['the editor of Electrical World magazine', true],
    ['a journalist whom Tesla had befriended', true],
    ['a friend and publicist', true],
    ['Radio Engineers', true],
    ['vote', false],
    ['Tokyo', false],
    // "head" and "company" name people only in rare senses.
    ['the head of the ministry', false],
    ["Edison's company", false],
    ['Chief Justice', true],
    ['Foreign Minister', true],
    ['FIFA President', true],
    ['UN Secretary-General', true],
    ['Microsoft CEO', true],
    ['a report on trade by the ministry', false],
    ['', false],
  ])('%j -> %s, by its head noun', (span, expected) => {
    expect(namesPerson(span as string, isPersonNoun)).toBe(expected);
  });
});
