/**
 * The WebSocket protocol, version 1: one JSON object per text frame, at `/ws`.
 * Types only; {@link parseClientMessage} is the one parser of what clients send.
 *
 *   client                               server
 *     |  <------------------------------  hello    (once, on connect)
 *     |  ask {id, question, limit}  --->
 *     |  <------------------------------  answer {id, ...} | error {id, code, message}
 *     |  reset {id}                 --->  (forget the conversation: no more follow-ups)
 *     |  <------------------------------  reset {id}
 *     |  ping {id}                  --->  (an application-level keep-alive: browsers
 *     |  <------------------------------  pong {id}   cannot send protocol pings)
 *     |  suggest {id, prefix}       --->  (completions while typing)
 *     |  <------------------------------  suggestions {id, suggestions}
 *     |  feedback {id, rating, ...} --->  (a reader's thumbs up or down on an answer)
 *     |  <------------------------------  feedback {id}
 *
 * Asks are answered one after another per connection, but a client may send several
 * without waiting: each reply carries its request's `id`, and an `id` still waiting for
 * its answer may not be reused.
 *
 * Clients must tolerate message types, fields and error codes they do not know: later
 * versions add them without changing the protocol number.
 */
import type { Answer } from '../core/answer';
import type { ErrorCode } from '../core/errors';

export const PROTOCOL_VERSION = 1;

/**
 * What this server supports, announced in `hello` so clients can adapt:
 * - ask, reset, ping, suggest, feedback: the client message types
 * - follow-up: questions are read in the light of the previous one on the connection
 * - short, highlights, context, interpreted: the optional answer fields
 */
export const CAPABILITIES = ['ask', 'reset', 'ping', 'suggest', 'feedback', 'follow-up', 'short', 'highlights', 'context', 'interpreted'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** A client's request id, echoed verbatim in the reply; `null` in replies to requests without one. */
export type RequestId = string | number;

// ---- client -> server ----

export interface AskMessage {
  readonly type: 'ask';
  readonly id?: RequestId;
  /** 1 to 1,000 characters after trimming. */
  readonly question: string;
  /** Most passages to return, 1 to 10; default 3. */
  readonly limit?: number;
}

/** Forgets the conversation, so the next question is not read as a follow-up. */
export interface ResetMessage {
  readonly type: 'reset';
  readonly id?: RequestId;
}

/** Asks for a `pong`, to check the connection from a browser. */
export interface PingMessage {
  readonly type: 'ping';
  readonly id?: RequestId;
}

/** Completions of what the reader is typing. */
export interface SuggestMessage {
  readonly type: 'suggest';
  readonly id?: RequestId;
  /** The question so far, 1 to 200 characters. */
  readonly prefix: string;
}

/** A reader's judgement of an answer: counted, with nothing about the reader kept. */
export interface FeedbackMessage {
  readonly type: 'feedback';
  readonly id?: RequestId;
  readonly rating: 'up' | 'down';
  /** The question the answer was for. */
  readonly question: string;
  /** The first passage's document and sentence, when the answer had one. */
  readonly doc?: string;
  readonly sentence?: number;
}

export type ClientMessage = AskMessage | ResetMessage | PingMessage | SuggestMessage | FeedbackMessage;

// ---- server -> client ----

export interface HelloMessage {
  readonly type: 'hello';
  readonly protocol: typeof PROTOCOL_VERSION;
  readonly documents: number;
  readonly sentences: number;
  readonly capabilities: readonly Capability[];
}

export interface AnswerMessage extends Answer {
  readonly type: 'answer';
  readonly id: RequestId | null;
}

export interface ErrorMessage {
  readonly type: 'error';
  readonly id: RequestId | null;
  readonly code: ErrorCode;
  readonly message: string;
  /** With `rate_limited`: when to send again. */
  readonly retryAfterMs?: number;
}

/** Confirms a reset. */
export interface ResetDoneMessage {
  readonly type: 'reset';
  readonly id: RequestId | null;
}

export interface PongMessage {
  readonly type: 'pong';
  readonly id: RequestId | null;
}

export interface SuggestionsMessage {
  readonly type: 'suggestions';
  readonly id: RequestId | null;
  readonly suggestions: readonly string[];
}

/** Confirms that feedback was counted. */
export interface FeedbackDoneMessage {
  readonly type: 'feedback';
  readonly id: RequestId | null;
}

export type ServerMessage = HelloMessage | AnswerMessage | ErrorMessage | ResetDoneMessage | PongMessage | SuggestionsMessage | FeedbackDoneMessage;
