/**
 * What a careful reader knows about one article beyond its words: who its people are and
 * what roles they hold, who is speaking in each quotation, and which spans are people,
 * places, organizations, dates, durations and numbers. Built from the article itself.
 *
 *   "Japanese Foreign Minister Toshimitsu Motegi held a meeting ..."
 *     -> person Motegi, role "Japanese Foreign Minister" (terms japan, foreign-minister)
 *   "The Japanese foreign minister added ..."   -> this sentence also stands for motegi
 *   "\"I held a meeting ... I believe ... this way,\" Motegi said"
 *     -> every sentence of the quotation is said by Motegi
 */
import { lemmaTerm, normalizeWord, termOf, type Analyzer } from './analyzer';
import type { CorpusDocument } from './corpus';
import { PLACE_KINDS } from './lexicon';
import { lowerBound } from './lower-bound';
import { tag, type Entity, type EntityType, type NlpToken } from './nlp';

export interface Person {
  /** The full name as first written ("Toshimitsu Motegi"). */
  readonly name: string;
  /** Normalized surname ("maas"), as names are looked up. */
  readonly surname: string;
  /** The surname's index term ("maa" for "Maas"): what finds the person. */
  readonly term: string;
  /** Roles as written before the name ("Japanese Foreign Minister"). */
  readonly roles: readonly string[];
}

/** The surname as the text writes it ("Motegi" of "Toshimitsu Motegi"): the last word of the full name. */
export function writtenSurname(person: Person): string {
  return person.name.split(' ').at(-1) ?? person.name;
}

/** What is known of an article at question time: compact enough to keep for every article. */
export interface DocumentEntities {
  readonly people: readonly Person[];
  /** Who says sentence `n`, when it lies inside an attributed quotation. */
  speaker(n: number): Person | undefined;
  /** People, places, organizations, events, dates, durations and numbers inside `[start, end)`, by offset. */
  entitiesIn(start: number, end: number): Entity[];
  /** The words of `[start, end)` (a sentence) with parts of speech and lemmas, tagged when asked. */
  tokensIn(start: number, end: number): NlpToken[];
  /** The compact form: what memory and snapshots hold. */
  readonly stored: StoredEntities;
}

/** What indexing an article needs besides: the alias terms each sentence stands for. */
export interface RecognizedDocument extends DocumentEntities {
  /** Alias terms that sentence `n` stands for through people, roles and quotations. */
  sentenceAliases(n: number): string[];
  /**
   * Terms of the dictionary forms of irregular inflections in sentence `n` ("sent" ->
   * send, "met" -> meet), which stemming does not join.
   */
  lemmaTerms(n: number): string[];
}

/** Entity types in the order of their codes in {@link StoredEntities.spans}. */
export const ENTITY_TYPES: readonly EntityType[] = ['DATE', 'TIME', 'DURATION', 'CARDINAL', 'ORDINAL', 'MONEY', 'PERCENT', 'PERSON', 'PLACE', 'ORG', 'EVENT'];
const ENTITY_CODES = new Map(ENTITY_TYPES.map((type, code) => [type, code]));

/**
 * An article's entities in a few hundred bytes (the recognizer's tokens take tens of
 * kilobytes an article, too much to keep for 100,000 articles).
 */
export interface StoredEntities {
  readonly people: readonly Person[];
  /** Four numbers an entity, in order of offset: type code (ENTITY_TYPES), start, end, 1 if named by role alone. */
  readonly spans: Int32Array;
  /** For each sentence, the index in `people` of who says it, or -1. */
  readonly speakers: Int16Array;
}

/** Words that introduce a person's name ("Foreign Minister Motegi", "Mr. Abe"). */
const TITLES = new Set([
  'minister', 'president', 'premier', 'chancellor', 'secretary', 'spokesman', 'spokeswoman', 'spokesperson',
  'ambassador', 'governor', 'mayor', 'king', 'queen', 'prince', 'princess', 'emperor', 'senator', 'general',
  'admiral', 'mr', 'mrs', 'ms', 'dr', 'prof', 'pope', 'chairman', 'chairwoman', 'chairperson', 'envoy', 'leader', 'director',
  'commissioner', 'chief', 'sheikh', 'judge', 'colonel', 'captain',
]);
/**
 * Where a person's name begins inside `[start, end)` of `text`, a span the recognizer typed
 * as a person: after the last title word that more capitalized words follow ("Commission
 * Chairperson Moussa Faki Mahamat" -> "Moussa Faki Mahamat", "General Abdel Fattah
 * al-Burhan" -> "Abdel Fattah al-Burhan"); `start` when it holds none.
 */
export function nameStart(text: string, start: number, end: number): number {
  let at = start;
  for (const word of text.slice(start, end).matchAll(/[\p{L}\p{M}'’.-]+/gu)) {
    const after = start + word.index + word[0].length;
    const gap = /^\s+(?=\p{Lu})/u.exec(text.slice(after, end));
    if (gap && TITLES.has(word[0].toLowerCase().replace(/[.'’]+$/u, ''))) at = after + gap[0].length;
  }
  return at;
}

/** Words that may stand before a title in a role ("Deputy Foreign Minister"). */
const ROLE_MODIFIERS = new Set(['crown', 'foreign', 'prime', 'deputy', 'defense', 'defence', 'finance', 'vice', 'first', 'former', 'acting', 'interior', 'trade', 'economy', 'state', 'general']);
/**
 * Words of an office named after "of" ("Secretary of State", "Minister of Foreign
 * Affairs", "Director of National Intelligence"): a name that follows is a person's.
 */
const OFFICE_WORDS = new Set([
  ...ROLE_MODIFIERS, 'affairs', 'health', 'human', 'services', 'justice', 'education', 'commerce', 'labor', 'labour',
  'energy', 'agriculture', 'transportation', 'transport', 'treasury', 'homeland', 'security', 'veterans', 'housing',
  'culture', 'environment', 'war', 'navy', 'army', 'staff', 'internal', 'external', 'home', 'public', 'national', 'intelligence',
]);
/** A proper-noun run ending in one of these names an organization or an event. */
const ORG_WORDS = new Set([
  'conference', 'council', 'ministry', 'committee', 'union', 'party', 'news', 'agency', 'organization',
  'organisation', 'forum', 'summit', 'bank', 'university', 'court', 'assembly', 'parliament', 'congress',
  'senate', 'commission', 'company', 'inc', 'corp', 'group', 'institute', 'association', 'games', 'olympics',
  'foundation', 'communications', 'corporation', 'society', 'league', 'club', 'church', 'school', 'college', 'museum', 'community',
  // A company's: "General Motors", "General Electric", "Delta Air Lines", "Acme Holdings Ltd".
  'motors', 'motor', 'electric', 'dynamics', 'airlines', 'airways', 'industries', 'holdings', 'technologies', 'systems',
  'pharmaceuticals', 'enterprises', 'co', 'ltd', 'plc', 'llc',
]);
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'to', 'from', 'across', 'over', 'into', 'of']);
/** Verbs that report speech, as news writes them: "said", "told", "announced". */
export const SPEECH_VERBS = 'said|says|added|told|noted|stressed|explained|insisted|stated|continued|remarked|argued|warned|replied|wrote|announced';
/** "following World War II": a time given by an event. */
const EVENT_TIME = /\b(?:after|following|before|during|since|until|by the end of)\s+(?:the\s+)?(?:(?:First|Second)\s+World\s+War|World\s+War\s+(?:I{1,2}|One|Two|[12])|WWI{1,2}|WW[12]|the\s+war)\b/g;

/** A sentence that names something only by pointing back: "these islets", "They ...". */
const REFERS_BACK = /\b(?:these|those)\s+\p{Ll}+|^(?:he|she|they|it)\b|,\s*(?:but|and)\s+(?:he|she|they|it)\b/iu;

/** Names of places and adjectives of peoples, from the analyzer's lexicon (general, and the corpus's own). */
interface NameSets {
  readonly places: ReadonlySet<string>;
  readonly demonyms: ReadonlySet<string>;
}

export function documentEntities(document: CorpusDocument, analyzer: Analyzer): RecognizedDocument {
  const { text } = document;
  const { tokens, entities: numeric } = tag(text);
  // The headline is written in title case, where every word looks like a name.
  const bodyStart = document.sentences[0]?.end ?? 0;
  const body = tokens.filter((t) => t.start >= bodyStart);
  const sets: NameSets = analyzer.lexicon;
  const people = findPeople(body, sets);
  const bySurname = new Map(people.map((p) => [p.surname, p]));
  const dates = numeric.filter((e) => e.type === 'DATE' || e.type === 'TIME');
  const names = properNounEntities(text, body, bySurname, sets).filter((e) => !dates.some((d) => d.start < e.end && e.start < d.end));
  const events = [...text.matchAll(EVENT_TIME)].map((m) => ({ type: 'EVENT' as const, start: m.index, end: m.index + m[0].length }));
  const roleMentions = findRoleMentions(text, bodyStart, people, names);
  const entities: Entity[] = [...numeric, ...names, ...roleMentions, ...events].sort((a, b) => a.start - b.start || b.end - a.end);
  const quotes = attributedQuotes(text, tokens, bySurname);

  // Terms that identify a role in a sentence: its alias terms (country, canonical title),
  // or its word terms when it has none.
  const roleTerms = new Map<Person, string[][]>(
    people.map((p) => [p, p.roles.map((role) => roleKeyTerms(analyzer, role))]),
  );
  const peopleByTerm = new Map<string, Person[]>();
  const rolesByFirstTerm = new Map<string, Array<{ person: Person; role: readonly string[] }>>();
  for (const person of people) {
    const named = peopleByTerm.get(person.term);
    if (named) named.push(person);
    else peopleByTerm.set(person.term, [person]);
    for (const role of roleTerms.get(person) ?? []) {
      const first = role[0];
      if (first === undefined) continue;
      const holders = rolesByFirstTerm.get(first);
      if (holders) holders.push({ person, role });
      else rolesByFirstTerm.set(first, [{ person, role }]);
    }
  }
  const sentenceText = (n: number) => {
    const span = document.sentences[n];
    return span ? text.slice(span.start, span.end) : '';
  };
  const aliasCache = new Map<number, string[]>();

  // A sentence belongs to the quotation it starts in (the attribution may follow it): one
  // pass over sentences and quotations, both in text order.
  const byStart = [...quotes].sort((a, b) => a.start - b.start);
  const speakers: Array<Person | undefined> = [];
  let q = 0;
  for (const span of document.sentences) {
    while (q < byStart.length && byStart[q]!.end <= span.start) q++;
    // Quotations may nest or overlap: the first that holds the start, as before.
    let holder: (typeof quotes)[number] | undefined;
    for (let k = q; k < byStart.length && byStart[k]!.start <= span.start && !holder; k++) if (span.start < byStart[k]!.end) holder = byStart[k];
    speakers.push(holder?.speaker);
  }
  const speaker = (n: number): Person | undefined => speakers[n];

  const stored: StoredEntities = {
    people,
    spans: Int32Array.from(entities.flatMap((e) => [ENTITY_CODES.get(e.type) ?? 0, e.start, e.end, e.role ? 1 : 0])),
    speakers: Int16Array.from(document.sentences, (_span, n) => {
      const who = speaker(n);
      return who ? people.indexOf(who) : -1;
    }),
  };
  return {
    ...storedEntities(document, stored),
    lemmaTerms(n) {
      const span = document.sentences[n];
      if (!span) return [];
      const out = new Set<string>();
      // The sentence's tokens only, found by bisection (tokens are in text order): a long
      // article's sentences each cost their own tokens, not the article's.
      for (let k = lowerBound(tokens.length, span.start, (n) => tokens[n]!.start); k < tokens.length && tokens[k]!.start < span.end; k++) {
        const token = tokens[k]!;
        if (token.end > span.end || !/^\p{L}+$/u.test(token.text)) continue;
        const own = termOf(normalizeWord(token.text));
        const lemma = lemmaTerm(token.lemma);
        if (own !== null && lemma !== null && lemma !== own) out.add(lemma);
      }
      return [...out];
    },
    sentenceAliases(n) {
      const cached = aliasCache.get(n);
      if (cached) return cached;
      const terms = analyzer.terms(sentenceText(n));
      const present = new Set(terms.map((t) => t.term));
      const out = new Set<string>();
      // A person named here stands for their roles; a role written out whole, for its
      // person. Found through the sentence's own terms, not by trying every person.
      for (const term of present) {
        for (const person of peopleByTerm.get(term) ?? []) for (const role of roleTerms.get(person) ?? []) role.forEach((t) => out.add(t));
        for (const { person, role } of rolesByFirstTerm.get(term) ?? []) {
          if (!present.has(person.term) && role.every((t) => present.has(t))) out.add(person.term);
        }
      }
      // "these islets", "they", "it": the names of the sentence before (people, places,
      // organizations: "the Bank of America Tower ... It has a height of 617 ft") stand for them here.
      if (n > 1 && REFERS_BACK.test(sentenceText(n))) {
        const previous = document.sentences[n - 1];
        if (previous) {
          for (let k = lowerBound(entities.length, previous.start, (n) => entities[n]!.start); k < entities.length && entities[k]!.start < previous.end; k++) {
            const entity = entities[k]!;
            if (entity.end > previous.end || (entity.type !== 'PLACE' && entity.type !== 'PERSON' && entity.type !== 'ORG')) continue;
            for (const t of analyzer.terms(text.slice(entity.start, entity.end))) out.add(t.term);
          }
        }
      }
      const who = speaker(n);
      if (who) {
        out.add(who.term);
        for (const role of roleTerms.get(who) ?? []) role.forEach((t) => out.add(t));
      }
      const list = [...out];
      aliasCache.set(n, list);
      return list;
    },
  };
}

/**
 * An article's entities from their stored form. `tokensIn` may be given to remember the
 * words of sentences that questions keep meeting (tagging one takes a fraction of a
 * millisecond).
 */
export function storedEntities(
  document: CorpusDocument,
  stored: StoredEntities,
  tokensIn: (start: number, end: number) => NlpToken[] = (start, end) => tagSpan(document.text, start, end),
): DocumentEntities {
  const { people, spans, speakers } = stored;
  const count = spans.length / 4;
  return {
    people,
    stored,
    speaker: (n) => people[speakers[n] ?? -1],
    entitiesIn(start, end) {
      // The first entity starting at or after `start`, by bisection.
      const low = lowerBound(count, start, (i) => spans[i * 4 + 1] as number);
      const out: Entity[] = [];
      for (let i = low; i < count && (spans[i * 4 + 1] as number) < end; i++) {
        const entityEnd = spans[i * 4 + 2] as number;
        if (entityEnd > end) continue;
        const type = ENTITY_TYPES[spans[i * 4] as number] ?? 'CARDINAL';
        out.push({ type, start: spans[i * 4 + 1] as number, end: entityEnd, ...(spans[i * 4 + 3] === 1 ? { role: true } : {}) });
      }
      return out;
    },
    tokensIn,
  };
}

/** The words of `text.slice(start, end)`, tagged, with offsets into `text`. */
export function tagSpan(text: string, start: number, end: number): NlpToken[] {
  return tag(text.slice(start, end)).tokens.map((t) => ({ ...t, start: t.start + start, end: t.end + start }));
}

function roleKeyTerms(analyzer: Analyzer, role: string): string[] {
  const terms = analyzer.terms(role);
  const aliases = terms.filter((t) => t.alias).map((t) => t.term);
  return aliases.length > 0 ? [...new Set(aliases)] : terms.map((t) => t.term);
}

function isCapitalized(token: NlpToken): boolean {
  return /^\p{Lu}/u.test(token.text);
}

function bare(token: NlpToken | undefined): string {
  return token ? normalizeWord(token.text) : '';
}

/**
 * The people of an article, from general evidence of a person (never from knowing who
 * the article is about):
 *   - a title before a name: "Foreign Minister Jane Doe", "Mr. Smith" (the role is kept);
 *   - apposition: "Jane Doe, the country's finance minister," (the role is kept);
 *   - speech: "Jane Doe said", "said Jane Doe" (a full name, two words or more);
 *   - a common noun right before a full name: "defensive coordinator Jane Doe";
 *   - a full name repeated by its surname alone: "Jane Doe ... Doe added" (proper nouns
 *     as wink-nlp tags them; "the Broncos" is a team's name, not a surname).
 * A name is never a place, an organization or a demonym as the lexicon knows them.
 */
function findPeople(tokens: readonly NlpToken[], sets: NameSets): Person[] {
  const { demonyms } = sets;
  const people = new Map<string, { name: string; roles: Set<string> }>();
  const addPerson = (first: NlpToken, last: NlpToken, role?: string) => {
    const surname = bare(last);
    const entry = people.get(surname) ?? { name: textBetween(tokens, first, last), roles: new Set<string>() };
    if (role) entry.roles.add(role);
    people.set(surname, entry);
  };
  // A word the article also writes in lower case is an English word, not a name ("Time", "Earth").
  const lowerCase = new Set(tokens.filter((t) => /^\p{Ll}/u.test(t.text)).map((t) => bare(t)));
  for (let i = 0; i < tokens.length; i++) {
    if (!TITLES.has(bare(tokens[i]))) continue;
    const nameTokens: NlpToken[] = [];
    for (let j = i + 1; j < tokens.length && nameTokens.length < 5; j++) {
      const token = tokens[j];
      // "Jean-Yves Le Drian": a hyphen joins the parts of a name.
      if (token?.text === '-' && nameTokens.length > 0 && token.start === nameTokens.at(-1)?.end && isCapitalized(tokens[j + 1] ?? token)) continue;
      // "Ursula von der Leyen": particles between parts of the name.
      const particles = nameTokens.length > 0 ? particlesAt(tokens, j, (t) => t !== undefined && isCapitalized(t), true) : 0;
      if (particles > 0) {
        j += particles - 1;
        continue;
      }
      // An organization's or a place's word ends the name ("President Nelson Mandela School").
      if (!token || !isCapitalized(token) || TITLES.has(bare(token)) || ORG_WORDS.has(bare(token)) || PLACE_KINDS.has(bare(token))) break;
      // A surname that is also an English noun ("Prime Minister David Park") is tagged as
      // the noun: after a first name it is the name's, unless the article writes it in lower case.
      if (token.pos !== 'PROPN' && !(token.pos === 'NOUN' && nameTokens.length > 0 && !lowerCase.has(bare(token)))) break;
      nameTokens.push(token);
    }
    const first = nameTokens[0];
    const last = nameTokens.at(-1);
    if (!first || !last || demonyms.has(bare(last))) continue;
    let roleStart = i;
    while (roleStart > 0) {
      // "Secretary-General": a title joined to the one before by a hyphen is one title.
      const joined = hyphenJoins(tokens, roleStart - 1) ? 1 : 0;
      const before = bare(tokens[roleStart - 1 - joined]);
      if (!(ROLE_MODIFIERS.has(before) || TITLES.has(before) || demonyms.has(before))) break;
      roleStart -= 1 + joined;
    }
    addPerson(first, last, textBetween(tokens, tokens[roleStart]!, tokens[i]!));
  }
  const runs = nameRuns(tokens, sets);
  const acting = actingAlone(tokens, runs);
  // A name written after "the" ("the Broncos", "the Super Bowl") is a team's, an event's or a thing's.
  const afterThe = new Set(runs.filter(([from]) => bare(tokens[from - 1]) === 'the').flatMap(([from, to]) => [bare(tokens[to]), tokens.slice(from, to + 1).map(bare).join(' ')]));
  for (const [from, to] of runs) {
    if (tokens.slice(from, to + 1).some((t) => lowerCase.has(bare(t)) && !NAME_PARTICLES.has(t.text))) continue;
    if (afterThe.has(bare(tokens[to])) || afterThe.has(tokens.slice(from, to + 1).map(bare).join(' '))) continue;
    const first = tokens[from] as NlpToken;
    const last = tokens[to] as NlpToken;
    if (people.has(bare(last))) continue;
    const full = to > from;
    const role = appositiveRole(tokens, to + 1);
    const before = tokens[from - 1];
    if (role !== undefined) addPerson(first, last, role);
    // "defensive coordinator Wade Phillips", "engineer Benjamin Lamme": a common noun right before a full name.
    // The noun is evidence, not a role: "receiver" names many people in one article.
    else if (full && before?.pos === 'NOUN' && /^\p{Ll}{4,}$/u.test(before.text)) addPerson(first, last);
    else if (full && (speaks(tokens, from, to) || (acting.has(bare(last)) && pronounFollows(tokens, to)))) addPerson(first, last);
  }
  return [...people].map(([surname, { name, roles }]) => ({ name, surname, term: termOf(surname) ?? surname, roles: [...roles] }));
}

/** Words before a noun that make it a thing's ("the Park entrance"). */
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those']);

/** Lower-case particles inside a person's name. */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(['von', 'van', 'de', 'der', 'den', 'da', 'di', 'du', 'del', 'della', 'le', 'la', 'bin', 'ibn', 'al']);

/**
 * How many tokens of name particles start at `k` and lead into a word of the name
 * (`isName`): one or two particles ("bin" of "Mohammed bin Salman", "von der" of "Ursula
 * von der Leyen"), and with `hyphenated` the hyphen that joins one to the name ("al-" of
 * "Mariam al-Mahdi"), else 0. Joined by a hyphen, a particle is also a group's or a
 * place's ("Jabhat al-Nusra", "Ras al-Khaimah"): only a name after a title, or the span of
 * a name already found, takes it.
 */
export function particlesAt(tokens: readonly NlpToken[], k: number, isName: (token: NlpToken | undefined) => boolean, hyphenated = false): number {
  let m = k;
  while (NAME_PARTICLES.has(tokens[m]?.text ?? '')) m++;
  const particles = m - k;
  const hyphen = tokens[m];
  if (hyphenated && particles > 0 && hyphen?.text === '-' && hyphen.start === tokens[m - 1]!.end && tokens[m + 1]?.start === hyphen.end) m++;
  return particles > 0 && particles <= 2 && isName(tokens[m]) ? m - k : 0;
}

/** Determiners and possessives that may open an appositive role ("the", "its", "Russia's"). */
const ROLE_OPENERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'former', 'then']);
/** Words between a name and a title that a role may hold ("the country's new finance minister"). */
const MAX_ROLE_WORDS = 6;

/**
 * Runs of capitalized proper nouns that may be a person's name: one to four words, none of
 * them a title, demonym, place or organization word, and not a place's name.
 */
function nameRuns(tokens: readonly NlpToken[], { places, demonyms }: NameSets): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  // An acronym ("ESPN", "NASA") names an organization; an initial ("J.", "T") may be a name's.
  const nameWord = (token: NlpToken | undefined) =>
    token !== undefined && token.pos === 'PROPN' && isCapitalized(token) && /^\p{L}[\p{L}'’.-]*$/u.test(token.text) && !/^\p{Lu}{3,}$/u.test(token.text);
  for (let i = 0; i < tokens.length; ) {
    if (!nameWord(tokens[i])) {
      i++;
      continue;
    }
    let j = i;
    // "Katharina von Bora", "Ludwig van Beethoven": a particle inside a name.
    for (;;) {
      if (nameWord(tokens[j + 1])) j++;
      else {
        // "Ursula von der Leyen": one or two particles, then the name goes on.
        const particles = particlesAt(tokens, j + 1, nameWord);
        if (particles === 0) break;
        j += particles + 1;
      }
    }
    const words = tokens.slice(i, j + 1).map((t) => bare(t));
    const generic = words.some((w) => TITLES.has(w) || ROLE_MODIFIERS.has(w) || demonyms.has(w) || ORG_WORDS.has(w) || PLACE_KINDS.has(w));
    if (!generic && j - i < 4 && !places.has(words.join(' ')) && !places.has(words.at(-1) ?? '')) runs.push([i, j]);
    i = j + 1;
  }
  return runs;
}

/** The role after a name in apposition: ", the foreign minister," -> "the foreign minister". */
function appositiveRole(tokens: readonly NlpToken[], at: number): string | undefined {
  if (tokens[at]?.text !== ',') return undefined;
  for (let k = at + 1; k <= at + MAX_ROLE_WORDS && k < tokens.length; k++) {
    const token = tokens[k] as NlpToken;
    const word = bare(token);
    if (TITLES.has(word)) {
      // A title followed by a name is the next person's ("..., Prime Minister Jane Doe").
      const next = tokens[k + 1];
      if (next && next.pos === 'PROPN' && isCapitalized(next)) return undefined;
      return tokens.slice(at + 1, k + 1).map((t) => t.text).join(' ').replace(/\s+(['’]s)\b/g, '$1');
    }
    const opener = k === at + 1 && ROLE_OPENERS.has(word);
    if (!opener && !['ADJ', 'NOUN', 'PROPN', 'PART'].includes(token.pos) && !/^['’]s$/.test(token.text)) return undefined;
  }
  return undefined;
}

const SPEECH_WORDS = new Set(SPEECH_VERBS.split('|'));

/** "Jane Doe said" or "said Jane Doe": the run speaks. */
function speaks(tokens: readonly NlpToken[], from: number, to: number): boolean {
  return SPEECH_WORDS.has(bare(tokens[to + 1])) || (SPEECH_WORDS.has(bare(tokens[from - 1])) && /^[,"“”]$/.test(tokens[from - 2]?.text ?? ''));
}

/** Personal pronouns: a name they follow is a person's, not a place's or a product's. */
const PERSONAL_PRONOUNS = new Set(['he', 'she', 'his', 'her', 'him', 'hers', 'himself', 'herself']);
/** How many words after a name a pronoun referring to it is looked for. */
const PRONOUN_REACH = 40;

/** Whether "he", "she", "his" or "her" follows the name at `at` closely. */
function pronounFollows(tokens: readonly NlpToken[], at: number): boolean {
  for (let k = at + 1; k <= at + PRONOUN_REACH && k < tokens.length; k++) if (PERSONAL_PRONOUNS.has(bare(tokens[k]))) return true;
  return false;
}

/**
 * Surnames written alone as someone acting: a one-word run, not after "the" (a team, a
 * family) nor another capitalized word ("Pro Bowl"), followed by a verb ("Doe added") or
 * possessive. One pass, so the work is linear in the article.
 */
function actingAlone(tokens: readonly NlpToken[], runs: ReadonlyArray<[number, number]>): Set<string> {
  const out = new Set<string>();
  for (const [from, to] of runs) {
    const before = tokens[from - 1];
    if (from !== to || bare(before) === 'the' || (before && isCapitalized(before))) continue;
    const next = tokens[from + 1];
    if (/['’]s$/.test(tokens[from]?.text ?? '') || next?.pos === 'VERB' || next?.pos === 'AUX') out.add(bare(tokens[from]));
  }
  return out;
}

/** Whether token `k` is a hyphen joining the words on either side, with no space ("Secretary-General"). */
function hyphenJoins(tokens: readonly NlpToken[], k: number): boolean {
  const [before, hyphen, after] = [tokens[k - 1], tokens[k], tokens[k + 1]];
  return hyphen?.text === '-' && before !== undefined && after !== undefined && before.end === hyphen.start && hyphen.end === after.start;
}

/** The text from token `first` to token `last`, with the spacing it has ("Jean-Yves Le Drian"). */
function textBetween(tokens: readonly NlpToken[], first: NlpToken, last: NlpToken): string {
  let out = '';
  let previous: NlpToken | undefined;
  for (const token of tokens.slice(tokens.indexOf(first), tokens.indexOf(last) + 1)) {
    out += previous && previous.end < token.start ? ` ${token.text}` : token.text;
    previous = token;
  }
  return out;
}

/** People, places and organizations among runs of proper nouns. */
function properNounEntities(text: string, tokens: readonly NlpToken[], bySurname: ReadonlyMap<string, Person>, { places, demonyms }: NameSets): Entity[] {
  const out: Entity[] = [];
  // A person's surname that is also an English noun ("Park"), written as a name: after a
  // proper noun ("David Park"), or on its own ("Park said", "Park, 54, warned") but not
  // after a determiner nor before another noun ("the Park entrance", "Park rangers").
  const surnameNoun = (k: number): boolean => {
    const token = tokens[k];
    return token !== undefined && token.pos === 'NOUN' && isCapitalized(token) && bySurname.has(bare(token));
  };
  const acts = (k: number) => !DETERMINERS.has(bare(tokens[k - 1])) && !['NOUN', 'PROPN'].includes(tokens[k + 1]?.pos ?? '');
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i];
    if (!token || !((token.pos === 'PROPN' && isCapitalized(token)) || (surnameNoun(i) && acts(i)))) {
      i++;
      continue;
    }
    let j = i;
    const continues = (k: number): boolean => {
      const next = tokens[k];
      if (!next) return false;
      if ((next.pos === 'PROPN' && isCapitalized(next)) || surnameNoun(k)) return true;
      // A kind of place the tagger reads as a noun ends a place's name: "New York City", "Mexico City".
      if (next.pos === 'NOUN' && isCapitalized(next) && PLACE_KINDS.has(bare(next))) return true;
      // "Ursula von der Leyen", "Mohammed bin Salman": particles inside a name.
      if (particlesAt(tokens, k, (t) => t !== undefined && t.pos === 'PROPN' && isCapitalized(t), true) > 0) return true;
      // A hyphen inside a name, with no space around it: "Jean-Yves".
      const after = tokens[k + 1];
      return next.text === '-' && next.start === tokens[k - 1]?.end && after !== undefined && after.start === next.end && after.pos === 'PROPN' && isCapitalized(after);
    };
    while (j + 1 < tokens.length && continues(j + 1)) j++;
    // Titles and demonyms lead into a name but are not part of it.
    let from = i;
    const leading = (k: number) => TITLES.has(bare(tokens[k])) || ROLE_MODIFIERS.has(bare(tokens[k])) || demonyms.has(bare(tokens[k]));
    // "Secretary-General": the hyphen between two titles is theirs.
    while (from <= j && (leading(from) || (from > i && hyphenJoins(tokens, from) && leading(from + 1)))) from++;
    // "Secretary of State Antony Blinken", "Secretary of the Navy Carlos Del Toro": an
    // office named after a capitalized title and "of" leads into a person's name, which is
    // no place for following "of"; when two words or a known surname follow the office, and
    // they end in no organization's or place's word ("Director of Homeland Security
    // Investigations", "Secretary of Health Canada" are typed as before).
    const of = bare(tokens[i - 1]) === 'the' ? i - 2 : i - 1;
    const title = tokens[of - 1];
    let office = false;
    if (bare(tokens[of]) === 'of' && title !== undefined && isCapitalized(title) && TITLES.has(bare(title))) {
      let at = from;
      while (at <= j && OFFICE_WORDS.has(bare(tokens[at]))) at++;
      const rest = tokens.slice(at, j + 1).map((t) => bare(t));
      const end = rest.at(-1) ?? '';
      // An office alone ("the Minister of Foreign Affairs said") names no place either.
      if (at > j) from = at;
      else if (at > i && (rest.length >= 2 || bySurname.has(end)) && !ORG_WORDS.has(end) && !PLACE_KINDS.has(end) && !places.has(end) && !places.has(rest.join(' '))) {
        from = at;
        office = true;
      }
    }
    const run = tokens.slice(from, j + 1);
    const first = run[0];
    const last = run.at(-1);
    if (first && last) {
      const words = run.map((t) => bare(t));
      const lastWord = words.at(-1) ?? '';
      const titled = from > i && (TITLES.has(bare(tokens[from - 1])) || office);
      const before = bare(tokens[i - 1]);
      let type: Entity['type'] | undefined;
      // A dateline ("TOKYO (Reuters) -") says where the story was filed, not where things happened.
      const dateline = /(?:^|\n\s*)$/.test(text.slice(Math.max(0, first.start - 3), first.start)) && run.every((t) => t.text === t.text.toUpperCase());
      // A title word may open an organization's name ("General Motors", "the General
      // Assembly"): one ending in an organization's word is the organization, title and all.
      const organization = ORG_WORDS.has(lastWord) && !bySurname.has(lastWord);
      if (dateline) type = undefined;
      else if (organization) type = 'ORG';
      else if (bySurname.has(lastWord) || titled) type = 'PERSON';
      else if (places.has(words.join(' ')) || PLACE_KINDS.has(lastWord) || places.has(lastWord)) type = 'PLACE';
      else if (PLACE_PREPOSITIONS.has(before) && !demonyms.has(lastWord)) type = 'PLACE';
      if (type === 'ORG') {
        // "The Economic Community of West African States", "the African Union": capitalized
        // adjectives before the name, and "of" and a run of names after it, are the name's.
        let open = i;
        while (open > 0 && tokens[open - 1]!.pos === 'ADJ' && isCapitalized(tokens[open - 1]!) && !opensSentence(text, tokens, open - 1)) open--;
        const through = ofNames(tokens, j);
        out.push({ type, start: tokens[open]!.start, end: tokens[through]!.end });
        j = through;
      } else if (type) out.push({ type, start: first.start, end: last.end });
    }
    i = j + 1;
  }
  return out;
}

/**
 * The last token of an organization's name that goes on past token `j` through "of" ("the
 * Bank of England", "the Organization of American States"): "of", maybe "the", and a run
 * of capitalized names and adjectives ending in a name; `j` when none follows.
 */
function ofNames(tokens: readonly NlpToken[], j: number): number {
  if (bare(tokens[j + 1]) !== 'of') return j;
  let k = j + 2;
  if (bare(tokens[k]) === 'the') k++;
  let end = j;
  while (tokens[k] && isCapitalized(tokens[k]!) && ['PROPN', 'ADJ', 'NOUN'].includes(tokens[k]!.pos)) {
    if (tokens[k]!.pos !== 'ADJ') end = k;
    k++;
  }
  return end;
}

/** Whether token `k` opens a sentence or a line (its capital says nothing): first, or after a full stop or a line break. */
function opensSentence(text: string, tokens: readonly NlpToken[], k: number): boolean {
  const before = tokens[k - 1];
  return before === undefined || /^[.!?]$/.test(before.text) || text.slice(before.end, tokens[k]!.start).includes('\n');
}

/**
 * Mentions of a person by role alone ("the Japanese foreign minister added"), as PERSON
 * entities: they answer "who" as well as the name does.
 */
function findRoleMentions(text: string, bodyStart: number, people: readonly Person[], names: readonly Entity[]): Entity[] {
  const out: Entity[] = [];
  for (const person of people) {
    for (const role of person.roles) {
      const pattern = new RegExp(`\\b${role.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}\\b`, 'gi');
      for (const match of text.slice(bodyStart).matchAll(pattern)) {
        const start = bodyStart + match.index;
        const end = start + match[0].length;
        // "Japanese Foreign Minister Toshimitsu Motegi": the name itself is the person.
        if (names.some((n) => n.type === 'PERSON' && ((n.start >= end && n.start <= end + 1) || (n.start <= start && end <= n.end)))) continue;
        out.push({ type: 'PERSON', start, end, role: true });
      }
    }
  }
  return out;
}

interface Quote {
  readonly start: number;
  readonly end: number;
  readonly speaker: Person | undefined;
}

/**
 * Quotations and who says them: the name (or "he"/"she", resolved to the last person
 * named before the quotation) right after the closing mark with a speech verb, or right
 * before the opening one.
 */
function attributedQuotes(text: string, tokens: readonly NlpToken[], bySurname: ReadonlyMap<string, Person>): Quote[] {
  const quotes: Quote[] = [];
  const marks = [...text.matchAll(/["“”]/g)];
  for (let k = 0; k + 1 < marks.length; k += 2) {
    const open = marks[k];
    const close = marks[k + 1];
    if (!open || !close) continue;
    const start = open.index;
    const end = close.index + 1;
    const after = text.slice(end, end + 80);
    const before = text.slice(Math.max(0, start - 80), start);
    const name =
      new RegExp(`^\\s*,?\\s*(\\p{Lu}[\\p{L}'-]+(?:\\s+\\p{Lu}[\\p{L}'-]+)*|he|she)\\s+(?:${SPEECH_VERBS})\\b`, 'u').exec(after)?.[1] ??
      new RegExp(`^\\s*,?\\s*(?:${SPEECH_VERBS})\\s+(\\p{Lu}[\\p{L}'-]+(?:\\s+\\p{Lu}[\\p{L}'-]+)*)`, 'u').exec(after)?.[1] ??
      new RegExp(`(\\p{Lu}[\\p{L}'-]+|he|she)\\s+(?:${SPEECH_VERBS})\\s*[:,]?\\s*$`, 'u').exec(before)?.[1];
    let speaker: Person | undefined;
    if (name === 'he' || name === 'she') speaker = lastPersonBefore(tokens, start, bySurname);
    else if (name) speaker = bySurname.get(normalizeWord(name.split(/\s+/).at(-1) ?? ''));
    quotes.push({ start, end, speaker });
  }
  return quotes;
}

function lastPersonBefore(tokens: readonly NlpToken[], offset: number, bySurname: ReadonlyMap<string, Person>): Person | undefined {
  let found: Person | undefined;
  for (const token of tokens) {
    if (token.start >= offset) break;
    found = bySurname.get(bare(token)) ?? found;
  }
  return found;
}
