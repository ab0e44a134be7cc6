/**
 * The citeqa client for Node and browsers: one WebSocket connection, questions asked
 * concurrently and matched to their answers by id, timeouts and cancellation, and
 * automatic reconnection that re-sends what was in flight. Every frame received is
 * checked against the protocol's schemas before it is used.
 *
 *   const client = await CiteqaClient.connect('ws://localhost:3000/ws');
 *   const answer = await client.ask('How long did the meeting last?', { limit: 3 });
 *   client.close();
 *
 * A follow-up question refers to the previous one on the same connection; after a
 * reconnection the server has forgotten it.
 */
import type { Answer } from '../core/answer';
import { ORIGIN_NOT_ALLOWED_CLOSE_CODE, PROTOCOL_VERSION, type ClientMessage, type HelloMessage, type RequestId, type ServerMessage } from '../protocol/messages';
import { readServerFrame } from '../protocol/read-server';
import { CiteqaClientError } from './errors';

/** The parts of the browser WebSocket API the client uses (also what `ws` offers). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: SocketEvent) => void): void;
}
/** What the client reads of a socket's events: `data` of a message, `code` of a close. */
export interface SocketEvent {
  readonly type?: string;
  readonly data?: unknown;
  readonly code?: number;
}
export type SocketFactory = (url: string) => SocketLike;

/**
 * - `connecting`: the first connection is being made (the status a client starts in)
 * - `open`: connected, the server's `hello` received
 * - `reconnecting`: the connection dropped (or the first one failed, with `open`); trying again with backoff
 * - `closed`: for good: closed by the caller, reconnecting given up, or a server of another protocol
 * - `refused`: for good: the server does not accept connections from this page's origin
 */
export type ClientStatus = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'refused';

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
  /**
   * How long the server may take to say hello once the connection is open, in ms (default
   * 10,000): past it, what answers at the URL is taken for something other than a citeqa
   * server (`protocol_error`).
   */
  readonly helloTimeoutMs?: number;
  /** Reconnect with exponential backoff and jitter when the connection drops (default on); false to fail instead. */
  readonly reconnect?: ReconnectOptions | false;
  /** Called with the status the client starts in (`connecting`), and whenever it changes. */
  readonly onStatus?: (status: ClientStatus) => void;
  /**
   * Called with errors that no request receives: the reason the client stopped for good
   * (`unsupported_protocol`, `origin_not_allowed`, `closed` when reconnecting gave up),
   * and a frame that does not follow the protocol and answers no pending request
   * (`protocol_error`).
   */
  readonly onError?: (error: CiteqaClientError) => void;
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
  /** Why the client stopped for good, once it has: what later requests reject with. */
  private stopped: CiteqaClientError | undefined;
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

  /**
   * Connects and resolves once the server's `hello` arrives. Rejects with `unreachable`
   * when the connection cannot be made, `origin_not_allowed` when the server refuses this
   * page's origin, `unsupported_protocol` or `protocol_error` when the server does not
   * speak this client's protocol (including one that says no `hello` within
   * `helloTimeoutMs` of the connection opening).
   */
  static connect(url: string, options: ClientOptions = {}): Promise<CiteqaClient> {
    const client = new CiteqaClient(url, options);
    return new Promise((resolve, reject) => {
      client.start((error) => (error ? reject(error) : resolve(client)));
    });
  }

  /**
   * A client that connects in the background and keeps trying (with backoff) until the
   * server answers: questions asked meanwhile wait and are sent once connected. For user
   * interfaces, which should not fail because the server is briefly away.
   */
  static open(url: string, options: ClientOptions = {}): CiteqaClient {
    const client = new CiteqaClient(url, options);
    client.start();
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
    const { type: _type, ...answer } = expectReply(reply, 'answer');
    return answer;
  }

  /** Forgets the conversation on the server: the next question is not a follow-up. */
  async reset(options: Omit<AskOptions, 'limit'> = {}): Promise<void> {
    expectReply(await this.request((id) => ({ type: 'reset', id }), options), 'reset');
  }

  /** Completions of a question being typed ("peace tre" -> "peace treaty"). */
  async suggest(prefix: string, options: Omit<AskOptions, 'limit'> = {}): Promise<readonly string[]> {
    return expectReply(await this.request((id) => ({ type: 'suggest', id, prefix }), options), 'suggestions').suggestions;
  }

  /** Tells the server a reader found an answer helpful (`up`) or not (`down`). */
  async feedback(feedback: { rating: 'up' | 'down'; question: string; doc?: string; sentence?: number }, options: Omit<AskOptions, 'limit'> = {}): Promise<void> {
    expectReply(await this.request((id) => ({ type: 'feedback', id, ...feedback }), options), 'feedback');
  }

  /** Round-trip time of an application-level ping, in ms. */
  async ping(options: Omit<AskOptions, 'limit'> = {}): Promise<number> {
    const started = Date.now();
    expectReply(await this.request((id) => ({ type: 'ping', id }), options), 'pong');
    return Date.now() - started;
  }

  /** Closes the connection; whatever is pending rejects with `closed`. A client that was refused stays `refused`. */
  close(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.close(1000, 'client closed');
    if (this.stopped) return;
    this.stopped = new CiteqaClientError('closed', 'the client is closed: connect again');
    this.setStatus('closed');
    this.failAll(new CiteqaClientError('closed', 'the client was closed'));
  }

  private request(build: (id: string) => ClientMessage, options: Omit<AskOptions, 'limit'>): Promise<ServerMessage> {
    if (this.stopped) return Promise.reject(new CiteqaClientError(this.stopped.code, this.stopped.message));
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

  /** Reports the status the client starts in, then makes the first connection. */
  private start(firstResult?: (error?: Error) => void): void {
    this.options.onStatus?.(this.status);
    this.dial(firstResult);
  }

  private dial(firstResult?: (error?: Error) => void): void {
    /** The first connection's caller, until told how it went. */
    let waiter = firstResult;
    let socket: SocketLike;
    try {
      socket = this.makeSocket(this.url);
    } catch (error) {
      // A URL the WebSocket API refuses outright: retrying will not help.
      this.stop('closed', new CiteqaClientError('unreachable', `cannot connect to ${this.url}: ${(error as Error).message}`), waiter);
      return;
    }
    this.socket = socket;
    /** Whether this socket's server has said hello: the first frame of the protocol. */
    let greeted = false;
    /**
     * Something at the URL that is not a citeqa server (no hello, or a frame before it that
     * is not one): the first connection fails with `error`; a reconnection reports it and
     * tries again, with backoff, as after any drop.
     */
    const notCiteqa = (error: CiteqaClientError, reason: string) => {
      if (waiter) this.stop('closed', error, waiter);
      else this.options.onError?.(error);
      socket.close(1000, reason);
    };
    // A server that accepts the connection but never says hello must not keep the caller
    // waiting for ever. Timed from the opening, so that a host slow to connect is still
    // `unreachable`, not this.
    let helloTimer: ReturnType<typeof setTimeout> | undefined;
    socket.addEventListener('open', () => {
      if (this.socket !== socket || this.stopped) return;
      const helloTimeoutMs = this.options.helloTimeoutMs ?? 10_000;
      helloTimer = setTimeout(() => {
        if (this.socket !== socket || this.stopped || greeted) return;
        notCiteqa(new CiteqaClientError('protocol_error', `the server at ${this.url} sent no hello within ${helloTimeoutMs} ms of connecting: is it a citeqa server?`), 'no hello');
      }, helloTimeoutMs);
    });
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket || this.stopped) return;
      const frame = readServerFrame(String(event.data));
      if (frame.kind === 'unknown') return; // a message type of a later server
      if (frame.kind === 'other-version') {
        const error = new CiteqaClientError(
          'unsupported_protocol',
          `the server at ${this.url} speaks protocol ${truncate(JSON.stringify(frame.protocol) ?? 'undefined', 20)}; this client speaks protocol ${PROTOCOL_VERSION}`,
        );
        this.stop('closed', error, waiter);
        socket.close(1000, 'unsupported protocol');
        return;
      }
      if (frame.kind === 'invalid') {
        const error = new CiteqaClientError('protocol_error', `the server at ${this.url} sent ${frame.problem}`);
        if (frame.type === 'hello') {
          // Without a readable hello nothing the server says can be trusted.
          this.stop('closed', error, waiter);
          socket.close(1000, 'protocol error');
          return;
        }
        if (!greeted) {
          // Whatever answers at this URL does not speak the protocol.
          notCiteqa(error, 'protocol error');
          return;
        }
        const pending = typeof frame.id === 'string' ? this.pending.get(frame.id) : undefined;
        if (pending) pending.reject(error);
        else this.options.onError?.(error);
        return;
      }
      const message = frame.message;
      if (message.type === 'hello') {
        greeted = true;
        clearTimeout(helloTimer);
        this.hello = message;
        this.attempts = 0;
        this.setStatus('open');
        // Re-send what was in flight when the connection dropped (or queued before it opened).
        for (const pending of this.pending.values()) socket.send(pending.frame);
        waiter?.();
        waiter = undefined;
        return;
      }
      if (typeof message.id === 'string') this.pending.get(message.id)?.resolve(message); // unknown ids: answered already, or aborted
    });
    socket.addEventListener('close', (event) => {
      clearTimeout(helloTimer);
      if (this.socket !== socket || this.stopped) return;
      if (event.code === ORIGIN_NOT_ALLOWED_CLOSE_CODE) {
        const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
        const error = new CiteqaClientError(
          'origin_not_allowed',
          `the server at ${this.url} does not accept connections from ${origin ? `the origin ${origin}` : "this client's origin"}: its ALLOWED_ORIGINS setting must list it`,
        );
        this.stop('refused', error, waiter);
        return;
      }
      if (waiter) {
        this.stop('closed', new CiteqaClientError('unreachable', `cannot connect to ${this.url}`), waiter);
        return;
      }
      this.scheduleReconnect();
    });
    socket.addEventListener('error', () => {
      // A 'close' event follows; the decision is taken there.
    });
  }

  /**
   * Stops for good: pending and later requests reject with `error`, which goes to the
   * first connection's caller when it is still waiting, or else to `onError`.
   */
  private stop(status: 'closed' | 'refused', error: CiteqaClientError, waiter?: (error?: Error) => void): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.stopped = error;
    this.setStatus(status);
    this.failAll(error);
    if (waiter) waiter(error);
    else this.options.onError?.(error);
  }

  private scheduleReconnect(): void {
    const reconnect = this.options.reconnect;
    if (reconnect === false || (reconnect?.maxAttempts !== undefined && this.attempts >= reconnect.maxAttempts)) {
      this.stop('closed', new CiteqaClientError('closed', 'the connection was lost'));
      return;
    }
    this.setStatus('reconnecting');
    const initial = reconnect?.initialDelayMs ?? 250;
    const max = reconnect?.maxDelayMs ?? 10_000;
    // Exponential backoff with full jitter, so that many clients do not return at once.
    const delay = Math.random() * Math.min(max, initial * 2 ** this.attempts);
    this.attempts++;
    this.reconnectTimer = setTimeout(() => {
      if (!this.stopped) this.dial();
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

/** `reply` as a message of `type`, or a `protocol_error`: a reply of another type answers some other request. */
function expectReply<T extends ServerMessage['type']>(reply: ServerMessage, type: T): Extract<ServerMessage, { type: T }> {
  if (reply.type !== type) throw new CiteqaClientError('protocol_error', `expected a reply of type "${type}", got "${reply.type}"`);
  return reply as Extract<ServerMessage, { type: T }>;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function defaultSocketFactory(): SocketFactory {
  const Native = (globalThis as { WebSocket?: new (url: string) => SocketLike }).WebSocket;
  if (Native) return (url) => new Native(url);
  // Node before 22 has no global WebSocket: use the `ws` package.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WebSocket: NodeWebSocket } = require('ws') as { WebSocket: new (url: string) => SocketLike };
  return (url) => new NodeWebSocket(url);
}
