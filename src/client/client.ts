/**
 * The citeqa client for Node and browsers: one WebSocket connection, questions asked
 * concurrently and matched to their answers by id, timeouts and cancellation, and
 * automatic reconnection that re-sends what was in flight.
 *
 *   const client = await CiteqaClient.connect('ws://localhost:3000/ws');
 *   const answer = await client.ask('How long did the meeting last?', { limit: 3 });
 *   client.close();
 *
 * A follow-up question refers to the previous one on the same connection; after a
 * reconnection the server has forgotten it.
 */
import type { Answer } from '../core/answer';
import type { ClientMessage, HelloMessage, RequestId, ServerMessage } from '../protocol/messages';
import { CiteqaClientError } from './errors';

/** The parts of the browser WebSocket API the client uses (also what `ws` offers). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown; code?: number }) => void): void;
}
export type SocketFactory = (url: string) => SocketLike;

export type ClientStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ReconnectOptions {
  /** First delay before reconnecting, in ms (default 250). */
  readonly initialDelayMs?: number;
  /** Longest delay between attempts, in ms (default 10,000). */
  readonly maxDelayMs?: number;
  /** Attempts before giving up and failing what is pending with `closed` (default: no limit). */
  readonly maxAttempts?: number;
}

export interface ClientOptions {
  /** How sockets are made; default the global WebSocket, or the `ws` package in Node. */
  readonly socket?: SocketFactory;
  /** Default timeout of one ask, in ms (default 10,000). */
  readonly timeoutMs?: number;
  /** Reconnect with exponential backoff and jitter when the connection drops (default on); false to fail instead. */
  readonly reconnect?: ReconnectOptions | false;
  /** Called whenever the connection status changes. */
  readonly onStatus?: (status: ClientStatus) => void;
}

export interface AskOptions {
  /** Most passages, 1 to 10 (the server's default is 3). */
  readonly limit?: number;
  /** Timeout for this ask, in ms. */
  readonly timeoutMs?: number;
  /** Cancels the ask: it rejects with `aborted`, and its answer is ignored if it comes. */
  readonly signal?: AbortSignal;
}

/** An answer as received: the answer object and its request id. */
export type AnswerReply = Answer & { readonly id: RequestId | null };

interface Pending {
  readonly frame: string;
  readonly resolve: (message: ServerMessage) => void;
  readonly reject: (error: Error) => void;
}

const OPEN = 1;

export class CiteqaClient {
  /** The server's `hello`, refreshed on every reconnection. */
  hello: HelloMessage | undefined;
  private socket: SocketLike | undefined;
  private status: ClientStatus = 'connecting';
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private attempts = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly makeSocket: SocketFactory;

  private constructor(
    readonly url: string,
    private readonly options: ClientOptions,
  ) {
    this.makeSocket = options.socket ?? defaultSocketFactory();
  }

  /** Connects and resolves once the server's `hello` arrives; rejects with `unreachable` otherwise. */
  static connect(url: string, options: ClientOptions = {}): Promise<CiteqaClient> {
    const client = new CiteqaClient(url, options);
    return new Promise((resolve, reject) => {
      client.dial((error) => (error ? reject(error) : resolve(client)));
    });
  }

  /**
   * A client that connects in the background and keeps trying (with backoff) until the
   * server answers: questions asked meanwhile wait and are sent once connected. For user
   * interfaces, which should not fail because the server is briefly away.
   */
  static open(url: string, options: ClientOptions = {}): CiteqaClient {
    const client = new CiteqaClient(url, options);
    client.dial();
    return client;
  }

  get connectionStatus(): ClientStatus {
    return this.status;
  }

  /** Asks a question. Rejects with a {@link CiteqaClientError} carrying the server's code or the client's. */
  async ask(question: string, options: AskOptions = {}): Promise<AnswerReply> {
    const reply = await this.request(
      (id) => ({ type: 'ask', id, question, ...(options.limit === undefined ? {} : { limit: options.limit }) }),
      options,
    );
    if (reply.type !== 'answer') throw new CiteqaClientError('internal', `expected an answer, got "${reply.type}"`);
    const { type: _type, ...answer } = reply;
    return answer;
  }

  /** Forgets the conversation on the server: the next question is not a follow-up. */
  async reset(options: Omit<AskOptions, 'limit'> = {}): Promise<void> {
    await this.request((id) => ({ type: 'reset', id }), options);
  }

  /** Completions of a question being typed ("peace tre" -> "peace treaty"). */
  async suggest(prefix: string, options: Omit<AskOptions, 'limit'> = {}): Promise<readonly string[]> {
    const reply = await this.request((id) => ({ type: 'suggest', id, prefix }), options);
    return reply.type === 'suggestions' ? reply.suggestions : [];
  }

  /** Tells the server a reader found an answer helpful (`up`) or not (`down`). */
  async feedback(feedback: { rating: 'up' | 'down'; question: string; doc?: string; sentence?: number }, options: Omit<AskOptions, 'limit'> = {}): Promise<void> {
    await this.request((id) => ({ type: 'feedback', id, ...feedback }), options);
  }

  /** Round-trip time of an application-level ping, in ms. */
  async ping(options: Omit<AskOptions, 'limit'> = {}): Promise<number> {
    const started = Date.now();
    await this.request((id) => ({ type: 'ping', id }), options);
    return Date.now() - started;
  }

  /** Closes the connection; whatever is pending rejects with `closed`. */
  close(): void {
    this.setStatus('closed');
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.close(1000, 'client closed');
    this.failAll(new CiteqaClientError('closed', 'the client was closed'));
  }

  private request(build: (id: string) => ClientMessage, options: Omit<AskOptions, 'limit'>): Promise<ServerMessage> {
    if (this.status === 'closed') return Promise.reject(new CiteqaClientError('closed', 'the client is closed: connect again'));
    if (options.signal?.aborted) return Promise.reject(new CiteqaClientError('aborted', 'the request was aborted'));
    const id = `c${this.nextId++}`;
    const frame = JSON.stringify(build(id));
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 10_000;

    return new Promise<ServerMessage>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(id);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new CiteqaClientError('timeout', `no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      const onAbort = () => {
        settle();
        reject(new CiteqaClientError('aborted', 'the request was aborted'));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        frame,
        resolve: (message) => {
          settle();
          if (message.type === 'error') reject(new CiteqaClientError(message.code, message.message, message.retryAfterMs));
          else resolve(message);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      // Sent now if connected; otherwise when the connection (re)opens.
      if (this.status === 'open' && this.socket?.readyState === OPEN) this.socket.send(frame);
    });
  }

  private dial(firstResult?: (error?: Error) => void): void {
    let helloSeen = false;
    let socket: SocketLike;
    try {
      socket = this.makeSocket(this.url);
    } catch (error) {
      // A URL the WebSocket API refuses outright: retrying will not help.
      this.setStatus('closed');
      const failure = new CiteqaClientError('unreachable', `cannot connect to ${this.url}: ${(error as Error).message}`);
      this.failAll(failure);
      firstResult?.(failure);
      return;
    }
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return; // Not JSON: nothing this client can use.
      }
      if (message.type === 'hello') {
        helloSeen = true;
        this.hello = message;
        this.attempts = 0;
        this.setStatus('open');
        // Re-send what was in flight when the connection dropped (or queued before it opened).
        for (const pending of this.pending.values()) socket.send(pending.frame);
        firstResult?.();
        return;
      }
      const id = 'id' in message && typeof message.id === 'string' ? message.id : undefined;
      if (id !== undefined) this.pending.get(id)?.resolve(message); // unknown ids: answered already, or aborted
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket || this.status === 'closed') return;
      if (!helloSeen && firstResult) {
        this.setStatus('closed');
        firstResult(new CiteqaClientError('unreachable', `cannot connect to ${this.url}`));
        return;
      }
      this.scheduleReconnect();
    });
    socket.addEventListener('error', () => {
      // A 'close' event follows; the decision is taken there.
    });
  }

  private scheduleReconnect(): void {
    const reconnect = this.options.reconnect;
    if (reconnect === false || (reconnect?.maxAttempts !== undefined && this.attempts >= reconnect.maxAttempts)) {
      this.setStatus('closed');
      this.failAll(new CiteqaClientError('closed', 'the connection was lost'));
      return;
    }
    this.setStatus('reconnecting');
    const initial = reconnect?.initialDelayMs ?? 250;
    const max = reconnect?.maxDelayMs ?? 10_000;
    // Exponential backoff with full jitter, so that many clients do not return at once.
    const delay = Math.random() * Math.min(max, initial * 2 ** this.attempts);
    this.attempts++;
    this.reconnectTimer = setTimeout(() => {
      if (this.status !== 'closed') this.dial();
    }, delay);
  }

  private failAll(error: Error): void {
    for (const pending of [...this.pending.values()]) pending.reject(error);
  }

  private setStatus(status: ClientStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.options.onStatus?.(status);
  }
}

function defaultSocketFactory(): SocketFactory {
  const Native = (globalThis as { WebSocket?: new (url: string) => SocketLike }).WebSocket;
  if (Native) return (url) => new Native(url);
  // Node before 22 has no global WebSocket: use the `ws` package.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WebSocket: NodeWebSocket } = require('ws') as { WebSocket: new (url: string) => SocketLike };
  return (url) => new NodeWebSocket(url);
}
