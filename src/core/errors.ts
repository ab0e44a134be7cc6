/**
 * Every error citeqa reports on purpose carries one of these codes. The edges turn them
 * into HTTP statuses or WebSocket error replies; anything thrown without a code is a bug,
 * logged in full and reported to the client only as `internal`.
 *
 * - `bad_request`: the request is malformed; fix it before sending it again.
 * - `not_found`: the named document does not exist.
 * - `rate_limited`: too many messages on one connection, or the client address has used its
 *   answering time; retry after `retryAfterMs`.
 * - `too_large`: a request body over the size the service reads (HTTP 413).
 * - `shutting_down`: the service is stopping; ask again shortly (elsewhere, if several serve).
 * - `corpus_invalid`: an article file cannot be loaded (the service refuses to start).
 * - `internal`: the server failed; the request may be retried.
 */
export type ErrorCode = 'bad_request' | 'not_found' | 'rate_limited' | 'too_large' | 'shutting_down' | 'corpus_invalid' | 'internal';

/** The codes a client can receive (a corpus problem stops the service before any client comes). */
export const WIRE_ERROR_CODES = ['bad_request', 'not_found', 'rate_limited', 'too_large', 'shutting_down', 'internal'] as const satisfies readonly ErrorCode[];

export class CiteqaError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CiteqaError';
  }
}

/** One thing wrong with one corpus file. */
export interface CorpusProblem {
  readonly file: string;
  readonly message: string;
}

/** The corpus cannot be loaded; `problems` lists everything wrong, file by file. */
export class CorpusError extends CiteqaError {
  constructor(readonly problems: readonly CorpusProblem[]) {
    super('corpus_invalid', formatProblems(problems));
    this.name = 'CorpusError';
  }
}

function formatProblems(problems: readonly CorpusProblem[]): string {
  const lines = problems.map((p) => `  ${p.file}: ${p.message}`);
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return `the corpus has ${problems.length} ${noun}:\n${lines.join('\n')}`;
}
