/**
 * What a question may be, checked the same way wherever it arrives (WebSocket, HTTP,
 * command line, library).
 */
import { z } from 'zod';
import { MAX_NORMALIZED_LENGTH, normalizedLength } from './cost';
import { CiteqaError } from './errors';

/** Longest question, in characters after trimming. */
export const MAX_QUESTION_LENGTH = 1000;
/**
 * Longest question once normalized (NFKC), in characters: what its analysis costs (see
 * cost.ts). A question past it is refused with `bad_request`, not cut: an answer to part
 * of a question would look like an answer to all of it, and no question a reader types
 * grows this much (only runs of compatibility characters such as U+FDFA do).
 */
export const MAX_NORMALIZED_QUESTION_LENGTH = MAX_NORMALIZED_LENGTH;
/** Passages returned when a request names no limit. */
export const DEFAULT_LIMIT = 3;
/** Most passages one answer may hold. */
export const MAX_LIMIT = 10;

export const questionSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'missing "question"' : '"question" must be a string') })
  .trim()
  .min(1, '"question" is empty')
  .max(MAX_QUESTION_LENGTH, `"question" is longer than ${MAX_QUESTION_LENGTH} characters`)
  .refine((question) => normalizedLength(question) <= MAX_NORMALIZED_QUESTION_LENGTH, {
    error: `"question" is longer than ${MAX_NORMALIZED_QUESTION_LENGTH} characters once normalized (NFKC expands some characters, such as U+FDFA, many times)`,
    // Only for a question within the other bounds: one problem at a time, and no NFKC of an oversize one.
    when: (payload) => payload.issues.length === 0,
  });

export const limitSchema = z
  .number({ error: '"limit" must be a number' })
  .int('"limit" must be a whole number')
  .min(1, `"limit" must be from 1 to ${MAX_LIMIT}`)
  .max(MAX_LIMIT, `"limit" must be from 1 to ${MAX_LIMIT}`);

export interface AskRequest {
  /** The question, trimmed. */
  readonly question: string;
  readonly limit: number;
}

const askRequestSchema = z.object({ question: questionSchema, limit: limitSchema.default(DEFAULT_LIMIT) });

/** Checks a question and limit, or throws a `bad_request` {@link CiteqaError} saying what is wrong. */
export function checkAskRequest(question: unknown, limit?: unknown): AskRequest {
  const parsed = askRequestSchema.safeParse({ question, limit });
  if (!parsed.success) throw new CiteqaError('bad_request', issuesMessage(parsed.error));
  return parsed.data;
}

/** One line naming every problem zod found, for an error reply. */
export function issuesMessage(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join('; ');
}
