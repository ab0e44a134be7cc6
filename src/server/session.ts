/**
 * One client's WebSocket session, apart from the socket itself: the conversation it is
 * having, the questions it has sent that are not answered yet, and its rate limit.
 *
 * Questions wait in a queue and are answered one at a time, each on the service's one
 * answering path (answering.ts: its address's turn and budget, the answerer, metrics and
 * logs), so a client that sends many at once, or opens many sockets, shares the process
 * with every other client instead of holding it. `ping` and `feedback` are answered at
 * once; `suggest` goes ahead of the queue, on the same path as questions. Every message
 * takes a token from the connection's bucket (a question, one more for every
 * COST_UNIT_MS of work it took); without one it is refused with `rate_limited` and the
 * socket stays open. Questions and suggestions are also refused while the client
 * address's answering budget (shared by all its connections) cannot pay for them,
 * checked when they arrive and again when their turn comes, so that questions queued
 * before the budget ran out are not answered either.
 *
 * Feedback counts once per answer (the question and the passage rated) and at most
 * MAX_FEEDBACK_PER_CONNECTION times per connection; more is refused with `bad_request`
 * and not counted, so that one client cannot inflate the counts.
 *
 * On shutdown the session stops taking questions (`stopTaking`), then refuses those still
 * waiting (`cancelQueued`), both with `shutting_down`.
 */
import type { Logger } from 'pino';
import type { Conversation } from '../core/answer';
import type { AskMessage, ClientMessage, FeedbackMessage, RequestId, ResetMessage, ServerMessage, SuggestMessage } from '../protocol/messages';
import { parseClientMessage } from '../protocol/parse';
import type { Answering, Caller, Refusal } from './answering';
import type { Limits } from './config';
import type { Metrics } from './metrics';
import { TokenBucket } from './rate-limit';

/** Milliseconds of answering that cost one more token of the connection's rate limit. */
export const COST_UNIT_MS = 25;

/** Answers one connection may rate: far more than a reader rates in one visit. */
export const MAX_FEEDBACK_PER_CONNECTION = 50;

export interface SessionOptions {
  /** The service's answering path, shared with every connection and HTTP request. */
  readonly answering: Answering;
  /** The client's address: whose turn and budget its questions take. */
  readonly address: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly limits: Pick<Limits, 'ratePerSecond' | 'rateBurst' | 'logQuestions'>;
  /** Names the connection in logs; request ids are `<connection>-<n>`. */
  readonly connectionId: string;
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
  /** Shutting down: new questions are refused. */
  private stopping = false;
  /** Shutting down: questions not yet begun by then (performance.now()) are refused. */
  private cancelAt = Infinity;
  /** The answers this connection rated (question, document, sentence). */
  private readonly rated = new Set<string>();
  /** Requests (questions and suggestions) numbered for the logs. */
  private requests = 0;
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
    if (!this.draining || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Refuses the questions sent from now on with `shutting_down`; those received are still
   * answered if begun before `graceEnds` (a performance.now() time). Checked as each
   * begins, so the bound holds even when a long question delays the timers.
   */
  stopTaking(graceEnds = Infinity): void {
    this.stopping = true;
    this.cancelAt = Math.min(this.cancelAt, graceEnds);
  }

  /**
   * Refuses every question not yet begun with `shutting_down` (the one being answered, if
   * any, still gets its answer), and those sent from now on.
   */
  cancelQueued(): void {
    this.stopping = true;
    this.cancelAt = -Infinity;
    for (const message of this.queue.splice(0)) {
      if (message.type === 'ask' && message.id !== undefined) this.pending.delete(message.id);
      this.options.send(errorReply(message.id ?? null, SHUTTING_DOWN));
    }
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

  /** What this connection is to the answering path, for one request. */
  private caller(): Caller {
    return { address: this.options.address, transport: 'ws', request: `${this.options.connectionId}-${++this.requests}`, gone: () => this.closed, stopped: () => performance.now() >= this.cancelAt };
  }

  private dispatch(message: ClientMessage): void {
    const { send, metrics, logger, answering, address } = this.options;
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
        if (this.stopping) {
          send(errorReply(message.id ?? null, SHUTTING_DOWN));
          return;
        }
        const refusal = answering.refusal(address, 'ask');
        if (refusal) {
          send(errorReply(message.id ?? null, refusal));
          return;
        }
        if (message.id !== undefined) this.pending.add(message.id);
        this.enqueue(message);
        return;
      case 'reset':
        this.enqueue(message);
        return;
      case 'suggest':
        // Wanted at once, while the reader types: ahead of the queue, in the address's turn.
        void this.suggest(message);
        return;
      case 'feedback': {
        const refusal = this.feedbackRefusal(message);
        if (refusal) {
          send(refusal);
          return;
        }
        metrics.feedback.inc({ rating: message.rating });
        logger.info(
          { rating: message.rating, doc: message.doc, sentence: message.sentence, ...(this.options.limits.logQuestions ? { question: message.question } : {}) },
          'answer feedback',
        );
        send({ type: 'feedback', id: message.id ?? null });
        return;
      }
      default: {
        const unknown: never = message;
        throw new Error(`unhandled message ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** Why `feedback` is not counted, if it is not: it rates an answer already rated, or one too many. */
  private feedbackRefusal(message: FeedbackMessage): ServerMessage | undefined {
    const answer = JSON.stringify([message.question, message.doc ?? null, message.sentence ?? null]);
    let reason: string | undefined;
    if (this.rated.has(answer)) reason = 'this answer was already rated on this connection: a rating counts once';
    else if (this.rated.size >= MAX_FEEDBACK_PER_CONNECTION) reason = `this connection has rated ${MAX_FEEDBACK_PER_CONNECTION} answers, as many as one connection may`;
    if (reason === undefined) {
      this.rated.add(answer);
      return undefined;
    }
    return { type: 'error', id: message.id ?? null, code: 'bad_request', message: reason };
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

  private async suggest(message: SuggestMessage): Promise<void> {
    const id = message.id ?? null;
    const { answering, address, send } = this.options;
    const refusal = answering.refusal(address, 'suggest');
    if (refusal) {
      send(errorReply(id, refusal));
      return;
    }
    const outcome = await answering.suggest(this.caller(), message.prefix);
    if (this.closed || outcome.kind === 'gone') return;
    if (outcome.kind === 'done') {
      this.bucket.charge(Math.floor(outcome.workMs / COST_UNIT_MS));
      send({ type: 'suggestions', id, suggestions: [...outcome.value.suggestions] });
    } else send(errorReply(id, outcome.error));
  }

  private async answer(message: AskMessage | ResetMessage): Promise<ServerMessage> {
    const id = message.id ?? null;
    if (message.type === 'reset') {
      this.conversation = undefined;
      return { type: 'reset', id };
    }
    // One index per question, even if the corpus is reloaded meanwhile.
    const outcome = await this.options.answering.ask(this.caller(), message.question, {
      ...(message.limit === undefined ? {} : { limit: message.limit }),
      ...(this.conversation ? { conversation: this.conversation } : {}),
    });
    if (outcome.kind === 'gone') return { type: 'error', id, code: 'internal', message: 'the connection closed' };
    if (outcome.kind === 'refused') return errorReply(id, outcome.error);
    // A question costs a token, and one more for each COST_UNIT_MS of work it took: a
    // client that asks expensive questions gets fewer of them, not more of the CPU.
    this.bucket.charge(Math.floor(outcome.workMs / COST_UNIT_MS));
    if (outcome.kind === 'failed') return errorReply(id, outcome.error);
    this.conversation = outcome.value.conversation;
    return { type: 'answer', id, ...outcome.value.answer };
  }
}

const SHUTTING_DOWN: Refusal = { code: 'shutting_down', message: 'the service is shutting down: ask again shortly' };

function errorReply(id: RequestId | null, { code, message, retryAfterMs }: Refusal): ServerMessage {
  return { type: 'error', id, code, message, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}
