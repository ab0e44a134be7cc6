/**
 * The one path of every question and suggestion, whichever way it came (WebSocket or
 * HTTP):
 *
 *   arrives     refused at once while its address cannot pay the estimate (rate-limit.ts)
 *   waits       for its address's turn (scheduler.ts); no work for a caller gone meanwhile
 *   pays        the estimate from its address's budget, or is refused without being done
 *   is worked   by the answerer (answerer.ts: this thread, or the answer worker)
 *   pays        the rest: what the work took, less the estimate
 *   is counted  in the metrics and logged (questions only; the text per LOG_QUESTIONS)
 *
 * What stays with each way in is only what belongs to it: a socket's queue, conversation
 * and token bucket (session.ts), a request's status codes and pages (app.ts).
 */
import type { Logger } from 'pino';
import type { AskOptions } from '../core/answer';
import type { ErrorCode } from '../core/errors';
import { suggestIn, type Answered, type Answerer, type Suggested } from './answerer';
import type { Limits } from './config';
import { toClientError } from './errors';
import type { IndexHolder } from './index-holder';
import type { Metrics, Transport } from './metrics';
import type { AddressBudgets, WorkKind } from './rate-limit';
import type { Scheduler } from './scheduler';

/** Who is asking. */
export interface Caller {
  /** The client address: whose turn and budget the work takes. */
  readonly address: string;
  readonly transport: Transport;
  /** Names the request in logs. */
  readonly request: string;
  /** Whether the caller has gone: no work is done for it once it has. */
  readonly gone: () => boolean;
  /** Whether work not begun by now is refused with `shutting_down` (the service is stopping). */
  readonly stopped?: () => boolean;
}

/** What a client is told when its work is not done. */
export interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
  /** For `rate_limited`: when to ask again. */
  readonly retryAfterMs?: number;
}

/** Done; failed (an error the work raised); refused before any work; or its caller left first. */
export type Outcome<T> =
  | { readonly kind: 'done'; readonly value: T; readonly workMs: number }
  | { readonly kind: 'failed'; readonly error: Refusal; readonly workMs: number }
  | { readonly kind: 'refused'; readonly error: Refusal }
  | { readonly kind: 'gone' };

export interface AnsweringOptions {
  readonly answerer: Answerer;
  /** The index served, for an answerer that makes no suggestions of its own. */
  readonly indexes: IndexHolder;
  readonly budgets: AddressBudgets;
  readonly scheduler: Scheduler;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly limits: Pick<Limits, 'logQuestions'>;
}

export class Answering {
  constructor(private readonly options: AnsweringOptions) {}

  /** A `rate_limited` refusal while `address` cannot pay for work of `kind`, checked on arrival. */
  refusal(address: string, kind: WorkKind): Refusal | undefined {
    const wait = this.options.budgets.wait(address, kind);
    return wait > 0 ? this.spent(wait) : undefined;
  }

  /** Answers a question in its address's turn, counted and logged. */
  async ask(caller: Caller, question: string, options: AskOptions): Promise<Outcome<Answered>> {
    const { metrics, logger, limits } = this.options;
    const started = performance.now();
    const outcome = await this.run(caller, 'ask', () => this.options.answerer.converse(question, options));
    if (outcome.kind === 'gone' || outcome.kind === 'refused') return outcome;
    const result = outcome.kind === 'done' ? (outcome.value.answer.answered ? 'answered' : 'declined') : `error:${outcome.error.code}`;
    metrics.questions.inc({ outcome: result, transport: caller.transport });
    metrics.answerSeconds.observe(outcome.workMs / 1000);
    logger.info(
      {
        request: caller.request,
        transport: caller.transport,
        outcome: result,
        ms: tenths(performance.now() - started),
        workMs: tenths(outcome.workMs),
        ...(limits.logQuestions ? { question } : {}),
      },
      'question',
    );
    return outcome;
  }

  /** Completes a prefix in its address's turn, ahead of that address's questions. */
  suggest(caller: Caller, prefix: string): Promise<Outcome<Suggested>> {
    const { answerer, indexes } = this.options;
    return this.run(caller, 'suggest', () => (answerer.suggest ? answerer.suggest(prefix) : Promise.resolve(suggestIn(indexes, prefix))), true);
  }

  private async run<T extends { readonly workMs: number }>(caller: Caller, kind: WorkKind, work: () => Promise<T>, urgent = false): Promise<Outcome<T>> {
    const { budgets, scheduler, logger } = this.options;
    return scheduler.run(
      caller.address,
      async (): Promise<Outcome<T>> => {
        if (caller.gone()) return { kind: 'gone' };
        if (caller.stopped?.()) return { kind: 'refused', error: { code: 'shutting_down', message: 'the service is shutting down: ask again shortly' } };
        const reserved = budgets.reserve(caller.address, kind);
        if ('wait' in reserved) return { kind: 'refused', error: this.spent(reserved.wait) };
        const started = performance.now();
        try {
          const value = await work();
          reserved.settle(value.workMs);
          return { kind: 'done', value, workMs: value.workMs };
        } catch (error) {
          const workMs = performance.now() - started;
          reserved.settle(workMs);
          return { kind: 'failed', error: toClientError(error, logger, { request: caller.request }), workMs };
        }
      },
      { urgent },
    );
  }

  private spent(wait: number): Refusal {
    this.options.metrics.rateLimited.inc();
    return { code: 'rate_limited', message: `questions from your address have used their share of the service: ask again in ${wait} ms`, retryAfterMs: wait };
  }
}

function tenths(ms: number): number {
  return Math.round(ms * 10) / 10;
}
