/**
 * The service's metrics (prom-client), served at GET /metrics in Prometheus's text format.
 */
import { Counter, Registry } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  /** Readers' judgements of answers, by rating. Nothing about the reader is recorded. */
  readonly feedback: Counter<'rating'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const feedback = new Counter({
    name: 'citeqa_feedback_total',
    help: "Readers' thumbs up or down on answers",
    labelNames: ['rating'] as const,
    registers: [registry],
  });
  return { registry, feedback };
}
