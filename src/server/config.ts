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
 *
 * and the limits of the WebSocket edge, see {@link Limits} and {@link DEFAULT_LIMITS}.
 */
import path from 'node:path';
import { z } from 'zod';
import { defaultCorpusDir } from '../node/package-info';

/** Longest a timer can wait (node's setTimeout: a longer one fires at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly corpusDir: string;
  /** A snapshot made by `citeqa index`, served instead of building the corpus. */
  readonly indexFile?: string;
  readonly logLevel: LogLevel;
  /** WORKERS: processes serving the port (node's cluster); 1, the default, is this process alone. */
  readonly workers: number;
  readonly limits: Limits;
}

/** What the service allows one client, and all of them. */
export interface Limits {
  /** MAX_FRAME_BYTES: largest WebSocket frame; a larger one closes the socket with 1009. */
  readonly maxFrameBytes: number;
  /**
   * ALLOWED_ORIGINS: comma-separated origins whose pages may open a WebSocket (the sites
   * that embed the widget); "*" allows any. The service's own origin and localhost always may.
   */
  readonly allowedOrigins: readonly string[];
  /** ALLOW_NO_ORIGIN: whether clients that send no Origin (scripts, not browsers) may connect. */
  readonly allowNoOrigin: boolean;
  /** RATE_PER_SECOND and RATE_BURST: messages one connection may send (a token bucket). */
  readonly ratePerSecond: number;
  readonly rateBurst: number;
  /**
   * ANSWER_MS_PER_IP: milliseconds of answering one client address may use each second,
   * over all its connections and HTTP requests, questions and suggestions (0: no limit).
   * Work pays an estimate before it starts and the rest after (see rate-limit.ts); work
   * the address cannot pay for gets `rate_limited` until the budget refills, so many
   * sockets from one address cannot take the process from everyone else.
   */
  readonly answerMsPerIp: number;
  /** MAX_CONNECTIONS_PER_IP: open WebSockets from one client address. */
  readonly maxConnectionsPerIp: number;
  /** MAX_CONNECTIONS: open WebSockets in all; more are refused with 503. */
  readonly maxConnections: number;
  /**
   * TRUST_PROXY: how many proxies in front of the service to believe in X-Forwarded-For
   * (0: none, the default; the header is then ignored, as anyone can send it).
   */
  readonly trustProxy: number;
  /** HEARTBEAT_MS: protocol ping interval; a peer that misses one is dropped. */
  readonly heartbeatMs: number;
  /** MAX_BUFFERED_BYTES: replies waiting for a slow reader before the socket is closed with 1008. */
  readonly maxBufferedBytes: number;
  /**
   * CLOSE_TIMEOUT_MS: how long a socket the service closes has to finish the closing
   * handshake before it is terminated. A close frame waits behind whatever the peer has
   * not read, so without this a reader that stopped reading would hold its socket for
   * `ws`'s 30 s.
   */
  readonly closeTimeoutMs: number;
  /**
   * MAX_HTTP_CONNECTIONS_PER_IP: open HTTP connections from one client address, not
   * counting those upgraded to WebSockets (MAX_CONNECTIONS_PER_IP caps those). Counted by
   * the TCP peer: behind a proxy, that is the proxy, so raise it there.
   */
  readonly maxHttpConnectionsPerIp: number;
  /**
   * HEADERS_TIMEOUT_MS and REQUEST_TIMEOUT_MS: how long a client has to send a request's
   * headers, and the whole request, before its connection is closed (slowloris: a client
   * that trickles a request holds a connection). Node's own are 60 s and 300 s.
   */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** LOG_QUESTIONS: log questions verbatim (they can be personal; off by default). */
  readonly logQuestions: boolean;
  /**
   * ANSWER_WORKER: answer questions (WebSocket and HTTP) and suggestions in a worker thread
   * with its own copy of the index, so that a slow question never holds the thread serving
   * the sockets. Off by
   * default, as it doubles the index's memory; at 110,000 sentences (`npm run bench`) it
   * gave a reader a p99 under flood of 48-80 ms against 81-272 ms in process.
   */
  readonly answerWorker: boolean;
}

export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: 16 * 1024,
  allowedOrigins: [],
  allowNoOrigin: true,
  ratePerSecond: 10,
  rateBurst: 20,
  answerMsPerIp: 500,
  maxConnectionsPerIp: 50,
  maxConnections: 10_000,
  trustProxy: 0,
  heartbeatMs: 30_000,
  maxBufferedBytes: 1024 * 1024,
  closeTimeoutMs: 5000,
  maxHttpConnectionsPerIp: 100,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  logQuestions: false,
  answerWorker: false,
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export { defaultCorpusDir };

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
  WORKERS: count('WORKERS', 1)
    .refine((n) => n <= 64, 'WORKERS must be a whole number from 1 to 64')
    .default(1),
  MAX_FRAME_BYTES: count('MAX_FRAME_BYTES', 256).optional(),
  ALLOWED_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .refine((origins) => origins.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), 'ALLOWED_ORIGINS must be "*" or origins like https://news.example.com, comma-separated')
    .optional(),
  ALLOW_NO_ORIGIN: flag('ALLOW_NO_ORIGIN').optional(),
  RATE_PER_SECOND: count('RATE_PER_SECOND', 1).optional(),
  RATE_BURST: count('RATE_BURST', 1).optional(),
  ANSWER_MS_PER_IP: count('ANSWER_MS_PER_IP', 0).optional(),
  MAX_CONNECTIONS_PER_IP: count('MAX_CONNECTIONS_PER_IP', 1).optional(),
  MAX_CONNECTIONS: count('MAX_CONNECTIONS', 1).optional(),
  TRUST_PROXY: count('TRUST_PROXY', 0).optional(),
  HEARTBEAT_MS: milliseconds('HEARTBEAT_MS', 100).optional(),
  MAX_BUFFERED_BYTES: count('MAX_BUFFERED_BYTES', 1024).optional(),
  CLOSE_TIMEOUT_MS: milliseconds('CLOSE_TIMEOUT_MS', 100).optional(),
  MAX_HTTP_CONNECTIONS_PER_IP: count('MAX_HTTP_CONNECTIONS_PER_IP', 1).optional(),
  HEADERS_TIMEOUT_MS: milliseconds('HEADERS_TIMEOUT_MS', 100).optional(),
  REQUEST_TIMEOUT_MS: milliseconds('REQUEST_TIMEOUT_MS', 100).optional(),
  LOG_QUESTIONS: flag('LOG_QUESTIONS').optional(),
  ANSWER_WORKER: flag('ANSWER_WORKER').optional(),
});

function count(name: string, min: number) {
  return z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number of at least ${min}`)
    .transform(Number)
    .refine((n) => n >= min && Number.isSafeInteger(n), `${name} must be a whole number of at least ${min}`);
}

/** A time for a timer: whole milliseconds, at least `min`, at most what a timer can wait (about 24.8 days). */
function milliseconds(name: string, min: number) {
  const message = `${name} must be a whole number of milliseconds from ${min} to ${MAX_TIMER_MS} (about 24.8 days)`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= MAX_TIMER_MS, message);
}

function flag(name: string) {
  return z.enum(['true', 'false'], { error: `${name} must be true or false` }).transform((v) => v === 'true');
}

/** Which environment variable sets which limit. */
const LIMIT_VARIABLES = {
  MAX_FRAME_BYTES: 'maxFrameBytes',
  ALLOWED_ORIGINS: 'allowedOrigins',
  ALLOW_NO_ORIGIN: 'allowNoOrigin',
  RATE_PER_SECOND: 'ratePerSecond',
  RATE_BURST: 'rateBurst',
  ANSWER_MS_PER_IP: 'answerMsPerIp',
  MAX_CONNECTIONS_PER_IP: 'maxConnectionsPerIp',
  MAX_CONNECTIONS: 'maxConnections',
  TRUST_PROXY: 'trustProxy',
  HEARTBEAT_MS: 'heartbeatMs',
  MAX_BUFFERED_BYTES: 'maxBufferedBytes',
  CLOSE_TIMEOUT_MS: 'closeTimeoutMs',
  MAX_HTTP_CONNECTIONS_PER_IP: 'maxHttpConnectionsPerIp',
  HEADERS_TIMEOUT_MS: 'headersTimeoutMs',
  REQUEST_TIMEOUT_MS: 'requestTimeoutMs',
  LOG_QUESTIONS: 'logQuestions',
  ANSWER_WORKER: 'answerWorker',
} as const satisfies Record<string, keyof Limits>;

/**
 * Builds the configuration from `env`, or throws a TypeError naming every variable that
 * is wrong and what it must be.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new TypeError(`invalid configuration: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  }
  const { PORT, HOST, CORPUS_DIR, INDEX_FILE, LOG_LEVEL, WORKERS } = parsed.data;
  const limits: Record<string, unknown> = { ...DEFAULT_LIMITS };
  for (const [variable, key] of Object.entries(LIMIT_VARIABLES)) {
    const value = parsed.data[variable as keyof typeof LIMIT_VARIABLES];
    if (value !== undefined) limits[key] = value;
  }
  return {
    port: PORT,
    host: HOST,
    corpusDir: CORPUS_DIR === undefined ? defaultCorpusDir() : path.resolve(CORPUS_DIR),
    ...(INDEX_FILE === undefined ? {} : { indexFile: path.resolve(INDEX_FILE) }),
    logLevel: LOG_LEVEL,
    workers: WORKERS,
    // Each value was checked by its variable's schema above.
    limits: limits as unknown as Limits,
  };
}

/** Unset and empty variables both mean "use the default" (as in `PORT= npm start`). */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['PORT', 'HOST', 'CORPUS_DIR', 'INDEX_FILE', 'LOG_LEVEL', 'WORKERS', ...Object.keys(LIMIT_VARIABLES)]) {
    const value = env[key];
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
