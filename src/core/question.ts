import { PLACE_KINDS_PLURAL } from './lexicon';
import type { TimeAsked } from './asked-time';
import type { NlpToken } from './nlp';

/**
 * What a question asks for: the kind of answer it wants (a duration, a date, a person...)
 * and the words that carry its topic. The words that only say what kind of answer is
 * wanted ("how long", "which day of the week") are not topic words: no sentence needs to
 * contain them.
 */

/**
 * The kind of span that answers a question:
 * - DURATION: how long, how much time
 * - DATE: when, which day / year / month
 * - NUMBER: how many, how much, what percentage / share of
 * - PERSON: who
 * - NAME: what is the name of <a role or thing> (the name written next to it)
 * - ROLE: who is <a person named in the question>
 * - PLACE: where, in which city / country
 * - LIST: which <plural noun> (several names)
 * - THING: which <noun>, what kind of <noun> (the noun phrase around that noun)
 * - OBJECT: what did <someone> <verb> (what follows that verb)
 */
export type AnswerType = 'DURATION' | 'DATE' | 'NUMBER' | 'PERSON' | 'NAME' | 'ROLE' | 'PLACE' | 'LIST' | 'THING' | 'OBJECT';

/** What a question wants: the kind of answer, and for THING and OBJECT the word to look around. */
export interface Wanted {
  readonly type: AnswerType;
  /**
   * Lemma of the head noun (THING) or of the verb (OBJECT); "destination" for PLACE after a
   * verb of motion; "ongoing" for DURATION asked in the present perfect ("how long has");
   * "extent" for DURATION asked with no verb ("How long is the Rhine?", "How long was the
   * meeting?"), which a length of time answers, or a distance where the passage gives an
   * extent ("86 km long"); "held" for ROLE asked as a title held ("What titles does X hold?");
   * "distance" for NUMBER asked "how far/tall/wide/deep", which only a distance answers, and
   * "height" for "how high", which a distance or a level may.
   */
  readonly focus?: string;
  /** For DATE, the kind of time asked when the wording says so ("what year": YEAR; see asked-time.ts). */
  readonly time?: TimeAsked;
  /** For NUMBER asked "how many <noun>", the lemma of what is counted ("How many trains" -> train). */
  readonly counted?: string;
  /** That noun as the question writes it, in lower case, when not its lemma ("children"). */
  readonly countedAs?: string;
  /** For NUMBER asked by a quantity's noun ("What was Pell's profit?"), that noun's last word (see quantityAsked). */
  readonly measured?: string;
  /** For OBJECT asked "what did X ask Y to do": an action, which an infinitive gives ("urged Y to release the detainees"). */
  readonly action?: boolean;
  /** For THING asked by a noun naming a kind of organization ("Which regional group ...?", "Which agency ...?"): the name of one answers too. */
  readonly organization?: boolean;
}

/**
 * "What did Blinken urge Burhan to do ...?", "What are they trying to do?": asks for an
 * action; not "What does the bill have to do with taxes?", which asks a relation.
 */
export const ACTION_ASKED = /^(?!.*\b(?:have|has|had)\s+to\s+do\s+with\b).*\bto\s+do\b/isu;

/**
 * Kinds of answer that are rare and precise in news text (a sentence without a duration
 * hardly answers "how long"): the ranker weighs their fit apart, and a passage without
 * one does not answer.
 */
export const STRICT_TYPES: ReadonlySet<AnswerType> = new Set(['DURATION', 'NUMBER']);

export interface AnswerCue {
  readonly type: AnswerType;
  /** Offsets of the cue words in the question ("how long"), which are not topic words. */
  readonly start: number;
  readonly end: number;
}

/**
 * Interrogatives that decide when they open the question, over a cue word later in it:
 * "Who scored when they beat United?" asks for a person, not a date. Written once, for
 * OPENING_CUES and, where they may come later in a question, for CUES.
 */
// "How much longer did they sleep?" asks for a length of time as well (a difference of two).
const HOW_LONG = String.raw`(?:for\s+)?how\s+(?:long(?!\s+ago\b)|much\s+(?:time|longer|shorter|earlier|later|sooner))\b`;
// "How far/tall/high/wide/deep" asks for a distance (see focusOf).
const HOW_MANY = String.raw`how\s+(?:many|much|far|tall|high|wide|deep)\b`;
const HOW_LONG_AGO = String.raw`how\s+long\s+ago\b`;
const OPENING_CUES: ReadonlyArray<[AnswerType, RegExp]> = (
  [
    ['DURATION', HOW_LONG],
    ['NUMBER', HOW_MANY],
    ['DATE', String.raw`(?:since\s+)?when\b|${HOW_LONG_AGO}`],
    ['PLACE', String.raw`where\b`],
    ['PERSON', String.raw`who(?:m|se|'s)?\b`],
  ] as const
).map(([type, cue]) => [type, new RegExp(`^\\s*(?:${cue})`, 'i')]);

/**
 * Nouns that name a quantity, after optional modifiers ("the total population", "its annual
 * revenue"): what such a noun is asked to be is a number or an amount of money.
 */
const QUANTITY_NOUNS = String.raw`(?:(?:total|annual|average|estimated|current|combined|net|gross|median|final|overall|official)\s+)*(?:population|attendance|turnout|magnitude|revenues?|sales|profits?|earnings|income|budget|salary|wages?|price|cost|value|worth|debt|deficit|death\s+toll|toll|enrol(?:l)?ment|capacity|margin|valuation|market\s+value|GDP|unemployment\s+rate|inflation\s+rate|interest\s+rate|growth\s+rate|tax\s+rate)`;

/** The quantity noun ends its phrase ("the population of Warsaw", not "the population density"). */
const QUANTITY_END = String.raw`(?=\s*(?:[?.!,;]|$)|\s+(?:of|in|at|for|on|during|from|per|to|by|last|this|that|when|after|before|since|as|under|with)\b)`;

/** "What is", "what was", "what's": the opening of a question asking what something is or was. */
const WHAT_BE = String.raw`what(?:\s+(?:is|was|are|were)|['’]s)`;
/** The same, or "what will be". */
const WHAT_IS = String.raw`(?:${WHAT_BE}|what\s+will\s+be)`;

/** The quantity noun right after a "what was (X's)" cue (see quantityAsked). */
const QUANTITY_ASKED = new RegExp(String.raw`^${WHAT_IS}\s+(?:the\s+|(?:[\p{Lu}][\p{L}\p{M}.&-]*\s+){0,3}[\p{L}\p{M}.&-]+['’]s?\s+)?(${QUANTITY_NOUNS})${QUANTITY_END}`, 'iu');

/** Prepositions that may open a question before its "which" or "what" ("In which direction ..."). */
const CUE_PREPOSITIONS = String.raw`(?:in|on|at|from|to|by|for|with|into|through|under|during|of|against|after|before|toward|towards|over|along|across|between|among)`;
/** Nouns after "for what", "on what", "to what" asking a reason or a degree, not a thing. */
const NO_THING_AFTER_PREPOSITION = String.raw`(?:reasons?|grounds|purposes?|extent|degree|sense)\b`;

/**
 * Cues anywhere in the question, checked after OPENING_CUES (so "when" or "who" opening
 * the question is found there).
 */
const CUES: ReadonlyArray<[AnswerType, RegExp]> = [
  // "How long ago" asks for a date; "the length of the Rhine" for a distance, and "the
  // entire length of the river" for neither.
  ['DURATION', new RegExp(String.raw`\b${HOW_LONG}|\b(?:what\s+(?:is|was)\s+the\s+)?(?:duration\s+of|length\s+of\s+time)\b`, 'i')],
  // "What was the attendance?", "What is Norvance's revenue?": a quantity asked by its noun,
  // which stays a topic word (only "what was" is the cue).
  ['NUMBER', new RegExp(String.raw`\b${HOW_MANY}|\bwhat\s+(?:number|amount|percentage|percent|share|proportion|fraction)\s+of\b|\bwhat\s+magnitude\b|\b${WHAT_IS}(?=\s+(?:the\s+|(?:[\p{Lu}][\p{L}\p{M}.&-]*\s+){0,3}[\p{L}\p{M}.&-]+['’]s?\s+)?${QUANTITY_NOUNS}${QUANTITY_END})`, 'iu')],
  // A "when" after another interrogative opening the question joins a clause: "What
  // happens when ...", "What was the score when ...", "Why did they leave when ...".
  ['DATE', new RegExp(String.raw`\b${HOW_LONG_AGO}|\b(?:on\s+)?(?:what|which)\s+(?:year|date|month|day(?:\s+of\s+the\s+week)?|time)\b|(?<!^\s*(?:what|which|why|how)\b[^]*)\bwhen\b`, 'i')],
  ['PLACE', /\b(?:in|at|to|from|into)\s+(?:what|which)\s+(?:city|country|place|town|state|province|region|county|district)\b|\bwhich\s+(?:city|country|place|town)\b|\bwhere\b/i],
  ['NAME', new RegExp(String.raw`\b${WHAT_BE}\s+the\s+names?\s+of\b`, 'i')],
  // "Which Russian leader", "which provinces": only the interrogative is the cue; the noun
  // says what the question is about and must be matched like any topic word.
  ['PERSON', /\b(?:which|what)(?=\s+(?:[\w-]+\s+){0,2}(?:person|man|woman|official|leader|minister|president|diplomat|politician|spokes(?:man|woman|person)|envoy)\b)|\bwho\b/i],
  // Several places, people or names: kinds of place in the plural (lexicon.ts), "people", "names".
  ['LIST', new RegExp(`\\b(?:which|what)(?=\\s+(?:\\w+\\s+)?(?:${[...PLACE_KINDS_PLURAL, 'people', 'names'].join('|')})\\b)`, 'i')],
  // After a preposition too: "In which direction does the Rhine flow?", "From which port did
  // it sail?"; not "for what reason", "on what grounds", "to what extent", which ask no thing.
  ['THING', new RegExp(String.raw`^\s*(?:which|what)\s+(?:kinds?|types?|sorts?)\s+of\b|^\s*(?:${CUE_PREPOSITIONS}\s+(?=(?:which|what)\s+(?!${NO_THING_AFTER_PREPOSITION})))?which\b|^\s*(?:${CUE_PREPOSITIONS}\s+(?=what\s+(?!${NO_THING_AFTER_PREPOSITION})))?what(?=\s+[\w-]+(?:\s+[\w-]+)?\s+(?:is|are|was|were|did|does|do|has|have|had|will|would)\b)`, 'i')],
  ['OBJECT', /^\s*what\s+(?:did|does|do|will|would|has|have|had)\b/i],
];

/** All the cues in the order they are checked: the first pattern that matches decides. */
const ALL_CUES: ReadonlyArray<[AnswerType, RegExp]> = [...OPENING_CUES, ...CUES];

/**
 * Verbs that only say that something happened somewhere or sometime ("where did the
 * meeting take place", "when was it held"): with a DATE or PLACE cue they carry no topic.
 */
const EVENT_FILLERS = /\b(?:take|took|taken|taking)\s+place\b|\b(?:happen(?:ed|s)?|occur(?:red|s)?|located|situated|held|hold|holds|be\s+held)\b/gi;

/**
 * "Who" as part of a name ("Doctor Who", "The Who"): a capitalized "Who" right after a
 * capitalized word. It asks nothing; the offsets of the rest stay as they are. The word
 * is matched before what precedes it is looked at: looked at from every place of a long
 * run of white space, that took 6 ms a question of 2,000 characters.
 */
const NAMED_WHO = /Who(?<=\p{Lu}[\p{L}\p{M}'’.-]*\s+Who)(?!\p{L})/gu;

export function answerCue(question: string): AnswerCue | undefined {
  // An opening clause ("When Fox left, who replaced him?") asks nothing: what follows its comma is read.
  const clause = leadingClause(question);
  const from = clause === undefined ? 0 : clause.end + 1;
  const read = question.slice(from).replace(NAMED_WHO, '___');
  for (const [type, pattern] of ALL_CUES) {
    const match = pattern.exec(read);
    // Its words only, not the white space an anchored pattern takes before them.
    if (match) return { type, start: from + match.index + match[0].length - match[0].trimStart().length, end: from + match.index + match[0].length };
  }
  return undefined;
}

const DISTANCE_ASKED = /^(?:far|tall|high|wide|deep)$/i;

/** Tags of the words a subject may start with. */
const SUBJECT_START = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN', 'PRON', 'X']);

/**
 * The verb of "What did <subject> <verb> ...?" where the tagger reads it as a noun ("What
 * did Amos Hale call/NOUN the gas?", "What did the Moscone Center host/NOUN?"): the first
 * word after the subject's first word that is written in lower case, in its base form (as
 * after "did" or "does"; "drives" of "the drives result in" is a plural), and is a verb.
 */
function verbAfterSubject(tokens: readonly NlpToken[], isVerb: (word: string) => boolean): string | undefined {
  const first = tokens.findIndex((t) => t.pos !== 'DET');
  if (first < 0 || !SUBJECT_START.has(tokens[first]!.pos)) return undefined;
  const candidates: number[] = [];
  for (let i = first + 1; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!['NOUN', 'ADJ', 'VERB'].includes(token.pos) || !/^\p{Ll}+$/u.test(token.text)) continue;
    if (/[^su]s$/.test(token.text)) continue;
    if (isVerb(token.text)) candidates.push(i);
  }
  // Of a run of nouns the last ends the subject: "the power plant release?" releases, though
  // "plant" is a verb too; a verb with a bare noun after it ("use electron microprobes") is
  // the first.
  const ends = candidates.find((i) => !['NOUN', 'PROPN'].includes(tokens[i + 1]?.pos ?? ''));
  const at = ends ?? candidates[0];
  return at === undefined ? undefined : tokens[at]!.text;
}

const MOTION_VERBS = new Set(['travel', 'go', 'visit', 'fly', 'come', 'move', 'return', 'head', 'send', 'invite', 'drive', 'sail', 'flee', 'arrive']);

/**
 * The focus word of a THING or OBJECT question, from its parts of speech: the last noun
 * of the first noun group after the cue ("which victory anniversary" -> anniversary), or
 * the first verb after the auxiliary ("what did Putin send" -> send).
 */
export function focusOf(type: AnswerType, questionTokens: readonly NlpToken[], cue: AnswerCue, isVerb?: (word: string) => boolean): string | undefined {
  const tokens = questionTokens.filter((t) => t.start >= cue.end);
  // "Where did he travel?" asks for a destination ("to Japan"), not a location ("in Tokyo").
  if (type === 'PLACE') return tokens.some((t) => MOTION_VERBS.has(t.lemma)) ? 'destination' : undefined;
  if (type === 'OBJECT') return tokens.find((t) => t.pos === 'VERB')?.lemma ?? (isVerb && verbAfterSubject(tokens, isVerb));
  // "How far is the airport?", "How tall is the tower?": a distance, with its unit.
  // "How high" may ask a distance or a level ("How high did prices rise?"): "height"; the
  // others only a distance.
  if (type === 'NUMBER') {
    const measure = questionTokens.find((t) => t.start >= cue.start && t.end <= cue.end && DISTANCE_ASKED.test(t.text));
    return measure === undefined ? undefined : /^high$/i.test(measure.text) ? 'height' : 'distance';
  }
  // "How long has it been ...": a time up to now, which "since 1951" gives.
  if (type === 'DURATION') {
    if (/^(?:has|have|'s|'ve)$/i.test(tokens[0]?.text ?? '')) return 'ongoing';
    // "How long is the Rhine?" may ask a distance; "How long was the call?" a time: the text decides.
    if (/^(?:is|are|was|were)$/i.test(tokens[0]?.text ?? '') && !tokens.slice(1).some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return 'extent';
    return undefined;
  }
  if (type !== 'THING') return undefined;
  let head: string | undefined;
  for (const token of tokens) {
    if (token.pos === 'NOUN' || token.pos === 'PROPN') head = token.lemma;
    else if (head !== undefined || !['ADJ', 'NUM', 'DET'].includes(token.pos)) break;
  }
  // "Which way is the plume blowing?" asks a direction, as "which direction" does; "In what
  // way did the economy grow?" and "Which way did Hale vote?" ask a manner or a side.
  if (head === 'way' && !questionTokens.some((t) => t.start >= cue.start && t.end <= cue.end && t.pos === 'ADP') && tokens.some((t) => DIRECTION_VERBS.has(t.lemma))) return 'direction';
  return head;
}

/** Verbs of going, lying or facing some way: with "which way" they ask a direction. */
const DIRECTION_VERBS = new Set([
  'flow', 'blow', 'drift', 'move', 'head', 'travel', 'face', 'point', 'run', 'turn', 'carry', 'spread', 'go', 'come', 'fly', 'sail',
  'drive', 'walk', 'swim', 'lean', 'slope', 'shift', 'migrate', 'stretch', 'extend', 'lie', 'spin', 'rotate', 'orbit', 'veer', 'track', 'push',
]);

/**
 * The quantity a "what was X's revenue?" question names, by its last word ("revenue",
 * "toll" of "death toll", "rate" of "unemployment rate"): a figure answers it only in an
 * article that mentions it. Undefined for any other question, and for a cost or a price.
 */
export function quantityAsked(question: string, cue: AnswerCue): string | undefined {
  const noun = quantityNoun(question, cue);
  // A price or a value is written many ways ("the base rate for an advertisement", "a fee
  // of", "trade reached $16.4 billion"): articles often never write "cost", "price", "value".
  return noun === undefined || /^(?:cost|price|value|worth)$/.test(noun) ? undefined : noun;
}

/** The quantity noun a "what was X's <noun>" question asks (see QUANTITY_ASKED), in lower case. */
function quantityNoun(question: string, cue: AnswerCue): string | undefined {
  if (cue.type !== 'NUMBER') return undefined;
  const match = QUANTITY_ASKED.exec(question.slice(cue.start));
  return match?.[1]?.split(/\s+/).at(-1)?.toLowerCase();
}

/**
 * What a "what was X's <noun>" question counts when its noun is a price or a value: a price,
 * a cost or a worth is a sum of {@link MONEY}; a value is an {@link AMOUNT} ("What was the
 * value of trade?" is a sum, "of the Nikkei" a number of points).
 */
export function amountAsked(question: string, cue: AnswerCue): string | undefined {
  const noun = quantityNoun(question, cue);
  return noun === undefined ? undefined : /^(?:cost|price|worth)$/.test(noun) ? MONEY : noun === 'value' ? AMOUNT : undefined;
}

/**
 * What "what was the value of X?" counts: a sum of money, a figure in a unit of measure or
 * in points, or a bare figure; not a figure counting things ("two ministers").
 */
export const AMOUNT = 'amount';

/** What "what percentage of X" counts: a share, written as a percentage or a fraction ("72 percent", "three-fourths"). */
export const SHARE = 'share';

/** Whether the question asks for a share: "What percentage of the vote ...?", "What share of ...?". */
export function shareAsked(question: string, cue: AnswerCue): string | undefined {
  return /^what\s+(?:percentage|percent|share|proportion|fraction)\s+of\b/i.test(question.slice(cue.start, cue.end)) ? SHARE : undefined;
}

/** Asked of a noun after a figure: whether it is a unit the figure is given in (money, a measure, points), known only with a thesaurus. */
export const UNIT = 'unit';

/** Asked of a noun right after a figure: whether the figure measures it (a unit or a property: "5.6 magnitude", "30 foot"), not the noun after it. */
export const MEASURE = 'measure';

/** What "how much" counts when it asks a price, a wage or a sum spent: see {@link countedNoun}. */
export const MONEY = 'monetary unit';
/** Verbs whose "how much" is an amount of money. */
const MONEY_VERBS = new Set(['cost', 'pay', 'earn', 'spend', 'charge', 'owe', 'donate', 'invest', 'fund', 'fine']);
/** Verbs of change: "how much did X rise" asks how much by, often a share. */
const CHANGE_VERBS = new Set(['rise', 'fall', 'increase', 'decrease', 'drop', 'grow', 'climb', 'decline', 'jump', 'gain', 'lose', 'shrink', 'slide', 'sink', 'soar', 'surge', 'plunge', 'rebound', 'tumble', 'cut', 'reduce', 'raise', 'lower', 'boost', 'slash', 'trim']);

/**
 * What "how many" counts: the head of the first nouns after it, past determiners,
 * adjectives and "of" ("How many trains", "How many of the economists", "How many new bus
 * stations"); none when a verb comes first ("How many did they sell?"), nor for "how many
 * times". "How much" counts {@link MONEY} when its verb is one of paying or costing.
 */
export function countedNoun(questionTokens: readonly NlpToken[], cue: AnswerCue, isDemonym: (word: string) => boolean = () => false): string | undefined {
  const tokens = questionTokens.filter((t) => t.start >= cue.start);
  if (!/^how$/i.test(tokens[0]?.text ?? '')) return undefined;
  // "How much did it cost?", "How much does a driver earn?": an amount of money.
  if (/^much$/i.test(tokens[1]?.text ?? '')) {
    const rest = tokens.slice(2);
    // "How much of its budget ...?" asks a share; "How much did driver pay rise?" a change.
    if (/^of$/i.test(rest[0]?.text ?? '') || rest.some((t) => CHANGE_VERBS.has(t.lemma))) return undefined;
    // The tagger may read the verb as a noun ("How much did the flight cost (the ministry)?"):
    // in a question with no other verb, a word of paying is its verb. With one, it is that
    // verb's object ("How much will the merger reduce costs?", "... cut pay?").
    const verbless = !rest.some((t) => t.pos === 'VERB');
    return rest.some((t) => (MONEY_VERBS.has(t.lemma) && (t.pos === 'VERB' || verbless)) || /^worth$/i.test(t.text)) ? MONEY : undefined;
  }
  if (!/^many$/i.test(tokens[1]?.text ?? '')) return undefined;
  let head: string | undefined;
  // A name of two words or more before a noun names what is counted, whatever the tagger
  // makes of its words: "How many Doctor Who soundtracks" counts soundtracks.
  let name = 0;
  while (/^\p{Lu}/u.test(tokens[2 + name]?.text ?? '')) name++;
  const from = name >= 2 && tokens[2 + name]?.pos === 'NOUN' ? 2 + name : 2;
  for (const token of tokens.slice(from)) {
    // The last of a run of nouns: "How many bus stations" counts stations.
    if (token.pos === 'NOUN') head = token.lemma;
    // "How many Brazilians": a people's name in the plural counts people of it.
    else if (head === undefined && token.pos === 'PROPN' && /^\p{Lu}\p{Ll}+s$/u.test(token.text) && isDemonym(token.text.slice(0, -1))) head = token.text.slice(0, -1).toLowerCase();
    else if (head !== undefined || (!['ADJ', 'DET', 'NUM'].includes(token.pos) && !/^of$/i.test(token.text))) break;
  }
  // "How many times" asks how often, which no counted noun says.
  return head === 'time' ? undefined : head;
}

/**
 * Words that ask for the expansion of an abbreviation ("what does AFC stand for", "what is
 * NFL short for"): they say what kind of answer is wanted, and an article that spells the
 * abbreviation out rarely writes them.
 */
const EXPANSION_ASKED = /\bstands?\s+for\b|\bstood\s+for\b|\bshort\s+for\b|\b(?:abbreviation|acronym)\s+(?:of|for)\b/gi;

/** Spans of the question that only restate what kind of answer is wanted. */
export function cueSpans(question: string, cue: AnswerCue | undefined): Array<[number, number]> {
  const spans: Array<[number, number]> = [...question.matchAll(EXPANSION_ASKED)].map((m) => [m.index, m.index + m[0].length]);
  if (!cue) return spans;
  spans.push([cue.start, cue.end]);
  if (cue.type === 'DATE' || cue.type === 'PLACE') {
    for (const m of question.matchAll(EVENT_FILLERS)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

/** Nouns naming what a person holds: asked for, they want the role written before the person's name. */
const ROLE_NOUNS = String.raw`(?:titles?|positions?|post|offices?|ranks?|jobs?)`;
const ROLE_VERBS = String.raw`(?:hold|holds|held|have|has|had|occupy|occupies|occupied|play|plays|played)`;
/**
 * The characters of a word of a name: letters with their marks, digits, dots, hyphens, and
 * the invisible characters a word may hold ("Lav\u200drov"), but no space: U+FEFF is
 * both invisible and a space, and a class holding spaces would let the words of a name
 * split a run of them every way (seconds of backtracking for a few dozen). Needs the `v` flag.
 */
const NAME_CHARS = String.raw`[\p{L}\p{M}\p{N}.\-[\p{DI}--\s]]`;
/** How a question ends: a question mark, or a full stop or exclamation mark typed instead. */
const QUESTION_END = String.raw`\s*[?.!]*\s*$`;

/**
 * Who holds it: one to four words ("Burhan", "the new prime minister", "Abdel Fattah
 * al-Burhan", "O'Neill", "she"), none a preposition, a possessive or a pronoun for a
 * thing: "the title of Mensah's report", "of her book", "of it" and "the position of Hamdok
 * on the transition" ask for no title anyone holds.
 */
const NAME_WORD = String.raw`(?!(?:of|on|about|by|in|for|from|to|at|with|over|under|during|before|after|against|between|into|my|your|his|her|its|our|their|it|this|that|these|those)(?![\p{L}]))${NAME_CHARS}+(?:['’](?!s(?!\p{L}))\p{L}+)?`;
const NAME_WORDS = String.raw`(?<name>${NAME_WORD}(?:\s+${NAME_WORD}){0,3}?)`;
/** A time the question sets after the verb ("before the coup", "in 2021"): it stays in the search. */
const WHEN_CLAUSE = String.raw`(?:\s+(?:before|after|during|in|since|until|when|while|at)\s[^?]*?)?`;

/**
 * Questions asking what title or position someone holds: "What is the title of X?" (or
 * "the post held by X"), "What positions does X hold?" (also "... before the coup"), "What
 * is X's job?" ("What was his title in 2021?"), "What office is held by X?", X of one to
 * four words (whether X is a person the corpus names is for the caller to check). The
 * numbered groups are the noun and the verb; `name` is X.
 */
const ROLE_ASKED: readonly RegExp[] = [
  new RegExp(String.raw`^\s*${WHAT_BE}\s+(?:the\s+)?(${ROLE_NOUNS})\s+(?:of|(held)\s+by)\s+${NAME_WORDS}${QUESTION_END}`, 'ivd'),
  new RegExp(String.raw`^\s*(?:what|which)\s+(${ROLE_NOUNS})\s+(?:does|did|do|has|have|had)\s+${NAME_WORDS}\s+(${ROLE_VERBS})${WHEN_CLAUSE}${QUESTION_END}`, 'ivd'),
  new RegExp(String.raw`^\s*${WHAT_BE}\s+(?:${NAME_WORDS}(?:'s?|’s?)|his|her|their)\s+(${ROLE_NOUNS})${WHEN_CLAUSE}${QUESTION_END}`, 'ivd'),
  new RegExp(String.raw`^\s*(?:what|which)\s+(${ROLE_NOUNS})\s+(?:is|was|are|were)\s+(held|occupied)\s+by\s+${NAME_WORDS}${QUESTION_END}`, 'ivd'),
];

/** Longest question read as asking a title: the longest form with a four-word name is well under it. */
const MAX_ROLE_QUESTION = 200;

/** A question asking what title or position someone holds, read. */
export interface RoleAsked {
  /** The spans of its words that only say so ("titles", "hold"): an article writes the title, not the word "title". */
  readonly asked: Array<[number, number]>;
  /** Where it names the person ("Burhan" of "What titles does Burhan hold?"); none for a pronoun ("What is her title?"). */
  readonly name?: [number, number];
}

/** When the question asks what title or position someone holds, what says so and who holds it. */
export function roleAsked(question: string): RoleAsked | undefined {
  // Each form is a short question: a long one is none of them, and is not matched against them.
  if (question.length > MAX_ROLE_QUESTION) return undefined;
  for (const pattern of ROLE_ASKED) {
    const match = pattern.exec(question);
    if (!match?.indices) continue;
    const name = match.indices.groups?.['name'];
    const asked = match.indices.slice(1).filter((span): span is [number, number] => span !== undefined && !(name && span[0] === name[0] && span[1] === name[1]));
    return { asked, ...(name ? { name } : {}) };
  }
  return undefined;
}

/**
 * "Who is Sergey Lavrov?", "Who's Conan O'Brien?": who someone is, by one to five words
 * after the verb, as NAME_WORD reads them (no possessive: "Who was Kennedy's vice
 * president?" asks for a person).
 */
const WHO_IS = new RegExp(String.raw`^\s*who(?:\s+(?:is|was)\s+|['’]s\s+)((?:${NAME_WORD}\s+){0,4}${NAME_WORD})${QUESTION_END}`, 'ivd');

/**
 * The span of X in "Who is X?" (one to five words, which the caller checks for a name),
 * without the dots or invisible characters that end it ("Who is Osei." asks of "Osei";
 * "Jr." keeps its letters).
 */
export function whoIsAsked(question: string): [number, number] | undefined {
  if (question.length > MAX_ROLE_QUESTION) return undefined;
  const span = WHO_IS.exec(question)?.indices?.[1];
  if (!span) return undefined;
  const end = nameEnd(question, span);
  return end > span[0] ? [span[0], end] : undefined;
}

/**
 * Where a name the question writes ends without the dots or invisible characters that
 * close it ("Who is Martin Luther King Jr.?").
 */
export function nameEnd(question: string, [from, to]: readonly [number, number]): number {
  return from + question.slice(from, to).replace(/[.\p{DI}]+$/u, '').length;
}

/** Words that point back to an earlier question ("Where would they do that?"). */
export const ANAPHORS: ReadonlySet<string> = new Set([
  'he', 'she', 'they', 'them', 'it', 'that', 'there', 'those', 'this', 'these', 'his', 'her', 'their', 'its', 'him',
]);

/** Words that open a clause of time or condition (see CONDITION), or of concession ("despite the pause", "although the vote was close"). */
const CONNECTIVES = 'after|before|since|until|till|while|because|if|unless|when|whenever|despite|although|though';
/** "Once" opening a clause: before its subject ("once the talks end"), not an adverb ("who once scored", "once again"). */
const ONCE = String.raw`once(?=\s+(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|he|she|it|they|we|you|i)\s)`;

/**
 * A clause or phrase that sets the time or condition of what is asked ("Who became prime
 * minister after Hamdok resigned?", "... if the talks fail?"), after the question's first
 * word: where it starts, after its connective. A corpus that never mentions its words never
 * mentions that time or condition, whatever it says of the rest; the connective itself
 * ("until", "unless") is not one of them, and a corpus need not write it. "Once" sets a
 * time only before the subject of a clause ("once the talks end"); "who once scored", "once
 * again" are adverbs.
 */
const CONDITION = new RegExp(String.raw`(?<=\S)\s+(?:(?:${CONNECTIVES})|${ONCE})\s+`, 'i');

/**
 * The same clause opening the question, before a comma and what the question asks ("If
 * the talks fail, who leads?", "After the takeover, what did the State Department
 * demand?"). Not a question asking when ("When did Obama, who was then a senator, visit
 * Kenya?", "When was Apollo 6, or AS-502, tested?": "when" before an auxiliary or an
 * adverb), nor "once" as an adverb ("Once again, who won?"). The clause is at most
 * {@link LEADING_CLAUSE_LENGTH} characters; the white space after the connective is taken
 * whole, so the look for the comma runs once.
 */
const LEADING_CLAUSE_LENGTH = 300;
const LEADING_CONDITION = new RegExp(
  String.raw`^\s*(?:(?:${CONNECTIVES.replace('|when|', '|')})|when(?!\s+(?:did|does|do|is|are|was|were|will|would|can|could|has|have|had|should|shall|may|might|must|in|exactly|precisely|approximately|roughly)(?![\p{L}\p{N}]))|${ONCE})\s+(?!\s)(?=[^,?]{0,${LEADING_CLAUSE_LENGTH}},\s*(?:who|whom|whose|what|which|where|when|why|how|did|does|do|is|are|was|were|will|would|can|could|has|have|had|should)(?![\p{L}\p{N}]))`,
  'iu',
);

/** The clause setting a question's time or condition: its words, from after its connective to its end. */
export interface ConditionSpan {
  readonly start: number;
  readonly end: number;
}

/** The clause opening the question, up to its comma (see LEADING_CONDITION), if one does. */
function leadingClause(question: string): ConditionSpan | undefined {
  const leading = LEADING_CONDITION.exec(question);
  // The comma the lookahead found.
  return leading ? { start: leading[0].length, end: question.indexOf(',', leading[0].length) } : undefined;
}

/** Whether offset `at` lies in one of `clauses`. */
export function inClauses(clauses: readonly ConditionSpan[], at: number): boolean {
  return clauses.some(({ start, end }) => at >= start && at < end);
}

/**
 * The clauses setting the question's time or condition (after their connective), in
 * order: one opening the question, up to its comma, and one after its first word (or, with
 * an opening one, after the comma), to its end. At most two.
 */
export function conditionSpans(question: string): ConditionSpan[] {
  const opening = leadingClause(question);
  const spans: ConditionSpan[] = opening ? [opening] : [];
  const rest = opening === undefined ? 0 : opening.end + 1;
  const match = CONDITION.exec(question.slice(rest));
  if (match) spans.push({ start: rest + match.index + match[0].length, end: question.length });
  return spans;
}
