/**
 * `ask`: the one entry point that every shell (WebSocket, HTTP, command line) calls, so
 * they cannot drift apart. Pure: a question in, an answer with citations out.
 */
import { isStopWord, normalizeWord } from './analyzer';
import type { CorpusDocument } from './corpus';
import type { EntityType, NlpToken } from './nlp';
import { givesTime, isBareYear, isClockTime, namesCentury, TIME_NAMES, yearOf, type TimeAsked } from './asked-time';
import { MAX_WORD_LENGTH } from './cost';
import { resolveDate } from './dates';
import { countAgreement, documentHolds, matchedSpans, personNouns, rank, type Conversation, type RankedSentence, type Ranking } from './ranking';
import { checkAskRequest } from './request';
import type { SentenceIndex } from './search-index';
import { AMOUNT, MONEY, STRICT_TYPES, type AnswerType, type Wanted } from './question';
import { SPEECH_VERBS, writtenSurname } from './entities';
import { candidates, describes, isLength, namesPerson } from './short-answer';
import { ASKS_ABBREVIATION, datelineEnd, wholeWords, type SpanQuestion } from './span-features';
import { acronymsOf, expansionBefore } from './rank-features';
import { bestSpan, readQuestion, spanThreshold } from './span-scorer';
import { tenseAt } from './tense';
import { baseForms } from './thesaurus';

/** Where a passage comes from, precise enough for anyone to check it. */
export interface Citation {
  /** Document id. */
  readonly doc: string;
  readonly title: string;
  readonly source: string;
  /** Publication date, `YYYY-MM-DD`. */
  readonly published: string;
  /** The service's page for the document, at this sentence: `/docs/<id>#s<sentence>`. */
  readonly url: string;
  /** 0-based sentence number within the document. */
  readonly sentence: number;
  /** Offsets in UTF-16 code units into the document text: `text.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
}

/** A neighbouring sentence, with its place in the document. */
export interface ContextSentence {
  readonly text: string;
  readonly sentence: number;
  readonly start: number;
  readonly end: number;
}

export interface Passage {
  /** The sentence, exactly as it stands in the document text. */
  readonly text: string;
  /** Relevance, higher is better; comparable only within one answer. */
  readonly score: number;
  readonly citation: Citation;
  /** `[start, end]` offsets within `text` of the words that matched the question. */
  readonly highlights: ReadonlyArray<readonly [number, number]>;
  /** The sentences just before and after, when the document has them. */
  readonly context: { readonly before?: ContextSentence; readonly after?: ContextSentence };
}

/** The exact span of a passage that answers a factoid question. */
export interface ShortAnswer {
  readonly text: string;
  /** Index into `passages`. */
  readonly passage: number;
  /** Offsets within that passage's `text`. */
  readonly start: number;
  readonly end: number;
  /** For a date relative to the article ("on Saturday"), the date it means: `YYYY-MM-DD` or `YYYY-MM`. */
  readonly date?: string;
}

export interface Answer {
  /** The question as asked (trimmed). */
  readonly question: string;
  /** The question as understood, when that differs: typos corrected, a follow-up made explicit. */
  readonly interpreted?: string;
  /** False when the corpus does not answer the question. */
  readonly answered: boolean;
  /** The span that answers a factoid question, when there is one. */
  readonly short?: ShortAnswer;
  /** Best first. When `answered` is false, the closest sentences, if any. */
  readonly passages: readonly Passage[];
  /** Why the question was not answered, in plain words; only when `answered` is false. */
  readonly message?: string;
}

export interface AskOptions {
  /** Most passages to return, 1 to 10; default 3. */
  readonly limit?: number;
  /** The conversation so far, for follow-up questions ("Where would they do that?"). */
  readonly conversation?: Conversation;
}

export type { Conversation } from './ranking';

/**
 * Answers `question` from the index. Throws a `bad_request` CiteqaError when the question
 * or options are out of range (empty, too long, bad limit).
 */
export function ask(index: SentenceIndex, question: string, options: AskOptions = {}): Answer {
  return converse(index, question, options).answer;
}

/** {@link ask}, also returning the conversation state for the next question. */
export function converse(index: SentenceIndex, question: string, options: AskOptions = {}): { answer: Answer; conversation: Conversation } {
  const request = checkAskRequest(question, options.limit);
  const ranking = rank(index, request.question, request.limit, options.conversation);
  const passages = ranking.sentences.map((ranked) => passage(index, ranked));
  const head = { question: request.question, ...(ranking.interpreted ? { interpreted: ranking.interpreted } : {}) };
  if (!ranking.answers) {
    return { answer: { ...head, answered: false, passages, message: declineMessage(ranking) }, conversation: ranking.conversation };
  }
  const short = shortAnswer(index, ranking, passages);
  return { answer: { ...head, answered: true, ...(short ? { short } : {}), passages }, conversation: ranking.conversation };
}

export function citationUrl(docId: string, sentence: number): string {
  return `/docs/${encodeURIComponent(docId)}#s${sentence}`;
}

function passage(index: SentenceIndex, ranked: RankedSentence): Passage {
  const { document, sentence, score, matchedTerms } = ranked;
  const span = sentenceSpan(document, sentence);
  const highlights = mergeSpans(matchedSpans(index, ranked, matchedTerms, true).map(([s, e]) => [s - span.start, e - span.start] as const));
  const before = contextSentence(document, sentence - 1);
  const after = contextSentence(document, sentence + 1);
  return {
    text: document.text.slice(span.start, span.end),
    score: Math.round(score * 1000) / 1000,
    citation: {
      doc: document.id,
      title: document.title,
      source: document.source,
      published: document.published,
      url: citationUrl(document.id, sentence),
      sentence,
      start: span.start,
      end: span.end,
    },
    highlights,
    context: { ...(before ? { before } : {}), ...(after ? { after } : {}) },
  };
}

function sentenceSpan(document: CorpusDocument, sentence: number) {
  const span = document.sentences[sentence];
  if (!span) throw new RangeError(`document ${document.id} has no sentence ${sentence}`);
  return span;
}

function contextSentence(document: CorpusDocument, sentence: number): ContextSentence | undefined {
  const span = document.sentences[sentence];
  // The headline is not context for the first sentence of the body.
  if (!span || sentence === 0) return undefined;
  return { text: document.text.slice(span.start, span.end), sentence, start: span.start, end: span.end };
}

function mergeSpans(spans: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The person's name the first passage opens with, as the short answer. */
function openingPerson(index: SentenceIndex, ranked: RankedSentence | undefined, passage: Passage | undefined): ShortAnswer | undefined {
  if (!ranked || !passage) return undefined;
  const { start, end } = passage.citation;
  const person = index.entities(ranked.document).entitiesIn(start, end).find((e) => e.type === 'PERSON' && !e.role);
  return person ? { text: ranked.document.text.slice(person.start, person.end), passage: 0, start: person.start - start, end: person.end - start } : undefined;
}

/** The best span of the wanted kind among the passages, nearest to the matched words. */
function shortAnswer(index: SentenceIndex, ranking: Ranking, passages: readonly Passage[]): ShortAnswer | undefined {
  const { wanted } = ranking;
  // Read for the learned scorer only when the rules leave a passage without a span.
  let read: SpanQuestion | undefined;
  const question = () => (read ??= readQuestion(index, ranking.conversation.question));
  const spelled = expansionAnswer(ranking, passages);
  if (spelled) return spelled;
  const echoes = echoOf(ranking.conversation.question);
  if (!wanted) return learnedShortAnswer(index, question, ranking, passages, 0, 2, echoes);
  // "Who said ...?" answered by a quotation that names no one else: its speaker, where a
  // passage names them.
  const top = ranking.sentences[0];
  const speaker = wanted.type === 'PERSON' && top ? index.entities(top.document).speaker(top.sentence) : undefined;
  if (top && speaker && !personIn(index, top, wanted)) {
    for (const [n, p] of passages.entries()) {
      for (const name of [speaker.name, writtenSurname(speaker)]) {
        const at = p.text.indexOf(name);
        if (at >= 0) return { text: name, passage: n, start: at, end: at + name.length };
      }
    }
    return undefined;
  }
  // "Who heads the commission?" matched by "The head of the commission ...", the next
  // sentence opening with a name, put first: that name (see ranking.ts's withNamedNext).
  const named = ranking.namedNext ? openingPerson(index, ranking.sentences[0], passages[0]) : undefined;
  if (named) return named;
  // Whether an article holds a term: each asked once (a pass over the article).
  const holding = new Map<string, boolean>();
  const held = (document: CorpusDocument, term: string) => {
    const key = `${document.id}\u0000${term}`;
    let found = holding.get(key);
    if (found === undefined) holding.set(key, (found = documentHolds(index, document, term)));
    return found;
  };
  for (const [n, ranked] of ranking.sentences.entries()) {
    const p = passages[n];
    if (!p || n > 2) break;
    // Asked when a past event was, a passage telling of it as still to come gives no time for it.
    if (ranking.toCome?.has(n) || ranking.offTopic?.has(n)) continue;
    const { document, sentence } = ranked;
    const span = sentenceSpan(document, sentence);
    const entities = index.entities(document);
    const matched = matchedSpans(index, ranked, ranked.matchedTerms);
    const typed = candidates(wanted, document.text, span.start, span.end, entities, matched, entities.speaker(sentence), matchedSpans(index, ranked, ranked.matchedTerms, true), personNouns(index), countAgreement(index, (term) => ranked.matchedTerms.has(term) || held(document, term), wanted.countedAs));
    // When a statement was made ("On Monday, officials said", "told reporters on Monday") is
    // not when what it reports happens ("... the talks will resume later this year"), unless
    // the question asks about the statement.
    const reported = wanted.type === 'DATE' && !SPEECH_ASKED.test(ranking.conversation.question);
    const found = reported ? typed.map((c) => (reportingTime(document.text, c, span) ? { ...c, fit: c.fit - REPORTING_TIME_DOUBT } : c)) : typed;
    const distance = (c: { start: number; end: number }) =>
      matched.length === 0 ? 0 : Math.min(...matched.map(([s, e]) => (e <= c.start ? c.start - e : s >= c.end ? s - c.end : 0)));
    // A short answer is a span of its passage, by contract; not of its dateline, which says
    // where the story was filed ("LONDON, March 5 (Meridian News) -").
    const filed = datelineEnd(document.text, span.start, span.end);
    // Nor what is left of a time the question gives ("this" of "this year").
    const inside = found.filter((c) => {
      if (c.start < filed || c.end > span.end || c.end <= c.start || loneLetter(document.text, c, ranking.conversation.question)) return false;
      const said = document.text.slice(c.start, c.end);
      return !onlyStopWords(said) && !echoes(said);
    });
    const best = [...inside].sort((a, b) => b.fit - a.fit || distance(a) - distance(b))[0];
    // A question plainly asking for a kind of time ("on what date") is not answered by the
    // passage's best time when it is not of that kind ("later this year"): the passage says
    // when, but not to that precision. Another time of the passage ("On Monday, officials
    // said") or of a later one ("The previous round collapsed on January 14") is most often
    // of another event, so none answers.
    // The times it is part of count, cut to it: "October 25" of "since October 25".
    const timesIn = (c: { start: number; end: number }) =>
      entities.entitiesIn(span.start, span.end).flatMap((e) => (e.start < c.end && c.start < e.end ? [{ ...e, start: Math.max(e.start, c.start), end: Math.min(e.end, c.end) }] : []));
    if (best && wanted.time && !givesTime(wanted.time, document.text, best.start, best.end, timesIn(best), [], false)) return undefined;
    if (!best) {
      // Where the rules find no span of the asked kind, the learned scorer may; not for a
      // strict kind (a duration, a number) nor a person's title, which a later passage may
      // hold ("A vote held by Osei" gives none of Osei's titles; "Foreign Minister Amina Osei" does).
      const short = laterPassageFirst(wanted) ? undefined : learnedShortAnswer(index, question, ranking, passages, n, n, echoes);
      if (short) return short;
      continue;
    }
    // A place or an organization answers "who" only when no person does: the learned
    // scorer may find a name the tagger missed ("Linda Dessau"). Where it picks exactly one
    // of the places or organizations the rules weighed, their order stands; a span around one
    // of them is its own pick ("Verizon Wireless customers" over "Verizon Wireless").
    if (wanted.type === 'PERSON' && best.fit < 1) {
      const learned = learnedShortAnswer(index, question, ranking, passages, n, n, echoes);
      if (learned && !inside.some((c) => c.start === span.start + learned.start && c.end === span.start + learned.end)) return learned;
    }
    const figure = wholeWords(document.text, best.start, best.end, span.start, span.end);
    // A figure's unit, unless the question names what it counts ("How many yards ...?" is answered "487").
    const whole = wanted.type === 'NUMBER' && (wanted.counted === undefined || wanted.counted === AMOUNT || wanted.counted === MONEY) ? withUnit(index, document.text, figure, span.end, ranking.queryTerms, entities.tokensIn(span.start, span.end)) : figure;
    const { start, end } = askedPart(wanted.time, document.text, whole);
    const text = document.text.slice(start, end);
    // The date is the whole span's ("2 September 1945"), though "what year" is answered by its year.
    const date = wanted.type === 'DATE' ? resolveDate(document.text.slice(whole.start, whole.end), document.published, tenseAt(document.text, span, best)) : undefined;
    return { text, passage: n, start: start - span.start, end: end - span.start, ...(date ? { date } : {}) };
  }
  return laterPassageFirst(wanted) ? learnedShortAnswer(index, question, ranking, passages, 0, 2, echoes) : undefined;
}

/**
 * A figure with the unit of measure written after it ("3 to 5" of "3 to 5 ft", "250,000"
 * of "250,000 tonnes per day", "more than eight" of "more than eight kilometers high"): the
 * figure says nothing without it. The unit is a word the thesaurus knows as a unit of
 * measurement, with what it is "per" when that follows.
 */
function withUnit(index: SentenceIndex, text: string, figure: { start: number; end: number }, limit: number, asked: ReadonlyMap<string, number>, tokens: readonly NlpToken[]): { start: number; end: number } {
  const { thesaurus } = index;
  if (thesaurus === undefined) return figure;
  const after = UNIT_AFTER.exec(text.slice(figure.end, Math.min(limit, figure.end + 60)));
  if (!after) return figure;
  const word = after[1]!;
  const unitStart = figure.end + after[0].indexOf(word);
  // A noun, and the head of its phrase: not a modifier ("250,000 metric tons", "200 palm
  // trees") nor a name ("5,000 Tesla shares").
  const at = tokens.findIndex((t) => t.start === unitStart);
  if (at < 0 || tokens[at]!.pos !== 'NOUN' || ['NOUN', 'PROPN'].includes(tokens[at + 1]?.pos ?? '')) return figure;
  // Not one the question names, as written or otherwise ("in kilograms" of "kg"), nor a function word ("in", "a").
  const named = [word, ...thesaurus.synonyms(word)].some((form) => index.analyzer.terms(form).some((t) => asked.has(t.term)));
  const lower = word.toLowerCase();
  if (isStopWord(lower) || named) return figure;
  // Each base form on its own: "tons" is a lemma too ("tons of", a great number), "ton" the unit.
  if (!baseForms(lower).some((form) => thesaurus.isKindOf(form, 'unit of measurement'))) return figure;
  // What it is per: a word in lower case ("per day"), not "per cent" or a source ("per Reuters").
  const rate = after[2] !== undefined && /^\p{Ll}/u.test(after[2]) && !isStopWord(after[2]) && after[2] !== 'cent';
  return { start: figure.start, end: rate ? figure.end + after[0].length : unitStart + word.length };
}

/** A word after a figure, and "per" another word after it. */
const UNIT_AFTER = /^\s?(\p{L}+)(?:\s+per\s+(\p{L}+))?(?![\p{L}])/u;

/** What is asked when a rule-found span in a later passage beats the learned scorer's guess in an earlier one. */
function laterPassageFirst(wanted: Wanted): boolean {
  return STRICT_TYPES.has(wanted.type) || (wanted.type === 'ROLE' && wanted.focus === 'held');
}

/**
 * "What does RSF stand for?", "What is CLTG short for?", "What is the full name of the
 * ASER?": the words a passage spells the
 * acronym asked about out with before "(RSF)" (rank-features.ts's expansionBefore), in the
 * first of the first three passages that does. Only the acronym right before "stand(s)
 * for" or "short for" is asked about: "Who will stand for the SNP?" asks no expansion.
 */
function expansionAnswer(ranking: Ranking, passages: readonly Passage[]): ShortAnswer | undefined {
  const { question } = ranking.conversation;
  const acronym = ASKED_EXPANSION.exec(question)?.[1] ?? ASKED_EXPANSION_APART.exec(question)?.[1] ?? ASKED_FULL_NAME.exec(question)?.[1];
  if (acronym === undefined) return undefined;
  const mark = `(${acronym})`;
  for (const [n, ranked] of ranking.sentences.entries()) {
    if (n > 2 || !passages[n]) break;
    const span = sentenceSpan(ranked.document, ranked.sentence);
    const text = ranked.document.text.slice(span.start, span.end);
    // Each of its first few "(RSF)", the words since the one before: "The group (RSF) is the Rapid Support Forces (RSF)".
    let from = 0;
    for (let k = 0; k < MARKS_READ; k++) {
      const at = text.indexOf(mark, from);
      if (at < 0) break;
      const expansion = expansionBefore(text.slice(from, at + mark.length), acronym);
      if (expansion !== undefined) {
        // The words as written: expansionBefore joins them with single spaces.
        const before = text.slice(0, at).trimEnd();
        if (before.endsWith(expansion)) return { text: expansion, passage: n, start: before.length - expansion.length, end: before.length };
      }
      from = at + mark.length;
    }
  }
  return undefined;
}

/** The acronym a question asks the expansion of: "What does RSF stand for?", "What is CLTG short for?", "RSF stands for what?". */
const ASKED_EXPANSION = /(?<![\p{L}\p{N}])(\p{Lu}{2,6})\s+(?:(?:stands?|stood)\s+for|(?:is\s+|was\s+)?short\s+for)\b/u;
/** The same with words between: "What does the RSF, which fights the SAF, stand for?". */
const ASKED_EXPANSION_APART = /\b(?:does|do|did)\s+(?:the\s+)?(\p{Lu}{2,6})(?![\p{L}\p{N}])[^?]{0,200}?\bstand\s+for\b/u;
/** "What is the full name of the ASER?", "What is the full form of RSF?". */
const ASKED_FULL_NAME = /\bfull\s+(?:name|title|form)\s+(?:of|for)\s+(?:the\s+)?(\p{Lu}{2,6})(?![\p{L}\p{N}])/u;
/** Occurrences of "(X)" in a passage read for its expansion. */
const MARKS_READ = 3;

/**
 * The learned scorer's best span (span-scorer.ts) among passages `from` to `upTo`, when it
 * is confident enough: for questions of a kind the typed rules above do not know ("what
 * does X stand for", "what is X") and passages where they find nothing.
 */
function learnedShortAnswer(
  index: SentenceIndex,
  question: () => SpanQuestion,
  ranking: Ranking,
  passages: readonly Passage[],
  from: number,
  upTo: number,
  echoes: (text: string) => boolean,
): ShortAnswer | undefined {
  const threshold = spanThreshold();
  const time = ranking.wanted?.time;
  const type = ranking.wanted?.type;
  let timeAllowed: boolean | undefined;
  for (let n = from; n <= upTo; n++) {
    const ranked = ranking.sentences[n];
    if (!ranked || !passages[n]) break;
    if (ranking.toCome?.has(n) || ranking.offTopic?.has(n)) continue;
    const { document } = ranked;
    const span = sentenceSpan(document, ranked.sentence);
    const entities = index.entities(document).entitiesIn(span.start, span.end);
    // The likeliest span of the kind asked: the likeliest of all is often of another
    // ("December" for "Which company is the gallery named after?", "Kessler" next).
    const best = bestSpan(index, question(), ranked, (candidate) => {
      // A question plainly asking for a kind of time ("what year") is not answered by a span
      // that gives none ("300" of "hired 300 engineers").
      // "What time" is answered here only by a time of day ("4:55 p.m."), not "November".
      if (time === 'CLOCK') return isClockTime(document.text.slice(candidate.start, candidate.end));
      // Nor is "when did" answered by a length of time ("three hours" of "searched the
      // rubble for three hours"), unless it holds a year ("1641–1679") or counts from
      // another time ("three hours later", "two days after the vote").
      if (time === 'EVENT' && !HOW_LONG_AGO.test(question().text) && lengthOnly(document.text, candidate, span.end)) return false;
      if (time) return givesTime(time, document.text, candidate.start, candidate.end, entities, [], false);
      // Nor is a question asking for a person, a place or a name ("What is the name of the
      // crew member injured?") answered by a time or a figure ("February"), nor one asking for
      // a person or a name by a count ("46 men"; a place may begin with a number, "10 Downing Street",
      // or with a word the recognizer takes for a day, "Christmas Island", "Summer Palace"; it is
      // not a run of times, "Wednesday morning", nor does it end in one, "heavy rain overnight").
      if ((type === 'PERSON' || type === 'NAME') && entities.some((e) => NOT_NAMES.has(e.type) && e.start <= candidate.start && candidate.start < e.end)) return false;
      if (type === 'PLACE' && (entities.some((e) => NOT_NAMES.has(e.type) && e.start <= candidate.start && candidate.end <= e.end) || timeOnly(document.text, candidate, entities))) return false;
      // "Why ...?", "What caused ...?" is answered by a reason given ("because the computer
      // failed"), not by a name or a figure of the sentence.
      if (question().cls === 'REASON') return candidate.kind === 'REASON';
      // Nor is a question answered by a single letter ("R" of "the ring R", "V" of "Super
      // Bowl V") unless it asks for a letter, a symbol or a numeral.
      if (loneLetter(document.text, candidate, question().text)) return false;
      if (echoes(document.text.slice(candidate.start, candidate.end))) return false;
      // Nor is a question that asks for no time ("Which material is the candlestick made
      // from?") answered by a date alone ("c1110").
      if (!(timeAllowed ??= asksTime(question())) && (isBareYear(document.text.slice(candidate.start, candidate.end)) || entities.some((e) => TIMES.has(e.type) && e.start <= candidate.start && candidate.end <= e.end))) return false;
      return true;
    });
    if (!best || best.probability < threshold) continue;
    // Nor is "Who is Osei?" answered by a span that names no kind of person ("vote" of "A
    // vote held by Osei"), by a name ("Ogedei Khan"), nor by the question's own words
    // ("khans" for "Who was Genghis Khan?"). Here a likelier span that is none of these
    // means the sentence does not describe the person: a less likely one describes
    // someone else ("the third son of Genghis Khan" for "Who was Genghis Khan?").
    if (type === 'ROLE') {
      const text = document.text.slice(best.start, best.end);
      if (!namesPerson(text, personNouns(index)) || !describes(text)) continue;
      const words = index.analyzer.terms(text).filter((t) => !t.alias);
      if (words.every((t) => ranked.matchedTerms.has(t.term))) continue;
    }
    const { start, end } = askedPart(time, document.text, best);
    return { text: document.text.slice(start, end), passage: n, start: start - span.start, end: end - span.start };
  }
  return undefined;
}

/**
 * Whether a span of a passage says nothing the question does not, and so answers nothing:
 * the question writes its words, in its order ("yard line" for "What yard line did the
 * Broncos stop the Panthers on?", "Bazoum" for "Who did Sullivan ask to free President
 * Bazoum?"; not "Tower Theatre" for "Which historic theatre is the Tower District centered
 * around?"; nor one of the answers the question offers, "2015" for "Was it signed in 2015
 * or 2016?"), or it spells out one of the question's acronyms ("National Football League"
 * for "Which NFL team won?") where the question does not ask for that ("What does NFL
 * stand for?", "What is the full name of the ASER?", "What is the NFL?"). Leading articles
 * and possessives aside. Such a span is passed over for the next likeliest. Measured with
 * `npm run eval`: public EM/F1 35.35/43.99 -> 35.56/44.19 (of 78 short answers changed, 28
 * better and 14 worse, none of these right before but one, "Liao" for "What older dynasty
 * was replaced by the Western Liao?"); news-b F1 49.5 -> 50.2; the other sets unchanged.
 * Asking the question's words in any order instead gained 6 more public answers but lost
 * right ones ("Tower Theatre", "Baptized Members").
 */
function echoOf(question: string): (text: string) => boolean {
  const asked = ` ${surfaceWords(question).join(' ')} `;
  const acronyms = ASKS_ABBREVIATION.test(question) || ASKS_IN_FULL.test(question) || ASKS_WHAT_ACRONYM.test(question) ? [] : acronymsOf(question);
  return (text) => {
    const words = surfaceWords(text);
    while (words.length > 1 && LEADING.has(words[0]!)) words.shift();
    const said = ` ${words.join(' ')} `;
    // One of the answers a question offers ("Who won, the Broncos or the Panthers?") is no echo.
    if (words.length > 0 && asked.includes(said) && !ALTERNATIVE.some((around) => asked.includes(around(said)))) return true;
    if (acronyms.length === 0) return false;
    const capitals = (text.match(/\p{Lu}[\p{L}\p{M}'’-]*/gu) ?? []).filter((w, n) => n > 0 || !LEADING.has(w.toLowerCase()));
    return capitals.length > 1 && acronyms.includes(capitals.map((w) => w.charAt(0)).join(''));
  };
}

/** Where a question offers a span as one of its answers: before "or", or after it (an article or a preposition between). */
const ALTERNATIVE: ReadonlyArray<(said: string) => string> = [(said) => `${said}or `, (said) => ` or${said}`, ...['the', 'a', 'an', 'in', 'on', 'at', 'by', 'to', 'for', 'from', 'with'].map((word) => (said: string) => ` or ${word}${said}`)];

/** "What is the NFL?", "What was ECOWAS?": the acronym is what is asked, and its expansion answers. */
const ASKS_WHAT_ACRONYM = /^\s*what\s+(?:is|was|are|were)\s+(?:the\s+|an?\s+)?\p{Lu}{2,6}\s*\??\s*$|\bwhat\s+(?:does|did|do)\s+(?:the\s+)?\p{Lu}{2,6}\s+mean\b/u;

/** Words, lower case, as written: letters, marks and digits (an apostrophe's "s" apart). */
function surfaceWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/**
 * Words before a span's own that say nothing of it: "the" of "the yard line", "his" of "his
 * education". Not "this" and the like, which place a time ("this year" for "What year will
 * the summit be held?").
 */
const LEADING: ReadonlySet<string> = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'my', 'your']);

/** Besides an abbreviation's words (ASKS_ABBREVIATION), what asks for a name written out: "stood for", "acronyms", "full name", "spelled out". */
const ASKS_IN_FULL = /\bstood\s+for\b|\bacronyms|\bfull\s+(?:name|title|form)\b|\bspell(?:s|ed|t)?\s+out\b/i;

/** Words after a length of time that count it from another time ("three hours later", "two days on,"). */
const COUNTED_FROM = /^\s*(?:(?:later|after|afterwards|before|earlier|ago|into|since|prior)(?!\p{L})|on\s*(?:[,;.]|$))/iu;

/**
 * Whether the span `[start, end)` is times and nothing else ("Wednesday morning": a day
 * and a time of day the recognizer tags apart), or ends in one ("heavy rain overnight").
 */
function timeOnly(text: string, span: { readonly start: number; readonly end: number }, entities: readonly { readonly type: EntityType; readonly start: number; readonly end: number }[]): boolean {
  const times = entities.filter((e) => TIMES.has(e.type) && e.end > span.start && e.start < span.end).sort((a, b) => a.start - b.start);
  if (times.some((e) => e.start < span.end && span.end <= e.end)) return true;
  // A time of day the recognizer leaves out ("overnight", "at dawn").
  const last = /[\p{L}\p{N}]+$/u.exec(text.slice(span.start, span.end));
  if (last && isClockTime(last[0])) return true;
  // A run of times with nothing but spaces between them, from the span's start to its end.
  let at = span.start;
  for (const e of times) {
    if (e.start > at && text.slice(at, e.start).trim() !== '') return false;
    if (e.start > at || e.end > at) at = Math.max(at, e.end);
    if (at >= span.end) return true;
  }
  return false;
}

/** "How long ago", which a length of time answers. */
const HOW_LONG_AGO = /\bhow\s+long\s+ago\b/i;

/**
 * Whether the span `[start, end)` is a length of time and no time: no year or counted
 * century in it ("1641–1679", "the 14th to 17th centuries"), nothing after it counting
 * from another time (see COUNTED_FROM).
 */
function lengthOnly(text: string, span: { readonly start: number; readonly end: number }, sentenceEnd: number): boolean {
  const value = text.slice(span.start, span.end);
  return isLength(value) && !givesTime('YEAR', value, 0, value.length, [], [], false) && !namesCentury(value) && !COUNTED_FROM.test(text.slice(span.end, Math.min(sentenceEnd, span.end + 20)));
}

/** Words of a question asking for a letter, a symbol or the like, which a single letter may answer. */
const LETTER_ASKED = /\b(?:letters?|symbols?|numerals?|initials?|grades?|variables?|abbreviat\w*|stands?\s+for|short\s+for|characters?)\b/i;

/**
 * Whether a span holds nothing but stop words written in lower case ("this" left of "this
 * year" when the question gives "year"); "May" and "US" are names.
 */
function onlyStopWords(span: string): boolean {
  return span.split(/[^\p{L}\p{N}]+/u).every((word) => word === '' || (!/\p{Lu}/u.test(word) && isStopWord(normalizeWord(word))));
}

/** Words of a question asking about a statement ("When did the minister say ...?"). */
const SPEECH_ASKED = /\b(?:say|says|said|tell|tells|told|announce[sd]?|state[sd]?|add(?:s|ed)?|note[sd]?|confirm(?:s|ed)?|report(?:s|ed)?|declare[sd]?|write|wrote|warn(?:s|ed)?|statement|announcement|remarks?)\b/i;
/** How much less a time of a statement fits a question about what it reports: less than any other time. */
const REPORTING_TIME_DOUBT = 0.5;
/** A time right after a verb of speech and its object ("said on Monday", "told reporters Monday"). */
const SPEECH_BEFORE = new RegExp(String.raw`(?<!\p{L})(?:${SPEECH_VERBS}|confirmed|reported|declared)\s+(?:[\p{L}'’-]+\s+){0,2}?(?:on\s+|late\s+|early\s+)?$`, 'iu');
/** A time opening its sentence before a verb of speech ("On Monday, officials said"). */
const SPEECH_AFTER = new RegExp(String.raw`^,?\s+(?:[\p{L}.'’-]+\s+){0,4}?(?:${SPEECH_VERBS}|confirmed|reported|declared)(?!\p{L})`, 'iu');

/** Whether the time `span` is when a statement in `sentence` was made. */
function reportingTime(text: string, span: { readonly start: number; readonly end: number }, sentence: { readonly start: number; readonly end: number }): boolean {
  if (SPEECH_BEFORE.test(text.slice(Math.max(sentence.start, span.start - 40), span.start))) return true;
  const opening = /^\s*(?:on|late|early)?\s*$/i.test(text.slice(sentence.start, span.start));
  return opening && SPEECH_AFTER.test(text.slice(span.end, Math.min(sentence.end, span.end + 60)));
}

/** Whether a span is a single letter ("L" of "Super Bowl L") that `question` does not ask for. */
function loneLetter(text: string, span: { readonly start: number; readonly end: number }, question: string): boolean {
  return span.end - span.start === 1 && /\p{L}/u.test(text[span.start]!) && !LETTER_ASKED.test(question);
}

/** Entity types of times ("1641–1679" is a DURATION to the recognizer). */
const TIMES: ReadonlySet<EntityType> = new Set(['DATE', 'TIME', 'DURATION']);

/**
 * Whether a question may be answered by a time: one asking when, how long, how many (wink
 * tags some figures as dates), what or which time ("Which season", "What century"), or
 * naming no kind of answer; not one naming a kind that is no time ("Which company").
 */
function asksTime(question: SpanQuestion): boolean {
  if (question.cls === 'DATE' || question.cls === 'DURATION' || question.cls === 'NUMBER' || question.cls === 'OTHER') return true;
  const { category, isKindOf } = question;
  // Without a kind named, a time may answer ("What is the deadline for bids?", "What was
  // he sentenced to?").
  if (category === undefined) return true;
  return TIME_WORDS.test(category) || (isKindOf !== undefined && (isKindOf(category, 'time period') || isKindOf(category, 'time unit')));
}

/** Nouns asking for a time that the thesaurus files elsewhere ("What period ..."). */
const TIME_WORDS = /^(?:period|date|time|times|occasion)$/i;

/** The part of a span that a question asking for a kind of time wants: "What year" is answered by the year of a date ("1227" of "August 1227"). */
function askedPart(time: TimeAsked | undefined, text: string, span: { readonly start: number; readonly end: number }): { readonly start: number; readonly end: number } {
  const year = time === 'YEAR' ? yearOf(text.slice(span.start, span.end)) : undefined;
  return year ? { start: span.start + year.start, end: span.start + year.end } : span;
}

/** Entity types that name no person, place or thing: times and figures. */
const NOT_NAMES: ReadonlySet<EntityType> = new Set(['DATE', 'TIME', 'DURATION', 'CARDINAL', 'ORDINAL', 'MONEY', 'PERCENT']);

/** Whether the sentence itself names a person who could answer. */
function personIn(index: SentenceIndex, ranked: RankedSentence, wanted: Wanted): boolean {
  const { document, sentence } = ranked;
  const span = sentenceSpan(document, sentence);
  const entities = index.entities(document);
  const matched = matchedSpans(index, ranked, ranked.matchedTerms);
  const found = candidates(wanted, document.text, span.start, span.end, entities, matched, undefined, matched, personNouns(index));
  return found.some((c) => c.fit >= 1);
}

/** What a strict kind of answer is called in a refusal. */
const KIND_NAMES: Partial<Record<AnswerType, string>> = { DURATION: 'length of time', NUMBER: 'number' };

function declineMessage(ranking: Ranking): string {
  if (ranking.reason === 'no-span' && ranking.onlyToCome) return "The articles don't say: the closest passages, below, tell of it only as still to come.";
  if (ranking.reason === 'no-span') {
    const wanted = ranking.wanted;
    const kind = wanted && (wanted.time ? TIME_NAMES[wanted.time] : wanted.focus === 'extent' ? 'length' : KIND_NAMES[wanted.type]);
    return `The articles don't say: the closest passages, below, give no ${kind ?? 'answer of the kind asked'}.`;
  }
  if (ranking.reason === 'no-topic' || ranking.unknownWords.length === 0) {
    return "The articles don't say: the question has no words that identify a topic. Ask about a person, place or event in the articles.";
  }
  // A word past MAX_WORD_LENGTH is shown by its beginning: it may be a thousand characters.
  const quoted = ranking.unknownWords.slice(0, 5).map((word) => `"${word.length > MAX_WORD_LENGTH ? `${[...word].slice(0, MAX_WORD_LENGTH).join('')}…` : word}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  if (ranking.reason === 'not-in-passage') {
    return `The articles don't say: the closest passages, below, never mention ${list} with the rest of the question.`;
  }
  return `The articles don't say: they never mention ${list}.`;
}
