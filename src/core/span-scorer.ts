/**
 * The learned span scorer: picks a sentence's likeliest short answer among the candidates
 * of span-features.ts, with the model fitted by scripts/train-spans.ts (span-model.json,
 * checked against the features this version computes when first used).
 */
import { checkModel, probability, type LogisticModel } from './logistic';
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

let loaded: { model: LogisticModel; threshold: number } | undefined;

function spanModel(): { model: LogisticModel; threshold: number } {
  if (!loaded) {
    const file = data as { threshold?: unknown; model?: unknown };
    if (typeof file.threshold !== 'number' || !(file.threshold >= 0 && file.threshold <= 1)) throw new TypeError('span-model.json: "threshold" must be a number from 0 to 1');
    loaded = { model: checkModel(file.model, SPAN_FEATURES, 'span-model.json'), threshold: file.threshold };
  }
  return loaded;
}

/** The confidence (cross-validated, see scripts/train-spans.ts) from which a short answer is given. */
export function spanThreshold(): number {
  return spanModel().threshold;
}

/** What the scorer needs of a question; computed once per question. */
export function readQuestion(index: SentenceIndex, question: string): SpanQuestion {
  // Only the beginning is tagged, as in ranking (cost.ts): the focus word is near the start.
  return spanQuestion(question, index.analyzer.terms(question), tag(question.slice(0, MAX_TAGGED_LENGTH)).tokens);
}

/** The likeliest short answer in sentence `ref`, if the sentence has any candidate. */
export function bestSpan(index: SentenceIndex, question: SpanQuestion, ref: SentenceRef): ScoredSpan | undefined {
  const { document, sentence } = ref;
  const span = document.sentences[sentence];
  if (!span) return undefined;
  const entities = index.entities(document);
  const tokens = entities.tokensIn(span.start, span.end);
  const terms = index.sentenceTerms(ref);
  const { model } = spanModel();
  const view = sentenceView(question, tokens, terms);
  let best: ScoredSpan | undefined;
  for (const candidate of spanCandidates(document.text, span.start, span.end, tokens, entities.entitiesIn(span.start, span.end))) {
    const p = probability(model, spanFeatures(question, candidate, document.text, view));
    if (!best || p > best.probability) best = { start: candidate.start, end: candidate.end, probability: p };
  }
  return best;
}
