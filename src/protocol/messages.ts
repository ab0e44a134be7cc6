/**
 * The WebSocket protocol, version 1: one JSON object per text frame, at `/ws`.
 * The types of its messages, each inferred from its zod schema (client-messages.ts,
 * server-messages.ts), which are the protocol's one definition.
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
import type { askSchema, feedbackSchema, pingSchema, resetSchema, suggestSchema } from './client-messages';
import type { Infer } from './common';
import type {
  answerMessageSchema,
  answerSchema,
  errorMessageSchema,
  feedbackDoneSchema,
  helloSchema,
  pongSchema,
  resetDoneSchema,
  suggestionsSchema,
} from './server-messages';

export { CAPABILITIES, ORIGIN_NOT_ALLOWED_CLOSE_CODE, ORIGIN_NOT_ALLOWED_CLOSE_REASON, PROTOCOL_VERSION, type Capability, type RequestId } from './common';

// ---- client -> server ----

/** A question: `question` is 1 to 1,000 characters after trimming; `limit`, 1 to 10, is the most passages (default 3). */
export type AskMessage = Infer<typeof askSchema>;
/** Forgets the conversation, so the next question is not read as a follow-up. */
export type ResetMessage = Infer<typeof resetSchema>;
/** Asks for a `pong`, to check the connection from a browser. */
export type PingMessage = Infer<typeof pingSchema>;
/** Completions of what the reader is typing (`prefix`, at most 200 characters). */
export type SuggestMessage = Infer<typeof suggestSchema>;
/** A reader's judgement of an answer: counted, with nothing about the reader kept. */
export type FeedbackMessage = Infer<typeof feedbackSchema>;

export type ClientMessage = AskMessage | ResetMessage | PingMessage | SuggestMessage | FeedbackMessage;

// ---- server -> client ----

export type HelloMessage = Infer<typeof helloSchema>;
export type AnswerMessage = Infer<typeof answerMessageSchema>;
/** `retryAfterMs`, with `rate_limited`, says when to send again. */
export type ErrorMessage = Infer<typeof errorMessageSchema>;
/** Confirms a reset. */
export type ResetDoneMessage = Infer<typeof resetDoneSchema>;
export type PongMessage = Infer<typeof pongSchema>;
export type SuggestionsMessage = Infer<typeof suggestionsSchema>;
/** Confirms that feedback was counted. */
export type FeedbackDoneMessage = Infer<typeof feedbackDoneSchema>;

export type ServerMessage = HelloMessage | AnswerMessage | ErrorMessage | ResetDoneMessage | PongMessage | SuggestionsMessage | FeedbackDoneMessage;

// The answer the core makes and the answer the protocol describes must be the same type:
// the compiler stops here when one changes without the other.
type WireAnswer = Infer<typeof answerSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type AnswerTypesAgree = Assert<Same<WireAnswer, Answer>>;
