/**
 * Error codes at the edge: how each becomes an HTTP status, and what an unexpected error
 * is reduced to before it leaves the process.
 */
import type { Logger } from 'pino';
import { CiteqaError, type ErrorCode } from '../core/errors';

export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  bad_request: 400,
  not_found: 404,
  rate_limited: 429,
  too_large: 413,
  shutting_down: 503,
  corpus_invalid: 500,
  internal: 500,
};

/** What a client is told about `error`: its code and message if deliberate, else a bare `internal`. */
export function toClientError(error: unknown, logger: Logger, context: Record<string, unknown>): { code: ErrorCode; message: string } {
  if (error instanceof CiteqaError && error.code !== 'internal' && error.code !== 'corpus_invalid') {
    return { code: error.code, message: error.message };
  }
  logger.error({ err: error, ...context }, 'request failed');
  return { code: 'internal', message: 'the server failed to answer; try again later' };
}
