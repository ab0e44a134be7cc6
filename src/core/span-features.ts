/**
 * Candidate short answers of any factoid question, and what the learned span scorer reads
 * of each: the spans of one sentence that could answer (entities, numbers with their unit,
 * scores, dates, noun phrases and their coordinations, single modifiers, quoted titles,
 * the expansion of an acronym), each with a feature vector that
 * says how it fits what the question asks and where it stands against the words the
 * question and the sentence share.
 *
 * A sentence may hold no answer: its candidates are scored beside a "no answer" one
 * ({@link noAnswerFeatures}), which reads how much of the question the sentence holds.
 *
 * The same functions make the training examples (scripts/train-spans.ts, through
 * span-scorer.ts's sentenceRows) and the candidates scored at question time, so the model
 * is applied to exactly what it was fitted on. Cost: a sentence's candidates are linear in
 * its tokens, and each costs its own tokens plus a logarithm of the sentence's (sentences
 * are at most 1,000 characters): about 0.5 ms for a news sentence, 6 ms for the worst.
 */
import type { Term } from './analyzer';
import type { Entity, EntityType, NlpToken } from './nlp';
import { lowerBound } from './lower-bound';
import { answerCue } from './question';
import { NAME_PARTICLES, particlesAt } from './entities';

/** What kind of answer a question asks for, as the span scorer reads it (coarser than {@link AnswerCue}). */
export type QuestionClass =
  | 'DURATION'
  | 'NUMBER'
  | 'DATE'
  | 'PLACE'
  | 'PERSON'
  | 'THING'
  | 'OBJECT'
  | 'ABBREVIATION'
  | 'DEFINITION'
  | 'REASON'
  | 'MANNER'
  | 'OTHER';
export const QUESTION_CLASSES: readonly QuestionClass[] = ['DURATION', 'NUMBER', 'DATE', 'PLACE', 'PERSON', 'THING', 'OBJECT', 'ABBREVIATION', 'DEFINITION', 'REASON', 'MANNER', 'OTHER'];

/** What kind of span a candidate is. */
export type SpanKind =
  | 'PERSON'
  | 'PLACE'
  | 'ORG'
  | 'EVENT'
  | 'DATE'
  | 'DURATION'
  | 'CARDINAL'
  | 'MONEY'
  | 'PERCENT'
  | 'PROPER'
  | 'NOUN_PHRASE'
  | 'QUOTE'
  | 'EXPANSION'
  | 'MODIFIER'
  | 'REASON';
export const SPAN_KINDS: readonly SpanKind[] = ['PERSON', 'PLACE', 'ORG', 'EVENT', 'DATE', 'DURATION', 'CARDINAL', 'MONEY', 'PERCENT', 'PROPER', 'NOUN_PHRASE', 'QUOTE', 'EXPANSION', 'MODIFIER', 'REASON'];

const ENTITY_KINDS: Readonly<Record<EntityType, SpanKind>> = {
  PERSON: 'PERSON',
  PLACE: 'PLACE',
  ORG: 'ORG',
  EVENT: 'EVENT',
  DATE: 'DATE',
  TIME: 'DATE',
  DURATION: 'DURATION',
  CARDINAL: 'CARDINAL',
  ORDINAL: 'CARDINAL',
  MONEY: 'MONEY',
  PERCENT: 'PERCENT',
};

/** Words asking what an abbreviation stands for: "stand for", "short for", "abbreviation", "acronym". */
export const ASKS_ABBREVIATION = /\bstands?\s+for\b|\bshort\s+for\b|\babbreviat|\bacronym\b/i;

/** The question's class: what it asks for, from its wording alone. */
export function questionClass(question: string): QuestionClass {
  // "What does AFC stand for?", "What is NFL short for?"
  if (ASKS_ABBREVIATION.test(question)) return 'ABBREVIATION';
  const cue = answerCue(question);
  switch (cue?.type) {
    case 'DURATION':
    case 'NUMBER':
    case 'DATE':
    case 'PLACE':
    case 'THING':
    case 'OBJECT':
      return cue.type;
    case 'PERSON':
    case 'NAME':
    case 'ROLE':
      return 'PERSON';
    case 'LIST':
      return 'THING';
    case undefined:
      break;
  }
  // "What caused the crash?", "for what reason", "what led to".
  if (/\bwhy\b|^\s*what\s+(?:caused?|causes|led\s+to|leads\s+to|prompted|triggered)\b|\bfor\s+what\s+reason\b|\bwhat\s+(?:is|was|were|are)\s+the\s+(?:main\s+)?(?:reasons?|causes?)\b/i.test(question)) return 'REASON';
  if (/^\s*(?:what|which)\s+(?:is|are|was|were)\b|^\s*what['’]s\b/i.test(question)) return 'DEFINITION';
  if (/^\s*how\b/i.test(question)) return 'MANNER';
  if (/\b(?:what|which)\b/i.test(question)) return 'THING';
  return 'OTHER';
}

/**
 * The head noun a "which X" / "what X" / "how many X" question names ("Which NFL team" ->
 * team, "How many tackles" -> tackle), as a lemma.
 */
export function questionFocus(question: string, tokens: readonly NlpToken[]): string | undefined {
  const wh = /\b(?:which|what|how\s+(?:many|much))\s+/i.exec(question);
  if (!wh) return undefined;
  let head: string | undefined;
  for (const token of tokens) {
    if (token.start < wh.index + wh[0].length) continue;
    if (token.pos === 'NOUN' || token.pos === 'PROPN') head = token.lemma;
    else if (head !== undefined || !['ADJ', 'NUM', 'DET'].includes(token.pos)) break;
  }
  return head;
}

/** Nouns that name a kind of something else: "what type of rock" asks for a rock. */
const KIND_NOUNS = /^(?:type|kind|sort|form|variety|species|breed|brand|genre|style|class|category|make)s?$/i;

/** The noun after "type of", "kind of" and the like in a question ("what kind of rock" -> rock), as a lemma. */
function categoryOf(tokens: readonly NlpToken[]): string | undefined {
  for (let n = 0; n + 2 < tokens.length; n++) {
    if (!KIND_NOUNS.test(tokens[n]!.text) || tokens[n + 1]!.text.toLowerCase() !== 'of') continue;
    let head: string | undefined;
    for (let m = n + 2; m < tokens.length; m++) {
      const token = tokens[m]!;
      if (token.pos === 'NOUN') head = token.lemma;
      else if (head !== undefined || !['ADJ', 'DET'].includes(token.pos)) break;
    }
    return head;
  }
  return undefined;
}

/** A candidate span of a sentence (document offsets) with its kind. */
export interface SpanCandidate {
  readonly start: number;
  readonly end: number;
  readonly kind: SpanKind;
}

/** Parts of speech that the first and last words of a span are told apart by. */
const POS_GROUPS = ['NOUN', 'PROPN', 'NUM', 'ADJ', 'VERB', 'OTHER'] as const;
const posGroup = (pos: string): number => {
  const at = (POS_GROUPS as readonly string[]).indexOf(pos);
  return at < 0 ? POS_GROUPS.length - 1 : at;
};

/** The feature names, in the order of {@link spanFeatures}' values. */
export const SPAN_FEATURES: readonly string[] = [
  ...SPAN_KINDS.map((k) => `kind:${k}`),
  ...QUESTION_CLASSES.flatMap((c) => SPAN_KINDS.map((k) => `${c}x${k}`)),
  'question-word-share',
  'no-question-words-in-sentence',
  'log-distance',
  'matched-within-3',
  'matched-left',
  'matched-right',
  'tokens',
  'log-tokens',
  'position',
  'capitalized-share',
  'has-digit',
  'in-at-before:PLACE',
  'in-on-before:DATE',
  'by-before:PERSON',
  'focus-next-to',
  'focus-inside',
  'kind-of-category',
  'expansion-of-question-acronym',
  'comma-or-paren-next-to',
  'weighted-matched-within-5',
  'weighted-matched-left-3',
  'weighted-matched-right-3',
  'weighted-matched-sentence',
  'only-question-words',
  ...POS_GROUPS.map((g) => `first-pos:${g}`),
  ...POS_GROUPS.map((g) => `last-pos:${g}`),
  'role-word-before-name',
  'inside-another-candidate',
  'holds-another-candidate',
  'in-parentheses',
  'words-before-wh-left',
  'words-before-wh-right',
  'words-after-wh-left',
  'words-after-wh-right',
  'wh-left-context',
  'wh-right-context',
  // The "no answer" candidate's own features (0 for every span).
  'no-answer',
  'no-answer:question-weight-in-sentence',
  'no-answer:no-question-words-in-sentence',
  ...QUESTION_CLASSES.map((c) => `no-answer:${c}`),
];

/** What is known of a question for scoring spans. */
export interface SpanQuestion {
  readonly text: string;
  readonly cls: QuestionClass;
  /** Index terms of the question's words (no aliases). */
  readonly terms: ReadonlySet<string>;
  readonly focus: string | undefined;
  /**
   * The kind of thing asked for, when a span may be an instance of it: the focus noun, or
   * what "what type of rock" names ("rock").
   */
  readonly category: string | undefined;
  /** Whether a word or name is a kind or an instance of a category (the thesaurus's isKindOf); absent, none is. */
  readonly isKindOf?: (word: string, category: string) => boolean;
  /** Acronyms the question writes ("AFC"). */
  readonly acronyms: readonly string[];
  /** How much each term says (its IDF in the corpus), and their sum. */
  readonly weights: ReadonlyMap<string, number>;
  readonly totalWeight: number;
  /** The question's terms before its wh-phrase ("less complex than" of "... than which phylum?") and after it. */
  readonly beforeWh: ReadonlySet<string>;
  readonly afterWh: ReadonlySet<string>;
  /** The words just before the wh-phrase and just after it (at most {@link WH_CONTEXT}, lower case, nearest first). */
  readonly whLeft: readonly string[];
  readonly whRight: readonly string[];
}

/** Words of a question's wh-phrase's context compared with a span's neighbours (see {@link spanFeatures}). */
const WH_CONTEXT = 2;
/** Tokens on each side of a span where the question's words around its wh-phrase are looked for. */
const WH_WINDOW = 6;
const WH_WORD = /^(?:what|which|who|whom|whose|when|where|why|how)$/i;

/**
 * Where a question's wh-phrase lies among its tokens: the wh-word, and the words that
 * complete it ("which other phylum", "how many seconds"). Undefined without one.
 *
 * Any wh-word takes the adjectives, nouns, numbers and determiners after it ("which team",
 * "how many seconds", and also "when the war" of "When the war ended, who led?"); a name
 * stops it ("Which NFL team": "NFL team" stays among the words after). Taking the words
 * only after what/which/whose/how, or names too, cross-validated worse: held-out F1 on
 * gold sentences 51.3 and 51.5, against 53.1 (`npm run train:spans`).
 */
function whPhrase(tokens: readonly NlpToken[]): { first: number; last: number } | undefined {
  const first = tokens.findIndex((t) => WH_WORD.test(t.text));
  if (first < 0) return undefined;
  let last = first;
  while (last + 1 < tokens.length && ['ADJ', 'NOUN', 'NUM', 'DET'].includes(tokens[last + 1]!.pos)) last++;
  if (/^how$/i.test(tokens[first]!.text) && last === first && tokens[first + 1]?.pos === 'ADV') last++;
  return { first, last };
}

/**
 * What is known of `text` for scoring spans; `weightOf` gives a term's weight (its IDF in
 * the corpus searched; every term weighs 1 without it).
 */
export function spanQuestion(
  text: string,
  terms: readonly Term[],
  tokens: readonly NlpToken[],
  weightOf: (term: string) => number = () => 1,
  isKindOf?: (word: string, category: string) => boolean,
): SpanQuestion {
  const focus = questionFocus(text, tokens);
  const own = new Set(terms.filter((t) => !t.alias).map((t) => t.term));
  const weights = new Map([...own].map((term) => [term, weightOf(term)]));
  const wh = whPhrase(tokens);
  const whStart = wh ? tokens[wh.first]!.start : -1;
  const whEnd = wh ? tokens[wh.last]!.end : -1;
  const words = (list: readonly NlpToken[]) => list.filter((t) => /\p{L}|\p{N}/u.test(t.text)).map((t) => t.text.toLowerCase());
  return {
    beforeWh: new Set(wh ? terms.filter((t) => !t.alias && t.end <= whStart).map((t) => t.term) : []),
    afterWh: new Set(wh ? terms.filter((t) => !t.alias && t.start >= whEnd).map((t) => t.term) : []),
    whLeft: wh ? words(tokens.slice(0, wh.first)).reverse().slice(0, WH_CONTEXT) : [],
    whRight: wh ? words(tokens.slice(wh.last + 1)).slice(0, WH_CONTEXT) : [],
    text,
    cls: questionClass(text),
    terms: own,
    focus,
    category: categoryOf(tokens) ?? focus,
    ...(isKindOf ? { isKindOf } : {}),
    acronyms: text.match(/\b\p{Lu}{2,}\b/gu) ?? [],
    weights,
    totalWeight: [...weights.values()].reduce((sum, w) => sum + w, 0),
  };
}

const NOMINAL = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN']);
const DETERMINERS = /^(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your|both|either|neither)$/i;
/** Units written apart from their number ("48.8 °C", "1110 AM", "30 km"): a closed list, so "In 2020 I" is no quantity. */
const UNITS_APART = /^(?:°[CFK]?|AM|FM|BCE?|AD|CE|km|kg|mg|cm|mm|mph|kph|km\/h|GB|MB|TB|kB|Hz|kHz|MHz|GHz|kW|MW|GW|kWh|V|lb|lbs|oz|ft|mi|nm)$/;
/** Parts of speech of words that carry no content (never index terms, so never matched). */
const FUNCTION_POS = new Set(['ADP', 'AUX', 'CCONJ', 'DET', 'PART', 'PRON', 'PUNCT', 'SCONJ', 'SYM']);
/** Words that modify but never answer on their own ("also", "very"): not candidates. */
const FUNCTION_MODIFIERS = /^(?:also|then|still|just|only|even|very|more|most|much|so|too|not|now|however|thus|often|first|later|well|again|already|yet|ever|never|there|here|such|other|many|few|same|own)$/i;

/**
 * A token's part of speech as candidate spans read it: a capitalized word inside the
 * sentence that the tagger took for a verb or common noun ("Sun Life Stadium", "Ted
 * Ginn") is read as part of a name.
 */
function spanPos(tokens: readonly NlpToken[], n: number): string {
  const token = tokens[n]!;
  // "Tower Theatre" (the tagger reads "Theatre" as foreign: X).
  if (n > 0 && ['VERB', 'AUX', 'NOUN', 'ADJ', 'ADV', 'X'].includes(token.pos) && /^\p{Lu}/u.test(token.text) && !/^[\s"“'‘(]*$/.test(tokens[n - 1]!.text)) return 'PROPN';
  if (NAME_PARTICLES.has(token.text) && particleInName(tokens, n)) return 'PROPN';
  return token.pos;
}

/** Whether the particle at `n` is inside a name: "von der" of "Ursula von der Leyen", "bin" of "Mohammed bin Salman". */
function particleInName(tokens: readonly NlpToken[], n: number): boolean {
  let from = n;
  while (from > 0 && NAME_PARTICLES.has(tokens[from - 1]!.text)) from--;
  const capitalizedName = (token: NlpToken | undefined) => token !== undefined && token.pos === 'PROPN' && /^\p{Lu}/u.test(token.text);
  return capitalizedName(tokens[from - 1]) && particlesAt(tokens, from, capitalizedName, true) > 0;
}

/**
 * A title or phrase in single quotes (see spanCandidates): starting with a capital or a
 * digit, at most 62 characters, and not ending in a lower-case "s", which may be a plural's
 * apostrophe ("the players' union"; so "'The Times'" is missed).
 */
const SINGLE_QUOTE = /(?:^|(?<=[\s(]))['‘]([\p{Lu}\p{N}][^'‘’\n]{0,60}?[^\s'‘’s])['’](?=[\s,.;:!?)]|$)/gu;

/**
 * A connective giving a reason or a purpose, and the clause after it up to a comma,
 * semicolon, colon, bracket, quotation mark, dash or the sentence's end (a dot inside it is
 * an abbreviation's or a decimal's: "the U.S. embargo", "a 2.5 percent rise"; the final
 * one is trimmed).
 */
const REASON_CLAUSE = /(?<![\p{L}\p{N}])(because(?:\s+of)?|due\s+to|owing\s+to|as\s+a\s+result\s+of|thanks\s+to|in\s+order\s+to|so\s+that|for\s+fear\s+of)\s+([^,;:()"“”–—]+)/giu;
/** Words of a reason clause read as a candidate span. */
const MAX_REASON_WORDS = 20;

/** A letter or its mark: two of them side by side are one word. */
const WORD_CHAR = /[\p{L}\p{M}]/u;

/**
 * The span `[s, e)` widened to whole words, within `[start, end)`: the tagger splits words
 * at letters it does not know ("Kosanovi" of "Kosanović", "Rh" of "Rhēnos").
 */
export function wholeWords(text: string, s: number, e: number, start: number, end: number): { start: number; end: number } {
  while (s > start && WORD_CHAR.test(text[s - 1]!) && WORD_CHAR.test(text[s]!)) s--;
  while (e < end && WORD_CHAR.test(text[e]!) && WORD_CHAR.test(text[e - 1]!)) e++;
  // The dot that ends an abbreviation written with dots: "4:55 p.m.", "the U.S.".
  if (e < end && text[e] === '.' && DOTTED_END.test(text.slice(Math.max(s, e - 8), e))) e++;
  return { start: s, end: e };
}

/** The end of an abbreviation written with dots ("p.m", "U.S", "a.m"), before its last dot. */
const DOTTED_END = /(?<![\p{L}\p{M}])(?:\p{L}\.)+\p{L}$/u;

/**
 * Candidate spans of the sentence `[start, end)` of `text`: its entities, its noun phrases
 * (alone, joined by "of", coordinated by "and"/"or"), the proper-name and common-noun
 * runs inside them, single modifiers, numbers with their unit or score ("31–24"), quoted
 * titles and acronym expansions ("American Football Conference (AFC)"), each of whole
 * words. Each span appears once, with the first kind found.
 */
export function spanCandidates(text: string, start: number, end: number, tokens: readonly NlpToken[], entities: readonly Entity[]): SpanCandidate[] {
  const out: SpanCandidate[] = [];
  const seen = new Set<string>();
  const filed = datelineEnd(text, start, end);
  const add = (s: number, e: number, kind: SpanKind) => {
    // Trim spaces and trailing punctuation; never leave the sentence.
    while (s < e && /[\s"“”'‘’(,]/.test(text[s] ?? '')) s++;
    while (e > s && /[\s"“”'‘’),.;:]/.test(text[e - 1] ?? '')) e--;
    if (s < start || e > end || e <= s) return;
    ({ start: s, end: e } = wholeWords(text, s, e, start, end));
    if (s < filed) return;
    const key = `${s}:${e}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ start: s, end: e, kind });
  };
  for (const entity of entities) add(entity.start, entity.end, ENTITY_KINDS[entity.type]);

  const quote = /[“"]([^“”"]{2,80})[”"]/g;
  const sentence = text.slice(start, end);
  for (const m of sentence.matchAll(quote)) add(start + m.index + 1, start + m.index + 1 + (m[1]?.length ?? 0), 'QUOTE');
  // In single quotes, "re-branded as 'Pick TV'": the opening mark after a space, the closing
  // one before a space or punctuation, so that apostrophes ("the players' union") open none.
  for (const m of sentence.matchAll(SINGLE_QUOTE)) add(start + m.index + m[0].indexOf(m[1]!), start + m.index + m[0].indexOf(m[1]!) + m[1]!.length, 'QUOTE');
  const expansion = /((?:\p{Lu}[\p{L}\p{M}.'-]*\s+(?:(?:of|and|for|the|de|on)\s+)*){1,8})\((\p{Lu}{2,})\)/gu;
  for (const m of sentence.matchAll(expansion)) {
    // "The American Football Conference (AFC)": the expansion begins after an article.
    const lead = /^(?:(?:The|A|An)\s+)?/.exec(m[1] ?? '')?.[0].length ?? 0;
    const words = (m[1] ?? '').slice(lead).trim();
    if (words.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).length >= 2) add(start + m.index + lead, start + m.index + lead + words.length, 'EXPANSION');
  }
  // A reason given, with and without its connective: "because he published his findings
  // first", "due to the death of Elisabeth Sladen", up to the clause's end.
  for (const m of sentence.matchAll(REASON_CLAUSE)) {
    const clause = m[2]!;
    if (clause.trim().split(/\s+/).length > MAX_REASON_WORDS) continue;
    const at = start + m.index + m[0].length - clause.length;
    add(start + m.index, at + clause.length, 'REASON');
    add(at, at + clause.length, 'REASON');
  }
  // A score or range, "31–24", "1995–2000".
  for (const m of sentence.matchAll(/(?<![\d.–-])\d+(?:\.\d+)?\s?[–-]\s?\d+(?:\.\d+)?(?![\d.]|[–-]\d)/g)) add(start + m.index, start + m.index + m[0].length, 'CARDINAL');

  const pos = tokens.map((_, n) => spanPos(tokens, n));
  const glued = (n: number) => n > 0 && tokens[n - 1]!.end === tokens[n]!.start;
  // A hyphen or ampersand inside a name, "Mercedes-Benz", "Tiffany & Co".
  const joiner = (n: number) =>
    n > 0 &&
    n + 1 < tokens.length &&
    ((tokens[n]!.text === '-' && glued(n) && glued(n + 1)) || tokens[n]!.text === '&') &&
    NOMINAL.has(pos[n - 1]!) &&
    NOMINAL.has(pos[n + 1]!);
  const nominal = (n: number) => NOMINAL.has(pos[n]!) || joiner(n);

  // Numbers with a unit glued to them or after them: "5K", "48.8 °C", "1110 AM".
  for (let n = 0; n < tokens.length; n++) {
    if (pos[n] !== 'NUM') continue;
    let e = n;
    while (e + 1 < tokens.length && glued(e + 1) && /^[\p{L}°½¼¾%]+$/u.test(tokens[e + 1]!.text)) e++;
    if (e + 1 < tokens.length && UNITS_APART.test(tokens[e + 1]!.text)) {
      e++;
      while (e + 1 < tokens.length && glued(e + 1) && /^[CFK]$/.test(tokens[e + 1]!.text)) e++;
    }
    if (e > n) add(tokens[n]!.start, tokens[e]!.end, 'CARDINAL');
  }

  // Noun phrases: runs of nominal tokens, and runs joined by "of".
  const runs: Array<{ from: number; to: number; proper: boolean }> = [];
  let i = 0;
  while (i < tokens.length) {
    if (!NOMINAL.has(pos[i]!)) {
      const token = tokens[i]!;
      // A lone adverb: "quietly".
      if (pos[i] === 'ADV' && /^\p{L}{3,}$/u.test(token.text) && !FUNCTION_MODIFIERS.test(token.text)) add(token.start, token.end, 'MODIFIER');
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length && nominal(j + 1)) j++;
    let from = i;
    while (from <= j && DETERMINERS.test(tokens[from]!.text)) from++;
    // A lone adjective: "The water was cold", "standardized".
    if (from === j && pos[j] === 'ADJ' && /^\p{L}{3,}$/u.test(tokens[j]!.text) && !FUNCTION_MODIFIERS.test(tokens[j]!.text)) add(tokens[j]!.start, tokens[j]!.end, 'MODIFIER');
    if (from <= j) {
      const phrase = pos.slice(from, j + 1);
      const proper = phrase.includes('PROPN');
      if (phrase.some((p) => p === 'NOUN' || p === 'PROPN' || p === 'NUM')) {
        runs.push({ from, to: j, proper });
        add(tokens[from]!.start, tokens[j]!.end, proper ? 'PROPER' : 'NOUN_PHRASE');
        // The head noun of a longer common phrase: "reactive allotrope" -> "allotrope".
        if (!proper && j > from && pos[j] === 'NOUN') add(tokens[j]!.start, tokens[j]!.end, 'NOUN_PHRASE');
        // "of" joins the next noun phrase: "the University of Notre Dame".
        const of = tokens[j + 1];
        if (of && /^of$/i.test(of.text)) {
          let k = j + 2;
          while (k < tokens.length && nominal(k)) k++;
          if (k > j + 2) add(tokens[from]!.start, tokens[k - 1]!.end, proper || pos.slice(j + 2, k).includes('PROPN') ? 'PROPER' : 'NOUN_PHRASE');
        }
        // The proper names inside a longer phrase ("the NFL's Denver Broncos"), and the
        // common nouns beside them ("linebacker Von Miller").
        let p = from;
        while (p <= j) {
          const properHere = pos[p] === 'PROPN' || (joiner(p) && pos[p - 1] === 'PROPN');
          let q = p;
          if (properHere) {
            while (q + 1 <= j && (pos[q + 1] === 'PROPN' || joiner(q + 1))) q++;
            if (p > from || q < j) add(tokens[p]!.start, tokens[q]!.end, 'PROPER');
          } else if (proper && (pos[p] === 'NOUN' || pos[p] === 'ADJ')) {
            while (q + 1 <= j && (pos[q + 1] === 'NOUN' || pos[q + 1] === 'ADJ')) q++;
            if (pos[q] === 'NOUN') add(tokens[p]!.start, tokens[q]!.end, 'NOUN_PHRASE');
          }
          p = q + 1;
        }
      }
    }
    i = j + 1;
  }
  // A name's common noun, "Dirichlet's theorem", "Halley's comet".
  for (let r = 0; r + 1 < runs.length; r++) {
    const [a, b] = [runs[r]!, runs[r + 1]!];
    if (a.proper && !b.proper && b.from === a.to + 2 && /^['’]s$/.test(tokens[a.to + 1]!.text)) add(tokens[a.from]!.start, tokens[b.to]!.end, 'PROPER');
  }
  // Coordinated phrases: "Beyoncé and Bruno Mars", "New Orleans, Miami and San Francisco".
  for (let r = 0; r < runs.length; r++) {
    let proper = runs[r]!.proper;
    for (let s = r + 1; s < runs.length && s - r < 5; s++) {
      const between = tokens.slice(runs[s - 1]!.to + 1, runs[s]!.from).map((t) => t.text.toLowerCase());
      const separator = between.filter((t) => !DETERMINERS.test(t)).join(' ');
      if (separator !== ',' && separator !== 'and' && separator !== 'or' && separator !== ', and' && separator !== ', or') break;
      proper ||= runs[s]!.proper;
      if (separator !== ',') add(tokens[runs[r]!.from]!.start, tokens[runs[s]!.to]!.end, proper ? 'PROPER' : 'NOUN_PHRASE');
    }
  }
  return out;
}

/**
 * A news dateline opening the sentence `[start, end)`: where and when the story was filed,
 * which answers no question about what it reports ("Who runs Calder Home?" is not answered
 * by "LONDON"). Returns where the dateline ends, or `start` when the sentence has none.
 * A dateline is a place at the start of a line, in capitals ("LONDON", "McALLEN"), maybe
 * with its region and date after commas ("CASTELO BRANCO, Portugal, Aug 14"), maybe with
 * the agency in brackets, then a dash ("TOKYO (Reuters) - ", "WASHINGTON—", "BEIJING, March
 * 5 (Xinhua) -- ") or a colon ("NEW DELHI: "); or a place written in mixed case with its
 * agency ("New Delhi, March 5 (PTI) - "). Words after a comma must be names or a date:
 * "ABC, the broadcaster, said Smith - who ..." is no dateline.
 */
export function datelineEnd(text: string, start: number, end: number): number {
  if (start > 0 && !/\n\s*$/.test(text.slice(Math.max(0, start - 4), start))) return start;
  const opening = text.slice(start, Math.min(end, start + DATELINE_LENGTH));
  const match = DATELINE.exec(opening) ?? MIXED_CASE_DATELINE.exec(opening);
  return match ? start + match[0].length : start;
}
const DATELINE_LENGTH = 160;
/** A word of a place in capitals ("LONDON", "McALLEN", "ST. LOUIS"), and one in mixed case ("Delhi", "d'Ivoire"). */
const CAPITALS_WORD = String.raw`(?:Ma?c)?\p{Lu}[\p{Lu}\p{M}'’.-]+`;
const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’.-]*`;
/** After a comma: a region ("Portugal", "Texas", "D.C.") or a date ("Aug 14", "March 5", "Feb. 3, 2026", "Monday"). */
const DATELINE_PART = String.raw`,\s+(?:${NAME_WORD}(?:\s+${NAME_WORD}){0,3}(?:\.?\s+\d{1,2}(?:,\s+\d{4})?)?|\d{1,2}\s+${NAME_WORD})`;
const AGENCY = String.raw`\s*\([^)\n]{1,40}\)`;
const DATELINE_END = String.raw`(?:\s+(?:--?|[–—])\s+|\s*[–—]\s*|:\s+)`;
const DATELINE = new RegExp(String.raw`^${CAPITALS_WORD}(?:\s+${CAPITALS_WORD}){0,3}(?:${DATELINE_PART}){0,3}(?:${AGENCY})?${DATELINE_END}`, 'u');
const MIXED_CASE_DATELINE = new RegExp(String.raw`^${NAME_WORD}(?:\s+${NAME_WORD}){0,3}(?:${DATELINE_PART}){0,3}${AGENCY}${DATELINE_END}`, 'u');

/** A sentence's tokens and which of them are question words: computed once for all its candidates. */
export interface SentenceView {
  readonly tokens: readonly NlpToken[];
  readonly matched: readonly boolean[];
  /** For each token, the question term it matches (undefined: none). */
  readonly term: ReadonlyArray<string | undefined>;
  /** The matched tokens' indices, in order. */
  readonly matchedAt: readonly number[];
  /** How often each matched term occurs in the sentence. */
  readonly termCounts: ReadonlyMap<string, number>;
  /** Whether the question shares any word with the sentence. */
  readonly anyMatched: boolean;
}

/**
 * The view of a sentence whose `tokens` are in document offsets and whose `sentenceTerms`
 * (as the index keeps them) are in offsets from the sentence's start, `sentenceStart`.
 */
export function sentenceView(question: SpanQuestion, tokens: readonly NlpToken[], sentenceTerms: readonly Term[], sentenceStart: number): SentenceView {
  const spans = sentenceTerms
    .filter((t) => !t.alias && question.terms.has(t.term))
    .map((t) => ({ term: t.term, start: sentenceStart + t.start, end: sentenceStart + t.end }))
    .sort((a, b) => a.start - b.start);
  // Both lists are in document order: one merge pass.
  const matched: boolean[] = [];
  const term: Array<string | undefined> = [];
  let k = 0;
  for (const token of tokens) {
    while (k < spans.length && spans[k]!.end <= token.start) k++;
    let hit: (typeof spans)[number] | undefined;
    for (let j = k; j < spans.length && spans[j]!.start < token.end && !hit; j++) if (token.start < spans[j]!.end) hit = spans[j];
    matched.push(hit !== undefined);
    term.push(hit?.term);
  }
  const matchedAt = matched.flatMap((hit, n) => (hit ? [n] : []));
  const termCounts = new Map<string, number>();
  for (const t of term) if (t !== undefined) termCounts.set(t, (termCounts.get(t) ?? 0) + 1);
  return { tokens, matched, term, matchedAt, termCounts, anyMatched: spans.length > 0 };
}

/** Which candidates nest in another, and which hold another: two sorted passes. */
function nesting(all: readonly SpanCandidate[]): { inside: ReadonlySet<SpanCandidate>; holds: ReadonlySet<SpanCandidate> } {
  const inside = new Set<SpanCandidate>();
  const holds = new Set<SpanCandidate>();
  // Start ascending, longest first: a span is inside another when an earlier one reaches its end.
  let reach = -Infinity;
  for (const c of [...all].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (reach >= c.end) inside.add(c);
    reach = Math.max(reach, c.end);
  }
  // Start descending, shortest first: a span holds another when an earlier one ends within it.
  let nearest = Infinity;
  for (const c of [...all].sort((a, b) => b.start - a.start || a.end - b.end)) {
    if (nearest <= c.end) holds.add(c);
    nearest = Math.min(nearest, c.end);
  }
  return { inside, holds };
}
const nestingOf = new WeakMap<readonly SpanCandidate[], ReturnType<typeof nesting>>();

/**
 * Feature values of `candidate` (in the order of {@link SPAN_FEATURES}); `all` are the
 * sentence's candidates, which say whether it nests in or holds another. Cost: the span's
 * tokens plus a logarithm of the sentence's, so a sentence's candidates cost about as much
 * as its tokens.
 */
export function spanFeatures(question: SpanQuestion, candidate: SpanCandidate, text: string, view: SentenceView, all: readonly SpanCandidate[]): number[] {
  const { tokens, matchedAt } = view;
  const x = new Array<number>(SPAN_FEATURES.length).fill(0);
  const kind = SPAN_KINDS.indexOf(candidate.kind);
  x[kind] = 1;
  x[SPAN_KINDS.length + QUESTION_CLASSES.indexOf(question.cls) * SPAN_KINDS.length + kind] = 1;
  let f = SPAN_KINDS.length * (QUESTION_CLASSES.length + 1);

  const isMatched = (n: number) => view.matched[n] === true;
  // The tokens inside the span: from the first starting in it to the last ending in it.
  const startOf = (n: number) => tokens[n]!.start;
  const endOf = (n: number) => tokens[n]!.end;
  let first = lowerBound(tokens.length, candidate.start, startOf);
  let last = lowerBound(tokens.length, candidate.end + 1, endOf) - 1;
  const inside: number[] = [];
  for (let n = first; n <= last; n++) inside.push(n);
  if (inside.length === 0) {
    first = lowerBound(tokens.length, candidate.start + 1, endOf);
    if (first >= tokens.length) first = -1;
    last = first;
  }
  const content = inside.filter((n) => !FUNCTION_POS.has(tokens[n]!.pos) && !DETERMINERS.test(tokens[n]!.text));
  // The nearest matched token outside the span, on each side.
  const at = (i: number) => matchedAt[i]!;
  const after = lowerBound(matchedAt.length, last + 1, at);
  const before = lowerBound(matchedAt.length, first, at) - 1;
  const distance = Math.min(before >= 0 ? first - matchedAt[before]! : tokens.length, after < matchedAt.length ? matchedAt[after]! - last : tokens.length);
  const near = new Set<string>();
  for (let n = Math.max(0, first - 3); n < first; n++) if (isMatched(n)) near.add(tokens[n]!.lemma);
  for (let n = last + 1; n <= Math.min(tokens.length - 1, last + 3); n++) if (isMatched(n)) near.add(tokens[n]!.lemma);

  x[f++] = content.length === 0 ? 1 : content.filter(isMatched).length / content.length;
  x[f++] = view.anyMatched ? 0 : 1;
  x[f++] = Math.log1p(distance);
  x[f++] = near.size / Math.max(1, question.terms.size);
  x[f++] = isMatched(first - 1) || isMatched(first - 2) ? 1 : 0;
  x[f++] = isMatched(last + 1) || isMatched(last + 2) ? 1 : 0;
  const length = Math.max(1, inside.length);
  x[f++] = Math.min(length, 20);
  x[f++] = Math.log(length);
  x[f++] = tokens.length <= 1 ? 0 : Math.max(0, first) / (tokens.length - 1);
  const value = text.slice(candidate.start, candidate.end);
  const words = value.split(/\s+/);
  x[f++] = words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length;
  x[f++] = /\d/.test(value) ? 1 : 0;
  const preceding = (tokens[first - 1]?.text ?? '').toLowerCase();
  x[f++] = question.cls === 'PLACE' && (preceding === 'in' || preceding === 'at') ? 1 : 0;
  x[f++] = question.cls === 'DATE' && (preceding === 'in' || preceding === 'on' || preceding === 'during' || preceding === 'since') ? 1 : 0;
  x[f++] = question.cls === 'PERSON' && preceding === 'by' ? 1 : 0;
  const focus = question.focus;
  x[f++] = focus !== undefined && [tokens[first - 1], tokens[first - 2], tokens[last + 1], tokens[last + 2]].some((t) => t?.lemma === focus) ? 1 : 0;
  x[f++] = focus !== undefined && inside.some((n) => tokens[n]!.lemma === focus) ? 1 : 0;
  x[f++] = isInstance(question, text.slice(candidate.start, candidate.end)) ? 1 : 0;
  x[f++] = candidate.kind === 'EXPANSION' && question.acronyms.some((a) => text.slice(candidate.end, candidate.end + a.length + 4).includes(`(${a})`)) ? 1 : 0;
  x[f++] = /^[\s]*[,(]/.test(text.slice(candidate.end, candidate.end + 2)) || /[,)]\s*$/.test(text.slice(Math.max(0, candidate.start - 2), candidate.start)) ? 1 : 0;

  // The question's words around the span, each counted once, by how much it says.
  const total = question.totalWeight || 1;
  const weightIn = (from: number, to: number) => {
    const terms = new Map<string, number>();
    for (let n = Math.max(0, from); n <= Math.min(tokens.length - 1, to); n++) {
      if (n >= first && n <= last) continue;
      const t = view.term[n];
      if (t !== undefined) terms.set(t, question.weights.get(t) ?? 0);
    }
    let sum = 0;
    for (const w of terms.values()) sum += w;
    return sum / total;
  };
  x[f++] = weightIn(first - 5, last + 5);
  x[f++] = weightIn(first - 3, first - 1);
  x[f++] = weightIn(last + 1, last + 3);
  // In the rest of the sentence: every matched term that occurs outside the span.
  const insideCounts = new Map<string, number>();
  for (let n = Math.max(0, first); n <= last; n++) {
    const t = view.term[n];
    if (t !== undefined) insideCounts.set(t, (insideCounts.get(t) ?? 0) + 1);
  }
  let rest = 0;
  for (const [t, count] of view.termCounts) if (count > (insideCounts.get(t) ?? 0)) rest += question.weights.get(t) ?? 0;
  x[f++] = rest / total;
  x[f++] = content.length > 0 && content.every(isMatched) ? 1 : 0;
  // Parts of speech as the candidates were built from them (spanPos).
  const firstAt = inside[0] ?? first;
  const lastAt = inside[inside.length - 1] ?? last;
  x[f + posGroup(firstAt >= 0 ? spanPos(tokens, firstAt) : '')] = 1;
  f += POS_GROUPS.length;
  x[f + posGroup(lastAt >= 0 ? spanPos(tokens, lastAt) : '')] = 1;
  f += POS_GROUPS.length;
  x[f++] = /^\p{Ll}/u.test(value) && words.length > 1 && /^\p{Lu}/u.test(words[words.length - 1] ?? '') ? 1 : 0;
  let nested = nestingOf.get(all);
  if (!nested) nestingOf.set(all, (nested = nesting(all)));
  x[f++] = nested.inside.has(candidate) ? 1 : 0;
  x[f++] = nested.holds.has(candidate) ? 1 : 0;
  x[f++] = text[candidate.start - 1] === '(' && text[candidate.end] === ')' ? 1 : 0;
  // The question read as a statement with the span for its wh-phrase: its words before the
  // wh-phrase tend to come before the answer ("less complex than [bilaterians]"), and those
  // after it after a subject ("[Philip Segal] approached the BBC") or before an object.
  const termsIn = (from: number, to: number) => {
    const found = new Set<string>();
    for (let n = Math.max(0, from); n <= Math.min(tokens.length - 1, to); n++) if (n < first || n > last) { const t = view.term[n]; if (t !== undefined) found.add(t); }
    return found;
  };
  const leftTerms = termsIn(first - WH_WINDOW, first - 1);
  const rightTerms = termsIn(last + 1, last + WH_WINDOW);
  const share = (of: ReadonlySet<string>, found: ReadonlySet<string>) => {
    let all = 0;
    let held = 0;
    for (const t of of) {
      const w = question.weights.get(t) ?? 0;
      all += w;
      if (found.has(t)) held += w;
    }
    return all > 0 ? held / all : 0;
  };
  x[f++] = share(question.beforeWh, leftTerms);
  x[f++] = share(question.beforeWh, rightTerms);
  x[f++] = share(question.afterWh, leftTerms);
  x[f++] = share(question.afterWh, rightTerms);
  // The words right next to the span are those right next to the wh-phrase ("than [X]" for "than which").
  const wordAt = (n: number) => (n >= 0 && n < tokens.length ? tokens[n]!.text.toLowerCase() : undefined);
  const context = (words: readonly string[], step: -1 | 1, from: number) => {
    let same = 0;
    let n = from;
    for (const word of words) {
      while (n >= 0 && n < tokens.length && !/\p{L}|\p{N}/u.test(tokens[n]!.text)) n += step;
      if (wordAt(n) !== word) break;
      same++;
      n += step;
    }
    return same / WH_CONTEXT;
  };
  x[f++] = context(question.whLeft, -1, first - 1);
  x[f++] = context(question.whRight, 1, last + 1);
  return x;
}

/** Spans read as a name or noun for the category: at most this many words. */
const MAX_KIND_WORDS = 4;

/**
 * Whether a span is a kind or an instance of what the question asks for ("Santa Clara" for
 * "what city", "granite" for "what type of rock"): the span as written without its article,
 * or its last word, the head of a noun phrase ("the port city").
 */
function isInstance(question: SpanQuestion, value: string): boolean {
  const { category, isKindOf } = question;
  if (category === undefined || isKindOf === undefined) return false;
  const words = value.replace(/^(?:the|a|an)\s+/i, '').split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (words.length === 0 || words.length > MAX_KIND_WORDS) return false;
  const whole = words.join(' ');
  const last = words[words.length - 1]!;
  return isKindOf(whole, category) || (last !== whole && isKindOf(last, category));
}

/**
 * The features of a sentence's "no answer" candidate: how much of the question's weight
 * the sentence holds, whether it holds any of its words, and what the question asks (a
 * "why" is seldom answered by a span). Scored beside the spans, it takes the probability
 * that none of them answers.
 */
export function noAnswerFeatures(question: SpanQuestion, view: SentenceView): number[] {
  const x = new Array<number>(SPAN_FEATURES.length).fill(0);
  let f = SPAN_FEATURES.indexOf('no-answer');
  x[f++] = 1;
  let held = 0;
  for (const t of view.termCounts.keys()) held += question.weights.get(t) ?? 0;
  x[f++] = held / (question.totalWeight || 1);
  x[f++] = view.anyMatched ? 0 : 1;
  x[f + QUESTION_CLASSES.indexOf(question.cls)] = 1;
  return x;
}
