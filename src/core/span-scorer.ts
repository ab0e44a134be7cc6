/**
 * The learned span scorer: picks a sentence's likeliest short answer among the candidates
 * of span-features.ts, with the model fitted by scripts/train-spans.ts (span-model.json,
 * checked against the features this version computes when first used).
 *
 * The model is conditional (softmax): a candidate's probability is its share of the
 * sentence's candidates and of a "no answer" candidate beside them, which takes the share
 * where none of the spans is the answer (fitted on sentences whose answer is not a span).
 */
import { checkModel, logit, softmax, type LogisticModel } from './logistic';
import type { Term } from './analyzer';
import { tag, type Entity, type NlpToken } from './nlp';
import { inverseFrequency } from './retrieval';
import type { SentenceIndex, SentenceRef } from './search-index';
import { MAX_TAGGED_LENGTH } from './cost';
import { noAnswerFeatures, sentenceView, spanCandidates, spanFeatures, spanQuestion, SPAN_FEATURES, type SpanCandidate, type SpanKind, type SpanQuestion } from './span-features';
import data from './span-model.json';

/** A span of the document text, with the model's probability that it is the answer. */
export interface ScoredSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: SpanKind;
  readonly probability: number;
}

let loaded: { model: LogisticModel; threshold: number } | undefined;

function spanModel(): { model: LogisticModel; threshold: number } {
  if (!loaded) {
    const file = data as { threshold?: unknown; model?: unknown };
    if (typeof file.threshold !== 'number' || !(file.threshold >= 0 && file.threshold <= 1)) throw new TypeError('span-model.json: "threshold" must be a number from 0 to 1');
    loaded = { model: checkModel(file.model, SPAN_FEATURES, 'span-model.json'), threshold: file.threshold };
  }
  return loaded;
}

/**
 * Each row's share of the softmax over all of them: the probability of each candidate of a
 * sentence (its feature vectors, the "no answer" one among them) being the answer.
 */
export function softmaxShares(model: LogisticModel, rows: readonly (readonly number[])[]): number[] {
  return softmax(rows.map((x) => logit(model, x)));
}

/** The confidence (cross-validated, see scripts/train-spans.ts) from which a short answer is given. */
export function spanThreshold(): number {
  return spanModel().threshold;
}

/** What the scorer needs of a question; computed once per question. */
export function readQuestion(index: SentenceIndex, question: string): SpanQuestion {
  // Only the beginning is tagged, as in ranking (cost.ts): the focus word is near the start.
  const total = index.corpus.sentenceCount;
  const idf = (term: string) => {
    const n = index.frequency(term);
    return n > 0 ? inverseFrequency(n, total) : 0;
  };
  const { thesaurus } = index;
  const isKindOf = thesaurus && ((word: string, category: string) => thesaurus.isKindOf(word, category));
  return spanQuestion(question, index.analyzer.terms(question), tag(question.slice(0, MAX_TAGGED_LENGTH)).tokens, idf, isKindOf);
}

/**
 * The likeliest short answer in sentence `ref` that `accept` takes (any, without it), if the
 * sentence has one; a name, with the name it goes on to through "of" when that longer span
 * is a candidate `accept` takes too (scored as the name found).
 */
export function bestSpan(index: SentenceIndex, question: SpanQuestion, ref: SentenceRef, accept?: (span: ScoredSpan) => boolean): ScoredSpan | undefined {
  let best: ScoredSpan | undefined;
  const spans = scoredSpans(index, question, ref);
  for (const span of spans) if ((!best || span.probability > best.probability) && (!accept || accept(span))) best = span;
  if (!best || !NAME_KINDS.has(best.kind)) return best;
  // A name goes on through "of" and the name after it: not "Economic Community" of "the
  // Economic Community of West African States", nor "Kingdom" of "the Kingdom of Saudi Arabia".
  const { text } = ref.document;
  const found = best;
  let whole: ScoredSpan | undefined;
  for (const span of spans) {
    if (span.start !== found.start || span.end <= (whole ?? found).end || !OF_NAME.test(text.slice(found.end, span.end))) continue;
    if (!accept || accept(span)) whole = span;
  }
  return whole ? { ...whole, probability: found.probability } : best;
}

/** Kinds of span that are names. */
const NAME_KINDS: ReadonlySet<string> = new Set(['PROPER', 'ORG', 'PLACE', 'PERSON']);
/** What continues a name through "of": capitalized words only ("of West African States", "of the United Nations"). */
const OF_NAME = /^\s+of\s+(?:the\s+)?\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*)*$/u;

/** Every candidate short answer in sentence `ref`, with its probability. */
function scoredSpans(index: SentenceIndex, question: SpanQuestion, ref: SentenceRef): ScoredSpan[] {
  const { document, sentence } = ref;
  const span = document.sentences[sentence];
  if (!span) return [];
  const entities = index.entities(document);
  const { rows, candidates } = sentenceRows(question, document.text, span, entities.tokensIn(span.start, span.end), entities.entitiesIn(span.start, span.end), index.sentenceTerms(ref));
  const p = softmaxShares(spanModel().model, rows);
  return candidates.map((candidate, i) => ({ start: candidate.start, end: candidate.end, kind: candidate.kind, probability: p[i]! }));
}

/**
 * A sentence's candidate spans and the feature rows the model scores: one per candidate,
 * then the "no answer" row (last). Shared by scoring and by scripts/train-spans.ts, so the
 * model is applied to what it was fitted on.
 */
export function sentenceRows(
  question: SpanQuestion,
  text: string,
  span: { readonly start: number; readonly end: number },
  tokens: readonly NlpToken[],
  entities: readonly Entity[],
  sentenceTerms: readonly Term[],
): { candidates: SpanCandidate[]; rows: number[][] } {
  const view = sentenceView(question, tokens, sentenceTerms, span.start);
  const candidates = spanCandidates(text, span.start, span.end, tokens, entities);
  const rows = candidates.map((candidate) => spanFeatures(question, candidate, text, view, candidates));
  rows.push(noAnswerFeatures(question, view));
  return { candidates, rows };
}
