/**
 * Service configuration: read from the environment once, at start-up, checked whole.
 * This is the only module that reads `process.env`.
 *
 * | variable   | default                 | meaning                                      |
 * |------------|-------------------------|----------------------------------------------|
 * | PORT       | 3000                    | TCP port to listen on (0: any free port)     |
 * | HOST       | 127.0.0.1               | address to listen on (0.0.0.0: every one)    |
 * | CORPUS_DIR | the package's `corpus/` | directory of article files (`*.md`)          |
 * | INDEX_FILE | (none)                  | an index snapshot (`citeqa index`) to serve instead of CORPUS_DIR |
 * | LOG_LEVEL  | info                    | fatal, error, warn, info, debug, trace, silent |
 */
import path from 'node:path';
import { z } from 'zod';

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly corpusDir: string;
  /** A snapshot made by `citeqa index`, served instead of building the corpus. */
  readonly indexFile?: string;
  readonly logLevel: LogLevel;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The corpus bundled with the package: `corpus/` at the package root. */
export function defaultCorpusDir(): string {
  // This file is src/server/config.ts, or dist/server/config.js once built: two levels down.
  return path.resolve(__dirname, '..', '..', 'corpus');
}

const envSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d+$/, 'PORT must be a whole number from 0 to 65535')
    .transform(Number)
    .refine((port) => port <= 65535, 'PORT must be a whole number from 0 to 65535')
    .default(3000),
  HOST: z.string().trim().min(1, 'HOST is empty').default('127.0.0.1'),
  CORPUS_DIR: z.string().trim().min(1, 'CORPUS_DIR is empty').optional(),
  INDEX_FILE: z.string().trim().min(1, 'INDEX_FILE is empty').optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

/**
 * Builds the configuration from `env`, or throws a TypeError naming every variable that
 * is wrong and what it must be.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new TypeError(`invalid configuration: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const { PORT, HOST, CORPUS_DIR, INDEX_FILE, LOG_LEVEL } = parsed.data;
  return {
    port: PORT,
    host: HOST,
    corpusDir: CORPUS_DIR === undefined ? defaultCorpusDir() : path.resolve(CORPUS_DIR),
    ...(INDEX_FILE === undefined ? {} : { indexFile: path.resolve(INDEX_FILE) }),
    logLevel: LOG_LEVEL,
  };
}

/** Unset and empty variables both mean "use the default" (as in `PORT= npm start`). */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['PORT', 'HOST', 'CORPUS_DIR', 'INDEX_FILE', 'LOG_LEVEL']) {
    const value = env[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
