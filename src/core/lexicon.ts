/**
 * Aliases: phrases that name the same thing, mapped to one canonical term, so "the
 * Second World War", "World War II" and "WWII" all meet at `ww2`. A phrase keeps its own
 * word terms too; the alias term is added beside them (and weighs less in ranking).
 *
 * Four sources, in this order of trust:
 *   1. the corpus itself (people's names and roles, see entities.ts),
 *   2. the corpus's own aliases file, when it ships one (corpus-aliases.ts): what it knows
 *      of its subject (its places' other names, historical names, spellings of its people),
 *   3. the world-countries package (country names, official names, demonyms, capitals),
 *   4. the curated table below: general English that neither gives (world wars, titles and
 *      their abbreviations, international bodies, idioms). Nothing in it is about one
 *      corpus's subject: that belongs in the corpus's aliases file.
 */
import countries from 'world-countries';
import type { CorpusAlias } from './corpus-aliases';

export interface AliasRule {
  /** Normalized words (lower case, no diacritics), matched in sequence. */
  readonly phrase: readonly string[];
  /** Canonical terms the phrase also stands for. */
  readonly terms: readonly string[];
  /** Match only when written in capitals (initialisms such as "US", "UN", "PM"). */
  readonly upperCase?: boolean;
  /** Match only when capitalized ("Turkey", "Chad", "China" are also English words). */
  readonly properNoun?: boolean;
}

/** One word as the lexicon sees it. */
export interface LexiconWord {
  readonly normalized: string;
  readonly raw: string;
}

export interface AliasMatch {
  /** Words the phrase covers. */
  readonly length: number;
  readonly terms: readonly string[];
}

/** Curated aliases: `canonical term: phrases`. Phrases in capitals match capitals only. */
const CURATED: Readonly<Record<string, readonly string[]>> = {
  ww2: ['world war ii', 'world war 2', 'world war two', 'second world war', 'wwii', 'ww2', 'ww ii'],
  ww1: ['world war i', 'world war 1', 'world war one', 'first world war', 'wwi', 'ww1', 'great war'],
  'prime-minister': ['prime minister', 'premier', 'PM', 'head of government'],
  'foreign-minister': ['foreign minister', 'minister of foreign affairs', 'foreign secretary', 'top diplomat', 'chief diplomat', 'FM'],
  president: ['president', 'head of state'],
  'new-year': ['new year', "new year's", 'new years'],
  // Idioms for a dispute; "disput" is the stem of "dispute", so these meet the word itself.
  disput: ['in question', 'contested', 'in dispute', 'at issue'],
  un: ['UN', 'U.N', 'united nations'],
  eu: ['EU', 'E.U', 'european union'],
  nato: ['NATO', 'north atlantic treaty organization'],
  'united-states': ['US', 'U.S', 'USA', 'U.S.A', 'america'],
  'united-kingdom': ['UK', 'U.K', 'britain', 'great britain'],
};

/**
 * Kinds of place, as the last word of a proper name ("Kuril Islands", "Yellow River") or
 * as what a question asks for ("which islands"): general geography, not any one place.
 */
export const PLACE_KINDS: ReadonlySet<string> = new Set([
  'island', 'islands', 'islets', 'archipelago', 'sea', 'river', 'mountains', 'peninsula', 'region', 'province', 'strait', 'city', 'bay', 'ocean', 'state',
]);

/** Plural kinds of place, for questions that ask for several ("which islands", "which provinces"). */
export const PLACE_KINDS_PLURAL: readonly string[] = ['islands', 'islets', 'seas', 'rivers', 'mountains', 'peninsulas', 'regions', 'provinces', 'straits', 'cities', 'bays', 'oceans', 'states', 'countries', 'towns', 'places'];

/** Normalized names of every country (common and official) and capital, and of the corpus's places. */
export function placeNames(normalize: WordNormalizer, corpusAliases: readonly CorpusAlias[] = []): Set<string> {
  const names = new Set<string>();
  const add = (name: string) => names.add(name.split(/[\s-]+/).map(normalize).join(' '));
  for (const country of countries) {
    add(country.name.common);
    add(country.name.official);
    for (const capital of country.capital ?? []) add(capital);
  }
  for (const alias of corpusAliases) if (alias.kind === 'place') alias.names.forEach(add);
  return names;
}

/** Normalized demonyms ("japanese", "russian"): adjectives, not places; and the corpus's own. */
export function demonyms(normalize: WordNormalizer, corpusAliases: readonly CorpusAlias[] = []): Set<string> {
  const names = new Set<string>();
  for (const country of countries) {
    const demonym = country.demonyms?.eng;
    if (demonym) names.add(normalize(demonym.m)).add(normalize(demonym.f));
  }
  for (const alias of corpusAliases) {
    if (alias.kind === 'demonym') for (const name of alias.names) if (!/\s/.test(name.trim())) names.add(normalize(name.trim()));
  }
  return names;
}

/** Normalizes a phrase's words the way the analyzer normalizes a text's words. */
export type WordNormalizer = (word: string) => string;

/**
 * The rules: countries from world-countries, the curated table, then the corpus's own
 * aliases (whose `also` names are read through the rules before them).
 */
export function builtInAliases(normalize: WordNormalizer, corpusAliases: readonly CorpusAlias[] = []): AliasRule[] {
  const rules: AliasRule[] = [];
  const add = (phrase: string, terms: readonly string[], properNoun = false): void => {
    const upperCase = phrase.length > 1 && phrase === phrase.toUpperCase() && /\p{Lu}/u.test(phrase);
    const words = phrase.split(/[\s-]+/).map(normalize).filter((w) => w.length > 0);
    if (words.length > 0) rules.push({ phrase: words, terms, ...(upperCase ? { upperCase } : {}), ...(properNoun ? { properNoun } : {}) });
  };

  for (const country of countries) {
    const canonical = canonicalTerm(country.name.common, normalize);
    const terms = [canonical];
    // Alternative spellings shorter than four letters are ISO codes ("IT", "US"): too
    // ambiguous in text; the common ones are in the curated table.
    // One-word alternative spellings are native names or codes ("Island" for Iceland,
    // "IT"), which collide with English words; multi-word ones are long forms.
    const phrases = new Set([country.name.common, country.name.official, ...country.altSpellings.filter((s) => /^[A-Za-z.'-]+(?: [A-Za-z.'-]+)+$/.test(s))]);
    // Territories share their state's demonym ("French"): only sovereign states get one.
    const demonym = country.demonyms?.eng;
    if (demonym && country.independent) phrases.add(demonym.m).add(demonym.f);
    for (const phrase of phrases) if (/^[\p{L} .'-]+$/u.test(phrase)) add(phrase, terms, true);
    // A capital stands for its country's government ("Moscow insists"), but stays itself too.
    for (const capital of country.capital ?? []) {
      add(capital, terms, true);
      // "Washington D.C." is written "Washington" as often: the name before a closing initialism.
      const short = /^(\p{L}[\p{L} '-]*?)\s+(?:\p{Lu}\.)+$/u.exec(capital)?.[1];
      if (short) add(short, terms, true);
    }
  }
  for (const [term, phrases] of Object.entries(CURATED)) {
    for (const phrase of phrases) add(phrase, [term]);
  }
  if (corpusAliases.length === 0) return rules;
  // "also: [Second World War]" means ww2, "also: [Russia]" russia, "also: [Kuril Islands]"
  // the entry that names them, "also: [island]" the word.
  const own = (alias: CorpusAlias) => canonicalTerm(alias.names[0] ?? '', normalize);
  const named: AliasRule[] = [];
  for (const alias of corpusAliases) {
    for (const name of alias.names) {
      const words = name.split(/[\s-]+/).map(normalize).filter((w) => w.length > 0);
      if (words.length > 0) named.push({ phrase: words, terms: [own(alias)] });
    }
  }
  const known = new Lexicon([...rules, ...named]);
  const termsOf = (name: string): string[] => {
    const words = name.split(/[\s-]+/).filter((w) => w.length > 0).map((raw) => ({ raw, normalized: normalize(raw) }));
    const match = known.match(words, 0);
    return match && match.length === words.length ? [...match.terms] : [canonicalTerm(name, normalize)];
  };
  for (const alias of corpusAliases) {
    // One name and nothing else it stands for: the entry only says what kind of name it is.
    if (alias.names.length === 1 && alias.also.length === 0) continue;
    const terms = [...new Set([own(alias), ...alias.also.flatMap(termsOf)])].filter((t) => t.length > 0);
    for (const name of alias.names) add(name.trim(), terms);
  }
  return rules;
}

/** A canonical term for a multi-word name: its normalized words joined by "-". */
export function canonicalTerm(name: string, normalize: WordNormalizer): string {
  return name.split(/[\s-]+/).map(normalize).filter(Boolean).join('-');
}

/** Finds, for each position of a word sequence, every alias phrase that starts there. */
export class Lexicon {
  private readonly byFirstWord = new Map<string, AliasRule[]>();

  /**
   * `places` and `demonyms`: normalized names of places (countries, capitals, the
   * corpus's places) and adjectives of peoples, for recognizing entities (entities.ts).
   */
  constructor(
    rules: readonly AliasRule[],
    readonly places: ReadonlySet<string> = new Set(),
    readonly demonyms: ReadonlySet<string> = new Set(),
  ) {
    for (const rule of rules) {
      const first = rule.phrase[0];
      if (first === undefined) continue;
      const list = this.byFirstWord.get(first) ?? [];
      list.push(rule);
      this.byFirstWord.set(first, list);
    }
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  }

  /** The longest phrase starting at `at` (merging the terms of rules with that phrase). */
  match(words: readonly LexiconWord[], at: number): AliasMatch | undefined {
    const first = words[at];
    if (!first) return undefined;
    let best: { length: number; terms: Set<string> } | undefined;
    for (const rule of this.byFirstWord.get(first.normalized) ?? []) {
      if (best && rule.phrase.length < best.length) break;
      if (!rule.phrase.every((word, i) => words[at + i]?.normalized === word)) continue;
      if (rule.upperCase && !words.slice(at, at + rule.phrase.length).every((w) => isUpperCaseWord(w.raw))) continue;
      if (rule.properNoun && !/^\p{Lu}/u.test(first.raw)) continue;
      best ??= { length: rule.phrase.length, terms: new Set() };
      for (const term of rule.terms) best.terms.add(term);
    }
    return best && { length: best.length, terms: [...best.terms] };
  }
}

function isUpperCaseWord(raw: string): boolean {
  return raw === raw.toUpperCase() && /\p{Lu}/u.test(raw);
}

/** The lexicon of the built-in rules and a corpus's own aliases, with its places and demonyms. */
export function createLexicon(normalize: WordNormalizer, corpusAliases: readonly CorpusAlias[] = []): Lexicon {
  return new Lexicon(builtInAliases(normalize, corpusAliases), placeNames(normalize, corpusAliases), demonyms(normalize, corpusAliases));
}
