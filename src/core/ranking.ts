/**
 * Ranking: which sentences answer a question, best first, and whether any does. All
 * relevance decisions live here.
 *
 *   question --analyze--> topic words, each with its terms: the word's own term (weight 1),
 *   |                     lexicon aliases (0.8), and fuzzy variants when the corpus does not
 *   |                     know the word (typos: "Lavorv")
 *   |--answer cue-------> what kind of span answers it (duration, date, person...)
 *   v
 *   MiniSearch BM25 over `text` and `aliases` --> RERANK_DEPTH candidates, and the
 *   |                     unretrieved neighbours of the best few holding a word of the question
 *   v
 *   rerank: each candidate's features (rank-features.ts: its BM25, how much of the question
 *   it and its article cover, phrases and numbers matched as units, proximity, acronyms
 *   spelt out, its neighbours' match, a span of the wanted kind, headline) scored by the
 *   learned model (ranker.ts, fitted by `npm run train`); the span of the wanted kind is
 *   looked for only in candidates whose score bound reaches the passages returned
 *   v
 *   decline unless the evidence covers the question (see {@link decide})
 */
import { isStopWord, lemmaTerm, normalizeWord, termOf, type Term } from './analyzer';
import { questionDateTerms } from './date-terms';
import { countWork, MAX_CONVERSATION_TERMS, MAX_TAGGED_LENGTH, MAX_WORD_LENGTH } from './cost';
import { askedInPast, givesTime, writesTimePlainly, timeAsked, type TimeAsked } from './asked-time';
import { tag, type Entity, type NlpToken } from './nlp';
import { auxiliaryFuture } from './tense';
import { candidates, FIT_CEILINGS } from './short-answer';
import { writtenSurname } from './entities';
import { Memo } from './memo';
import { corrected } from './typos';
import { ACTION_ASKED, AMOUNT, amountAsked, ANAPHORS, answerCue, conditionSpans, countedNoun, inClauses, cueSpans, focusOf, MONEY, quantityAsked, MEASURE, SHARE, shareAsked, UNIT, nameEnd, roleAsked, STRICT_TYPES, whoIsAsked, type AnswerType, type RoleAsked, type Wanted } from './question';
import { logit } from './logistic';
import { acronymsOf, expansionBefore, RANK_FEATURES, rankFeatures, TYPE_FIT_KNOTS, weightShare, withTypeFit, type QuestionEvidence } from './rank-features';
import clauseData from './clause.json';
import { ranker } from './ranker';
import type { RetrievedSentence } from './retrieval';
import type { SentenceIndex, SentenceRef } from './search-index';
import type { CorpusDocument } from './corpus';

/** Weight of a lexicon alias of a question word ("premier" -> prime-minister). */
export const ALIAS_WEIGHT = 0.8;
/** Unknown words of one question looked up in the thesaurus and for typos (bounds the work of a long question). */
export const MAX_WORDS_LOOKED_UP = 6;
/**
 * Unknown words of one question corrected for typos, the first: a correction walks the
 * corpus's word tree within three edits of an 8-letter word (milliseconds on a vocabulary
 * of tens of thousands), and a question with more typos than this is rarely read right.
 */
export const MAX_WORDS_CORRECTED = 3;
/** Weight of a synonym of a word the corpus has ("talks" -> negotiation). */
export const KNOWN_SYNONYM_WEIGHT = 0.3;
/** Weight of a word inside a phrase that has an alias ("world" in "Second World War"). */
export const PHRASE_WORD_WEIGHT = 0.5;
/** Weight of a synonym of a question word ("pact" -> treaty). */
export const SYNONYM_WEIGHT = 0.5;
/** Weight of a corpus word read in place of a typo ("Lavorv" -> lavrov). */
export const TYPO_WEIGHT = 0.6;
/** Weight of the previous question's terms in a follow-up ("Where would they do that?"). */
export const FOLLOW_UP_WEIGHT = 0.6;
/** Where a candidate's fit to a strict kind of answer stands among its features. */
const STRICT_FIT = RANK_FEATURES.indexOf('strictTypeFit');
const COVERAGE = RANK_FEATURES.indexOf('coverage');
/**
 * Below this share of the question's weight in the best sentence, the wanted kind of a
 * strict answer decides (see {@link rank}). Measured on the public set: 0.5 moves hit@1 by
 * -0.001 there (SQuAD's questions share most words with their sentence) and decides the
 * paraphrased questions of news readers.
 */
const WEAK_COVERAGE = 0.5;
/** Occurrences of the question's verbs in a passage whose tense is read (see eventTense). */
const EVENT_SPANS_READ = 4;
/** Sentences reranked after retrieval. */
export const RERANK_DEPTH = 50;
/** Passages whose words ground a question's names and numbers (see ungrounded). */
export const GROUNDING_PASSAGES = 3;
/**
 * Sentences on either side of the best passage that must hold the question's names and
 * numbers (see ungrounded): a news article lies whole within it, a long reference article
 * only in part, where a name from another section rarely belongs with the answer.
 * Calibrated on unanswerable variants of the public set (`npm run unanswerable`): the whole
 * article declines 18% of them and 2.3% of answerable questions, 150 sentences 25% and
 * 2.7%, 100 sentences 31% and 2.8%; the issue allows 3% of answerable ones.
 */
export const GROUNDING_WINDOW = 150;
/** A question is declined when at least this share of its topic words is unknown to the corpus. */
export const UNKNOWN_SHARE_TO_DECLINE = 0.5;
/**
 * How much a word known only indirectly (a typo correction, a synonym) counts as unknown:
 * "pact" alone is answered through "treaty", "a pact about Antarctica" is not.
 */
export const INDIRECT_DOUBT = 0.25;

export interface RankedSentence extends SentenceRef {
  readonly score: number;
  /** Document terms of this sentence that matched the question. */
  readonly matchedTerms: ReadonlySet<string>;
}

/** What a connection remembers of its last question, for follow-ups. */
export interface Conversation {
  readonly question: string;
  /** The conversation's most recent terms, at most {@link MAX_CONVERSATION_TERMS}, oldest first. */
  readonly terms: ReadonlyMap<string, number>;
  readonly words: readonly string[];
}

export interface Ranking {
  readonly sentences: readonly RankedSentence[];
  readonly answers: boolean;
  /** Why not, when `answers` is false. */
  readonly reason?: 'no-topic' | 'unknown-words' | 'not-in-passage' | 'no-span';
  /** For 'no-span' on a question asked in the past: a closest passage tells of the event, but only as still to come. */
  readonly onlyToCome?: boolean;
  /**
   * For a question asking for the time of an event: which of the first three `sentences`
   * give no time for it. Asked in the past, those telling of it only as still to come,
   * and, when the first does, all but those reporting it; asked of the future, when the
   * first holds the question's verb, those that do not.
   */
  readonly toCome?: ReadonlySet<number>;
  /**
   * Which of the first three `sentences` are of an article that lacks a name or number of
   * the question that the first one's article holds: no short answer comes from them ("How
   * much does a Westline driver earn?" is not answered by a tennis player's prize money).
   */
  readonly offTopic?: ReadonlySet<number>;
  /**
   * For "who" asked of a passage naming a person only by role: the first of `sentences`
   * is the next sentence of its article, which opens with that person's name (see withNamedNext).
   */
  readonly namedNext?: boolean;
  /**
   * The question's topic words that the corpus does not contain, as the user wrote them;
   * for 'not-in-passage', the names and numbers that the closest passage does not hold.
   */
  readonly unknownWords: readonly string[];
  /** What kind of span answers the question, when it is a factoid question. */
  readonly wanted: Wanted | undefined;
  /** Every query term with its weight (what highlights mark). */
  readonly queryTerms: ReadonlyMap<string, number>;
  /** The question as read, when it differs: typos corrected, a follow-up made explicit. */
  readonly interpreted?: string;
  /** What the next question on the same conversation may refer back to. */
  readonly conversation: Conversation;
}

export interface TopicWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly terms: readonly string[];
  readonly proper: boolean;
}

/** Ranks the corpus's sentences for `question`; `limit` caps how many are returned. */
export function rank(index: SentenceIndex, question: string, limit: number, previous?: Conversation): Ranking {
  const read = readQuestion(index, question, previous);
  const { weights, words, results, wanted, followUp, corrections, synonyms, carried, own, eventTerms, eventNouns } = read;
  const scored = scoredCandidates(index, read, Math.max(limit, GROUNDING_PASSAGES));
  scored.sort((a, b) => b.score - a.score);
  // A question whose words hardly pin a sentence down (the best holds less than
  // WEAK_COVERAGE of their weight: a paraphrase, "how much time did they spend together")
  // is answered by a sentence holding the rare, precise kind of span it asks for.
  if (wanted && STRICT_TYPES.has(wanted.type) && (scored[0]?.coverage ?? 1) < WEAK_COVERAGE) stablePartition(scored, (s) => s.fits);
  const matchedQueryTerms = new Set([...weights.keys()].filter((t) => index.has(t)));
  const conversation: Conversation = {
    question,
    terms: carriedTerms(weights, carried, own),
    words: words.map((w) => w.text),
  };
  // "according" of "according to", "ex" of "ex-president": no words of the topic.
  const topical = words.filter((w) => !functionPart(question, w));
  // A follow-up's topic is the previous question's, which was already judged.
  const decided: { answers: boolean; reason?: Ranking['reason']; unknownWords: string[] } = followUp
    ? { answers: results.length > 0, unknownWords: [] as string[], ...(results.length > 0 ? {} : { reason: 'unknown-words' as const }) }
    : decide(topical.filter((w) => w.proper || !afterHow(question, w)), withSourceTerms(index, words, matchedQueryTerms), corrections, synonyms, results.length > 0, conditionOf(index, question, read.tagged));
  const interpreted = interpretation(index, question, words, corrections, followUp ? previous : undefined);
  // Words the corpus has may still be missing where the answer would be.
  const termsOf = (w: TopicWord) => [...w.terms, ...(corrections.get(w.terms[0] ?? '') ?? []), ...(synonyms.get(w) ?? [])];
  const { missing, grounded } = decided.answers && !followUp ? ungrounded(index, topical, weights, scored, termsOf) : { missing: [] };
  // The passage holding the question's names goes first, scored as the best was.
  if (grounded !== undefined) scored.unshift({ ...scored.splice(grounded, 1)[0]!, score: scored[0]!.score });
  let namedNext = false;
  if (wanted?.type === 'PERSON') {
    withSpeakerNamed(index, scored);
    if (asksAuthor(question)) withAuthorFirst(index, scored);
    else namedNext = withNamedNext(index, question, scored, verbTerms(index, read.tagged));
  }
  // A question asking for a rare, precise kind of answer (a duration, a number) that none
  // of the closest passages holds: they are on its topic, but do not say.
  // Likewise a question that plainly asks for a kind of time ("what year", "when did")
  // that none of them gives (see asked-time.ts). A passage reporting the past event asked
  // about (it holds the question's verb: "the council approved the budget") is dated by
  // its article, whatever it writes; not one telling of it in the future ("will resume").
  let offTopic = decided.answers && !followUp ? offTopicPassages(index, topical, scored.slice(0, GROUNDING_PASSAGES), termsOf) : new Set<number>();
  let closest = scored.slice(0, GROUNDING_PASSAGES);
  const past = askedInPast(question);
  // Asked in the past, a passage telling of the event only as still to come ("The board
  // will hire drivers next year") gives no time for it, whatever times it writes; and once
  // one of the closest does, only a passage reporting the event dates it (another
  // passage's times are of other events).
  const tenses = new Map<(typeof closest)[number], ReturnType<typeof eventTense>>();
  const tense = (s: (typeof closest)[number]) => {
    if (!past || wanted?.time === undefined) return 'none';
    let told = tenses.get(s);
    if (told === undefined) tenses.set(s, (told = eventTense(index, s, eventTerms, eventNouns)));
    return told;
  };
  // Of the best passage as retrieved, before the reorder below moves one giving a time
  // ahead of it: that the closest match tells of the event as still to come holds after it.
  const toComeNear = closest[0] !== undefined && tense(closest[0]) === 'future';
  const timeFrom = (s: (typeof closest)[number]) => (toComeNear ? tense(s) === 'reported' : tense(s) !== 'future');
  const timeGiven = (s: (typeof closest)[number], asked: TimeAsked) => {
    const told = tense(s);
    // Without the question's nouns, a passage holding its verb reports some other event: it dates this one only where the best passage does not tell of it as to come.
    // A lede telling of the event only as to come or asked for is not dated by its article.
    return told === 'reported' || (told === 'other' && !toComeNear) || (timeFrom(s) && givesTimeIn(index, s, asked, told !== 'pending', read.clause));
  };
  // Asked for a kind of time, a passage among the closest three that writes it plainly
  // (asked-time.ts's writesTimePlainly: a date, a year or a century for "when did", a
  // clock time for "what time"; a lede's "today" is its article's date) moves up, one place at a time, past passages that write no time at
  // all: a passage on the topic that gives no time does not say when ("On what day did
  // Blinken urge reforms in a call with Pashinyan?" is answered by the lede "Blinken spoke
  // with Pashinyan today", not by "The Secretary urged continued democratic reforms"). It
  // stops at a passage writing any time, even a coarser one ("later this month" for "what
  // day"), which may be all the articles say while the other's date is of another event;
  // and at one reporting the past event asked about, which its article dates (unless it
  // is that article's lede, dated alike: "spoke today" before "urged reforms"). A duration
  // ("searched for three hours") or a word of time ("since the Depression era") moves
  // nothing. Asked of the future ("On what date will the talks resume?"), a date tells
  // of the event only in a passage holding the question's verb: any other is of some
  // other event ("collapsed on January 14"), and a lede's is its article's. Measured with `npm run
  // eval`: public hit@1 5,353 -> 5,358 of 7,595; one more first on news-b and news-c each;
  // news and the bundled questions as before. Cost: the times of the closest three read
  // (the tenses memoized, as the refusal below reads them), and their articles' names
  // checked again when the order changes.
  const tellsOfEvent = (s: (typeof closest)[number]) => past || eventTerms.size === 0 || [...s.matchedTerms].some((t) => eventTerms.has(t));
  if (decided.answers && !followUp && missing.length === 0 && wanted?.time !== undefined) {
    const asked = wanted.time;
    const writesTime = closest.map((s, n) => !offTopic.has(n) && timeFrom(s) && tellsOfEvent(s) && writesTimeIn(index, s, asked, read.clause));
    const untimed = closest.map((s, n) => !writesTime[n] && !givesTimeIn(index, s, 'EVENT', false, read.clause));
    // A passage reporting the event is passed only by its article's lede, whose date it shares.
    const passes = (mover: number, passed: number) => {
      if (!writesTime[mover] || !untimed[passed]) return false;
      const [a, b] = [closest[mover]!, closest[passed]!];
      return tense(b) !== 'reported' || (a.document === b.document && a.sentence === ledeOf(a.document));
    };
    const order = [...closest.keys()];
    for (let i = 1; i < order.length; i++) {
      for (let at = i; at > 0 && passes(order[at]!, order[at - 1]!); at--) [order[at - 1], order[at]] = [order[at]!, order[at - 1]!];
    }
    if (order.some((n, i) => n !== i)) {
      // Best first by score as by place: each place keeps its score.
      const moved = order.map((n, i) => {
        const passage = { ...closest[n]!, score: closest[i]!.score };
        const told = tenses.get(closest[n]!);
        if (told !== undefined) tenses.set(passage, told);
        return passage;
      });
      scored.splice(0, closest.length, ...moved);
      closest = scored.slice(0, GROUNDING_PASSAGES);
      offTopic = offTopicPassages(index, topical, closest, termsOf);
    }
  }
  const noSpan =
    decided.answers &&
    !followUp &&
    wanted !== undefined &&
    (STRICT_TYPES.has(wanted.type) ? !closest.some((s, n) => s.fits && !offTopic.has(n)) : wanted.time !== undefined && !closest.some((s, n) => !offTopic.has(n) && timeGiven(s, wanted.time!)));
  const decision: typeof decided =
    missing.length > 0 ? { answers: false, reason: 'not-in-passage', unknownWords: missing } : noSpan ? { answers: false, reason: 'no-span', unknownWords: [] } : decided;
  const onlyToCome = decision.reason === 'no-span' && toComeNear;
  // The passages short answers are read from (answer.ts: the first three) that give no time
  // for the event (above): no short answer from them.
  // Asked of the future, once the closest passage tells of the event (holds the
  // question's verb), a passage that does not gives the time of another.
  const futureNear = !past && wanted?.time !== undefined && eventTerms.size > 0 && scored[0] !== undefined && [...scored[0].matchedTerms].some((t) => eventTerms.has(t));
  const toCome =
    wanted?.time !== undefined && decision.answers && (past || futureNear)
      ? scored.slice(0, Math.min(limit, 3)).flatMap((s, n) => ((past ? timeFrom(s) : tellsOfEvent(s)) ? [] : [n]))
      : [];

  return {
    sentences: scored.slice(0, limit).map(({ fits: _, coverage: __, ...sentence }) => sentence),
    answers: decision.answers,
    ...(decision.reason ? { reason: decision.reason } : {}),
    ...(onlyToCome ? { onlyToCome } : {}),
    ...(toCome.length > 0 ? { toCome: new Set(toCome) } : {}),
    ...(offTopic.size > 0 ? { offTopic } : {}),
    ...(namedNext ? { namedNext } : {}),
    unknownWords: decision.unknownWords,
    wanted,
    queryTerms: weights,
    ...(interpreted ? { interpreted } : {}),
    conversation,
  };
}

/**
 * "Who said ...?" matched by a quotation whose speaker is named elsewhere ("..., Motegi
 * said after the meeting", or a paragraph before): the sentence that first names the
 * speaker in full becomes the second passage, so that the answer and its evidence are
 * among the passages. Cost: one pass over the article's sentences.
 */
function withSpeakerNamed<T extends SentenceRef & { readonly score: number; readonly matchedTerms: ReadonlySet<string> }>(index: SentenceIndex, ranked: T[]): void {
  const top = ranked[0];
  if (!top) return;
  const speaker = index.entities(top.document).speaker(top.sentence);
  const { text, sentences } = top.document;
  const say = (n: number) => (sentences[n] ? text.slice(sentences[n].start, sentences[n].end) : '');
  if (!speaker || say(top.sentence).includes(writtenSurname(speaker))) return;
  const naming = sentences.findIndex((_, n) => say(n).includes(speaker.name));
  if (naming < 0 || naming === top.sentence) return;
  placeSentence(ranked, naming, 1);
}

/**
 * Puts sentence `sentence` of the best passage's article at `place` (0 or 1) among
 * `ranked`, taking the score of the passage there (taken out from further down, or added
 * unretrieved, with no matched terms); left as it is when already there, or, for place 1,
 * already first.
 */
function placeSentence<T extends SentenceRef & { readonly score: number; readonly matchedTerms: ReadonlySet<string> }>(ranked: T[], sentence: number, place: 0 | 1): void {
  const top = ranked[0]!;
  const at = ranked.findIndex((r) => r.document === top.document && r.sentence === sentence);
  if (at === place || (place === 1 && at === 0)) return;
  const score = ranked[place]?.score ?? top.score;
  const moved = at >= 0 ? ranked.splice(at, 1)[0]! : ({ ...top, sentence, matchedTerms: new Set<string>() } as T);
  ranked.splice(place, 0, { ...moved, score });
}

/** The terms of the question's verbs, as tagged. */
function verbTerms(index: SentenceIndex, tagged: readonly NlpToken[]): ReadonlySet<string> {
  return new Set(tagged.filter((t) => t.pos === 'VERB').flatMap((t) => index.analyzer.terms(t.text).map((term) => term.term)));
}

/** Words that open a description of someone by role: "The head of ...", "Its chairman", "Gambia's leader". */
const ROLE_OPENING = new Set(['the', 'its', 'their', 'his', 'her']);
/** Most words before the role's noun: "The country's new finance minister". */
const ROLE_OPENING_WORDS = 6;

/**
 * Whether a sentence opens with someone described by role, as its subject: "The head of
 * the commission has rejected ...", "Its new chairman said ...": a determiner or possessive,
 * then within a few words, before any verb, a noun naming a person (WordNet's people) or
 * written as a verb of the question (`verbs`: "heads" of "Who heads ...?").
 */
function opensWithRole(index: SentenceIndex, passage: SentenceRef, verbs: ReadonlySet<string>): boolean {
  const span = passage.document.sentences[passage.sentence];
  if (!span) return false;
  const tokens = index.entities(passage.document).tokensIn(span.start, Math.min(span.end, span.start + MAX_TAGGED_LENGTH));
  const first = tokens[0];
  if (!first || !(ROLE_OPENING.has(first.text.toLowerCase()) || tokens[1]?.lemma === "'s")) return false;
  const isPerson = personNouns(index);
  for (const token of tokens.slice(1, ROLE_OPENING_WORDS + 1)) {
    if (token.pos === 'VERB' || token.pos === 'AUX') return false;
    // Or the noun of the question's verb ("the head of" for "Who heads ...?": "head" names a person in a rarer sense).
    if (token.pos === 'NOUN' && (isPerson(token.lemma) || index.analyzer.terms(token.text).some((t) => verbs.has(t.term)))) return true;
  }
  return false;
}

/** The people sentence `n` of `document` names by name (not by role alone). */
function namedPeople(index: SentenceIndex, document: CorpusDocument, n: number): Entity[] {
  const span = document.sentences[n];
  return span ? index.entities(document).entitiesIn(span.start, span.end).filter((e) => e.type === 'PERSON' && !e.role) : [];
}

/**
 * "Who heads the election commission?" matched by a sentence naming the person only by role
 * ("The head of Gambia's election commission has rejected the criticism.") when the next
 * sentence opens with a name ("Mustapha Carayol told VOA ..."): that sentence becomes the
 * first passage, the one matched second and the context before it (it gives the short
 * answer, see answer.ts). Only when the best passage
 * opens with a person described by role (see opensWithRole) and names no person the
 * question does not. Whether it did.
 */
function withNamedNext<T extends SentenceRef & { readonly score: number; readonly matchedTerms: ReadonlySet<string> }>(index: SentenceIndex, question: string, ranked: T[], verbs: ReadonlySet<string>): boolean {
  const top = ranked[0];
  if (!top) return false;
  const { text, sentences } = top.document;
  const asked = question.toLowerCase();
  const people = (n: number) => namedPeople(index, top.document, n).filter((e) => !asked.includes(text.slice(e.start, e.end).toLowerCase()));
  if (people(top.sentence).length > 0 || !opensWithRole(index, top, verbs)) return false;
  const next = top.sentence + 1;
  const opening = people(next)[0];
  if (opening === undefined || !/^[\s"“‘'(]*$/u.test(text.slice(sentences[next]!.start, opening.start))) return false;
  placeSentence(ranked, next, 0);
  return true;
}

/** What a press office puts out, named in a question asking who put it out. */
const STATEMENT_NOUN = /\b(?:statements?|readouts?|releases?|remarks|announcements?|communiqu[eé]s?)\b/iu;
/** Verbs of putting a statement out ("signed", "issued", "put out", "is attributable to"). */
const AUTHORSHIP_VERB = /\b(?:sign(?:s|ed)?|issu(?:e|es|ed)|releas(?:e|es|ed)|put(?:s)?\s+out|gave|giv(?:e|es|en)|deliver(?:s|ed)?|wr(?:ote|ite|ites|itten)|authored|attribut(?:ed|able))\b/iu;

/** Whether a text tells of a statement put out: a statement's noun and a verb of putting it out. */
function tellsOfStatement(text: string): boolean {
  return STATEMENT_NOUN.test(text) && AUTHORSHIP_VERB.test(text);
}

/** Whether a question asks who put out a statement ("Who signed the statement ...?", "Which spokesperson gave the readout ...?"). */
export function asksAuthor(question: string): boolean {
  return tellsOfStatement(question);
}

/**
 * The sentence of a statement that says whose it is: a line before the text naming a person
 * ("The following is attributable to Spokesperson Ned Price:"), else a closing line that is
 * a name and a title alone ("Antony J. Blinken, Secretary of State"); undefined when it has neither.
 */
export function authorLine(index: SentenceIndex, document: CorpusDocument): number | undefined {
  const { text, sentences } = document;
  const people = (n: number) => namedPeople(index, document, n);
  const lede = ledeOf(document);
  for (let n = 1; n < lede; n++) if (people(n).length > 0) return n;
  const last = sentences.length - 1;
  const signed = people(last)[0];
  if (last <= lede || signed === undefined || signed.start !== sentences[last]!.start) return undefined;
  return /^(?:,\s*\p{Lu}[\p{L}\p{M}.'’ -]*)?$/u.test(text.slice(signed.end, sentences[last]!.end).trim()) ? last : undefined;
}

/**
 * "Who signed the statement ...?", "Which spokesperson put out the readout ...?": the line
 * of the best passage's article that says whose it is (see authorLine) goes first, scored
 * as the best was, and the best passage second, unless that passage itself tells of a
 * statement put out by a person it names. The article's words tell which statement it is;
 * only that line tells who put it out. Cost: the entities of the article's opening
 * lines and last sentence.
 */
function withAuthorFirst<T extends SentenceRef & { readonly score: number; readonly matchedTerms: ReadonlySet<string> }>(index: SentenceIndex, ranked: T[]): void {
  const top = ranked[0];
  if (!top) return;
  const line = authorLine(index, top.document);
  if (line === undefined || line === top.sentence) return;
  // A passage telling of a statement and naming a person says whose ("The ambassador
  // issued a statement condemning the attack"): not the article's own.
  const span = top.document.sentences[top.sentence]!;
  const told = top.document.text.slice(span.start, span.end);
  if (tellsOfStatement(told) && index.entities(top.document).entitiesIn(span.start, span.end).some((e) => e.type === 'PERSON')) return;
  placeSentence(ranked, line, 0);
}

/** Whether a passage gives the kind of time asked, besides the question's own words (see asked-time.ts). */
function givesTimeIn(index: SentenceIndex, passage: SentenceRef & { readonly matchedTerms: ReadonlySet<string> }, asked: TimeAsked, datedLede = true, clause: ReadonlySet<string> = new Set()): boolean {
  const span = passage.document.sentences[passage.sentence];
  if (!span) return false;
  const entities = index.entities(passage.document).entitiesIn(span.start, span.end);
  return givesTime(asked, passage.document.text, span.start, span.end, entities, timeMatched(index, passage, entities, clause), datedLede && passage.sentence === ledeOf(passage.document));
}

/** Whether a passage writes the kind of time asked in so many words, besides the question's own words (see asked-time.ts). */
function writesTimeIn(index: SentenceIndex, passage: SentenceRef & { readonly matchedTerms: ReadonlySet<string> }, asked: TimeAsked, clause: ReadonlySet<string> = new Set()): boolean {
  const span = passage.document.sentences[passage.sentence];
  if (!span) return false;
  const entities = index.entities(passage.document).entitiesIn(span.start, span.end);
  return writesTimePlainly(asked, passage.document.text, span.start, span.end, entities, timeMatched(index, passage, entities, clause));
}

/** What a time may follow and still be the time of the word before it: "meeting April 6", "meeting on April 6", "talks scheduled for May". */
const DATES_WORD = /^[\s,]*(?:(?:on|in|at|for|of|scheduled|planned|set|due|held|slated)\s+){0,2}$/iu;

/**
 * The question's words in a passage, which give no time of their own, and the times that
 * date a word of the question's condition clause ("the Armenian leader's meeting" of "On
 * which day did Blinken call Pashinyan shortly before the meeting?" in "their planned
 * meeting April 6"): the condition's time, not the event's.
 */
function timeMatched(index: SentenceIndex, passage: SentenceRef & { readonly matchedTerms: ReadonlySet<string> }, entities: readonly Entity[], clause: ReadonlySet<string>): Array<[number, number]> {
  const matched = matchedSpans(index, passage, passage.matchedTerms);
  if (clause.size === 0) return matched;
  const conditions = matchedSpans(index, passage, new Set([...passage.matchedTerms].filter((t) => clause.has(t))), true);
  const { text } = passage.document;
  const dating = entities.filter((e) => (e.type === 'DATE' || e.type === 'TIME') && conditions.some(([, end]) => end <= e.start && DATES_WORD.test(text.slice(end, e.start))));
  return dating.length === 0 ? matched : [...matched, ...dating.map((e): [number, number] => [e.start, e.end])];
}

/**
 * The sentence that opens an article's body, after its headline (sentence 0) and any line
 * introducing the text ("The below is attributable to Spokesperson Ned Price:").
 */
export function ledeOf(document: SentenceRef['document']): number {
  const { text, sentences } = document;
  let n = 1;
  while (n < sentences.length - 1 && /:\s*$/u.test(text.slice(sentences[n]!.start, sentences[n]!.end))) n++;
  return n;
}

/**
 * How a passage tells of the event a question asks about: 'future' when it holds the
 * question's verbs (`eventTerms`) only plainly put in the future ("will resume", "is
 * expected to resume"; tense.ts); 'reported' when it holds one not put in the future by an
 * auxiliary and all of the question's common nouns (`nouns`), 'other' when it lacks one of
 * them (it may tell of another event: "The council hired 300 engineers." for "When did the
 * council hire drivers?"); 'pending' when each is only what another verb asks for, wants or
 * plans ("urged the guard to release him": not dated by the article either); 'none'
 * otherwise. Cost: a tagging of at most WINDOW_BEFORE
 * characters for each of the first {@link EVENT_SPANS_READ} occurrences of its verbs, the
 * only ones read.
 */
function eventTense(index: SentenceIndex, passage: SentenceRef & { readonly matchedTerms: ReadonlySet<string> }, eventTerms: ReadonlySet<string>, nouns: ReadonlySet<string>): 'reported' | 'other' | 'future' | 'pending' | 'none' {
  const terms = new Set([...passage.matchedTerms].filter((t) => eventTerms.has(t)));
  const span = passage.document.sentences[passage.sentence];
  if (terms.size === 0 || !span) return 'none';
  // Its first few: each costs a tagging, and a sentence may repeat a verb a hundred times.
  const spans = matchedSpans(index, passage, terms).slice(0, EVENT_SPANS_READ);
  if (spans.length === 0) return 'none';
  const readings = spans.map(([start, end]) => auxiliaryFuture(passage.document.text, span, { start, end }));
  if (readings.every((r) => r.plainly)) return 'future';
  if (readings.every((r) => r.future)) return readings.every((r) => r.wanted) ? 'pending' : 'none';
  return [...nouns].every((noun) => passage.matchedTerms.has(noun)) ? 'reported' : 'other';
}

/** Moves the items that pass `test` before those that do not, each group in its order. */
function stablePartition<T>(items: T[], test: (item: T) => boolean): void {
  const sorted = [...items.filter(test), ...items.filter((item) => !test(item))];
  sorted.forEach((item, i) => (items[i] = item));
}

/** A question as read: its words and terms, what it wants, and the sentences retrieved for it. */
interface ReadQuestion {
  readonly question: string;
  readonly analyzed: readonly Term[];
  readonly words: readonly TopicWord[];
  readonly weights: Map<string, number>;
  readonly synonyms: ReadonlyMap<TopicWord, readonly string[]>;
  readonly corrections: ReadonlyMap<string, readonly string[]>;
  readonly followUp: boolean;
  readonly carried: readonly string[];
  readonly own: readonly string[];
  readonly results: readonly RetrievedSentence[];
  readonly wanted: Wanted | undefined;
  /** Terms of the question's verbs ("sign" of "When did the RSF sign ..."): the event it asks about; empty unless it asks for a kind of time. */
  readonly eventTerms: ReadonlySet<string>;
  /** Terms of the question's common nouns that the corpus has, read with eventTerms. */
  readonly eventNouns: ReadonlySet<string>;
  /** The question's words with their parts of speech (its first MAX_TAGGED_LENGTH characters). */
  readonly tagged: readonly NlpToken[];
  /** The terms only of the clause setting the question's time or condition (see clauseTerms). */
  readonly clause: ReadonlySet<string>;
}

function readQuestion(index: SentenceIndex, question: string, previous?: Conversation): ReadQuestion {
  const cue = answerCue(question);
  const cueWords = cueSpans(question, cue);
  const tagged = tag(taggedPart(question)).tokens;
  const analyzed = [...index.analyzer.terms(question), ...lemmaAliases(tagged), ...questionDateTerms(question)]
    .filter((t) => !cueWords.some(([s, e]) => t.start >= s && t.end <= e))
    .sort((a, b) => a.start - b.start || Number(a.alias) - Number(b.alias));
  const { thesaurus } = index;
  const allWords = topicWords(question, analyzed, thesaurus && ((word) => thesaurus.isCommonNoun(word)));

  // The question's terms, weighted, with a conversation's carried over, and the sentences they retrieve.
  const search = (terms: readonly Term[], words: readonly TopicWord[]) => {
    const { weights, synonyms, corrections, clause } = queryTerms(index, question, terms, words);
    const own = [...weights.keys()];
    const knownWords = words.filter((w) => w.terms.some((t) => index.has(t)));
    const questionWords = question.toLowerCase().match(/\p{L}+/gu) ?? [];
    const followUp = previous !== undefined && knownWords.length < 2 && questionWords.some((w) => ANAPHORS.has(w));
    // The clause setting the question's time or condition says which event it is about,
    // which a news article names in its lede and the sentence answering seldom repeats: its
    // terms weigh less. Not in a follow-up, whose clause may be all it adds to the terms it
    // carries ("What did he say after the floods?").
    if (!followUp) {
      for (const term of clause) {
        const weight = weights.get(term);
        if (weight !== undefined) weights.set(term, weight * clauseWeight);
      }
    }
    let carried: string[] = [];
    if (previous && followUp) {
      // A conversation made elsewhere (a library caller's) is held to the same bound.
      const earlier = [...previous.terms].slice(-MAX_CONVERSATION_TERMS);
      for (const [term, weight] of earlier) weights.set(term, Math.max(weights.get(term) ?? 0, weight * FOLLOW_UP_WEIGHT));
      carried = earlier.map(([term]) => term);
    }
    // The retriever bounds the work of one question (its rarest terms are searched; see
    // retrieval.ts). Every term the corpus has is evidence, searched or not.
    const results = index.retriever.retrieve(weights, RERANK_DEPTH);
    return { analyzed: terms, words, weights, synonyms, corrections, own, followUp, carried, results, clause: followUp ? new Set<string>() : clause };
  };

  // "What titles does Burhan hold?" asks for a person's titles: "titles" and "hold" only say
  // so, and an article that writes the titles need not write those words. They are left
  // out of the search, and put back (a second search) when the question names no person
  // the sentences found know: "What is the title of the report?" asks for a title.
  const role = roleAsked(question);
  const outside = (t: { start: number; end: number }) => !role?.asked.some(([s, e]) => t.start >= s && t.end <= e);
  let searched = role ? search(analyzed.filter(outside), allWords.filter(outside)) : search(analyzed, allWords);
  let answerType = refineType(cue?.type, question, searched.words, index, searched.results, role, searched.carried);
  if (role && answerType !== 'ROLE') {
    searched = search(analyzed, allWords);
    answerType = refineType(cue?.type, question, searched.words, index, searched.results, undefined, searched.carried);
  }
  const { words, weights, synonyms, corrections, own, followUp, carried, results } = searched;
  const focus = answerType === 'ROLE' && role ? 'held' : answerType && cue ? focusOf(answerType, tagged, cue, thesaurus && ((word) => thesaurus.isVerb(word))) : undefined;
  const time = answerType === 'DATE' ? timeAsked(question) : undefined;
  // "What is the price of a ticket?" counts money, as "how much did it cost?" does; "What was the value of trade?" an amount.
  const counted = answerType === 'NUMBER' && cue ? (countedNoun(tagged, cue, (word) => index.analyzer.lexicon.demonyms.has(normalizeWord(word))) ?? amountAsked(question, cue) ?? shareAsked(question, cue)) : undefined;
  // As the question writes it too: an article writing "children" holds the question's word, not its lemma.
  const countedAs = counted && cue ? tagged.find((t) => t.start >= cue.start && t.lemma === counted)?.text.toLowerCase() : undefined;
  const measured = answerType === 'NUMBER' && cue ? quantityAsked(question, cue) : undefined;
  const action = answerType === 'OBJECT' && ACTION_ASKED.test(question);
  const organization = answerType === 'THING' && focus !== undefined && thesaurus !== undefined && namesOrganization(thesaurus, focus);
  const wanted: Wanted | undefined = answerType && { type: answerType, ...(focus ? { focus } : {}), ...(time ? { time } : {}), ...(counted ? { counted } : {}), ...(countedAs && countedAs !== counted ? { countedAs } : {}), ...(measured ? { measured } : {}), ...(action ? { action } : {}), ...(organization ? { organization } : {}) };
  // Read only for a question asking for a kind of time, the one use of it.
  // Not a word written with a capital inside the question, which names someone ("Minister
  // Ward", which the tagger may read as a verb).
  const eventTerms = new Set(
    time === undefined ? [] : tagged.filter((t, n) => t.pos === 'VERB' && !(n > 0 && /^\p{Lu}/u.test(t.text))).flatMap((t) => [...index.analyzer.terms(t.text).filter((term) => !term.alias).map((term) => term.term), lemmaTerm(t.lemma) ?? '']).filter((term) => term !== ''),
  );
  // And the common nouns around those verbs ("council", "drivers"): a passage reports the
  // event only with them ("The council hired 300 engineers." is not "the council hire drivers").
  const eventNouns = new Set(
    time === undefined ? [] : tagged.filter((t) => t.pos === 'NOUN' && !cueWords.some(([s, e]) => t.start >= s && t.end <= e)).flatMap((t) => index.analyzer.terms(t.text).filter((term) => !term.alias && index.has(term.term)).map((term) => term.term)),
  );
  return { question, analyzed: searched.analyzed, words, weights, synonyms, corrections, followUp, carried, own, results, wanted, eventTerms, eventNouns, tagged, clause: searched.clause };
}

/**
 * The terms a conversation carries on: the last {@link MAX_CONVERSATION_TERMS} of those
 * carried over from before and then the question's own (a term asked again is as recent
 * as its last asking), with the weights they were searched with. Bounded, so that a
 * follow-up costs no more however long the conversation has gone on.
 */
function carriedTerms(weights: ReadonlyMap<string, number>, carried: Iterable<string>, own: Iterable<string>): Map<string, number> {
  const order = new Set<string>();
  for (const term of [...carried, ...own]) {
    order.delete(term);
    order.add(term);
  }
  return new Map([...order].slice(-MAX_CONVERSATION_TERMS).map((term) => [term, weights.get(term) ?? 0]));
}

/** A word of three letters or more written in lower case after the question's first: the question is not in title case. */
const LOWER_CASE_WORD = /\s\p{Ll}\p{L}{2}/u;

/** The adjective after an opening "how": "How deep ...", "How tall ...". */
const HOW_MEASURE = /^\s*how\s+(\p{L}{2,20})(?!\p{L})/iu;

/**
 * The weight of the terms of the clause setting a question's time or condition, relative
 * to the others' (see clauseTerms): fitted by `npm run fit:clause` (scripts/fit-clause.ts) on the news-style
 * question sets, cross-validated by set, and committed as clause.json. SQuAD cannot fit
 * it: its questions were written looking at the answer's sentence, and copy the clause
 * from it.
 */
let clauseWeight = checkedClauseWeight(clauseData.weight, 'src/core/clause.json: "weight"');

function checkedClauseWeight(weight: unknown, what: string): number {
  if (typeof weight !== 'number' || !(weight > 0 && weight <= 1)) throw new Error(`${what} must be a number in (0, 1], not ${JSON.stringify(weight)}`);
  return weight;
}

/** Runs `run` with the clause weight `weight` (for fitting it), then restores the committed one. */
export function withClauseWeight<T>(weight: number, run: () => T): T {
  const committed = clauseWeight;
  clauseWeight = checkedClauseWeight(weight, 'a clause weight');
  try {
    return run();
  } finally {
    clauseWeight = committed;
  }
}

/**
 * The terms that come only from the clause setting the question's time or condition ("when
 * he phoned Pashinyan in April"): its words, their aliases, and the synonyms and
 * corrections looked up for them; not a term the rest of the question gives too. Empty
 * without such a clause, or when it weighs as much as the rest (see clauseWeight).
 */
function clauseTerms(
  question: string,
  analyzed: readonly Term[],
  words: readonly TopicWord[],
  synonyms: ReadonlyMap<TopicWord, readonly string[]>,
  corrections: ReadonlyMap<string, readonly string[]>,
): ReadonlySet<string> {
  const clauses = clauseWeight < 1 ? conditionSpans(question) : [];
  if (clauses.length === 0) return new Set();
  const from = (inClause: boolean) => {
    const terms = new Set<string>();
    for (const t of analyzed) if (inClauses(clauses, t.start) === inClause) terms.add(t.term);
    for (const w of words) {
      if (inClauses(clauses, w.start) !== inClause) continue;
      for (const term of [...(synonyms.get(w) ?? []), ...(corrections.get(w.terms[0] ?? '') ?? [])]) terms.add(term);
    }
    return terms;
  };
  const outside = from(false);
  return new Set([...from(true)].filter((term) => !outside.has(term)));
}

/**
 * The weighted terms a question is searched with: its words and aliases, synonyms from the
 * thesaurus, and corrections of typos. Also says which words were found only through a
 * synonym or a correction, which counts as weaker evidence, and which terms come only from
 * the clause setting its time or condition (see clauseTerms).
 */
function queryTerms(index: SentenceIndex, question: string, analyzed: readonly Term[], words: readonly TopicWord[]) {
  const weights = new Map<string, number>();
  const addTerm = (term: string, weight: number) => weights.set(term, Math.max(weights.get(term) ?? 0, weight));
  // A phrase with an alias ("the Second World War" -> ww2) counts mainly as that alias, so
  // a sentence writing "WWII" is not outranked by one that merely shares "world" and "war".
  const phrases = analyzed.filter((t) => t.alias && question.slice(t.start, t.end).trim().includes(' '));
  for (const t of analyzed) {
    const inPhrase = !t.alias && phrases.some((p) => p.start <= t.start && t.end <= p.end);
    addTerm(t.term, t.alias ? (phrases.includes(t) ? 1 : ALIAS_WEIGHT) : inPhrase ? PHRASE_WORD_WEIGHT : 1);
  }
  // Synonyms from the thesaurus, where the corpus has them ("pact" -> treaty).
  const synonyms = new Map<TopicWord, string[]>();
  // Only for words the corpus lacks (a word it has is better matched as itself), and only
  // for the first few: each costs a lookup, and a question with more unknown words than
  // that is declined anyway. Words past MAX_WORD_LENGTH are no English word, and a typo
  // search costs a row of their length at each node of the word tree it visits.
  const lookable = words.filter((w) => normalizeWord(w.text).length <= MAX_WORD_LENGTH);
  const unknownWords = lookable.filter((w) => !w.terms.some((t) => index.has(t))).slice(0, MAX_WORDS_LOOKED_UP);
  for (const word of unknownWords) {
    // And its derived forms: "searchers" is answered by "search crews".
    // Failing its commonest senses, a rarer one that is the commonest of a word the corpus
    // has: "exited" for "leaving".
    let found = synonymTerms(index, word.text, { related: true });
    if (found.length === 0) found = synonymTerms(index, word.text, { either: true });
    if (found.length === 0) continue;
    synonyms.set(word, found);
    for (const term of found) addTerm(term, SYNONYM_WEIGHT);
  }
  // A word the corpus has may still be written otherwise elsewhere ("negotiation" for
  // "talks"): its commonest sense's synonyms, at a weight well below the word's own.
  // Names are left to the lexicon: WordNet's "Russia" is also the USSR.
  for (const word of lookable.filter((w) => !unknownWords.includes(w) && !/^\p{Lu}/u.test(w.text)).slice(0, MAX_WORDS_LOOKED_UP)) {
    for (const term of synonymTerms(index, word.text, { senses: 1, exact: true })) addTerm(term, KNOWN_SYNONYM_WEIGHT);
  }
  // "How deep was the quake?" asks its depth, which an article may give in that word ("at a
  // depth of 594 kilometers"): the nouns the adjective after "how" is a value of. Not for
  // "how long", which mostly asks a length of time (the DURATION cue), nor "how many / much".
  const measure = HOW_MEASURE.exec(question)?.[1];
  if (measure && index.thesaurus && !/^(?:many|much|often|long)$/i.test(measure)) {
    for (const noun of index.thesaurus.attributes(normalizeWord(measure))) {
      const terms = index.analyzer.terms(noun).filter((t) => !t.alias).map((t) => t.term);
      if (terms.length === 1 && index.isWord(terms[0]!)) addTerm(terms[0]!, SYNONYM_WEIGHT);
    }
  }
  // Typos: a word that is neither in the corpus nor in the dictionary is read as the
  // corpus words it is one slip from.
  const corrections = new Map<string, string[]>();
  let attempts = 0;
  let nameLookups = 0;
  for (const word of unknownWords) {
    const own = word.terms[0];
    if (!own) continue;
    // A given name the articles write otherwise, before a surname they know ("Sunita
    // Williams" for "Suni Williams", "Mahamadou Issoufou" for "Mohamed Issoufou").
    const variants = word.proper && nameLookups < MAX_NAME_LOOKUPS ? givenNameVariants(index, question, word, words) : undefined;
    if (variants !== undefined) nameLookups++;
    if (variants !== undefined && variants.length > 0) {
      corrections.set(own, variants);
      for (const term of variants) addTerm(term, TYPO_WEIGHT);
      continue;
    }
    const written = normalizeWord(word.text);
    // A dictionary word is no typo, except when it is capitalized as a name the articles
    // never write, one slip from a name they do ("Jimmy Buffet" for "Buffett"): then it is
    // read as that name, and only as a name (a capitalized word the dictionary lacks).
    // Not in a question written in title case ("Who Won The Final"), whose capitals say nothing.
    const dictionaryWord = index.thesaurus?.has(written) === true;
    if (dictionaryWord && (!word.proper || !LOWER_CASE_WORD.test(question))) continue;
    if (attempts++ === MAX_WORDS_CORRECTED) break;
    countWork('fuzzy', own.length);
    const asName = (term: string) => {
      const surface = index.surface(term);
      return surface !== undefined && /^\p{Lu}/u.test(surface) && index.thesaurus?.has(normalizeWord(surface)) !== true;
    };
    let fixed = corrected(index, own).filter((term) => !dictionaryWord || asName(term));
    // Else the word as written, within the same number of walks: its stem may lose what
    // the corpus's word keeps ("Caucasas" stems to "caucasa", two slips from "caucasus",
    // one as written).
    if (fixed.length === 0 && written !== own && written.length <= MAX_WORD_LENGTH && attempts < MAX_WORDS_CORRECTED) {
      attempts++;
      countWork('fuzzy', written.length);
      fixed = corrected(index, written).filter((term) => !dictionaryWord || asName(term));
    }
    if (fixed.length === 0) continue;
    corrections.set(own, fixed);
    for (const term of fixed) addTerm(term, TYPO_WEIGHT);
  }

  return { weights, synonyms, corrections, clause: clauseTerms(question, analyzed, words, synonyms, corrections) };
}

/** Articles holding a surname that are read for the given names written before it, and the mentions read in all. */
const MAX_SURNAME_ARTICLES = 20;
const MAX_SURNAME_MENTIONS = 40;
/** Characters of those articles searched for the surname in all (a millisecond's scan). */
export const MAX_SURNAME_SCAN = 1_000_000;
/** Given names of one question looked up so (see givenNameVariants). */
export const MAX_NAME_LOOKUPS = 2;

/**
 * Whether two spellings of a given name may be one name: one the start of the other
 * ("Suni" of "Sunita"), or the same first letter and then the same consonants, at least
 * two ("Mahamadou" and "Mohamed"); not "Sara" and "Serena", "Dan" and "Diane", "Bill" and
 * "Brian".
 */
function sameName(a: string, b: string): boolean {
  if (a.startsWith(b) || b.startsWith(a)) return true;
  const skeleton = (name: string) => name.charAt(0) + name.slice(1).replace(/[aeiouy]/g, '').replace(/(.)\1+/g, '$1');
  const x = skeleton(a);
  return x.length >= 3 && x === skeleton(b);
}

/**
 * The terms of the given names the articles write before the surname that follows `word`
 * in the question, when `word` (a capitalized word the corpus lacks) is a given name: the
 * next word is a name the articles know, and they write it after a capitalized word that
 * may spell the same name (see sameName). A name is spelt many ways (transliterated,
 * shortened: "Mahamadou" / "Mohamed Issoufou", "Sunita" / "Suni Williams"); a different
 * person of that surname ("Hillary" for "Bill Clinton", "Brian" for "Bill Williams") is
 * mostly spelt otherwise, and stays unknown. Reads at most {@link MAX_SURNAME_MENTIONS} mentions, written as the question
 * writes the surname, in at most {@link MAX_SURNAME_ARTICLES} articles of at most
 * {@link MAX_SURNAME_SCAN} characters in all (at most {@link MAX_NAME_LOOKUPS} given names a
 * question are looked up); MiniSearch's index holds only terms rare enough to search (see
 * retrieval.ts's budget), so a common surname finds no article. Undefined when no surname
 * follows, and nothing was looked up.
 */
function givenNameVariants(index: SentenceIndex, question: string, word: TopicWord, words: readonly TopicWord[]): string[] | undefined {
  const next = words.find((w) => w.start >= word.end);
  const surname = next?.terms[0];
  if (!next || !next.proper || surname === undefined || !/^\s+$/u.test(question.slice(word.end, next.start))) return undefined;
  const written = question.slice(next.start, next.end);
  const own = normalizeWord(word.text);
  const found = index.search.search('', { tokenize: () => [surname], processTerm: (term) => term }).slice(0, MAX_SURNAME_ARTICLES);
  const variants = new Set<string>();
  let mentions = 0;
  let scanned = 0;
  for (const { id } of found) {
    const text = index.corpus.documents[id as number]?.text ?? '';
    if (scanned + text.length > MAX_SURNAME_SCAN) break;
    scanned += text.length;
    for (let at = text.indexOf(written); at >= 0 && mentions < MAX_SURNAME_MENTIONS; at = text.indexOf(written, at + written.length)) {
      mentions++;
      if (/^\p{L}/u.test(text.slice(at + written.length, at + written.length + 1))) continue;
      const given = /(?<![\p{L}.'\u2019-])(\p{Lu}\p{Ll}+)\s+$/u.exec(text.slice(Math.max(0, at - 40), at))?.[1];
      if (given === undefined) continue;
      const normalized = normalizeWord(given);
      const term = termOf(normalized);
      if (sameName(normalized, own) && term !== null && term !== surname && index.has(term)) variants.add(term);
    }
    if (mentions >= MAX_SURNAME_MENTIONS) break;
  }
  countWork('names', scanned);
  return [...variants];
}

/**
 * The beginning of a question that is tagged: at most {@link MAX_TAGGED_LENGTH}
 * characters, ending between words. Tagging is the costliest step of analysis per
 * character; a longer question keeps its words, without the dictionary forms of irregular
 * verbs past that point.
 */
function taggedPart(question: string): string {
  const part = question.length <= MAX_TAGGED_LENGTH ? question : question.slice(0, question.lastIndexOf(' ', MAX_TAGGED_LENGTH - 1) + 1 || MAX_TAGGED_LENGTH);
  countWork('tag', part.length);
  return part;
}

/** The dictionary forms of irregular inflections in the question ("met" -> meet), as aliases. */
function lemmaAliases(tokens: readonly NlpToken[]): Term[] {
  const out: Term[] = [];
  for (const token of tokens) {
    if (!/^\p{L}+$/u.test(token.text)) continue;
    const own = termOf(normalizeWord(token.text));
    const lemma = lemmaTerm(token.lemma);
    if (own !== null && lemma !== null && lemma !== own) out.push({ term: lemma, start: token.start, end: token.end, alias: true });
  }
  return out;
}

/** Topic words: one per word term, with the alias terms of the phrase it belongs to. */
function topicWords(question: string, analyzed: readonly Term[], isCommonNoun?: (word: string) => boolean): TopicWord[] {
  const hasLowerCase = /\p{Ll}/u.test(question);
  const firstWordEnd = /^\s*\S+/.exec(question)?.[0].length ?? 0;
  const words: TopicWord[] = [];
  let lookups = 0;
  // Aliases are few beside words (a question may have hundreds of words): each word looks
  // through the aliases, not through every term.
  const aliasTerms = analyzed.filter((a) => a.alias);
  const wordTerms = analyzed.filter((w) => !w.alias);
  for (const t of analyzed) {
    if (!t.alias) {
      const aliases = aliasTerms.filter((a) => a.start <= t.start && t.end <= a.end).map((a) => a.term);
      const text = question.slice(t.start, t.end);
      // An acronym the dictionary knows as a common noun ("CEO", "TV", "GDP") is no name:
      // the articles may write it out ("chief executive", "television"). Each costs a
      // lookup: the first few are looked up, as synonyms are.
      const capitalized = hasLowerCase && t.start >= firstWordEnd && /^\p{Lu}/u.test(text);
      const common = capitalized && /^\p{Lu}+s?$/u.test(text) && lookups++ < MAX_WORDS_LOOKED_UP && isCommonNoun?.(text) === true;
      const proper = capitalized && !common;
      words.push({ text, start: t.start, end: t.end, terms: [t.term, ...aliases], proper });
    } else if (!wordTerms.some((w) => t.start <= w.start && w.end <= t.end)) {
      // An alias whose words are all stop words ("U.S."): the alias is the topic word.
      words.push({ text: question.slice(t.start, t.end), start: t.start, end: t.end, terms: [t.term], proper: false });
    }
  }
  return words;
}

/** A pronoun for a person: a follow-up's title question is about the person asked about before ("What is his title?"). */
const PERSONAL_PRONOUN = /(?<!\p{L})(?:he|she|him|his|her|they|them|their)(?!\p{L})/iu;

/**
 * "Who is Sergey Lavrov?" wants a role, not a person: the person is in the question; so
 * does a question asking a person's title (`role`: "What titles does Burhan hold?"). The
 * person is one the articles of the retrieved sentences know (the person asked about is
 * in them, if anywhere), or a name as the question writes it (capitalized, or in lower
 * case ending in no English word) that the retrieved sentences hold: "Who was Alfred S.
 * Brown?" though no title in the article shows him to be a person.
 */
function refineType(
  type: AnswerType | undefined,
  question: string,
  words: readonly TopicWord[],
  index: SentenceIndex,
  results: readonly RetrievedSentence[],
  role: RoleAsked | undefined,
  carried: readonly string[],
): AnswerType | undefined {
  if (type !== 'PERSON' && !role) return type;
  const documents = new Set(results.map((r) => index.sentence(r.id).document));
  const people = new Set([...documents].flatMap((d) => index.entities(d).people.map((p) => p.term)));
  // The person named at [from, to): known to the articles, or written as a name and found.
  const namedAt = (span: readonly [number, number]): boolean => {
    const from = span[0];
    const to = nameEnd(question, span);
    const nameWords = question.slice(from, to).split(/\s+/u);
    // "the", "of" in lower case, or a possessive: a phrase, not a name ("Theresa May", "Conan O'Brien" are names).
    if (nameWords.some((word) => (/^\p{Ll}/u.test(word) && isStopWord(normalizeWord(word))) || /['’]s$/u.test(word))) return false;
    // The last word of the name (with its "'s" in "What was Swezey's job?").
    const last = words.filter((w) => w.start >= from && w.start < to).at(-1);
    if (last === undefined || last.end < to) return false;
    if (last.terms.some((t) => people.has(t))) return true;
    // Written as a name: not a title ("Who is Prime Minister?", "Who is FIFA President?":
    // English words or acronyms ending in a kind of person; "Batu Khan" is a name) nor a
    // place ("Who is New York?").
    const { thesaurus } = index;
    // Typed in lower case ("who is kenneth swezey"), a name ends in a word that is no English word.
    const lowerName = thesaurus !== undefined && nameWords.every((word) => /^\p{Ll}/u.test(word)) && !thesaurus.has(normalizeWord(nameWords.at(-1) ?? ''));
    const written = (lowerName || nameWords.every((word) => /^\p{Lu}/u.test(word))) && results.some((r) => last.terms.some((t) => r.terms.includes(t)));
    // An acronym ("FIFA", "UN") or a hyphenated word of English parts ("Secretary-General") may stand in a title.
    const english = (word: string): boolean =>
      thesaurus !== undefined && (/^\p{Lu}{2,6}$/u.test(word) || thesaurus.has(normalizeWord(word)) || (word.includes('-') && word.split('-').every((part) => part !== '' && thesaurus.has(normalizeWord(part)))));
    const title = thesaurus !== undefined && thesaurus.isPersonNoun(nameWords.at(-1) ?? '') && nameWords.every(english);
    const place = index.analyzer.lexicon.places.has(nameWords.map(normalizeWord).join(' '));
    return written && !title && !place;
  };
  if (role) {
    const named =
      words.some((w) => w.terms.some((t) => people.has(t))) ||
      (role.name !== undefined && namedAt(role.name)) ||
      // A follow-up asking a title ("What position does she hold?") names the person asked about before.
      (PERSONAL_PRONOUN.test(question) && carried.some((t) => people.has(t)));
    return named ? 'ROLE' : type;
  }
  // "Who is Sergey Lavrov?": the rest of the question is a name. "Who was Kennedy's vice
  // president?" and "Who is the Governor of Victoria?" ask for a person.
  const name = whoIsAsked(question);
  return name && namedAt(name) ? 'ROLE' : type;
}

/** A word that refers back ("these", "he"): one of ANAPHORS, as a whole word, in any case. */
const REFERS_BACK = new RegExp(`(?<!\\p{L})(?:${[...ANAPHORS].join('|')})(?!\\p{L})`, 'iu');

/** A candidate sentence (retrieved, or a neighbour of one: see withNeighbours) with what the ranker reads of it. */
export interface Candidate {
  readonly ref: SentenceRef;
  readonly matchedTerms: ReadonlySet<string>;
  /** In {@link RANK_FEATURES} order. */
  readonly features: readonly number[];
}

/**
 * The candidates of a question with their ranking features, in retrieval order (the
 * neighbours withNeighbours adds last):
 * what {@link rank} scores with the learned model, and what `npm run train` fits it on.
 */
export function rankCandidates(index: SentenceIndex, question: string): Candidate[] {
  return candidatesOf(index, readQuestion(index, question));
}

function candidatesOf(index: SentenceIndex, read: ReadQuestion): Candidate[] {
  return preparedCandidates(index, read).map(({ ref, matchedTerms, features, typeFit, strictType }) => ({ ref, matchedTerms, features: withTypeFit(features, typeFit(), strictType) }));
}

/**
 * The best `top` candidates of `question` as the learned model scores them, best first
 * (before {@link rank}'s own reordering): what tests compare with every candidate scored
 * (`top` Infinity), to show that the typed-span searches the score bounds spare change
 * nothing.
 */
export function bestCandidates(index: SentenceIndex, question: string, top: number): ScoredCandidate[] {
  const scored = scoredCandidates(index, readQuestion(index, question), top);
  return scored.sort((a, b) => b.score - a.score).slice(0, top);
}

/** A candidate scored by the ranker, as {@link rank} orders them. */
export interface ScoredCandidate extends SentenceRef {
  readonly score: number;
  readonly matchedTerms: ReadonlySet<string>;
  /** Whether it holds a span of the strict kind wanted (see STRICT_TYPES). */
  readonly fits: boolean;
  readonly coverage: number;
}

/**
 * Margin between a candidate's score bound and the scores it is compared with: the
 * bound and the score are sums of the same terms in another order, equal to within a
 * few units in the last place.
 */
const BOUND_MARGIN = 1e-9;

/**
 * The candidates scored by the learned model, in the order of {@link rankCandidates}. Exact for every
 * candidate that can be among the best `top` (so the first `top`, sorted by score, are
 * what scoring them all gives); the others carry an upper bound of their score, below
 * the `top`-th best, and `fits` false.
 *
 * Why: the typed-span search of a candidate (short-answer.ts; for "what" questions it tags
 * the sentence's words) is the costliest of its features, and only four features depend
 * on it (see withTypeFit). A candidate is scored first at the fits that bound its score;
 * then, highest bound first, candidates are searched until no bound left reaches the
 * `top`-th exact score. A question wanting a strict kind of answer reorders all its
 * candidates by whether they hold one, so all of them are searched (cheaply: that search
 * tags nothing).
 */
function scoredCandidates(index: SentenceIndex, read: ReadQuestion, top: number): ScoredCandidate[] {
  const model = ranker();
  const prepared = preparedCandidates(index, read);
  const scoreOf = (features: readonly number[], ref: SentenceRef, matchedTerms: ReadonlySet<string>): ScoredCandidate => ({
    ...ref,
    score: logit(model, features),
    matchedTerms,
    fits: features[STRICT_FIT]! > 0,
    coverage: features[COVERAGE]!,
  });
  const exact = (p: PreparedCandidate) => scoreOf(withTypeFit(p.features, p.typeFit(), p.strictType), p.ref, p.matchedTerms);
  const { wanted } = read;
  if (!wanted || STRICT_TYPES.has(wanted.type) || prepared.length <= top) return prepared.map(exact);

  // The score is linear in the fit between knots: a kind whose fit cannot pass a knot
  // ("Who is X?": 1 or 0) is bounded by the knots up to it, which spares searches.
  const ceiling = FIT_CEILINGS[wanted.type] ?? Infinity;
  const knots = TYPE_FIT_KNOTS.filter((fit) => fit <= ceiling);
  const bounds = prepared.map((p) => {
    let bound = -Infinity;
    for (const fit of knots) bound = Math.max(bound, logit(model, withTypeFit(p.features, fit, p.strictType)));
    return bound;
  });
  const order = prepared.map((_, i) => i).sort((a, b) => bounds[b]! - bounds[a]!);
  const out: ScoredCandidate[] = prepared.map((p, i) => ({ ...scoreOf(p.features, p.ref, p.matchedTerms), score: bounds[i]!, fits: false }));
  // The best `top` exact scores so far, highest first.
  const best: number[] = [];
  for (const i of order) {
    if (best.length >= top && bounds[i]! + BOUND_MARGIN < best[top - 1]!) break;
    const scored = exact(prepared[i]!);
    out[i] = scored;
    const at = best.findIndex((score) => score < scored.score);
    best.splice(at < 0 ? best.length : at, 0, scored.score);
    best.length = Math.min(best.length, top);
  }
  return out;
}

/** A candidate sentence with its features, all but those of the wanted span's fit, which `typeFit` finds. */
interface PreparedCandidate {
  readonly ref: SentenceRef;
  readonly matchedTerms: ReadonlySet<string>;
  /** The features with a fit of 0 (see withTypeFit). */
  readonly features: readonly number[];
  /** The fit of the best span of the kind wanted (0: none, or nothing wanted): the typed-span search. */
  readonly typeFit: () => number;
  readonly strictType: boolean;
}

function preparedCandidates(index: SentenceIndex, read: ReadQuestion): PreparedCandidate[] {
  const { wanted } = read;
  const results = withNeighbours(index, read);
  const evidence = questionEvidence(index, read, results);
  const byId = new Map(results.map((r) => [r.id, r]));
  const neighbourOf = (ref: SentenceRef, step: -1 | 1): RetrievedSentence | undefined => {
    const other = index.idOf(ref.document, ref.sentence + step);
    return other === undefined || ref.sentence + step === 0 ? undefined : byId.get(other);
  };
  const bestCoverage = results.reduce((best, r) => Math.max(best, weightShare(evidence, r.terms)), 0);
  const bestScore = results.reduce((best, r) => Math.max(best, r.score), 0);
  const bestArticleCoverage = results.reduce((best, r) => Math.max(best, weightShare(evidence, r.articleTerms)), 0);
  const strictType = wanted !== undefined && STRICT_TYPES.has(wanted.type);

  return results.map((result, place) => {
    const ref = index.sentence(result.id);
    const span = ref.document.sentences[ref.sentence];
    const text = span ? ref.document.text.slice(span.start, span.end) : '';
    const matchedTerms = new Set(result.terms);
    const typeFit = () => {
      if (!wanted || !span) return 0;
      const entities = index.entities(ref.document);
      const matched = matchedSpans(index, ref, matchedTerms);
      const best = candidates(wanted, ref.document.text, span.start, span.end, entities, matched, entities.speaker(ref.sentence), matchedSpans(index, ref, matchedTerms, true), personNouns(index), countAgreement(index, (term) => matchedTerms.has(term) || result.articleTerms.includes(term), wanted.countedAs))[0];
      return best?.fit ?? 0;
    };
    const previous = neighbourOf(ref, -1);
    const next = neighbourOf(ref, 1);
    const features = rankFeatures(evidence, {
      score: result.score,
      bestScore,
      place,
      matched: matchedTerms,
      bestCoverage,
      neighbourTerms: [...(previous?.terms ?? []), ...(next?.terms ?? [])],
      articleTerms: result.articleTerms,
      bestArticleCoverage,
      terms: index.sentenceTerms(ref),
      text,
      headline: ref.sentence === 0,
      previous: previous?.score ?? 0,
      next: next?.score ?? 0,
      // A sentence that refers back ("these islets", "he") is about what the one before is about.
      refersBack: REFERS_BACK.test(text),
      typeFit: 0,
      strictType,
    });
    return { ref, matchedTerms, features, typeFit, strictType };
  });
}

/** How many of the best retrieved sentences bring in their neighbours as candidates. */
export const NEIGHBOUR_SOURCES = 5;

/**
 * The retrieved sentences, and after them the sentences before and after each of the best
 * {@link NEIGHBOUR_SOURCES} that were not retrieved (not a headline) and hold one of the
 * question's own words: the answer often sits next to the sentence that matches, and says
 * "he" or "it" for what that one names ("He was born in Smiljan" for "Where was Tesla
 * born?"), holding too little of the question to be among the best {@link RERANK_DEPTH}
 * of a large corpus. Such a sentence has no retrieval score (the ranker reads its place,
 * after every retrieved one, and its neighbour's score). Its terms are read from the index
 * as the retriever reads them (with their aliases: "met" holds "meet", "she" the name of
 * the sentence before); its article's are its neighbour's and its own. A word the question
 * only gets from elsewhere (a synonym, an earlier question's word carried over, a pronoun)
 * does not bring one in, and neither does none at all: measured as candidates, sentences
 * holding none of the question's words gained two of news-b's 54 in the first three, but
 * came first or second over passages holding them ("two countries" for "How many people
 * live on Iturup?"), and the context shown with each passage gives them anyway. Measured
 * with `npm run eval` after `npm run train` (held out by article: hit@1 0.710 -> 0.708,
 * recall@3 0.841 -> 0.844, MRR 0.769; candidates holding an answer 0.936 -> 0.947):
 * public recall@3 6,325 -> 6,344 of 7,595, hit@1 5,358 -> 5,356; the news sets and the
 * bundled questions unchanged. Cost: at most ten more candidates, each read once from
 * its term vector.
 */
function withNeighbours(index: SentenceIndex, read: ReadQuestion): readonly RetrievedSentence[] {
  const { results, weights } = read;
  const { vectors } = index.parts;
  const termOf = new Map<number, string>();
  for (const term of weights.keys()) {
    const id = vectors.termId(term);
    if (id !== undefined) termOf.set(id, term);
  }
  const ownWords = new Set(read.analyzed.filter((t) => !t.alias && !ANAPHORS.has(t.term)).map((t) => t.term));
  const seen = new Set(results.map((r) => r.id));
  const added: RetrievedSentence[] = [];
  for (const result of results.slice(0, NEIGHBOUR_SOURCES)) {
    const { document, sentence } = index.sentence(result.id);
    for (const at of [sentence - 1, sentence + 1]) {
      const id = at > 0 ? index.idOf(document, at) : undefined;
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      const held = new Set<string>();
      vectors.forEach(id, (termId) => {
        const term = termOf.get(termId);
        if (term !== undefined) held.add(term);
      });
      const terms = [...held];
      if (!terms.some((term) => ownWords.has(term))) continue;
      added.push({ id, score: 0, terms, articleTerms: [...new Set([...result.articleTerms, ...terms])] });
    }
  }
  return added.length === 0 ? results : [...results, ...added];
}

/** What the question gives every candidate's features: its terms weighted by IDF, pairs, numbers, acronyms. */
function questionEvidence(index: SentenceIndex, read: ReadQuestion, candidates: readonly RetrievedSentence[]): QuestionEvidence {
  const total = index.corpus.sentenceCount;
  const termWeights = new Map<string, number>();
  for (const [term, weight] of read.weights) {
    const n = index.frequency(term);
    if (n > 0) termWeights.set(term, weight * Math.log(1 + (total - n + 0.5) / (n + 0.5)));
  }
  const wordTerms = read.analyzed.filter((t) => !t.alias);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < wordTerms.length; i++) pairs.add(`${wordTerms[i]!.term} ${wordTerms[i + 1]!.term}`);
  const numbers = [...new Set(wordTerms.map((t) => t.term).filter((t) => /^\d/.test(t) && index.has(t)))];
  const acronyms = acronymsOf(read.question);
  const expansions: string[][] = [];
  if (acronyms.length > 0) {
    // An acronym's expansion is written out where it is introduced, "American Football
    // Conference (AFC)": looked for in the candidates, which hold the acronym's term.
    for (const result of candidates) {
      const ref = index.sentence(result.id);
      const span = ref.document.sentences[ref.sentence];
      if (!span) continue;
      const text = ref.document.text.slice(span.start, span.end);
      for (const acronym of acronyms) {
        const expansion = expansionBefore(text, acronym);
        if (expansion) expansions.push(index.analyzer.terms(expansion).filter((t) => !t.alias).map((t) => t.term));
      }
    }
  }
  const totalWeight = [...termWeights.values()].reduce((a, b) => a + b, 0);
  const names = read.words.filter((w) => w.proper && w.terms.some((t) => index.has(t))).map((w) => w.terms);
  const meaning = meaningEvidence(index, read.words, termWeights, read.weights);
  return { termWeights, totalWeight, pairs, numbers, names, expansions, acronyms, ...(meaning ? { meaning } : {}) };
}

/** Most of a question's common words the meaning feature weighs, the heaviest (bounds the work of a long question). */
export const MEANING_WORDS = 12;

/**
 * Most distinct words of a question's candidates whose nearness to its words is computed
 * (each costs MEANING_WORDS products of two vectors); a word past them is near none. The
 * candidates of a question over news hold a few hundred; sentences of thousands of
 * distinct words would otherwise cost tens of milliseconds.
 */
export const MEANING_LOOKUPS = 3000;

/**
 * The cosine of two words' vectors below which they are not near in meaning; nearness
 * rises from 0 there to 1 at a cosine of 1. Unrelated words' vectors meet at 0.1 to 0.4,
 * "homes" and "houses" at 0.85; but words of one kind meet high too, opposites among them
 * ("before" and "after" 0.93, "rose" and "fell" 0.88): the feature's learned weight
 * reads them all together.
 */
export const MEANING_FLOOR = 0.5;

/**
 * The question's words, each weighed as the question's terms are (a word the corpus lacks,
 * as the rarest): first the {@link MEANING_WORDS} heaviest common words the word vectors
 * know, whose nearness to a sentence's words is read (and remembered for the question's
 * candidates), then those that count only where a sentence holds them: names (the
 * vectors of two people's names are near, and a name means no other), numbers ("two" and
 * "three" are as near as any two numbers) and words without a vector. Undefined for a
 * question without weighted words.
 */
export function meaningEvidence(
  index: SentenceIndex,
  words: readonly TopicWord[],
  termWeights: ReadonlyMap<string, number>,
  queryWeights: ReadonlyMap<string, number>,
): QuestionEvidence['meaning'] {
  const thesaurus = index.thesaurus;
  if (thesaurus?.similarity === undefined) return undefined;
  const similarity = (a: string, b: string) => thesaurus.similarity!(a, b);
  const rarest = Math.log(1 + (index.corpus.sentenceCount + 0.5) / 0.5);
  const found: Array<{ word: string; terms: readonly string[]; weight: number; exact: boolean }> = [];
  for (const w of words) {
    const word = vectorWord(w.text);
    if (found.some((c) => c.word === word)) continue;
    const known = w.terms.filter((t) => termWeights.has(t));
    const weight =
      known.length > 0
        ? Math.max(...known.map((t) => termWeights.get(t)!))
        : w.terms.some((t) => index.has(t))
          ? 0
          : rarest * Math.max(0, ...w.terms.map((t) => queryWeights.get(t) ?? 0));
    // Names, numbers and words without a vector count only where the sentence holds them.
    const exact = w.proper || w.terms.some((t) => /^\d/.test(t)) || similarity(word, word) === undefined;
    if (weight > 0) found.push({ word, terms: w.terms, weight, exact });
  }
  // The heaviest common words, in the question's order among equals, then the rest.
  const near = found
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !c.exact)
    .sort((a, b) => b.c.weight - a.c.weight || a.i - b.i)
    .slice(0, MEANING_WORDS)
    .map(({ c }) => c);
  const chosen = [...near, ...found.filter((c) => c.exact)];
  if (chosen.length === 0) return undefined;
  const nearness = new Map<string, Float64Array | undefined>();
  return {
    words: chosen.map(({ terms, weight }) => ({ terms, weight })),
    total: chosen.reduce((sum, c) => sum + c.weight, 0),
    nearness(written) {
      if (near.length === 0) return undefined;
      const word = vectorWord(written);
      if (nearness.has(word)) return nearness.get(word);
      if (nearness.size >= MEANING_LOOKUPS) return undefined;
      countWork('meaning', near.length);
      let nearest: Float64Array | undefined;
      near.forEach((c, i) => {
        const cosine = similarity(c.word, word);
        if (cosine !== undefined && cosine > MEANING_FLOOR) (nearest ??= new Float64Array(near.length))[i] = Math.min(1, (cosine - MEANING_FLOOR) / (1 - MEANING_FLOOR));
      });
      nearness.set(word, nearest);
      return nearest;
    },
  };
}

/** A word as the word vectors list it: lower case, without a possessive ending ("government's" -> government). */
function vectorWord(text: string): string {
  return text.toLowerCase().replace(/['\u2019]s?$/u, '');
}

/**
 * Offsets (in the document) of the sentence's words whose terms matched; with `wordsOnly`,
 * only words matched as themselves, not through an alias ("Tokyo" stands for Japan, but a
 * reader asking about Japan should not see "Tokyo" marked).
 */
export function matchedSpans(index: SentenceIndex, ref: SentenceRef, matchedTerms: ReadonlySet<string>, wordsOnly = false): Array<[number, number]> {
  const span = ref.document.sentences[ref.sentence];
  if (!span) return [];
  return index
    .sentenceTerms(ref)
    .filter((t) => matchedTerms.has(t.term) && !(wordsOnly && t.alias))
    .map((t) => [span.start + t.start, span.start + t.end] as [number, number]);
}

/** Which words lie in the clauses setting a question's time or condition, and which of those name what happens. */
interface Condition {
  /** Whether the word lies in a clause setting the question's time or condition. */
  readonly holds: (word: TopicWord) => boolean;
  readonly names: (word: TopicWord) => boolean;
}

/** Forms of "be": an adjective after one says what happened ("the coup was foiled"). */
const BE = /^(?:is|are|was|were|be|been|being|'s|'re)$/i;

/**
 * The words of a condition clause that only say how: adverbs, and an adjective ending the
 * clause after a verb or its object ("when Blinken met Bazoum online"). An adjective
 * before a noun ("after the secret meeting") or after "was" ("after the coup was foiled")
 * names what happened.
 */
function howWords(tagged: readonly NlpToken[], start: number, end: number): Set<number> {
  const out = new Set<number>();
  const clause = tagged.filter((t) => t.start >= start && t.start < end);
  for (const [i, token] of clause.entries()) {
    if (token.pos === 'ADV') out.add(token.start);
    const next = clause[i + 1];
    const before = clause[i - 1];
    if (token.pos === 'ADJ' && (next === undefined || next.pos === 'PUNCT') && before !== undefined && !BE.test(before.text) && ['VERB', 'NOUN', 'PROPN', 'PRON'].includes(before.pos)) out.add(token.start);
  }
  return out;
}

/**
 * The question's clause of time or condition ("after Hamdok resigned"; see
 * conditionSpans). Only English words of it that name what happens count as unknown
 * there: a typo ("makng") says nothing of what the corpus mentions, nor does a word that
 * only says how ("when Blinken met Bazoum online" of a virtual meeting). Without a
 * dictionary every word counts.
 */
function conditionOf(index: SentenceIndex, question: string, tagged: readonly NlpToken[]): Condition | undefined {
  const clauses = conditionSpans(question);
  if (clauses.length === 0) return undefined;
  const { thesaurus } = index;
  const modifiers = new Set(clauses.flatMap(({ start, end }) => [...howWords(tagged, start, end)]));
  return { holds: (word) => inClauses(clauses, word.start), names: (word) => !modifiers.has(word.start) && (thesaurus === undefined || thesaurus.has(normalizeWord(word.text))) };
}

/**
 * Declining from evidence: the question is answered only when the corpus knows enough of
 * its topic words. Unknown: a word none of whose terms occur in the corpus; a word found
 * only through a typo correction or a synonym counts {@link INDIRECT_DOUBT} of an unknown
 * one. A name (capitalized mid-question) the corpus does
 * not know is decisive on its own: "the Treaty of Versailles" is not in the articles,
 * however much "treaty" is; so is an English word of the clause that sets the question's
 * time or condition ("Who became prime minister after Hamdok resigned?" over articles
 * that never mention a resignation). Measured on the public set: the clause rule declines
 * 1 more of 7,595 answerable questions there ("What happens when business underpays ...").
 */
function decide(
  words: readonly TopicWord[],
  matched: ReadonlySet<string>,
  corrections: ReadonlyMap<string, readonly string[]>,
  synonyms: ReadonlyMap<TopicWord, readonly string[]>,
  anyResult: boolean,
  /** The clause setting the question's time or condition, if any (see conditionOf). */
  condition?: Condition,
): { answers: boolean; reason?: Ranking['reason']; unknownWords: string[] } {
  const direct = (w: TopicWord) => w.terms.some((t) => matched.has(t));
  const indirect = (w: TopicWord) =>
    [...(corrections.get(w.terms[0] ?? '') ?? []), ...(synonyms.get(w) ?? [])].some((t) => matched.has(t));
  const unknown = words.filter((w) => !direct(w) && !indirect(w));
  const typoOnly = words.filter((w) => !direct(w) && indirect(w));
  const unknownWords = [...new Set(unknown.map((w) => w.text))];
  if (words.length === 0 || !anyResult) {
    return { answers: false, reason: words.length === 0 ? 'no-topic' : 'unknown-words', unknownWords };
  }
  const share = (unknown.length + INDIRECT_DOUBT * typoOnly.length) / words.length;
  // A word of the clause that sets the question's time or condition, unknown to the corpus:
  // it never mentions that time or condition ("after Hamdok resigned").
  const unknownCondition = condition !== undefined && unknown.some((w) => condition.holds(w) && condition.names(w));
  if (share >= UNKNOWN_SHARE_TO_DECLINE || unknown.some((w) => w.proper) || unknownCondition) {
    return { answers: false, reason: 'unknown-words', unknownWords };
  }
  return { answers: true, unknownWords };
}

/**
 * Whether the word comes right after "how": the measure a question asks ("How hot did it
 * get?", "How old was she?", "How big is the fleet?"). The passage answers with a figure
 * ("43 degrees Celsius"), and need not write the word: it is searched, but a corpus that
 * lacks it is no sign that it does not answer.
 */
function afterHow(question: string, word: TopicWord): boolean {
  // The "how" that asks: opening the question, or after a preposition ("for how long");
  // not one inside it ("Explain how vaccines were approved").
  return word.start <= HOW_OPENING && /^\s*(?:(?:for|after|before|by|to|of|in|within|until|at)\s+)?how\s+$/iu.test(question.slice(0, word.start));
}

/**
 * Prefixes written with a hyphen ("ex-president", "co-founder"): not words of a topic, and
 * an article that never writes one ("former president") may still answer.
 */
const HYPHEN_PREFIXES = new Set(['ex', 'co', 'non', 'pre', 'post', 'anti', 'pro', 'mid', 'semi', 'multi', 'vice', 'self']);

/**
 * Whether the word only makes up a function phrase of the question: "according" of
 * "according to" (a preposition in two words), "name" of "the name of" and "full" of "the
 * full name of" (what asks for a name: the articles write the name, not the word), or a
 * prefix before its hyphen. The corpus lacking it says nothing of whether it answers.
 */
function functionPart(question: string, word: TopicWord): boolean {
  const text = word.text.toLowerCase();
  if (text === 'according') return /^\s+to(?!\p{L})/u.test(question.slice(word.end));
  if (text === 'name' || text === 'full') {
    for (const match of question.matchAll(NAME_OF)) if (match.index <= word.start && word.end <= match.index + match[0].length) return true;
    return false;
  }
  return HYPHEN_PREFIXES.has(text) && /^[-\u2010\u2011]\p{L}/u.test(question.slice(word.end));
}

/** "the name of", "the full name of", "full form for": words asking for a name. */
const NAME_OF = /\bthe\s+(?:full\s+)?name\s+of\b|\bfull\s+(?:name|form|title)\s+(?:of|for)\b/giu;

/** The longest opening before the word after an asking "how" ("  within how "). */
const HOW_OPENING = 20;

/** What {@link ungrounded} finds: the names and numbers missing, or the passage that holds them. */
interface Grounding {
  readonly missing: string[];
  /** The place among the passages of one (not the best) holding them all, itself or in a neighbour, in an article that holds them all. */
  readonly grounded?: number;
}

/**
 * The question's names and numbers (the words that pin down what it asks about: "Super
 * Bowl 47", "the Treaty of Paris") that the best passage's article does not hold near
 * it: SQuAD 2.0's unanswerable questions are often of this kind, on the article's
 * topic with one name or number it never pairs with the rest ("Which team did Rovers beat
 * in 2024?" over a match report and a council's plans for 2024). A common word may be said
 * otherwise ("held" for "took place"); a name rarely is. Empty when the best passage's
 * article holds them all within {@link GROUNDING_WINDOW} sentences of it. Empty too, with
 * that passage's place as `grounded`, when another article's first passage among the first
 * {@link GROUNDING_PASSAGES} holds them all itself or beside it (the best passage is then
 * of an article the question is not about: "What two artists came
 * out with Coldplay?" first met a sentence of another article, and the articles do mention
 * Coldplay). Otherwise those lacking from the closest article (of the first
 * {@link GROUNDING_PASSAGES} passages, the one that lacks fewest, then holds most of the
 * question's weight). On the public set, answering from the `grounded` passage rather than
 * declining: 47 fewer of 7,595 answerable questions declined, and 13 more of 1,101
 * unanswerable variants answered (272 -> 259 declined).
 * Cost: one pass over the term vectors of at most {@link GROUNDING_PASSAGES} articles.
 */
function ungrounded(index: SentenceIndex, words: readonly TopicWord[], weights: ReadonlyMap<string, number>, passages: readonly RankedSentence[], termsOf: (word: TopicWord) => readonly string[]): Grounding {
  const pinning = pinningWords(words);
  if (passages.length === 0 || pinning.length === 0) return { missing: [] };
  const { vectors } = index.parts;
  // A word is also known by its typo corrections and synonyms ("Lavorv" is Lavrov).
  const idsOf = new Map(words.map((w) => [w, termsOf(w).flatMap((t) => { const id = vectors.termId(t); return id === undefined ? [] : [[id, weights.get(t) ?? 0] as const]; })]));
  const wanted = new Set([...idsOf.values()].flatMap((ids) => ids.map(([id]) => id)));
  let closest: { missing: TopicWord[]; weight: number } | undefined;
  for (const document of new Set(passages.slice(0, GROUNDING_PASSAGES).map((p) => p.document))) {
    // In the best passage's article, only the sentences within GROUNDING_WINDOW of it.
    const best = passages[0]!;
    const present = document === best.document ? termsPresent(index, document, wanted, best.sentence - GROUNDING_WINDOW, best.sentence + GROUNDING_WINDOW + 1) : termsPresent(index, document, wanted);
    // A word of the article's source is the article's ("the State Department" of its releases).
    const source = sourceTerms(index, document.source);
    const held = (w: TopicWord) => Math.max(w.proper && w.terms.some((t) => source.has(t)) ? Number.MIN_VALUE : 0, ...idsOf.get(w)!.filter(([id]) => present.has(id)).map(([, weight]) => weight));
    const missing = pinning.filter((w) => held(w) === 0);
    if (missing.length === 0 && document === best.document) return { missing: [] };
    if (missing.length === 0) {
      // Another article's passage holding them all, itself or beside it, answers instead.
      const at = passages.findIndex((p) => p.document === document);
      const first = passages[at]!;
      const close = termsPresent(index, document, wanted, first.sentence - 1, first.sentence + 2);
      if (pinning.every((w) => (w.proper && w.terms.some((t) => source.has(t))) || idsOf.get(w)!.some(([id]) => close.has(id)))) return { missing: [], grounded: at };
    }
    // The article that lacks fewest of them, then holds most of the question's weight: what the question is about.
    const weight = words.reduce((sum, w) => sum + held(w), 0);
    if (missing.length > 0 && (!closest || missing.length < closest.missing.length || (missing.length === closest.missing.length && weight > closest.weight))) closest = { missing, weight };
  }
  return { missing: [...new Set((closest?.missing ?? []).map((w) => w.text))] };
}

/**
 * The places among `passages` (the first few) of an article other than the first one's
 * that lacks one of the question's names or numbers that the first one's article holds.
 * Cost: one pass over the term vectors of each of those articles.
 */
function offTopicPassages(index: SentenceIndex, words: readonly TopicWord[], passages: readonly RankedSentence[], termsOf: (word: TopicWord) => readonly string[]): Set<number> {
  const out = new Set<number>();
  const pinning = pinningWords(words);
  const first = passages[0];
  if (!first || pinning.length === 0 || passages.every((p) => p.document === first.document)) return out;
  const { vectors } = index.parts;
  const idsOf = pinning.map((w) => termsOf(w).flatMap((t) => vectors.termId(t) ?? []));
  const wanted = new Set(idsOf.flat());
  const heldBy = new Map<CorpusDocument, boolean[]>();
  const held = (document: CorpusDocument) => {
    let found = heldBy.get(document);
    if (found) return found;
    const present = termsPresent(index, document, wanted);
    heldBy.set(document, (found = idsOf.map((ids) => ids.some((id) => present.has(id)))));
    return found;
  };
  const firstHeld = held(first.document);
  for (const [n, passage] of passages.entries()) {
    if (passage.document === first.document) continue;
    const own = held(passage.document);
    if (firstHeld.some((isHeld, i) => isHeld && !own[i])) out.add(n);
  }
  return out;
}

/** The question with typos replaced by the corpus's words, and a follow-up's antecedent. */
function interpretation(
  index: SentenceIndex,
  question: string,
  words: readonly TopicWord[],
  corrections: ReadonlyMap<string, readonly string[]>,
  previous: Conversation | undefined,
): string | undefined {
  let text = question;
  for (const word of [...words].reverse()) {
    const fixed = corrections.get(word.terms[0] ?? '')?.[0];
    const surface = fixed === undefined ? undefined : index.surface(fixed);
    if (surface) text = `${text.slice(0, word.start)}${matchCase(surface, word.text)}${text.slice(word.end)}`;
  }
  if (previous) text = `${text} (following "${previous.question}": ${previous.words.join(', ')})`;
  return text === question ? undefined : text;
}

function matchCase(surface: string, like: string): string {
  if (like === like.toUpperCase()) return surface.toUpperCase();
  if (/^\p{Lu}/u.test(like)) return surface.charAt(0).toUpperCase() + surface.slice(1);
  return surface.toLowerCase();
}

/** Words whose corpus synonyms are remembered, per index. */
const SYNONYM_MEMO_LIMIT = 10_000;
const synonymMemos = new WeakMap<SentenceIndex, Memo<string[]>>();

/** Whether a noun names a kind of person, by the index's thesaurus; without one, any noun may. */
export function personNouns(index: SentenceIndex): (word: string) => boolean {
  const { thesaurus } = index;
  return thesaurus === undefined ? () => true : (word) => thesaurus.isPersonNoun(word);
}

/** Nouns for a body of people that WordNet puts above organizations ("Which group ...?", "Which body ...?"). */
const ORGANIZATION_NOUNS: ReadonlySet<string> = new Set(['organization', 'organisation', 'group', 'body']);

/** Whether a noun names a kind of organization: "agency", "bloc", "party", "team", "group". */
function namesOrganization(thesaurus: NonNullable<SentenceIndex['thesaurus']>, noun: string): boolean {
  return ORGANIZATION_NOUNS.has(noun) || (!thesaurus.isPersonNoun(noun) && thesaurus.isKindOf(noun, 'organization'));
}

/**
 * Whether a figure of `noun` may count what a question counts (see candidates): the same
 * noun, one a kind of the other ("strikers" of workers), a synonym, a person for "people",
 * or two units of measure ("km" for miles). A figure counting nothing said ("85 on
 * Monday", "17%") may, in an article that `holds` the counted noun, as its lemma or `also`
 * as the question writes it (an article that never mentions passengers does not count
 * them); it is no sum of money. Without a thesaurus, any noun may.
 */
export function countAgreement(index: SentenceIndex, holds: (term: string) => boolean, also?: string): (noun: string | undefined, counted: string) => boolean {
  const { thesaurus } = index;
  const unit = (word: string) => /^points?$/.test(word) || (thesaurus !== undefined && thesaurus.isKindOf(word, 'unit of measurement'));
  return (noun, counted) => {
    if (counted === UNIT) return noun !== undefined && unit(noun);
    if (counted === MEASURE) return noun !== undefined && thesaurus !== undefined && (unit(noun) || thesaurus.isKindOf(noun, 'property'));
    // Which figures are shares is told by their kind (short-answer.ts), not by a noun.
    if (counted === SHARE) return true;
    // A value is money, a measure or points, or a bare figure ("closed at 38,450"); no count of things.
    if (counted === AMOUNT) return noun === undefined || noun === MONEY || thesaurus === undefined || unit(noun);
    if (noun === undefined) return counted !== MONEY && [counted, ...(also ? [also] : [])].some((word) => index.analyzer.terms(word).some((t) => holds(t.term)));
    if (thesaurus === undefined) return true;
    return (
      noun === counted ||
      thesaurus.isKindOf(noun, counted) ||
      thesaurus.isKindOf(counted, noun) ||
      (PEOPLE.test(counted) && (PEOPLE.test(noun) || thesaurus.isPersonNoun(noun))) ||
      (PEOPLE.test(noun) && thesaurus.isPersonNoun(counted)) ||
      thesaurus.synonyms(counted).includes(noun) ||
      // Two units of measure ("km" for miles); money is measured apart ("19 miles" is no price).
      (counted !== MONEY && thesaurus.isKindOf(noun, 'unit of measurement') && thesaurus.isKindOf(counted, 'unit of measurement'))
    );
  };
}

/**
 * Whether the document holds `term`: one pass over its sentences' term vectors, stopping
 * at the first that does.
 */
export function documentHolds(index: SentenceIndex, document: CorpusDocument, term: string): boolean {
  const wanted = index.parts.vectors.termId(term);
  return wanted !== undefined && termsPresent(index, document, new Set([wanted])).size > 0;
}

/**
 * Which of `wanted` (term ids) the sentences `from` to `to` (exclusive) of `document` hold:
 * one pass over their term vectors, stopping once all are found.
 */
function termsPresent(index: SentenceIndex, document: CorpusDocument, wanted: ReadonlySet<number>, from = 0, to = document.sentences.length): Set<number> {
  const { vectors } = index.parts;
  const present = new Set<number>();
  for (let n = Math.max(0, from); n < Math.min(to, document.sentences.length) && present.size < wanted.size; n++) {
    const id = index.idOf(document, n);
    if (id !== undefined) vectors.forEach(id, (termId) => wanted.has(termId) && present.add(termId));
  }
  return present;
}

/** Per index: each source's terms, and all sources' terms together. */
const sourceMemos = new WeakMap<SentenceIndex, { readonly bySource: Map<string, ReadonlySet<string>>; all?: ReadonlySet<string> }>();

function sourceMemo(index: SentenceIndex): { readonly bySource: Map<string, ReadonlySet<string>>; all?: ReadonlySet<string> } {
  let memo = sourceMemos.get(index);
  if (!memo) sourceMemos.set(index, (memo = { bySource: new Map() }));
  return memo;
}

/**
 * The terms of an article's source, the publisher or agency ("U.S. Department of State",
 * "The White House"): a question may name who speaks in it by its source's name, which
 * its text need not write ("What did the State Department demand?"). Each distinct source
 * is read once: many articles share one.
 */
function sourceTerms(index: SentenceIndex, source: string): ReadonlySet<string> {
  const { bySource } = sourceMemo(index);
  let terms = bySource.get(source);
  if (!terms) bySource.set(source, (terms = new Set(index.analyzer.terms(source).filter((t) => !t.alias).map((t) => t.term))));
  return terms;
}

/**
 * `matched` with the terms of the question's names that some article's source holds (see
 * sourceTerms): "State Department", not a common word such as "house" of "The White
 * House", which says nothing of what the articles tell.
 */
function withSourceTerms(index: SentenceIndex, words: readonly TopicWord[], matched: ReadonlySet<string>): ReadonlySet<string> {
  const names = words.filter((w) => w.proper).flatMap((w) => w.terms).filter((t) => !matched.has(t));
  if (names.length === 0) return matched;
  const memo = sourceMemo(index);
  const all = (memo.all ??= new Set([...new Set(index.corpus.documents.map((d) => d.source))].flatMap((source) => [...sourceTerms(index, source)])));
  const extra = names.filter((t) => all.has(t));
  return extra.length === 0 ? matched : new Set([...matched, ...extra]);
}

/** The question's names and numbers: the words that pin down what it asks about. */
function pinningWords(words: readonly TopicWord[]): TopicWord[] {
  return words.filter((w) => w.proper || /^\p{N}+$/u.test(w.text));
}

/** Nouns that count people of any kind. */
const PEOPLE = /^(?:people|person|persons|individual|human|resident|inhabitant)$/;

/** Corpus terms of the thesaurus's synonyms of `word` (a multi-word synonym needs all its terms). */
function synonymTerms(index: SentenceIndex, word: string, options?: SynonymOptions): string[] {
  if (!index.thesaurus) return [];
  let memo = synonymMemos.get(index);
  if (!memo) synonymMemos.set(index, (memo = new Memo(SYNONYM_MEMO_LIMIT)));
  // Keyed by the normal form, which is all the lookup reads (the word as typed may carry a
  // thousand combining marks).
  const normalized = normalizeWord(word);
  return memo.get(`${options?.senses ?? ''}:${options?.exact ?? ''}:${options?.related ?? ''}:${options?.either ?? ''}:${normalized}`, () => corpusSynonyms(index, normalized, options));
}

/** Which synonyms: of how many senses, the word's own form only, and with its derived forms ("searchers" -> search). */
interface SynonymOptions {
  readonly senses?: number;
  readonly exact?: boolean;
  readonly related?: boolean;
  readonly either?: boolean;
}

function corpusSynonyms(index: SentenceIndex, normalized: string, options?: SynonymOptions): string[] {
  if (!index.thesaurus) return [];
  const out = new Set<string>();
  countWork('synonyms', normalized.length);
  const words = options?.related ? [...index.thesaurus.synonyms(normalized, options), ...index.thesaurus.related(normalized)] : index.thesaurus.synonyms(normalized, options);
  for (const synonym of words) {
    const terms = index.analyzer.terms(synonym).filter((t) => !t.alias).map((t) => t.term);
    if (terms.length > 0 && terms.every((t) => index.isWord(t))) terms.forEach((t) => out.add(t));
  }
  return [...out];
}
