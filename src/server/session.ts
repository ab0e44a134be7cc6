/**
 * One client's WebSocket session, apart from the socket itself: the conversation it is
 * having, the questions it has sent that are not answered yet, and its rate limit.
 *
 * Questions wait in a queue and are answered one at a time, each in its address's turn
 * (see scheduler.ts), so a client that sends many at once, or opens many sockets, shares
 * the process with every other client instead of holding it. `ping`, `suggest` and
 * `feedback` are answered at once, ahead of the queue. Every message takes a token from
 * the connection's bucket (a question, one more for every COST_UNIT_MS of work it took);
 * without one it is refused with `rate_limited` and the socket stays open. A question is
 * also refused while the client address's answering budget (shared by all its
 * connections) is spent, checked when it arrives and again when its turn comes, so that
 * questions queued before the budget ran out are not answered either.
 */
import type { Logger } from 'pino';
import type { Conversation } from '../core/answer';
import { completions } from '../core/suggestions';
import type { AskMessage, ClientMessage, RequestId, ResetMessage, ServerMessage } from '../protocol/messages';
import { parseClientMessage } from '../protocol/parse';
import type { IndexHolder } from './index-holder';
import type { Answerer } from './answerer';
import type { Limits } from './config';
import { toClientError } from './errors';
import type { Metrics } from './metrics';
import { TokenBucket, type Budget } from './rate-limit';

/** Milliseconds of answering that cost one more token of the connection's rate limit. */
export const COST_UNIT_MS = 25;

export interface SessionOptions {
  /** The index, for what is answered at once (suggestions). */
  readonly indexes: IndexHolder;
  /** Who answers the questions. */
  readonly answerer: Answerer;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly limits: Pick<Limits, 'ratePerSecond' | 'rateBurst' | 'logQuestions'>;
  /** Names the connection in logs; request ids are `<connection>-<n>`. */
  readonly connectionId: string;
  /** The answering budget of the client's address. */
  readonly budget: Budget;
  /** Runs a question when its address's turn comes (see scheduler.ts). */
  readonly schedule: <T>(task: () => Promise<T>) => Promise<T>;
  readonly send: (message: ServerMessage) => void;
}

export class Session {
  private conversation: Conversation | undefined;
  private readonly queue: Array<AskMessage | ResetMessage> = [];
  /** Ids of asks queued or being answered: an id may not be reused until answered. */
  private readonly pending = new Set<RequestId>();
  private readonly bucket: TokenBucket;
  private draining = false;
  private closed = false;
  private asked = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: SessionOptions) {
    this.bucket = new TokenBucket(options.limits.ratePerSecond, options.limits.rateBurst);
  }

  /** Handles the text of one frame. */
  receive(text: string): void {
    const parsed = parseClientMessage(text);
    if (!this.admit(parsed.ok ? (parsed.message.id ?? null) : parsed.error.id)) return;
    if (!parsed.ok) {
      this.options.send(parsed.error);
      return;
    }
    this.dispatch(parsed.message);
  }

  /** Handles a binary frame, which the protocol does not use. */
  receiveBinary(): void {
    if (!this.admit(null)) return;
    this.options.send({ type: 'error', id: null, code: 'bad_request', message: 'binary frames are not supported: send JSON in a text frame' });
  }

  /** Resolves once every question received so far is answered. */
  idle(): Promise<void> {
    if (!this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops what is still queued; nothing more is sent. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.pending.clear();
    this.settleIdle();
  }

  /** Takes a token, or refuses the message with `rate_limited`. */
  private admit(id: RequestId | null): boolean {
    const wait = this.bucket.take();
    if (wait === 0) return true;
    this.options.metrics.rateLimited.inc();
    this.options.send({ type: 'error', id, code: 'rate_limited', message: `too many messages: send again in ${wait} ms`, retryAfterMs: wait });
    return false;
  }

  /** A `rate_limited` refusal while the address's answering budget is spent. */
  private budgetRefusal(id: RequestId | null): ServerMessage | undefined {
    const wait = this.options.budget.wait();
    if (wait === 0) return undefined;
    this.options.metrics.rateLimited.inc();
    return {
      type: 'error',
      id,
      code: 'rate_limited',
      message: `questions from your address have used their share of the service: ask again in ${wait} ms`,
      retryAfterMs: wait,
    };
  }

  private dispatch(message: ClientMessage): void {
    const { send, metrics, logger, indexes } = this.options;
    switch (message.type) {
      case 'ping':
        send({ type: 'pong', id: message.id ?? null });
        return;
      case 'ask':
        if (message.id !== undefined && this.pending.has(message.id)) {
          send({
            type: 'error',
            id: message.id,
            code: 'bad_request',
            message: `"id" ${JSON.stringify(message.id)} belongs to a question not answered yet: use a new id for each question`,
          });
          return;
        }
        const refusal = this.budgetRefusal(message.id ?? null);
        if (refusal) {
          send(refusal);
          return;
        }
        if (message.id !== undefined) this.pending.add(message.id);
        this.enqueue(message);
        return;
      case 'reset':
        this.enqueue(message);
        return;
      case 'suggest':
        // Cheap and wanted at once, while the reader types: ahead of the queue.
        send({ type: 'suggestions', id: message.id ?? null, suggestions: completions(indexes.index, message.prefix) });
        return;
      case 'feedback':
        metrics.feedback.inc({ rating: message.rating });
        logger.info(
          { rating: message.rating, doc: message.doc, sentence: message.sentence, ...(this.options.limits.logQuestions ? { question: message.question } : {}) },
          'answer feedback',
        );
        send({ type: 'feedback', id: message.id ?? null });
        return;
      default: {
        const unknown: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unknown)}`);
      }
    }
  }

  private enqueue(message: AskMessage | ResetMessage): void {
    this.queue.push(message);
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => this.drainOne());
    }
  }

  private drainOne(): void {
    const message = this.queue.shift();
    if (!message || this.closed) {
      this.draining = false;
      this.settleIdle();
      return;
    }
    void this.answer(message).then((reply) => {
      if (this.closed) return;
      this.options.send(reply);
      if (message.type === 'ask' && message.id !== undefined) this.pending.delete(message.id);
      if (this.queue.length > 0) setImmediate(() => this.drainOne());
      else {
        this.draining = false;
        this.settleIdle();
      }
    });
  }

  private settleIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async answer(message: AskMessage | ResetMessage): Promise<ServerMessage> {
    const id = message.id ?? null;
    if (message.type === 'reset') {
      this.conversation = undefined;
      return { type: 'reset', id };
    }
    const { metrics, logger, limits, budget } = this.options;
    const request = `${this.options.connectionId}-${++this.asked}`;
    const started = performance.now();
    // The question waits for its address's turn; the budget is checked when the turn comes.
    const result = await this.options.schedule(async (): Promise<{ reply: ServerMessage; outcome?: string; workMs: number }> => {
      // A client gone while its question waited gets no work done for it.
      if (this.closed) return { reply: { type: 'error', id, code: 'internal', message: 'the connection closed' }, workMs: 0 };
      const refusal = this.budgetRefusal(id);
      if (refusal) return { reply: refusal, workMs: 0 };
      const working = performance.now();
      try {
        // One index per question, even if the corpus is reloaded meanwhile.
        const answered = await this.options.answerer.converse(message.question, {
          ...(message.limit === undefined ? {} : { limit: message.limit }),
          ...(this.conversation ? { conversation: this.conversation } : {}),
        });
        this.conversation = answered.conversation;
        return { reply: { type: 'answer', id, ...answered.answer }, outcome: answered.answer.answered ? 'answered' : 'declined', workMs: answered.workMs };
      } catch (error) {
        const clientError = toClientError(error, logger, { request });
        return { reply: { type: 'error', id, ...clientError }, outcome: `error:${clientError.code}`, workMs: performance.now() - working };
      }
    });
    const { reply, outcome, workMs } = result;
    if (outcome === undefined) return reply;
    const seconds = (performance.now() - started) / 1000;
    // A question costs a token, and one more for each COST_UNIT_MS of work it took: a
    // client that asks expensive questions gets fewer of them, not more of the CPU. The
    // address's budget is charged the same work.
    this.bucket.charge(Math.floor(workMs / COST_UNIT_MS));
    budget.charge(workMs);
    metrics.questions.inc({ outcome });
    metrics.answerSeconds.observe(seconds);
    logger.info({ request, outcome, ms: Math.round(seconds * 10_000) / 10, ...(limits.logQuestions ? { question: message.question } : {}) }, 'question');
    return reply;
  }
}
