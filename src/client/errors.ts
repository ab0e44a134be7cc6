/**
 * Errors a client reports: the server's codes (`bad_request`, `internal`, and any code a
 * later server adds), and the client's own.
 *
 * | code                 | meaning                                                    | what to do                    |
 * |----------------------|------------------------------------------------------------|-------------------------------|
 * | bad_request          | the server refused the request as malformed                | fix the request               |
 * | rate_limited         | too many questions, or too costly ones, from this client   | retry after retryAfterMs      |
 * | internal             | the server failed                                          | retry later                   |
 * | timeout              | no reply within the ask's timeout                          | retry, maybe later            |
 * | aborted              | the caller's AbortSignal fired                             | nothing                       |
 * | closed               | the client was closed, or the server went away for good    | connect again                 |
 * | unreachable          | the first connection could not be made                     | check the URL, retry          |
 * | protocol_error       | the server sent a frame that does not follow the protocol, | check the URL and the server  |
 * |                      | or no hello within timeoutMs                               |                               |
 * | unsupported_protocol | the server speaks another protocol version                 | use a client of that version  |
 * | origin_not_allowed   | the server refuses connections from this page's origin     | add it to ALLOWED_ORIGINS     |
 */
/** The codes the client itself gives (besides the server's). */
export const CLIENT_ONLY_ERROR_CODES = ['timeout', 'aborted', 'closed', 'unreachable', 'protocol_error', 'unsupported_protocol', 'origin_not_allowed'] as const;

export type ClientErrorCode = 'bad_request' | 'rate_limited' | 'internal' | (typeof CLIENT_ONLY_ERROR_CODES)[number] | (string & {});

export class CiteqaClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    /** With `rate_limited`: milliseconds to wait before asking again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'CiteqaClientError';
  }
}
