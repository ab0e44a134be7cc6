/**
 * Deterministic synthetic news articles for benchmarks and load tests: the same seed gives
 * the same corpus. Twenty sentences an article: twelve that make the usual questions
 * answerable (a meeting, how long it lasted, who said what, numbers, dates, a visit) and
 * eight of running prose drawn from WordNet's English vocabulary with a Zipf distribution
 * (the commonest words most often, as in real text), so that the vocabulary grows with
 * the corpus and common words match many sentences while most match few. People are
 * named from thousands of generated surnames, places from world-countries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import countries from 'world-countries';
import type { CorpusFile } from '../core/corpus';
import { wordnetDir } from '../node/wordnet';

const FIRST = [
  'Anna', 'Boris', 'Chen', 'Daniel', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kenji', 'Lena', 'Marco', 'Nadia', 'Omar',
  'Priya', 'Rafael', 'Sofia', 'Tomas', 'Yuki', 'Amara', 'Bruno', 'Carla', 'Dmitri', 'Emeka', 'Fatima', 'Giorgio', 'Hana', 'Ivan',
  'Julia', 'Kwame', 'Leila', 'Mateo', 'Nora', 'Oskar', 'Paulo', 'Rania', 'Sven', 'Tariq', 'Ugo', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zara',
];
const ONSETS = ['b', 'd', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'ch', 'sh', 'gr', 'br', 'kr', 'st', 'h', 'f'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou'];
const CODAS = ['', 'n', 'r', 's', 'k', 'l', 'm', 'v', 'sk', 'ri', 'no', 'ko', 'ev', 'ova', 'ez', 'er', 'sen', 'berg', 'ić', 'ato'];
const ROLES = ['Foreign Minister', 'Prime Minister', 'President', 'Trade Minister', 'Defense Minister', 'Finance Minister'];
/** Topics that tests and benchmark questions name; most articles get one made from the vocabulary. */
const TOPICS = ['trade agreement', 'peace treaty', 'energy deal', 'border dispute', 'fishing rights', 'climate pact', 'security talks', 'tariff dispute', 'water treaty', 'shipping accord'];
const VERBS = ['met', 'discussed', 'signed', 'rejected', 'proposed', 'welcomed', 'criticised', 'postponed', 'announced', 'negotiated'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NUMBERS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'ten', 'twelve', 'twenty'];

/** mulberry32: a small, fast, deterministic generator. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const independent = countries.filter((c) => c.independent && (c.capital?.length ?? 0) > 0 && c.demonyms?.eng);

interface Vocabulary {
  readonly nouns: readonly string[];
  readonly verbs: readonly string[];
  readonly adjectives: readonly string[];
}

let vocabularyCache: Vocabulary | undefined;

/**
 * Single English words from WordNet's index files, commonest first (by how often their
 * senses were tagged in WordNet's corpus).
 */
export function vocabulary(): Vocabulary {
  if (vocabularyCache) return vocabularyCache;
  const dict = wordnetDir();
  const read = (part: string, most: number): string[] => {
    const words: Array<[string, number]> = [];
    for (const line of readFileSync(path.join(dict, `index.${part}`), 'latin1').split('\n')) {
      if (line.startsWith(' ') || line === '') continue;
      const fields = line.split(' ');
      const lemma = fields[0] ?? '';
      if (!/^[a-z]{3,12}$/.test(lemma)) continue;
      const pointers = Number(fields[3]);
      const tagged = Number(fields[5 + pointers]);
      words.push([lemma, Number.isFinite(tagged) ? tagged : 0]);
    }
    return words
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, most)
      .map(([word]) => word);
  };
  vocabularyCache = { nouns: read('noun', 20_000), verbs: read('verb', 4_000), adjectives: read('adj', 8_000) };
  return vocabularyCache;
}

/** Picks from a list by a Zipf distribution over its order (exponent 1): the first most often. */
function zipf<T>(list: readonly T[], next: () => number): () => T {
  const cumulative = new Float64Array(list.length);
  let total = 0;
  for (let i = 0; i < list.length; i++) cumulative[i] = total += 1 / (i + 1);
  return () => {
    const target = next() * total;
    let low = 0;
    let high = list.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return list[low] as T;
  };
}

function past(verb: string): string {
  if (verb.endsWith('e')) return `${verb}d`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ied`;
  return `${verb}ed`;
}

function plural(noun: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(noun)) return `${noun}es`;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What an article was generated from: what questions about it can name. */
export interface ArticleFacts {
  readonly id: string;
  readonly people: readonly [{ name: string; last: string; role: string }, { name: string; last: string; role: string }];
  readonly countries: readonly [string, string];
  readonly topic: string;
}

/** `count` article files, the same for the same `seed`. */
export function syntheticArticles(count: number, seed = 1): CorpusFile[] {
  return syntheticArchive(count, seed).files;
}

/** The articles of {@link syntheticArticles} with the facts each was made from. */
export function syntheticArchive(count: number, seed = 1): { files: CorpusFile[]; facts: ArticleFacts[] } {
  const made: ArticleFacts[] = [];
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const words = vocabulary();
  const noun = zipf(words.nouns, next);
  const verb = zipf(words.verbs, next);
  const adjective = zipf(words.adjectives, next);
  const surname = () => capital(`${pick(ONSETS)}${pick(VOWELS)}${pick(ONSETS)}${pick(VOWELS)}${pick(CODAS)}`);
  const files: CorpusFile[] = [];
  const encoder = new TextEncoder();
  for (let n = 0; n < count; n++) {
    const [a, b] = [pick(independent), pick(independent)];
    if (!a || !b) continue;
    const person = (country: typeof a) => {
      const last = surname();
      return { name: `${pick(FIRST)} ${last}`, last, role: `${country.demonyms?.eng?.m ?? ''} ${pick(ROLES)}`.trim() };
    };
    const p1 = person(a);
    const p2 = person(b);
    const topic = next() < 0.3 ? pick(TOPICS) : `${adjective()} ${noun()}`;
    const year = 2000 + Math.floor(next() * 26);
    const month = Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const published = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const title = `${a.name.common} And ${b.name.common} ${pick(['Resume', 'Stall', 'Advance', 'Reopen'])} Talks On ${topic.replace(/\b\w/g, (c) => c.toUpperCase())}`;
    const aCapital = a.capital?.[0] ?? 'the capital';
    const bCapital = b.capital?.[0] ?? 'the capital';
    const facts = [
      `${aCapital.toUpperCase()} (Synthetic Wire - ${day} ${MONTHS[month]}, ${year}) ${p1.role} ${p1.name} ${pick(VERBS)} ${p2.role} ${p2.name} on ${pick(WEEKDAYS)} in ${bCapital} to discuss the ${topic}.`,
      `The meeting lasted about ${pick(NUMBERS)} hours, officials said.`,
      `"We have ${pick(VERBS)} the main points of the ${topic}. The next round will follow in ${pick(MONTHS)}," ${p1.last} said after the meeting.`,
      `${p2.last} said that ${b.name.common} wanted ${pick(NUMBERS)} changes to the draft before it could be signed.`,
      `The two countries have ${pick(VERBS)} the ${topic} since ${year - 1 - Math.floor(next() * 20)}.`,
      `Analysts in ${aCapital} said the ${topic} could affect ${pick(NUMBERS)} industries and thousands of jobs.`,
      `Trade between ${a.name.common} and ${b.name.common} grew by ${1 + Math.floor(next() * 30)} percent last year.`,
      `${p2.last} added that the talks were held in a ${pick(['constructive', 'difficult', 'frank', 'friendly'])} atmosphere.`,
      `Both ministers agreed to meet again in ${pick([aCapital, bCapital])} within ${pick(NUMBERS)} weeks.`,
      `Opposition leaders in ${b.name.common} ${pick(VERBS)} the talks as premature.`,
      `${p1.name} is expected to visit ${b.name.common} in ${pick(MONTHS)}.`,
      `The talks will resume after the ${pick(['elections', 'holidays', 'summit', 'budget debate'])}.`,
    ];
    // Running prose: what makes an archive's vocabulary large and its words unevenly common.
    const prose = [
      () => `${capital(adjective())} ${plural(noun())} in ${pick([aCapital, bCapital])} ${past(verb())} the ${noun()} of the ${noun()}, according to ${plural(noun())}.`,
      () => `${pick([p1.last, p2.last])} said the ${adjective()} ${noun()} would ${verb()} the ${noun()} by ${pick(MONTHS)}.`,
      () => `The ${noun()} of ${pick([a, b]).name.common} has ${past(verb())} ${pick(NUMBERS)} ${plural(noun())} since ${year - 1 - Math.floor(next() * 10)}.`,
      () => `Critics ${verb()} that the ${noun()} ${past(verb())} the ${adjective()} ${noun()} and the ${noun()}.`,
      () => `In ${pick([aCapital, bCapital])}, ${plural(noun())} ${past(verb())} ${adjective()} ${plural(noun())} and ${adjective()} ${plural(noun())}.`,
      () => `A ${adjective()} ${noun()} for the ${noun()} was ${past(verb())} by ${surname()}, a ${noun()} ${noun()}.`,
      () => `${capital(plural(noun()))} ${verb()} the ${adjective()} ${noun()} more than the ${noun()}.`,
      () => `The ${adjective()} ${noun()} ${past(verb())} ${pick(NUMBERS)} ${plural(noun())} on ${pick(WEEKDAYS)}.`,
    ].map((sentence) => sentence());
    const body = [facts.slice(0, 3), prose.slice(0, 3), facts.slice(3, 7), prose.slice(3, 6), facts.slice(7), prose.slice(6)].map((p) => p.join(' ')).join('\n\n');
    const id = `synthetic-${seed}-${n}`;
    made.push({ id, people: [p1, p2], countries: [a.name.common, b.name.common], topic });
    const text = `---\nid: ${id}\ntitle: ${title}\nsource: Synthetic Wire\npublished: ${published}\n---\n${title}\n\n${body}\n`;
    files.push({ name: `${id}.md`, bytes: encoder.encode(text) });
  }
  return { files, facts: made };
}

/** Forty words that all occur in the archive: the most work one question can ask for. */
export const LONG_QUESTION =
  'trade agreement peace treaty energy deal border dispute fishing rights climate pact security talks tariff water shipping accord minister president officials parliament protests summit budget elections analysts industries jobs percent atmosphere statement diplomats neighbours';

/** A question, and the article that answers it when it is about one article. */
export interface SyntheticQuestion {
  readonly question: string;
  readonly doc?: string;
}

/**
 * A mixed set of `count` questions about an archive, the same for the same seed: most
 * name one article's people, places or topic (as readers ask about a story), the rest are
 * made of common words only, or long, or misspelled.
 */
export function syntheticQuestions(facts: readonly ArticleFacts[], count: number, seed = 1): SyntheticQuestion[] {
  const next = random(seed + 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const out: SyntheticQuestion[] = [];
  const generic = [
    'How long did the meeting last?',
    'Who proposed the trade agreement?',
    'What did analysts say about jobs?',
    'When will the talks resume?',
    LONG_QUESTION,
  ];
  for (let i = 0; i < count; i++) {
    if (i % 5 === 4) {
      out.push({ question: pick(generic) });
      continue;
    }
    const f = pick(facts);
    const [p1, p2] = f.people;
    const [a, b] = f.countries;
    const typo = (word: string) => (word.length > 4 ? `${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}` : word);
    const question = pick([
      `Who is ${p1.name}?`,
      `How long did ${p1.last} and ${p2.last} meet?`,
      `What did ${p1.last} say about the ${f.topic}?`,
      `When is ${p1.name} expected to visit ${b}?`,
      `How much did trade between ${a} and ${b} grow?`,
      `How many changes did ${p2.last} want to the draft?`,
      `Where did ${p1.last} meet ${typo(p2.last)}?`,
    ]);
    out.push({ question, doc: f.id });
  }
  return out;
}
