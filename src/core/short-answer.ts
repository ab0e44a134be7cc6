/**
 * The short answer: the exact span of a passage that answers a factoid question ("about
 * an hour", "Saturday", "Sergey Lavrov"), found among the entities of the kind the
 * question wants, leaving out what the question itself already says.
 */
import { isStopWord, normalizeWord } from './analyzer';
import { nameStart, type DocumentEntities, type Person } from './entities';
import type { Entity, EntityType } from './nlp';
import type { NlpToken } from './nlp';
import { readNumberWords } from './numbers';
import { AMOUNT, MEASURE, MONEY, SHARE, UNIT, type AnswerType, type Wanted } from './question';

import { isClockTime } from './asked-time';
import { MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS } from './dates';
/**
 * The best fit a kind of answer's spans can have, where it is known: a role, a noun phrase
 * and a verb's object fit 1 or not at all. The ranker's score bounds use it (ranking.ts).
 */
export const FIT_CEILINGS: Partial<Record<AnswerType, number>> = { ROLE: 1, THING: 1, OBJECT: 1 };

/** A span of a document, with how well it fits (higher is better). */
export interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly fit: number;
}

/** Entity types that answer each kind of question, with how well (1 best). */
const FITS: Readonly<Record<AnswerType, Partial<Record<EntityType, number>>>> = {
  DURATION: { DURATION: 1 },
  DATE: { DATE: 1, EVENT: 0.9, TIME: 0.8 },
  NUMBER: { CARDINAL: 1, MONEY: 0.9, PERCENT: 0.9 },
  // In the news, countries and organizations act as people do ("Russia insists").
  PERSON: { PERSON: 1, PLACE: 0.7, ORG: 0.7 },
  NAME: { PERSON: 1, PLACE: 1, ORG: 1 },
  ROLE: {},
  PLACE: { PLACE: 1, ORG: 0.6 },
  LIST: { PLACE: 1, PERSON: 1, ORG: 0.8 },
  THING: {},
  OBJECT: {},
};

/**
 * Words before a length that belong to it ("about three hours", "half an hour"), also
 * those of a whole unit ("all day", "the whole week"), of which wink tags only the unit.
 */
const APPROXIMATORS = /(?:(?:about|around|roughly|nearly|almost|approximately|more than|less than|over|under|some|just|only|at least|at most|up to|as many as|an estimated)\s+)?(?:(?:half\s+)?an?\s+|an?\s+half[\s-]|\d+[\s-]|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a few)[\s-]|all\s+|the\s+(?:whole|entire|full|past|last)\s+)?$/i;

/** Words that say how exact a number is, before it: "roughly 9,800", "up to 40 percent", "an estimated 300". */
const NUMBER_APPROXIMATORS = /(?<!\p{L})(?:about|around|roughly|nearly|almost|approximately|more than|fewer than|less than|over|under|at least|at most|up to|as many as|as much as|an estimated)\s+$/iu;

/** A unit of time, singular or plural, also inside a compound ("45-minute"). */
const TIME_UNIT = /(?<!\p{L})(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|years?|decades?|century|centuries|millenni(?:um|ums|a))(?!\p{L})/iu;
/** How many of a unit: a figure, a number word, "a", "half", "several"... */
const QUANTITY = /\d|(?<!\p{L})(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundreds?|thousands?|millions?|billions?|dozens?|half|several|few|many|couple)(?!\p{L})/iu;
const PLURAL_UNIT = /(?:s|ia)$/i;
/**
 * A whole unit: "all day", "the whole week", "the entire month", "the past year", "the
 * last decade" ("last week" without "the" says when, not how long).
 */
const WHOLE_UNIT = /(?:^|\s)(?:all|the\s+(?:whole|entire|full|past|last))\s+$/i;
/** A period given by its ends ("from 1961 to 1972", "between 1835 and 1842", "1961–1972") or by its end ("until 2010"). */
const PERIOD = /^(?:from|between)\b.+\b(?:to|and|until|till|through)\b|\d\s*[–—-]\s*\d|^\S+\s+to\s+\S+$|^(?:until|till|through|up\s+to)\b/i;

/**
 * A unit of distance, written out or abbreviated (in lower case: "Mi-8" is a helicopter). A
 * bare "m" is a metre only before a word of extent ("599 m high"): news writes millions so
 * ("5 m people", "5m euros").
 */
const DISTANCE_UNIT = String.raw`(?:(?:kilo|centi|milli)?met(?:re|er)s?|km|cm|mm|m(?=\s+(?:long|high|wide|deep|tall)\b|\s*\(\d)|(?:nautical\s+)?miles?|mi|feet|foot|ft|yards?|yd|inches|inch|light[\s-]years?)`;
/**
 * A distance: a figure with a unit of distance after it, the words of approximation before
 * it ("nearly 86 km", "1,230 kilometres"), not a speed ("120 km/h", "100 miles per hour"); the
 * group is the figure and unit. Linear: each part is a run of one class of characters.
 */
const DISTANCE = new RegExp(
  String.raw`(?<![\p{L}\p{N}$€£¥.,])(?:(?:[Aa]bout|[Aa]round|[Rr]oughly|[Nn]early|[Aa]lmost|[Ss]ome|[Oo]ver|[Uu]nder|[Mm]ore\s+than|[Ll]ess\s+than)\s+)?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:thousand|million|billion))?(?:\s*|-)${DISTANCE_UNIT})(?![\p{L}\p{N}])(?!\s*(?:\/|per\b))`,
  'gu',
);
/** Words that say a sentence gives something's extent, which a distance in it may be. */
const EXTENT_WORDS = /(?<!\p{L})(?:long|length|lengths|stretch(?:es|ed)?|extend(?:s|ed)?|span(?:s|ned)?)(?!\p{L})/iu;
/** A distance answers "how long is" a little below a length of time: "How long was Mandela on Robben Island?" */
const DISTANCE_FIT = 0.9;
/** A distance answers "how far/tall/high" above a figure without a unit. */
const ASKED_DISTANCE_FIT = 1.2;
/** "since" before a date, in a length of time the recognizer found ("since October 25", not "since then"). */
const SINCE_DATE = /^since\s+(?=(?:\p{Lu}|\d))/iu;
/** A time of day read off a clock ("4:55 p.m. local time", "0955 GMT", "3:30 p.m. HST", "10 o'clock"), with its zone. */
const CLOCK_READING = /(?<![\p{L}\p{N}:.])(?:\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?|\d{1,2}:\d{2}|\d{1,2}\s+o['’]clock|\d{4}(?=\s+(?:GMT|UTC)))(?:\s+(?:local\s+time|GMT|UTC|HST|[ECMP][SD]T|BST|CES?T))?/gu;
/** Its fit for "what time": above a time of day the recognizer finds in words ("this morning": 0.8). */
const CLOCK_READING_FIT = 1.1;

/** Where the clock readings of the sentence `[start, end)` begin. */
function clockStarts(text: string, start: number, end: number): Set<number> {
  return new Set([...text.slice(start, end).matchAll(CLOCK_READING)].map((m) => start + m.index));
}

/** Less fit for a distance in brackets right after another: a conversion ("2,000 m (6,600 ft)"). */
const CONVERSION_DOUBT = 0.05;

/**
 * Whether a span that wink-nlp calls a DURATION is a length of time: a unit of time with
 * how many of it ("three hours", "a decade", "several weeks", "45-minute"), in the plural
 * ("for months"), as a whole unit ("all day", "the past year"), or a period between two
 * times ("from 1961 to 1972") or up to one ("until 2010"). wink also calls "since October
 * 25" and the "year" of "every year" durations; they say when something began or how
 * often, not how long, and a passage holding only such a span does not answer "how long
 * did the call last" ("since" does answer "how long has it been": see candidates).
 */
export function isLength(span: string): boolean {
  if (PERIOD.test(span)) return true;
  const unit = TIME_UNIT.exec(span);
  if (!unit) return false;
  const before = span.slice(0, unit.index);
  return QUANTITY.test(before) || PLURAL_UNIT.test(unit[0]) || WHOLE_UNIT.test(before);
}

/** A fraction in words or figures: "three-fourths", "a third", "two thirds", "3/4", "half". */
const FRACTION = /(?:^|[\s-])(?:halfs?|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)$|^\d{1,2}\s*\/\s*\d{1,2}$|^half$/i;

/** "per cent" after a figure the recognizer did not read as a percentage ("22 per cent"). */
const PERCENT_AFTER = /^\s?(?:per\s?cent|percent|%)(?!\p{L})/iu;

/** Whether `span` is a whole unit of time ("the past year"), which wink may call a DATE. */
function isWholeUnit(span: string): boolean {
  const unit = TIME_UNIT.exec(span);
  return unit !== null && WHOLE_UNIT.test(span.slice(0, unit.index));
}

/** How well a DATE that is a whole unit ("the past year") answers "how long": a little below a DURATION. */
const WHOLE_DATE_FIT = 0.9;

const YEAR = /^(?:1[89]|20)\d\d$/;

/**
 * Spans of the sentence `[start, end)` that could answer a question of `type`, leaving out
 * the words the question matched (`matched`, document offsets). Best fit first.
 */
export function candidates(
  wanted: Wanted,
  text: string,
  start: number,
  end: number,
  entities: DocumentEntities,
  matched: ReadonlyArray<readonly [number, number]>,
  speaker: Person | undefined,
  /** The words matched as themselves (not through an alias): "islands" matches Iturup only as a kind of island. */
  matchedWords: ReadonlyArray<readonly [number, number]> = matched,
  /** Whether a noun names a kind of person (the thesaurus's isPersonNoun): a role's head must. */
  isPersonNoun: (word: string) => boolean = () => true,
  /**
   * Whether a figure followed by the noun `noun` (undefined: by none, or a share) may count
   * what the question counts (`counted`: "4,200 workers" does not count passengers); absent,
   * any may.
   */
  counts?: (noun: string | undefined, counted: string) => boolean,
): Candidate[] {
  const { type } = wanted;
  const inSentence = entities.entitiesIn(start, end);
  if (type === 'ROLE') return roleCandidates(entities.tokensIn(start, end), inSentence, matched, isPersonNoun, text);
  if (type === 'LIST') return listCandidates(text, inSentence, matchedWords);
  if (type === 'OBJECT' && wanted.action) {
    const actions = actionCandidates(wanted.focus, entities.tokensIn(start, end), matched);
    if (actions.length > 0) return actions;
  }
  if (type === 'THING' || type === 'OBJECT') {
    // Without a focus word there is no phrase to find, and no need to tag the sentence.
    if (!wanted.focus) return [];
    // "Which direction does the Rhine flow?", "Which way is the plume blowing?": a point of
    // the compass, where the sentence gives one (else the phrase around the noun: "In what
    // way did the tin change?").
    if (type === 'THING' && DIRECTION_NOUNS.has(wanted.focus)) {
      const directions = directionCandidates(text, start, end, matched);
      if (directions.length > 0) return directions;
    }
    const phrases = phraseCandidates(type, wanted.focus, entities.tokensIn(start, end), matched, isPersonNoun);
    if (type !== 'THING' || !wanted.organization) return phrases;
    // "Which regional group said ...?" is answered by an organization's name too ("The
    // Economic Community of West African States said ..."), after a phrase of the noun
    // itself. Measured at fits 0.8 and 1 alike (see DESIGN.md).
    const named = inSentence.filter((e) => e.type === 'ORG' && !matched.some(([s, e2]) => s < e.end && e.start < e2));
    return [...phrases, ...named.map((e) => ({ start: e.start, end: e.end, fit: 1 }))].sort((a, b) => b.fit - a.fit);
  }

  const out: Candidate[] = [];
  // Read once per sentence, when a figure needs them.
  let clocks: Set<number> | undefined;
  let titleCase: boolean | undefined;
  for (const found of inSentence) {
    // "detained since October 25", which the recognizer reads as a length of time, gives the
    // date it began: "October 25" answers "Since when ...?" and "When were they detained?".
    const since = type === 'DATE' && found.type === 'DURATION' ? SINCE_DATE.exec(text.slice(found.start, found.end)) : null;
    const entity: Entity = since ? { type: 'DATE', start: found.start + since[0].length, end: found.end } : found;
    const fit = FITS[type][entity.type] ?? (type === 'DURATION' && entity.type === 'DATE' ? WHOLE_DATE_FIT : countsTime(wanted, entity, text) ? 1 : undefined);
    if (fit === undefined) continue;
    // "What time ...?" asks for a time of day, which a date alone does not give.
    if (wanted.time === 'CLOCK' && !isClockTime(text.slice(entity.start, entity.end))) continue;
    // A person the question names is its subject, never its answer ("Who met Lavrov?" is
    // not answered by "Sergey"); a place or organization may be narrowed ("Where was the
    // security conference?" -> "Munich" of "Munich Security Conference").
    // Its title may be the question's ("Who is UN Secretary-General?" of "UN Secretary-General
    // Antonio Guterres", which the recognizer takes as one name): its last word may not.
    const lastWord = /[\p{L}\p{N}]+[^\p{L}\p{N}]*$/u.exec(text.slice(entity.start, entity.end));
    const surname = lastWord ? entity.start + lastWord.index : entity.start;
    if (entity.type === 'PERSON' && matched.some(([s, e]) => s < entity.end && surname < e)) continue;
    const outside = outsideMatches(text, entity, matched, type === 'PERSON');
    if (!outside) continue;
    // A person by name, without the titles the recognizer left before it ("General Abdel Fattah al-Burhan").
    const span = type === 'PERSON' && entity.type === 'PERSON' && !entity.role ? { ...outside, start: nameStart(text, outside.start, outside.end) } : outside;
    const value = text.slice(span.start, span.end);
    if (type === 'NUMBER' && YEAR.test(value)) continue;
    // "0955 GMT", "4:55 p.m.": a time of day counts nothing.
    if (type === 'NUMBER' && (clocks ??= clockStarts(text, start, end)).has(span.start)) continue;
    // A figure right after a name inside the sentence, and before no common noun, names a
    // thing and counts nothing: "Airbus 330", "Flight 447", "Super Bowl 50 Host Committee"
    // (not "struck Venice 22 times").
    if (type === 'NUMBER' && designation(text, start, span.start, inSentence) && entities.tokensIn(span.end, end)[0]?.pos !== 'NOUN') continue;
    // "How many passengers...?" is not answered by "4,200 workers", nor "how many jobs" by
    // "6,000 Pell drivers": a figure counting some other thing. A sum of money counts only
    // money, and a share counts no money.
    // "What was Pell's profit?" is not answered by a figure in an article that never
    // mentions profit (the price paid for Pell).
    if (type === 'NUMBER' && wanted.measured && counts && !counts(undefined, wanted.measured)) continue;
    // "The toll rose from 12 to 40": the figure it rose from is no longer the toll.
    if (type === 'NUMBER' && changedFrom(text, span.start, span.end, end)) continue;
    // "5½", "30 to 50 thousand", "between 1.4 and 5.8": the figure is all of it.
    let to = type === 'NUMBER' ? figureEnd(text, span.start, span.end, end, inSentence) : span.end;
    // "How deep / far / tall / wide" is not answered by a figure of something else: "7.0" of
    // "a 7.0-magnitude quake", "hundreds" of "killing hundreds" (a bare figure may be a
    // distance whose unit was said before).
    if (type === 'NUMBER' && wanted.focus === 'distance' && counts) {
      const after = countedAfter(entities.tokensIn(to, end));
      if (after ? !counts(after.lemma, UNIT) : peopleObject(text, start, span.start, entities.tokensIn(start, span.start))) continue;
    }
    if (type === 'NUMBER' && wanted.counted && counts) {
      if (entity.type === 'PERCENT' && wanted.counted === MONEY) continue;
      // A share is a percentage or a fraction ("three-fourths", "a third"), not a count.
      if (wanted.counted === SHARE && entity.type !== 'PERCENT' && !FRACTION.test(value) && !PERCENT_AFTER.test(text.slice(to, to + 12))) continue;
      const currency = entity.type === 'MONEY' || CURRENCY_BEFORE.test(text.slice(Math.max(start, span.start - 2), span.start));
      const after = currency || entity.type === 'PERCENT' ? undefined : countedAfter(entities.tokensIn(to, end), (titleCase ??= isTitleCase(text.slice(start, end))));
      // "a 5.6 magnitude earthquake" measures a magnitude and counts no earthquakes.
      const counter = after?.modifiers[0] !== undefined && counts(after.modifiers[0].lemma, MEASURE) ? after.modifiers[0] : after;
      const noun = currency ? MONEY : counter?.lemma;
      // "killing hundreds", "injuring at least 30": a bare figure after a verb done to people counts them, their deaths or their injuries.
      const victims = noun === undefined && !currency && peopleObject(text, start, span.start, entities.tokensIn(start, span.start));
      const named = victims
        ? VICTIM_NOUNS.some((victim) => counts(victim, wanted.counted!))
        : counts(noun, wanted.counted) || (after !== undefined && ISSUES.has(after.lemma) && after.modifiers.some((modifier) => counts(modifier.lemma, wanted.counted!)));
      if (!named && !countedBefore(text.slice(Math.max(start, span.start - 40), span.start), wanted)) continue;
      // "16.4 billion U.S. dollars", "38,450 points": the unit named after a sum or a value is part of it.
      if ((wanted.counted === MONEY || wanted.counted === AMOUNT) && after && counts(after.lemma, UNIT)) to = after.end;
    }
    let from = span.start;
    if (type === 'DURATION') {
      // wink tags "the past year" as the DATE "past year".
      from -= ((entity.type === 'DATE' ? /\bthe\s+$/i : APPROXIMATORS).exec(text.slice(Math.max(start, from - 30), from))?.[0] ?? '').length;
      const length = text.slice(from, span.end);
      // Of the spans wink calls dates only a whole unit is a length.
      if (entity.type === 'DATE' ? !isWholeUnit(length) : !isLength(length) && !(wanted.focus === 'ongoing' && /^since\b/i.test(length))) continue;
      // A unit of time written with a capital inside a sentence of the article is part of a
      // name: "Seven Days to the River Rhine" (a war plan), "The Hundred Years' War". Not in
      // the headline (the sentence at the document's start), which may be in title case
      // ("Talks Last Three Hours"), nor opening a sentence ("Hours later, ...").
      const unit = TIME_UNIT.exec(length);
      if (unit && /^\p{Lu}/u.test(unit[0]) && start > 0 && /\p{L}/u.test(text.slice(start, from + unit.index))) continue;
    }
    // "2–3 years": the figure may close a range whose first end the recognizer left out.
    if (type === 'NUMBER') from = figureStart(text, from, start, inSentence);
    // "between 1.4 and 5.8": the word that opens a range joined by "and" is part of it.
    if (type === 'NUMBER' && /^\S*\s+and\s+/.test(text.slice(span.end, to))) from -= (/(?<!\p{L})between\s+$/iu.exec(text.slice(Math.max(start, from - 10), from))?.[0] ?? '').length;
    // "roughly 9,800", "up to 40 percent": how the figure is given is part of it.
    if (type === 'NUMBER') from -= (NUMBER_APPROXIMATORS.exec(text.slice(Math.max(start, from - 20), from))?.[0] ?? '').length;
    if (entity.type === 'PLACE') from -= (/(?:northern|southern|eastern|western|central|north|south|east|west)\s+$/i.exec(text.slice(Math.max(start, from - 12), from))?.[0] ?? '').length;
    // A place given with "in" or "at" is where something happens; "to" where someone went.
    const preposition = wanted.focus === 'destination' ? /\b(?:to|for|into)\s+(?:the\s+)?$/i : /\b(?:in|at)\s+(?:the\s+)?$/i;
    const located = type === 'PLACE' && preposition.test(text.slice(Math.max(start, from - 10), from));
    // "the Japanese Foreign Minister Toshimitsu Motegi": a person right after the role asked about.
    const titled = (type === 'PERSON' && entity.type === 'PERSON') || type === 'NAME' ? matchedWordsBefore(text, outside.start, matched) : 0;
    // A name is the one written next to what the question names.
    if (type === 'NAME' && titled === 0) continue;
    // A name answers "who" better than a role does.
    const named = entity.role ? -0.1 : 0;
    out.push({ start: from, end: to, fit: fit + (located ? 0.3 : 0) + 0.2 * titled + named });
  }
  // "How long is the Rhine?": a distance answers, where the sentence says it gives an extent
  // ("86 km long"). "How tall is the tower?": a distance answers, better than a bare figure.
  const distanceAsked = type === 'NUMBER' && (wanted.focus === 'distance' || wanted.focus === 'height');
  const sentence = (type === 'DURATION' && wanted.focus === 'extent') || distanceAsked ? text.slice(start, end) : '';
  if (distanceAsked || EXTENT_WORDS.test(sentence)) {
    for (const m of sentence.matchAll(DISTANCE)) {
      const to = start + m.index + m[0].length;
      const core = to - (m[1]?.length ?? 0);
      const overlaps = (from: number) => matched.some(([s, e]) => s < to && from < e);
      // A figure the question gives is not its answer; a word before it ("nearly") may match one of the question's ("near").
      if (overlaps(core)) continue;
      const from = overlaps(start + m.index) ? core : start + m.index;
      // "2,000 m (6,600 ft)": the figure in brackets only converts the one before it.
      const converted = text[from - 1] === '(' ? CONVERSION_DOUBT : 0;
      out.push({ start: from, end: to, fit: (distanceAsked ? ASKED_DISTANCE_FIT : DISTANCE_FIT) - converted });
    }
  }
  // "What time did the quake hit?": a clock reading the recognizer may leave out ("at 8:14
  // local time"), with its time zone, answers better than a part of the day ("this morning").
  if (wanted.time === 'CLOCK') {
    for (const m of text.slice(start, end).matchAll(CLOCK_READING)) {
      const from = start + m.index;
      const to = from + m[0].length;
      if (matched.some(([s, e]) => s < to && from < e)) continue;
      out.push({ start: from, end: to, fit: CLOCK_READING_FIT });
    }
  }
  // "Thomas Edison and Nikola Tesla": people named together answer together.
  if (type === 'PERSON') joinPeople(text, out, inSentence);
  // A quotation's speaker answers "who said", when the sentence names them.
  if (type === 'PERSON' && speaker && !out.some((c) => c.fit >= 1)) {
    const at = text.indexOf(speaker.name, start);
    if (at >= 0 && at + speaker.name.length <= end) out.push({ start: at, end: at + speaker.name.length, fit: 0.8 });
  }
  return out.sort((a, b) => b.fit - a.fit);
}

/** What joins two people named together: "and", a comma, or both. */
const PEOPLE_JOIN = /^\s*(?:,\s*(?:and\s+)?|and\s+)$/u;

/**
 * Extends each person candidate (fit 1) through the people named right after it, joined by
 * "and" or a comma ("Robert Lane and Benjamin Vail"), the joined ones no longer apart.
 */
function joinPeople(text: string, out: Candidate[], inSentence: readonly Entity[]): void {
  const people = out.filter((c) => c.fit >= 1 && inSentence.some((e) => e.type === 'PERSON' && e.start <= c.start && c.end <= e.end)).sort((a, b) => a.start - b.start);
  const joined = new Set<Candidate>();
  for (let i = 0; i < people.length; i++) {
    const first = people[i]!;
    if (joined.has(first)) continue;
    let end = first.end;
    for (let k = i + 1; k < people.length && PEOPLE_JOIN.test(text.slice(end, people[k]!.start)); k++) {
      end = people[k]!.end;
      joined.add(people[k]!);
    }
    if (end !== first.end) out[out.indexOf(first)] = { ...first, end };
  }
  for (const c of joined) out.splice(out.indexOf(c), 1);
}

/** "How many days ...?" answered by a length of time in days ("for ten days"). */
function countsTime(wanted: Wanted, entity: Entity, text: string): boolean {
  if (wanted.type !== 'NUMBER' || entity.type !== 'DURATION' || !wanted.counted) return false;
  const unit = TIME_UNIT.exec(text.slice(entity.start, entity.end))?.[0].toLowerCase();
  return unit !== undefined && [unit, unit.replace(/s$/, ''), unit.replace(/ies$/, 'y')].includes(wanted.counted);
}

/** A currency sign right before a figure that wink reads as a bare number ("£20,427"). */
const CURRENCY_BEFORE = /\p{Sc}\s?$/u;

/** A fraction written as one character ("5½"), which the recognizer leaves out of the figure. */
const VULGAR_FRACTION = /^[\u00BC-\u00BE\u2150-\u215E]/u;
/** A multiplier written after a figure's fraction ("5½ million"). */
const MULTIPLIER_AFTER = /^\s+(?:hundred|thousand|million|billion|trillion)(?!\p{L})/iu;
/**
 * What joins the two ends of a range of figures: "30 to 50", "3–4 million"; a dash with
 * spaces is a clause's ("on March 5 - 40 homes were destroyed").
 */
const RANGE_JOIN = /^(?:\s+to\s+|[-–—])/iu;
/** "between 1.4 and 5.8". */
const RANGE_AND = /^\s+and\s+/iu;
/** A change: "rose from 12 to 40" is no range. */
const FROM_BEFORE = /(?<!\p{L})from\s+$/iu;
/** Verbs of a result, which a pair of figures after them may be ("lost 1-2", "voted 4 to 9"). */
const RESULT_BEFORE = /(?<!\p{L})(?:won|win|wins|winning|lost|lose|loses|losing|beat|beats|beaten|beating|defeated|defeat|drew|draw|drawn|trailed|trail|led|lead|leads|edged|scored|score|scores|voted|vote|votes)\s+(?:[\p{L}\p{N}'’-]+\s+){0,3}$/iu;
/** What follows a score or a vote rather than a thing counted: "1-2 at home", "4 to 9 against", "2-1." */
const RESULT_AFTER = /^\s*(?:[.,;:!?)]|$|(?:at|in|on|against|for|to|with|after|before|and|over|under|in\s+favou?r)(?!\p{L}))/iu;

/** Whether the figure `[from, to)` is what something changed from: "from 12 to 40". */
function changedFrom(text: string, from: number, to: number, end: number): boolean {
  return FROM_BEFORE.test(text.slice(Math.max(0, from - 10), from)) && CHANGED_TO.test(text.slice(to, Math.min(end, to + 20)));
}
/** The rest of a change after the figure it started from ("% to 40", " percent to 3"). */
const CHANGED_TO = /^\S*(?:\s+(?:percent|per\s+cent|points?))?\s+to\s+\p{Sc}?\d/u;

/** Whether the pair of figures at `[from, end)` is a change, a score or a vote, not a range. */
function notARange(text: string, from: number, end: number): boolean {
  const before = text.slice(Math.max(0, from - 40), from);
  return FROM_BEFORE.test(before) || (RESULT_BEFORE.test(before) && RESULT_AFTER.test(text.slice(end, end + 20)));
}

/**
 * Where the figure `[from, to)` ends, with the fraction written right after it ("5½",
 * "5½ million") and the other end of a rising range it opens ("30 to 50 thousand",
 * "3–4 million", "between 1.4 and 5.8", "and" only after "between"): a figure alone would
 * misstate it. Not a change, a score or a vote (see notARange), nor a falling pair
 * ("outgained 315 to 194").
 */
export function figureEnd(text: string, from: number, to: number, end: number, entities: readonly Entity[]): number {
  const fraction = (at: number) => {
    if (!VULGAR_FRACTION.test(text.slice(at, at + 1))) return at;
    return at + 1 + (MULTIPLIER_AFTER.exec(text.slice(at + 1, Math.min(end, at + 14)))?.[0].length ?? 0);
  };
  to = fraction(to);
  const rest = text.slice(to, Math.min(end, to + 12));
  const join = RANGE_JOIN.exec(rest) ?? (/\bbetween\s+$/i.test(text.slice(Math.max(0, from - 10), from)) ? RANGE_AND.exec(rest) : null);
  if (!join) return to;
  const other = entities.find((e) => e.start === to + join[0].length && FIGURES.has(e.type));
  if (!other || notARange(text, from, other.end)) return to;
  return valueAt(text, other.start) > valueAt(text, from) ? fraction(other.end) : to;
}

/** A figure and a dash right before another, no space between ("2–" of "2–3 years"). */
const RANGE_OPENING = /(?<![\p{L}\p{N}.,])\d[\d,]*(?:\.\d+)?[-–—]$/u;

/**
 * Where the figure at `from` starts, with the lower end of the range it closes ("2–3"), not
 * before `start`; not a date's day ("March 5-6"), a score or a vote (see notARange).
 */
export function figureStart(text: string, from: number, start: number, entities: readonly Entity[]): number {
  const opening = RANGE_OPENING.exec(text.slice(Math.max(start, from - 20), from));
  if (!opening) return from;
  const at = from - opening[0].length;
  const closing = from + (/^[\d,.]*\d/.exec(text.slice(from, from + 20))?.[0].length ?? 0);
  // A day of a date ("March 5-6") is in the date or right after it.
  const dated = entities.some((e) => e.type === 'DATE' && e.start <= at && (at < e.end || /^\s*$/.test(text.slice(e.end, at))));
  if (dated || notARange(text, at, closing)) return from;
  return valueAt(text, at) < valueAt(text, from) ? at : from;
}

/** Words that may open a figure's entity ("About 2,000"), skipped to read its value. */
const LEADING_WORDS = /^(?:(?:about|around|roughly|nearly|almost|approximately|some|over|under|up\s+to|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|an\s+estimated)\s+)*/iu;
const MULTIPLIERS: Readonly<Record<string, number>> = { hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, m: 1e6 };

/**
 * The value of the figure written at `at`, in digits ("1,400", "US$44", "5.8", "$1.2
 * million") or words ("fifteen"), past the words that say how exact it is ("About 2,000");
 * NaN when there is none.
 */
function valueAt(text: string, at: number): number {
  let written = text.slice(at, at + 60);
  written = written.slice(LEADING_WORDS.exec(written)?.[0].length ?? 0);
  const digits = /^(?:\p{Lu}{0,3}\p{Sc}\s?)?([\d,]*\.?\d+)(?:\s?(hundred|thousand|million|billion|trillion|bn|m)(?!\p{L}))?/iu.exec(written);
  if (digits) return Number(digits[1]!.replaceAll(',', '')) * (MULTIPLIERS[digits[2]?.toLowerCase() ?? ''] ?? 1);
  const words = readNumberWords(written.toLowerCase().split(/[\s-]+/));
  return words ? Number(words.term) : NaN;
}

/** Entity types that may be the other end of a range. */
const FIGURES: ReadonlySet<EntityType> = new Set(['CARDINAL', 'MONEY', 'PERCENT']);

/** Words of a figure that wink may leave out of it ("4.2 million", "a dozen"). */
const FIGURE_WORDS = /^(?:hundred|thousand|million|billion|trillion|dozen|-)$/i;

/**
 * Whether the figure at `at` follows a capitalized word other than the sentence's first
 * (which starts at `start`), with nothing but a space between: a designation ("Airbus
 * 330", "Flight 447", "Super Bowl 50") unless a noun it counts follows. Not in a headline
 * (the sentence at the document's start, perhaps in title case: "Quake Kills 300"), nor
 * after a time or the name of a place or person ("On Tuesday 45 were arrested", "In Paris
 * 300 died"). "About 300" opening a sentence, and "Beyoncé's 4 albums", count.
 */
export function designation(text: string, start: number, at: number, entities: readonly Entity[]): boolean {
  if (start === 0) return false;
  const before = text.slice(Math.max(start, at - 40), at);
  const word = /(?<![\p{L}\p{M}\p{N}'’.-])(\p{Lu}[\p{L}\p{M}]*)[ \u00a0]+$/u.exec(before);
  if (!word || CALENDAR_WORDS.has(word[1]!.toLowerCase())) return false;
  const wordStart = at - before.length + word.index;
  if (entities.some((e) => NOT_DESIGNATING.has(e.type) && e.start <= wordStart && wordStart < e.end)) return false;
  return /[\p{L}\p{N}]/u.test(text.slice(start, wordStart));
}

/** Entities whose name before a figure does not make it a designation. */
const NOT_DESIGNATING: ReadonlySet<string> = new Set(['DATE', 'TIME', 'PLACE', 'PERSON']);
/** Months and weekdays, whole or abbreviated ("Sept", "Tues"), which the recognizer may leave out of a date ("By Friday 1,200 had left"). */
const CALENDAR_WORDS: ReadonlySet<string> = new Set([...MONTHS, ...MONTH_ABBREVIATIONS.keys(), ...WEEKDAYS, ...WEEKDAYS.map((name) => name.slice(0, 3)), 'tues', 'thurs']);

/**
 * The noun a figure counts (its token): the head of the nouns right after it, past adjectives and
 * names ("4,200 workers", "610 weekday trains", "6,000 Pell drivers"), or after "of" and a
 * determiner for a part of a whole ("85 of its 610 weekday services"); none when no noun
 * follows ("85 on Monday"). `modifiers` are the nouns before the head ("soundtrack" of
 * "six soundtrack releases"), which name what is counted when the head is only a form it
 * comes in (see ISSUES; "200 train drivers" counts no trains).
 */
function countedAfter(written: readonly NlpToken[], titleCase = false): (NlpToken & { readonly modifiers: readonly NlpToken[] }) | undefined {
  // In a headline in title case the tagger reads nouns as names: "7.0 Magnitude Quake".
  const tokens = titleCase ? written.map((t) => (t.pos === 'PROPN' ? { ...t, pos: 'NOUN', lemma: t.lemma.toLowerCase() } : t)) : written;
  // "a five-year course" counts years.
  if (tokens[0]?.text === '-' && tokens[1]?.pos === 'NOUN') return { ...tokens[1], modifiers: [] };
  const nouns: NlpToken[] = [];
  for (const [i, token] of tokens.entries()) {
    if (token.pos === 'NOUN') nouns.push(token);
    else if (nouns.length > 0) break;
    // "85 of its 610 weekday services", "nine of the 24 economists": a part of a whole.
    else if (i === 0 && /^of$/i.test(token.text)) continue;
    else if (i > 0 && /^of$/i.test(tokens[0]!.text) && ['DET', 'PRON'].includes(token.pos)) continue;
    else if (!['ADJ', 'PROPN', 'NUM'].includes(token.pos) && !FIGURE_WORDS.test(token.text)) break;
  }
  const head = nouns.at(-1);
  return head && { ...head, modifiers: nouns.slice(0, -1) };
}

/**
 * Verbs whose object is people: a bare figure after one ("killing hundreds", "evacuated
 * about 2,000") counts people, not whatever else its article mentions.
 */
const PEOPLE_OBJECT_VERBS: ReadonlySet<string> = new Set([
  'kill', 'injure', 'wound', 'hurt', 'maim', 'murder', 'massacre', 'execute', 'drown', 'displace', 'evacuate', 'rescue',
  'strand', 'trap', 'kidnap', 'abduct', 'arrest', 'detain', 'employ', 'hire', 'infect', 'sicken', 'hospitalize', 'hospitalise',
]);

/** What a bare figure after one of those verbs may count: the people, or their deaths or injuries ("killing hundreds" counts deaths). */
const VICTIM_NOUNS: readonly string[] = ['person', 'death', 'injury'];

/**
 * Whether the word before a bare figure at `at` (past an approximator: "killing at least")
 * is a verb whose object is people. `tokens` are the sentence's up to the figure.
 */
function peopleObject(text: string, from: number, at: number, tokens: readonly NlpToken[]): boolean {
  const edge = at - (NUMBER_APPROXIMATORS.exec(text.slice(from, at))?.[0].length ?? 0);
  const verb = tokens.filter((t) => t.end <= edge).at(-1);
  return verb !== undefined && verb.pos === 'VERB' && PEOPLE_OBJECT_VERBS.has(verb.lemma) && text.slice(verb.end, edge).trim() === '';
}

/** Nouns of the forms a thing is counted in, whose modifier names the thing: "six soundtrack releases", "three album editions". */
const ISSUES: ReadonlySet<string> = new Set(['release', 'edition', 'version', 'issue', 'volume', 'copy', 'title', 'episode', 'installment', 'instalment', 'unit', 'item', 'piece', 'batch']);

/**
 * Whether the words right before a figure name what the question counts, joined by "of":
 * "the bodies of two males" counts bodies as well as males.
 */
function countedBefore(before: string, wanted: Wanted): boolean {
  const word = /(\p{L}+)\s+of\s+(?:the\s+|some\s+|about\s+|at\s+least\s+)?$/iu.exec(before)?.[1]?.toLowerCase();
  return word !== undefined && (word === wanted.counted || word === wanted.countedAs);
}

const NOMINAL = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN']);
/** Prepositions that keep a noun phrase going ("the anniversary of the victory over Germany"). */
const NP_LINKS = new Set(['of', 'over', 'against', 'between', 'for']);
/** Dashes that join the parts of a compound modifier ("U.S.-Sudan", "U.S. – Armenia"). */
const DASHES: ReadonlySet<string> = new Set(['-', '\u2010', '\u2011', '\u2013', '\u2014']);
/** Small words inside a name ("Peace and Security Council", "Coalition to Defeat ISIS", "Committee on Foreign Relations"). */
const NAME_JOINS = new Set(['and', '&', 'of', 'for', 'to', 'on']);
/** A word of a name: written with a capital, and no function word ("The" opening a sentence). */
function isNameWord(token: NlpToken | undefined): boolean {
  return token !== undefined && /^\p{Lu}/u.test(token.text) && !NOT_NAME_WORDS.has(token.pos);
}
/** Parts of speech of words that may be capitalized without being a name's: "The", "In", "He", "And". */
const NOT_NAME_WORDS: ReadonlySet<string> = new Set(['PUNCT', 'DET', 'ADP', 'PRON', 'CCONJ', 'SCONJ', 'AUX', 'PART']);

/** Nouns asking for a direction ("which direction"; "which way" with a verb of going reads as it: question.ts's focusOf). */
const DIRECTION_NOUNS: ReadonlySet<string> = new Set(['direction']);
/** What joins the parts of a direction: a hyphen (any), an en dash or a space ("north-east", "north–east", "north east"). */
const JOIN = String.raw`[-\u2010\u2011\u2013 ]`;
const POINT = String.raw`(?:north|south|east|west)`;
/**
 * A direction of the compass as a way of going ("northwest", "north-east", "westward",
 * "eastwards", "northbound", "north-northeast", "east-west") or of a stream's, a slope's or
 * a turn's ("upstream", "inland", "counter-clockwise"); not a part of a region ("northern",
 * "western Europe"). Longer forms first: "counter clockwise" is not "clockwise".
 */
const DIRECTION = new RegExp(
  String.raw`(?<![\p{L}\u2010\u2011\u2013-])(?:` +
    [
      String.raw`(?:north|south)${JOIN}?(?:north|south)${JOIN}?(?:east|west)`,
      String.raw`(?:east|west)${JOIN}?(?:north|south)${JOIN}?(?:east|west)`,
      String.raw`${POINT}[\u2010\u2011\u2013-]${POINT}`,
      String.raw`(?:north|south)${JOIN}?(?:east|west)(?:wards?|erly|bound)?`,
      String.raw`${POINT}(?:wards?|erly|bound)?`,
      String.raw`(?:counter|anti)${JOIN}?clockwise`,
      String.raw`clockwise|up-?stream|down-?stream|inland|offshore|seawards?|landwards?|uphill|downhill`,
    ].join('|') +
    String.raw`)(?![\p{L}\u2010\u2011\u2013-])`,
  'giu',
);

/** Whether a sentence is written in title case, as headlines are: three words of four letters or more, every one capitalized. */
function isTitleCase(sentence: string): boolean {
  const longWords = sentence.match(/\p{L}[\p{L}'’-]{3,}/gu) ?? [];
  return longWords.length >= 3 && longWords.every((w) => /^\p{Lu}/u.test(w));
}

/** The capitalized word right after a direction, across spaces only. */
const WORD_AFTER = /^ +(\p{Lu}\p{L}*)/u;

/**
 * The directions the sentence `[start, end)` gives, outside the question's words; not one
 * beginning a name ("North Sea", "West Virginia": a capitalized direction before a
 * capitalized word of the sentence, not a day or a month), unless the sentence is in title
 * case ("Lava Flows North Toward Quarry Road"), where every word has a capital.
 */
function directionCandidates(text: string, start: number, end: number, matched: ReadonlyArray<readonly [number, number]>): Candidate[] {
  const out: Candidate[] = [];
  const sentence = text.slice(start, end);
  const titleCase = isTitleCase(sentence);
  for (const m of sentence.matchAll(DIRECTION)) {
    const from = start + m.index;
    const to = from + m[0].length;
    if (matched.some(([s, e]) => s < to && from < e)) continue;
    const name = WORD_AFTER.exec(text.slice(to, end))?.[1];
    // A day or a month after it makes no name of it: "turned North Tuesday".
    if (!titleCase && /^\p{Lu}/u.test(m[0]) && name !== undefined && !CALENDAR_WORDS.has(name.toLowerCase())) continue;
    out.push({ start: from, end: to, fit: 1 });
  }
  return out;
}

const POSSESSIVES = new Set(['my', 'his', 'her', 'its', 'our', 'their', 'your']);

function isNominal(token: NlpToken | undefined): boolean {
  return (
    token !== undefined &&
    (NOMINAL.has(token.pos) || /^\d+(?:st|nd|rd|th)$/.test(token.text) || POSSESSIVES.has(token.text.toLowerCase()))
  );
}

/** Names of weekdays and months: a date, not a name a noun stands before. */
const CALENDAR_NAMES: ReadonlySet<string> = new Set([...WEEKDAYS, ...MONTHS]);

/**
 * Whether the words after the focus noun at `i`, up to `to`, are the name it stands before:
 * "Vedant Patel" of "Principal Deputy Spokesperson Vedant Patel", "Skaro" of "the planet
 * Skaro". Not when the noun is itself part of the name ("Lake Baikal", "Fort Caroline"):
 * capitalized, it is only a title, a kind of person. Not a day or month that dates the noun
 * ("the bill Tuesday"), nor, after a noun for no kind of person, the subject of a clause
 * about it ("the document Reuters reviewed"; "linebacker Von Miller was named" is the
 * linebacker's name).
 */
function nameAfter(tokens: readonly NlpToken[], i: number, to: number, isPersonNoun: (word: string) => boolean): boolean {
  const after = tokens.slice(i + 1, to + 1);
  if (after.length === 0 || !after.every((t) => t.pos === 'PROPN' && /^\p{Lu}/u.test(t.text) && !CALENDAR_NAMES.has(t.text.toLowerCase()))) return false;
  const noun = tokens[i]!.text;
  if (isPersonNoun(noun)) return true;
  const next = tokens[to + 1]?.pos;
  return /^\p{Ll}/u.test(noun) && next !== 'VERB' && next !== 'AUX';
}

/** Whether a token lies inside one of the question's matched words. */
function tokenMatched(token: NlpToken, matched: ReadonlyArray<readonly [number, number]>): boolean {
  return matched.some(([s, e]) => s <= token.start && token.end <= e);
}

/** Most words of an action given by an infinitive ("to release all political detainees ..."). */
const MAX_ACTION_WORDS = 20;
/** What ends an action's words: a clause's punctuation. */
const ACTION_END = /^[,;:.!?()\u2013\u2014]$/u;

/**
 * OBJECT asked "what did X ask Y to do": the infinitive after a verb of the sentence
 * ("urged General Burhan to immediately release all political figures" -> "immediately
 * release all political figures"), up to the clause's punctuation. Best after the
 * question's own verb (`focus`); after another verb, less: "urged" for "asked".
 */
function actionCandidates(focus: string | undefined, tokens: readonly NlpToken[], matched: ReadonlyArray<readonly [number, number]>): Candidate[] {
  const out: Candidate[] = [];
  const isMatched = (t: NlpToken) => tokenMatched(t, matched);
  for (let i = 1; i + 1 < tokens.length; i++) {
    if (tokens[i]!.text.toLowerCase() !== 'to') continue;
    // "to immediately release": an adverb may split the infinitive.
    let verb = i + 1;
    while (tokens[verb]?.pos === 'ADV') verb++;
    if (tokens[verb]?.pos !== 'VERB') continue;
    // The verb that asks for it, a few words before ("urged the guard to", "asked him to").
    let asking: NlpToken | undefined;
    for (let k = i - 1; k >= Math.max(0, i - 8) && !asking; k--) if (tokens[k]!.pos === 'VERB') asking = tokens[k];
    if (!asking) continue;
    let to = i + 1;
    while (to + 1 < tokens.length && to - i < MAX_ACTION_WORDS && !ACTION_END.test(tokens[to + 1]!.text)) to++;
    const words = tokens.slice(i + 1, to + 1);
    if (!words.some((t) => !isMatched(t) && t.pos !== 'ADV')) continue;
    out.push({ start: tokens[i + 1]!.start, end: tokens[to]!.end, fit: asking.lemma === focus ? 1 : 0.8 });
  }
  return out;
}

/**
 * THING: the noun phrase around the focus noun ("which anniversary" -> "the 75th
 * anniversary of the Soviet victory over Nazi Germany"). OBJECT: the noun phrase right
 * after the focus verb ("what did Putin send" -> "a New Year message").
 */
function phraseCandidates(
  type: 'THING' | 'OBJECT',
  focus: string,
  tokens: readonly NlpToken[],
  matched: ReadonlyArray<readonly [number, number]>,
  isPersonNoun: (word: string) => boolean,
): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || token.lemma !== focus) continue;
    let from: number;
    let to: number;
    if (type === 'THING') {
      if (token.pos !== 'NOUN' && token.pos !== 'PROPN') continue;
      from = i;
      while (from > 0 && isNominal(tokens[from - 1])) from--;
      // "the U.S.-Azerbaijani bilateral partnership", "the U.S. – Armenia partnership": a dash joins a compound modifier.
      while (DASHES.has(tokens[from - 1]?.text ?? '') && isNominal(tokens[from - 2])) {
        from -= 2;
        while (from > 0 && isNominal(tokens[from - 1])) from--;
      }
      to = i;
    } else {
      if (token.pos !== 'VERB') continue;
      from = i + 1;
      to = i;
    }
    while (isNominal(tokens[to + 1])) to++;
    // Follow "of ..." and its like, one noun phrase at a time.
    while (NP_LINKS.has((tokens[to + 1]?.text ?? '').toLowerCase()) && isNominal(tokens[to + 2])) {
      to += 2;
      while (isNominal(tokens[to + 1])) to++;
    }
    // What follows the question's own words: "called the gas spiritus ignis" answers "What
    // did Hale call the gas?" with "spiritus ignis".
    const isMatched = (t: NlpToken) => tokenMatched(t, matched);
    if (type === 'OBJECT') {
      let lastMatched: number | undefined;
      for (let k = from; k < to && (tokens[k]!.pos === 'DET' || POSSESSIVES.has(tokens[k]!.text.toLowerCase()) || isMatched(tokens[k]!)); k++) if (isMatched(tokens[k]!)) lastMatched = k;
      if (lastMatched !== undefined) from = lastMatched + 1;
    }
    if (type === 'THING' && nameAfter(tokens, i, to, isPersonNoun)) from = i + 1;
    const phrase = tokens.slice(from, to + 1);
    const first = phrase[0];
    const last = phrase.at(-1);
    if (!first || !last || !phrase.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')) continue;
    const news = phrase.filter((t) => t.pos !== 'DET' && !isMatched(t));
    if (news.length === 0) continue;
    // The focus noun inside a name goes on through the name's small words: "the AU Peace and
    // Security Council", "the Global Coalition to Defeat ISIS", "the Committee to Protect
    // Journalists" (a phrase that says nothing new without them is still none).
    let [named, through] = [from, to];
    if (type === 'THING' && isNameWord(token)) {
      while (NAME_JOINS.has((tokens[named - 1]?.text ?? '').toLowerCase()) && isNameWord(tokens[named - 2])) {
        named -= 2;
        while (isNameWord(tokens[named - 1])) named--;
      }
      while (NAME_JOINS.has((tokens[through + 1]?.text ?? '').toLowerCase()) && isNameWord(tokens[through + 2])) {
        through += 2;
        while (isNameWord(tokens[through + 1])) through++;
      }
    }
    // "this local-global principle": a demonstrative points back, and says nothing.
    if (type === 'THING' && DEMONSTRATIVES.test(tokens[named]!.text) && named < through) named++;
    out.push({ start: tokens[named]!.start, end: tokens[through]!.end, fit: 1 });
  }
  return out;
}

/** Determiners that point back: "this", "these", "that", "those". */
const DEMONSTRATIVES = /^(?:this|these|that|those)$/i;

/** How many matched words stand right before `at`, separated by spaces only. */
function matchedWordsBefore(text: string, at: number, matched: ReadonlyArray<readonly [number, number]>): number {
  let count = 0;
  let position = at;
  for (;;) {
    const gap = /\s*$/.exec(text.slice(Math.max(0, position - 5), position))?.[0].length ?? 0;
    const word = matched.find(([, e]) => e === position - gap);
    if (!word || gap === 0) return count;
    count++;
    position = word[0];
  }
}

/** The entity's span without the question's own words at either end; none if nothing is left. */
function outsideMatches(text: string, entity: Entity, matched: ReadonlyArray<readonly [number, number]>, afterTitle = false): { start: number; end: number } | undefined {
  let { start, end } = entity;
  // A word is matched when each of its parts is ("Secretary-General" of "UN Secretary-General").
  const covered = (from: number, to: number) => {
    const parts = [...text.slice(from, to).matchAll(/[\p{L}\p{N}]+/gu)];
    return parts.length > 0 && parts.every((part) => matched.some(([s, e]) => s <= from + part.index && from + part.index + part[0].length <= e));
  };
  // Trim matched words (and the spaces between) from the left and from the right.
  let trimmedLeft = false;
  for (;;) {
    const word = /^\s*\S+/.exec(text.slice(start, end));
    if (!word) return undefined;
    const wordStart = start + word[0].search(/\S/);
    const wordEnd = start + word[0].length;
    if (!covered(wordStart, wordEnd)) break;
    start = wordEnd;
    trimmedLeft = true;
  }
  // The words that joined the question's words to the rest go with them: "the start of
  // the 2013" less "start" is "2013", not "of the 2013". In lower case only: "The" of
  // "The Hague" begins a name. On the public set two short
  // answers changed, both for the better (EM 35.29 -> 35.30); no other figure moved.
  if (trimmedLeft) {
    const link = /^\s*(?:(?:of|the|an?|in|on|at|for|to|from|by)\s+)+/u.exec(text.slice(start, end));
    if (link) start += link[0].length;
  }
  let trimmedRight = false;
  for (;;) {
    const word = /\S+\s*$/.exec(text.slice(start, end));
    if (!word) return undefined;
    const wordStart = start + word.index;
    const wordEnd = start + word.index + word[0].trimEnd().length;
    if (!covered(wordStart, wordEnd)) break;
    end = wordStart;
    trimmedRight = true;
  }
  // "University of Dundee" less "Dundee" is the question's own place, not "University of".
  if (trimmedRight && /(?:^|\s)(?:of|the|an?|for|and|to)\s*$/iu.test(text.slice(start, end))) return undefined;
  // With `afterTitle`, a person's name after a title the question gives, inside the name
  // the tagger read: "TRSU General Secretary Karen Doyle" for "Who is the general
  // secretary of the union?" is "Karen Doyle".
  if (afterTitle && entity.type === 'PERSON') {
    let cut: number | undefined;
    for (const word of text.slice(start, end).matchAll(/\S+/g)) {
      const from = start + word.index;
      if (covered(from, from + word[0].length)) cut = from + word[0].length;
    }
    if (cut !== undefined && /^\s*\p{Lu}/u.test(text.slice(cut, end))) start = cut;
  }
  const trimmed = text.slice(start, end).replace(/[\s,.;:]+$/, '');
  const lead = text.slice(start, end).length - text.slice(start, end).trimStart().length;
  return /\p{L}|\d/u.test(trimmed) ? { start: start + lead, end: start + trimmed.length } : undefined;
}

/** Words in a role before a name ("Japan's new finance minister"): nouns, adjectives, possessive "'s". */
const ROLE_POS = new Set(['NOUN', 'PROPN', 'ADJ']);
/** What may open an appositive description ("a journalist", "its chief", "Russia's foreign minister"). */
const DESCRIPTION_POS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM']);
/** What may come inside one ("editor of Electrical World magazine", "a friend and publicist"). */
const DESCRIPTION_INNER_POS = new Set([...DESCRIPTION_POS, 'ADP', 'CCONJ', 'PART']);
/** Mentions of the person asked about read in one sentence: a sentence names someone a few times at most. */
const MAX_MENTIONS = 4;
/** Longest role read before a name, in tokens ("the country's new deputy finance minister"). */
const MAX_ROLE_TOKENS = 6;
/** Longest description in apposition read, in tokens. */
const MAX_DESCRIPTION_TOKENS = 10;
/** Words that end an appositive description after a name and start a clause ("a journalist whom Tesla had befriended"). */
const RELATIVES = new Set(['who', 'whom', 'whose', 'which', 'that']);

/**
 * "Who is Sergey Lavrov?": how the sentence describes a person the question names, whose
 * head noun names a kind of person (not "Tokyo" of "In Tokyo Lavrov met"):
 * - the role written before the name: "Foreign Minister Motegi", "newspaper editor Arthur Brisbane";
 * - a description in apposition after it: "Alfred S. Brown, a Western Union superintendent,",
 *   "Kenneth Swezey, a journalist whom ...", "Martin (a friend and publicist)";
 * - or before it: "the editor of Electrical World magazine, Thomas Commerford Martin".
 */
function roleCandidates(
  tokens: readonly NlpToken[],
  inSentence: readonly Entity[],
  matched: ReadonlyArray<readonly [number, number]>,
  isPersonNoun: (word: string) => boolean,
  text: string,
): Candidate[] {
  // People by name: a role mention ("the minister") is no name.
  const people = inSentence.filter((e) => e.type === 'PERSON' && !e.role);
  const out: Candidate[] = [];
  // A description in apposition holds a word in lower case; a title before the name need not ("Foreign Minister").
  const add = (from: number, to: number, apposition: boolean) => {
    const first = tokens[from];
    const last = tokens[to];
    if (!first || !last || from > to) return;
    const span = text.slice(first.start, last.end);
    if (namesPerson(span, isPersonNoun) && (!apposition || describes(span))) out.push({ start: first.start, end: last.end, fit: 1 });
  };
  // Numbers and times are no part of a role ("Last year finance minister Yaw Mensah").
  const counted = inSentence.filter((e) => e.type !== 'PERSON' && e.type !== 'ORDINAL' && e.type !== 'PLACE' && e.type !== 'ORG' && e.type !== 'EVENT');
  const inCount = (t: NlpToken | undefined) => t !== undefined && counted.some((e) => t.start < e.end && e.start < t.end);
  // The question's own words are no part of a role ("Osei engineer Osei").
  const asked = (t: NlpToken | undefined) => t !== undefined && matched.some(([s, e]) => t.start < e && s < t.end);
  for (const { first, last, own } of mentionsAsked(tokens, people, matched, isPersonNoun)) {
    // Another person's name ends a role; the title taken into this one's does not.
    const inPerson = (t: NlpToken | undefined) => t !== undefined && people.some((p) => p !== own && t.start >= p.start && t.end <= p.end);
    // "Secretary-General": a hyphen with no space either side joins a title's words.
    const joins = (k: number) => tokens[k]?.text === '-' && tokens[k - 1]?.end === tokens[k]?.start && tokens[k]?.end === tokens[k + 1]?.start;
    // Before the name: nouns and adjectives up to a verb, a preposition, a determiner or another name.
    let k = first;
    while (
      k > 0 &&
      k > first - MAX_ROLE_TOKENS &&
      !inPerson(tokens[k - 1]) &&
      !inCount(tokens[k - 1]) &&
      !asked(tokens[k - 1]) &&
      (ROLE_POS.has(tokens[k - 1]?.pos ?? '') || /^['’]s$/u.test(tokens[k - 1]?.text ?? '') || joins(k - 1)) &&
      !isStopWord(normalizeWord(tokens[k - 1]?.text ?? ''))
    ) {
      k--;
    }
    // The possessive of a name the walk stopped at is that name's ("Osei's chief aide" gives "chief aide").
    while (k < first && /^['’]s$/u.test(tokens[k]?.text ?? '')) k++;
    // A title is capitalized as a whole: "Later that year Foreign Minister Osei" has no "year" in it.
    while (k < first - 1 && /^\p{Ll}/u.test(tokens[k]?.text ?? '') && /^\p{Lu}/u.test(tokens[k + 1]?.text ?? '')) k++;
    if (k < first) add(k, first - 1, false);
    // After it, between commas or in brackets, up to a clause.
    const open = tokens[last + 1]?.text;
    if (open === ',' || open === '(') {
      let j = last + 2;
      while (j < tokens.length && j < last + 2 + MAX_DESCRIPTION_TOKENS && DESCRIPTION_INNER_POS.has(tokens[j]?.pos ?? '') && !RELATIVES.has((tokens[j]?.text ?? '').toLowerCase())) j++;
      const stop = tokens[j];
      const closed = stop === undefined || /^[,;:).]$/u.test(stop.text) || RELATIVES.has(stop.text.toLowerCase());
      if (closed && j > last + 2 && DESCRIPTION_POS.has(tokens[last + 2]?.pos ?? '') && !inPerson(tokens[last + 2])) add(last + 2, j - 1, true);
    }
    // Before it, after a comma or the sentence's start: "the editor of ..., Thomas Commerford Martin".
    if (tokens[first - 1]?.text === ',') {
      let j = first - 2;
      while (j >= 0 && j > first - 2 - MAX_DESCRIPTION_TOKENS && DESCRIPTION_INNER_POS.has(tokens[j]?.pos ?? '')) j--;
      const opened = j < 0 || /^[,;:(]$/u.test(tokens[j]?.text ?? '');
      if (opened && j < first - 2 && DESCRIPTION_POS.has(tokens[j + 1]?.pos ?? '') && !inPerson(tokens[first - 2])) add(j + 1, first - 2, true);
    }
  }
  return out;
}

/** Where a sentence names the person asked about: its tokens, and the person recognized there, if any. */
interface Mention {
  readonly first: number;
  readonly last: number;
  readonly own?: Entity;
}

/**
 * Where the sentence names the person a question asks about: the people recognized there
 * that the question matched (those it matched whole, if any: "Kublai Khan, a grandson of
 * Genghis Khan" for "Who was Genghis Khan?" names Genghis Khan), or where it recognized
 * none of them, the capitalized words around what the question matched ("Alfred S.
 * Brown", whom no title or verb of speech shows to be a person: the question says so).
 * A title the recognizer took into the name is left before it ("UN Secretary-General
 * Antonio Guterres", "Chief Justice Gertrude Torkornoo").
 */
function mentionsAsked(
  tokens: readonly NlpToken[],
  people: readonly Entity[],
  matched: ReadonlyArray<readonly [number, number]>,
  isPersonNoun: (word: string) => boolean,
): Mention[] {
  const overlaps = (t: { start: number; end: number }) => matched.some(([s, e]) => s < t.end && t.start < e);
  const mentions: Mention[] = [];
  const whole: Mention[] = [];
  const add = (from: number, to: number, own?: Entity) => {
    const first = withoutTitle(from, to);
    const mention = { first, last: to, ...(own ? { own } : {}) };
    mentions.push(mention);
    // Every word of the name matched (initials aside).
    if (tokens.slice(first, to + 1).every((t) => !/\p{L}{2}/u.test(t.text) || overlaps(t))) whole.push(mention);
  };
  // The name starts after the last word naming a kind of person before what the question
  // matched, when a word it did not match follows that word ("Secretary-General Antonio
  // Guterres" for "Who is Guterres?") or it matched two ("Who is Antonio Guterres?"):
  // "Jack Smith" for "Who is Smith?" keeps its "Jack".
  const withoutTitle = (from: number, to: number): number => {
    let asked = from;
    while (asked <= to && !overlaps(tokens[asked] as NlpToken)) asked++;
    let title = asked - 1;
    while (title >= from && !isPersonNoun((tokens[title] as NlpToken).text)) title--;
    if (title < from) return from;
    const between = tokens.slice(title + 1, asked).some((t) => /\p{L}/u.test(t.text));
    const askedWords = tokens.slice(asked, to + 1).filter((t) => /\p{L}/u.test(t.text) && overlaps(t)).length;
    return between || askedWords >= 2 ? title + 1 : from;
  };
  for (const person of people) {
    if (!overlaps(person)) continue;
    const first = tokens.findIndex((t) => t.start >= person.start && t.end <= person.end);
    if (first < 0) continue;
    let last = first;
    while ((tokens[last + 1]?.end ?? Infinity) <= person.end) last++;
    add(first, last, person);
    if (mentions.length >= MAX_MENTIONS) break;
  }
  if (whole.length > 0) return whole;
  if (mentions.length > 0) return mentions;
  const named = (t: NlpToken | undefined) => t !== undefined && /^\p{Lu}/u.test(t.text) && !isStopWord(normalizeWord(t.text));
  for (let i = 0; i < tokens.length && mentions.length < MAX_MENTIONS; i++) {
    const token = tokens[i] as NlpToken;
    if (!named(token) || !overlaps(token)) continue;
    let first = i;
    let last = i;
    while (named(tokens[first - 1])) first--;
    while (named(tokens[last + 1])) last++;
    add(first, last);
    i = last;
  }
  return whole.length > 0 ? whole : mentions;
}

/**
 * Where a description's head noun ends: before a preposition, a relative pronoun, a
 * conjunction or a comma ("finance minister of Ghana", "an engineer who ...").
 */
const AFTER_HEAD = /,|;|\s(?:of|in|at|for|from|to|with|on|by|since|during|under|who|whom|whose|which|that|and|or|but)\s/iu;

/**
 * Whether a role or description names a kind of person by its head noun: "the country's
 * finance minister", "Secretary-General of the UN", "an engineer who ..." do; "vote" and
 * "Tokyo" do not.
 */
export function namesPerson(span: string, isPersonNoun: (word: string) => boolean): boolean {
  const cut = AFTER_HEAD.exec(span);
  const head = (cut ? span.slice(0, cut.index) : span).trim().split(/\s+/u).at(-1) ?? '';
  const word = head.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').replace(/['’]s?$/u, '');
  return word !== '' && isPersonNoun(word);
}

/**
 * Whether a description of a person holds a word in lower case: "a Western Union
 * superintendent", "Chair of Sudan's Sovereign Council" do; a name does not ("Will Baker"
 * of "Osei, Will Baker, and Grace Porter"; "Ogedei Khan", though "khan" is a title).
 */
export function describes(span: string): boolean {
  return /(?:^|[\s(])\p{Ll}/u.test(span);
}

/** "Which islands...": three or more names in a row, joined by commas and "and". */
function listCandidates(text: string, inSentence: readonly Entity[], matched: ReadonlyArray<readonly [number, number]>): Candidate[] {
  const names = inSentence.filter((e) => FITS.LIST[e.type] !== undefined && !matched.some(([s, e2]) => s <= e.start && e.end <= e2));
  const out: Candidate[] = [];
  let run: Entity[] = [];
  const flush = () => {
    const first = run[0];
    const last = run.at(-1);
    if (run.length >= 2 && first && last) out.push({ start: first.start, end: last.end, fit: run.length });
    run = [];
  };
  for (const name of names) {
    const previous = run.at(-1);
    if (previous && /^\s*(?:,|,?\s+and|,?\s+or)\s*$/.test(text.slice(previous.end, name.start))) run.push(name);
    else {
      flush();
      run = [name];
    }
  }
  flush();
  return out.sort((a, b) => b.fit - a.fit);
}
