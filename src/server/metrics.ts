/**
 * The service's metrics (prom-client), served at GET /metrics in Prometheus's text format.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a question came: over a WebSocket, or as an HTTP request (the API or the page). */
export type Transport = 'ws' | 'http';

export interface Metrics {
  readonly registry: Registry;
  /** Questions by outcome (answered, declined, or error:<code>) and transport. */
  readonly questions: Counter<'outcome' | 'transport'>;
  /** Time to answer one question, in seconds (the answering itself, not the queue). */
  readonly answerSeconds: Histogram;
  readonly openConnections: Gauge;
  /** WebSocket upgrades refused, by reason: origin, per_ip, capacity, shutting_down, path. */
  readonly rejectedUpgrades: Counter<'reason'>;
  /** Messages and requests refused by a rate limit: a connection's, HTTP's, or an address's budget. */
  readonly rateLimited: Counter;
  /** Readers' judgements of answers, by rating. Nothing about the reader is recorded. */
  readonly feedback: Counter<'rating'>;
  readonly indexDocuments: Gauge;
  readonly indexSentences: Gauge;
}

/** Metrics in a registry of their own; with `processMetrics`, also Node's (CPU, memory, event loop). */
export function createMetrics(processMetrics = false): Metrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    questions: new Counter({ name: 'citeqa_questions_total', help: 'Questions by outcome and transport (ws, http)', labelNames: ['outcome', 'transport'] as const, registers }),
    answerSeconds: new Histogram({
      name: 'citeqa_answer_seconds',
      help: 'Time to answer one question',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    openConnections: new Gauge({ name: 'citeqa_open_connections', help: 'Open WebSocket connections', registers }),
    rejectedUpgrades: new Counter({ name: 'citeqa_rejected_upgrades_total', help: 'WebSocket upgrades refused, by reason', labelNames: ['reason'] as const, registers }),
    rateLimited: new Counter({ name: 'citeqa_rate_limited_total', help: 'Messages and requests refused by a rate limit', registers }),
    feedback: new Counter({ name: 'citeqa_feedback_total', help: "Readers' thumbs up or down on answers", labelNames: ['rating'] as const, registers }),
    indexDocuments: new Gauge({ name: 'citeqa_index_documents', help: 'Documents in the index being served', registers }),
    indexSentences: new Gauge({ name: 'citeqa_index_sentences', help: 'Sentences in the index being served', registers }),
  };
}
