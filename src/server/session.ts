/**
 * One client's WebSocket session, apart from the socket itself: the conversation it is
 * having, and the questions it has sent that are not answered yet.
 *
 * Questions wait in a queue and are answered one per turn of the event loop, so a client
 * that sends many at once shares the process with every other client instead of holding
 * it. `ping`, `suggest` and `feedback` are answered at once, ahead of the queue.
 */
import type { Logger } from 'pino';
import { converse, type Conversation } from '../core/answer';
import type { SentenceIndex } from '../core/search-index';
import type { AskMessage, ClientMessage, RequestId, ResetMessage, ServerMessage } from '../protocol/messages';
import { parseClientMessage } from '../protocol/parse';
import { completions } from '../core/suggestions';
import { toClientError } from './errors';
import type { Metrics } from './metrics';

export class Session {
  private conversation: Conversation | undefined;
  private readonly queue: Array<AskMessage | ResetMessage> = [];
  /** Ids of asks queued or being answered: an id may not be reused until answered. */
  private readonly pending = new Set<RequestId>();
  private draining = false;
  private closed = false;

  constructor(
    private readonly index: SentenceIndex,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly send: (message: ServerMessage) => void,
  ) {}

  /** Handles the text of one frame. */
  receive(text: string): void {
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.send(parsed.error);
      return;
    }
    this.dispatch(parsed.message);
  }

  /** Handles a binary frame, which the protocol does not use. */
  receiveBinary(): void {
    this.send({ type: 'error', id: null, code: 'bad_request', message: 'binary frames are not supported: send JSON in a text frame' });
  }

  /** Drops what is still queued; nothing more is sent. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.pending.clear();
  }

  private dispatch(message: ClientMessage): void {
    switch (message.type) {
      case 'ping':
        this.send({ type: 'pong', id: message.id ?? null });
        return;
      case 'ask':
        if (message.id !== undefined && this.pending.has(message.id)) {
          this.send({
            type: 'error',
            id: message.id,
            code: 'bad_request',
            message: `"id" ${JSON.stringify(message.id)} belongs to a question not answered yet: use a new id for each question`,
          });
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
        this.send({ type: 'suggestions', id: message.id ?? null, suggestions: completions(this.index, message.prefix) });
        return;
      case 'feedback':
        this.metrics.feedback.inc({ rating: message.rating });
        this.logger.info(
          { rating: message.rating, question: message.question.slice(0, 200), doc: message.doc, sentence: message.sentence },
          'answer feedback',
        );
        this.send({ type: 'feedback', id: message.id ?? null });
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
      return;
    }
    this.send(this.answer(message));
    if (message.type === 'ask' && message.id !== undefined) this.pending.delete(message.id);
    if (this.queue.length > 0) setImmediate(() => this.drainOne());
    else this.draining = false;
  }

  private answer(message: AskMessage | ResetMessage): ServerMessage {
    const id = message.id ?? null;
    if (message.type === 'reset') {
      this.conversation = undefined;
      return { type: 'reset', id };
    }
    try {
      const result = converse(this.index, message.question, {
        ...(message.limit === undefined ? {} : { limit: message.limit }),
        ...(this.conversation ? { conversation: this.conversation } : {}),
      });
      this.conversation = result.conversation;
      return { type: 'answer', id, ...result.answer };
    } catch (error) {
      return { type: 'error', id, ...toClientError(error, this.logger, { messageType: message.type }) };
    }
  }
}
