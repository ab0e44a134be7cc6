/**
 * What both directions of the protocol share: its version, the request id, and the
 * registry of the annotations (ids, titles, descriptions) that the JSON Schemas carry.
 *
 * The protocol's schemas use `zod/mini`, not `zod`: the client validates what it receives
 * with them, and the client is bundled into the browser widget, where the full zod would
 * add about 400 KB and compile its object parsers with `new Function`, which pages with a
 * strict Content-Security-Policy forbid.
 */
import type { $ZodType } from 'zod/v4/core';
import * as z from 'zod/mini';

export const PROTOCOL_VERSION = 1;

/**
 * What this server supports, announced in `hello` so clients can adapt:
 * - ask, reset, ping, suggest, feedback: the client message types
 * - follow-up: questions are read in the light of the previous one on the connection
 * - short, highlights, context, interpreted: the optional answer fields
 */
export const CAPABILITIES = ['ask', 'reset', 'ping', 'suggest', 'feedback', 'follow-up', 'short', 'highlights', 'context', 'interpreted'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * The close code and reason with which a server refuses a page whose origin it does not
 * admit (ALLOWED_ORIGINS). Clients must not reconnect: the answer will be the same.
 */
export const ORIGIN_NOT_ALLOWED_CLOSE_CODE = 4003;
export const ORIGIN_NOT_ALLOWED_CLOSE_REASON = 'origin not allowed';

/** Longest request id, in characters: ids are echoed in every reply. */
export const MAX_ID_LENGTH = 256;

/**
 * Annotations of a schema for its JSON Schema. A schema with an `id` becomes a shared
 * definition that others refer to by `$ref`.
 */
export interface SchemaMeta {
  readonly id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
}

/** The protocol's own registry, not zod's global one, so that no other module's ids can clash. */
export const protocolMeta = z.registry<SchemaMeta>();

/** `schema`, annotated for its JSON Schema. Each annotated schema must be a fresh instance. */
export function annotate<T extends $ZodType>(schema: T, meta: SchemaMeta): T {
  protocolMeta.add(schema, meta);
  return schema;
}

/**
 * The TypeScript type of a message: what its schema outputs, read-only throughout, since
 * messages are data that nobody edits once made.
 */
export type Infer<T extends $ZodType> = DeepReadonly<z.infer<T>>;
type DeepReadonly<T> = T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

const ID_RULE = `"id" must be a string of at most ${MAX_ID_LENGTH} characters or a finite number`;

export const requestIdSchema = annotate(
  z.union([z.string().check(z.maxLength(MAX_ID_LENGTH, ID_RULE)), z.number().check(z.refine(Number.isFinite, ID_RULE))], { error: ID_RULE }),
  {
    id: 'RequestId',
    description: `A client's request id, echoed verbatim in the reply: a string of at most ${MAX_ID_LENGTH} characters, or a finite number (prefer strings: large numbers lose precision).`,
  },
);

export const replyIdSchema = annotate(z.nullable(requestIdSchema), {
  id: 'ReplyId',
  description: "The request's id, or null when the request had none or its id could not be read.",
});

/** A client's request id, echoed verbatim in the reply; `null` in replies to requests without one. */
export type RequestId = Infer<typeof requestIdSchema>;
