/**
 * Which way in time a date phrase points, read from the tense of the verb that governs
 * it: "was launched in June" looks back, "will go on sale in June" and "goes on sale in
 * June" (the present of a scheduled event) look ahead. A month or weekday without a year
 * is then resolved towards that side of the article's date (dates.ts).
 *
 * The verb is the nearest one before the phrase (back to a semicolon: commas and
 * hyphens, as in "met Jean-Yves Le Drian on Wednesday", do not end the search), else the
 * first one after it ("In June, the company will..."); its verb group ("is expected to go", "has
 * been") is read from its first word, the one that carries the tense. wink-nlp gives
 * universal parts of speech and lemmas but no tense, so the tense is read from the word
 * against its lemma: "goes"/"go" is present, "launched"/"launch" past. Cost: one tagging
 * of at most {@link WINDOW_BEFORE} + {@link WINDOW_AFTER} characters of the sentence
 * around the phrase, whatever the sentence's length.
 */
import { tag, type NlpToken } from './nlp';
import type { Span } from './sentences';

export type Tense = 'past' | 'future';

const AHEAD = new Set(['will', "'ll", '\u2019ll', 'shall', 'would', 'can', 'could', 'may', 'might', 'should', 'must', 'is', 'are', 'am', 'be', 'does', 'do']);
const BEHIND = new Set(['was', 'were', 'had', 'has', 'have', "'ve", '\u2019ve', 'did']);
/** Words next to a date that fix its side whatever the verb: "since June", "next June". */
const MARKERS: ReadonlyMap<string, Tense> = new Map([
  ['since', 'past'],
  ['last', 'past'],
  ['ago', 'past'],
  ['next', 'future'],
  ['coming', 'future'],
]);
const VERB_GROUP = new Set(['AUX', 'VERB', 'PART', 'ADV']);
/** Characters of the sentence read before and after the phrase: a clause's worth and more. */
export const WINDOW_BEFORE = 300;
export const WINDOW_AFTER = 150;

/**
 * The tense of the verb governing `phrase` (offsets into `text`) within `sentence`, or
 * undefined when no verb says (a sentence without one, a bare participle).
 */
export function tenseAt(text: string, sentence: Span, phrase: Span): Tense | undefined {
  const start = Math.max(sentence.start, phrase.start - WINDOW_BEFORE);
  const tokens = tag(text.slice(start, Math.min(sentence.end, phrase.end + WINDOW_AFTER))).tokens;
  const from = phrase.start - start;
  const to = phrase.end - start;
  const before = tokens.filter((t) => t.end <= from);
  const inside = tokens.filter((t) => t.start >= from && t.end <= to);
  const after = tokens.filter((t) => t.start >= to);

  for (const token of [...inside, before.at(-1), after[0]]) {
    const marked = token && MARKERS.get(token.text.toLowerCase());
    if (marked) return marked;
  }
  for (let i = before.length - 1; i >= 0 && before[i]?.text !== ';'; i--) {
    if (isVerb(before[i] as NlpToken)) return tenseOfGroup(before, i);
  }
  for (let i = 0; i < after.length && after[i]?.text !== ';'; i++) {
    if (isVerb(after[i] as NlpToken)) return tenseOfGroup(after, i);
  }
  return undefined;
}

/**
 * Whether the verb at `verb` (offsets into `text`, within `sentence`) is put in the future
 * by an auxiliary of its group, in two readings from one tagging. `future`: by any
 * auxiliary ("will resume", "is expected to resume", "'ll hire"), or as the infinitive
 * of what a verb asks for, wants or plans ("urged the guard to release him"); a passage that
 * so tells of an event has not reported it. `plainly`: only by "will", "shall" or "is due / set /
 * expected ... to" (a present "be": "was expected to" was a plan), not by "would" (a later
 * past in a narrative), "can" or a present passive ("is liquefied"). A bare present
 * ("signs", as in a headline) is neither: it often reports a past event. Cost: one tagging
 * of at most {@link WINDOW_BEFORE} characters before the verb.
 */
export function auxiliaryFuture(text: string, sentence: Span, verb: Span): FutureReading {
  const start = Math.max(sentence.start, verb.start - WINDOW_BEFORE);
  const tokens = tag(text.slice(start, verb.end)).tokens;
  const at = tokens.length - 1;
  if (at < 1) return NOT_FUTURE;
  const first = firstOfGroup(tokens, at);
  const head = tokens[first] as NlpToken;
  const word = head.text.toLowerCase();
  const reading: FutureReading = first === at ? NOT_FUTURE : {
    future: tenseOfWord(head) === 'future',
    plainly: PLAIN_FUTURE.has(word) || (PRESENT_BE.has(word) && tokens.slice(first + 1, at).some((t) => SCHEDULED.has(t.text.toLowerCase()))),
    wanted: false,
  };
  // "urged the guard to release him": an event asked for, hoped or planned, not reported
  // (nor plainly to come, unless its group says so: it may have come about since).
  return wantedBefore(tokens, at) ? { future: true, plainly: reading.plainly, wanted: true } : reading;
}

/** How a verb's group puts it in time (see auxiliaryFuture); `wanted`: only as what another verb asks for, wants or plans. */
export interface FutureReading {
  readonly future: boolean;
  readonly plainly: boolean;
  readonly wanted: boolean;
}

const NOT_FUTURE: FutureReading = { future: false, plainly: false, wanted: false };

/**
 * Verbs whose infinitive complement is an event not yet come about: asked for ("urge",
 * "demand"), wanted or planned ("hope", "plan", "vow"). Not those that report it
 * ("manage", "agree", "decide" mostly lead to the event).
 */
const WANTING = new Set(['urge', 'ask', 'demand', 'encourage', 'want', 'wish', 'hope', 'plan', 'seek', 'aim', 'intend', 'expect', 'threaten', 'vow', 'promise', 'pledge', 'implore', 'beg', 'request', 'order', 'instruct', 'tell', 'invite']);
/** Verbs that ask for an event only with a particle after them: "called on the rebels to", "pressed for talks to" (not "called Macron to discuss"). */
const WANTING_WITH: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['call', new Set(['on', 'upon', 'for'])],
  ['appeal', new Set(['to', 'for'])],
  ['press', new Set(['for'])],
  ['push', new Set(['for'])],
]);

/**
 * Whether the verb at `tokens[at]` is an infinitive ("to release") whose clause's verb
 * before it asks for, wants or plans it: "We urge the guard to release President Bazoum".
 * Read back to a comma, a semicolon or another verb.
 */
function wantedBefore(tokens: readonly NlpToken[], at: number): boolean {
  let i = at - 1;
  while (i >= 0 && tokens[i]?.pos === 'ADV') i--;
  if (tokens[i]?.text.toLowerCase() !== 'to') return false;
  for (i--; i >= 0; i--) {
    const token = tokens[i] as NlpToken;
    if (/^[,;:()]$/.test(token.text)) return false;
    if (token.pos !== 'VERB') continue;
    const lemma = token.lemma.toLowerCase();
    return WANTING.has(lemma) || (WANTING_WITH.get(lemma)?.has(tokens[i + 1]?.text.toLowerCase() ?? '') ?? false);
  }
  return false;
}

/** Auxiliaries that plainly put a verb in the future, and what "is ... to" may say it with. */
const PLAIN_FUTURE = new Set(['will', "'ll", '\u2019ll', 'shall']);
const PRESENT_BE = new Set(['is', 'are', 'am', "'s", "'re", '\u2019s', '\u2019re']);
const SCHEDULED = new Set(['expected', 'set', 'due', 'scheduled', 'going', 'planned', 'slated', 'about']);

function isVerb(token: NlpToken): boolean {
  return token.pos === 'VERB' || token.pos === 'AUX';
}

/** The tense of the verb group that holds `tokens[at]`, read from the group's first verb. */
function tenseOfGroup(tokens: readonly NlpToken[], at: number): Tense | undefined {
  return tenseOfWord(tokens[firstOfGroup(tokens, at)] as NlpToken);
}

/** Where the verb group that holds `tokens[at]` starts: its first verb ("is expected to go" -> "is"). */
function firstOfGroup(tokens: readonly NlpToken[], at: number): number {
  let first = at;
  for (let i = at - 1; i >= 0 && VERB_GROUP.has(tokens[i]?.pos ?? ''); i--) {
    if (isVerb(tokens[i] as NlpToken)) first = i;
  }
  return first;
}

function tenseOfWord(token: NlpToken): Tense | undefined {
  const word = token.text.toLowerCase();
  if (AHEAD.has(word)) return 'future';
  if (BEHIND.has(word)) return 'past';
  const { lemma } = token;
  if (word.endsWith('ing')) return undefined;
  if (token.pos === 'AUX' && lemma === 'be') return 'future';
  // The present of a scheduled event: "sales begin", "the S1 goes on sale".
  if (word === lemma || word === `${lemma}s` || word === `${lemma}es` || (lemma.endsWith('y') && word === `${lemma.slice(0, -1)}ies`)) return 'future';
  return 'past';
}
