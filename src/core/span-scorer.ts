/**
 * The learned span scorer: picks a sentence's likeliest short answer among the candidates
 * of span-features.ts, with the model fitted by scripts/train-spans.ts (span-model.json,
 * checked against the features this version computes when first used).
 */
import { checkModel, logit, probability, type LogisticModel } from './logistic';
import { tag } from './nlp';
import type { SentenceIndex, SentenceRef } from './search-index';
import { MAX_TAGGED_LENGTH } from './cost';
import { sentenceView, spanCandidates, spanFeatures, spanQuestion, SPAN_FEATURES, type SpanQuestion } from './span-features';
import data from './span-model.json';

/** A span of the document text, with the model's probability that it is the answer. */
export interface ScoredSpan {
  readonly start: number;
  readonly end: number;
  readonly probability: number;
}

/**
 * How the model was fitted: "conditional", to tell which candidate of a sentence is right
 * (its probability is its share of the sentence's candidates, softmax); "pointwise",
 * whether each candidate is right on its own (logistic).
 */
export type SpanFit = 'conditional' | 'pointwise';

interface SpanModel {
  readonly model: LogisticModel;
  readonly fit: SpanFit;
}

let loaded: (SpanModel & { threshold: number }) | undefined;

function spanModel(): SpanModel & { threshold: number } {
  if (!loaded) {
    const file = data as { threshold?: unknown; model?: unknown; fit?: unknown };
    if (typeof file.threshold !== 'number' || !(file.threshold >= 0 && file.threshold <= 1)) throw new TypeError('span-model.json: "threshold" must be a number from 0 to 1');
    if (file.fit !== 'conditional' && file.fit !== 'pointwise') throw new TypeError('span-model.json: "fit" must be "conditional" or "pointwise"');
    loaded = { model: checkModel(file.model, SPAN_FEATURES, 'span-model.json'), fit: file.fit, threshold: file.threshold };
  }
  return loaded;
}

/** The probability of each of a sentence's candidates (feature vectors) being its short answer. */
export function spanProbabilities({ model, fit }: SpanModel, rows: readonly (readonly number[])[]): number[] {
  if (fit === 'pointwise') return rows.map((x) => probability(model, x));
  const scores = rows.map((x) => logit(model, x));
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
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
    return n > 0 ? Math.log(1 + (total - n + 0.5) / (n + 0.5)) : 0;
  };
  return spanQuestion(question, index.analyzer.terms(question), tag(question.slice(0, MAX_TAGGED_LENGTH)).tokens, idf);
}

/** The likeliest short answer in sentence `ref`, if the sentence has any candidate. */
export function bestSpan(index: SentenceIndex, question: SpanQuestion, ref: SentenceRef): ScoredSpan | undefined {
  let best: ScoredSpan | undefined;
  for (const span of scoredSpans(index, question, ref)) if (!best || span.probability > best.probability) best = span;
  return best;
}

/** Every candidate short answer in sentence `ref`, with its probability. */
export function scoredSpans(index: SentenceIndex, question: SpanQuestion, ref: SentenceRef): ScoredSpan[] {
  const { document, sentence } = ref;
  const span = document.sentences[sentence];
  if (!span) return [];
  const entities = index.entities(document);
  const tokens = entities.tokensIn(span.start, span.end);
  const view = sentenceView(question, tokens, index.sentenceTerms(ref), span.start);
  const candidates = spanCandidates(document.text, span.start, span.end, tokens, entities.entitiesIn(span.start, span.end));
  const p = spanProbabilities(spanModel(), candidates.map((candidate) => spanFeatures(question, candidate, document.text, view, candidates)));
  return candidates.map((candidate, i) => ({ start: candidate.start, end: candidate.end, probability: p[i]! }));
}
