/**
 * Transport: questions over WebSocket on loopback, against a bare `ws` echo server that
 * answers the same frames, in the same run. Each server runs in a process of its own; the
 * load comes from this process.
 *
 *   closed loop   each connection sends a question, waits for its reply, sends the next:
 *                 saturation throughput (answers a second) and latency under it
 *   fixed rate    questions sent on a schedule, whether or not replies came: latency is
 *                 measured from when each was due, so a stall counts for every question
 *                 it held up (no coordinated omission), which makes the p99 honest
 *
 * Questions are distinct frames (the evaluation questions, spaced differently each time),
 * so no cache could stand in for answering them. Latencies go into HDR histograms
 * (hdr-histogram-js), in microseconds; the server's event-loop delay is read from its
 * /metrics (perf_hooks.monitorEventLoopDelay, through prom-client).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as hdr from 'hdr-histogram-js';
import { WebSocket } from 'ws';

const ROOT = path.resolve(__dirname, '..', '..');

export interface LoadFigures {
  readonly connections: number;
  readonly mode: 'closed' | 'rate';
  /** Questions offered a second (fixed rate only). */
  readonly offeredPerSecond?: number;
  readonly answersPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly errors: number;
}

export interface TransportFigures {
  readonly citeqa: readonly LoadFigures[];
  readonly echo: readonly LoadFigures[];
  /** Server event-loop delay p99 during the closed-loop runs, from /metrics (citeqa only). */
  readonly eventLoopDelayP99Ms?: number;
}

interface Server {
  readonly url: string;
  readonly process: ChildProcess;
}

/**
 * Starts a server script in its own process and waits for the port it prints. Its output
 * goes to a file, not a pipe: a pipe read by this busy process would hold up the server's
 * writes and make the measurement one of this process.
 */
async function startServer(args: readonly string[], env: NodeJS.ProcessEnv, portPattern: RegExp, wsPath: string): Promise<Server> {
  const dir = mkdtempSync(path.join(tmpdir(), 'citeqa-load-'));
  const log = path.join(dir, 'out.log');
  const fd = openSync(log, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', fd, 'inherit'] });
  closeSync(fd);
  child.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode} before listening`);
    const port = portPattern.exec(readFileSync(log, 'utf8'))?.[1];
    if (port) return { url: `ws://127.0.0.1:${port}${wsPath}`, process: child };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not start listening within a minute`);
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.process.exitCode !== null) return resolve();
    server.process.once('exit', () => resolve());
    server.process.kill('SIGTERM');
  });
}

/** The i-th distinct frame: a question spaced its own way. */
function frame(questions: readonly string[], i: number): string {
  const question = questions[i % questions.length] as string;
  const round = Math.floor(i / questions.length);
  const at = question.indexOf(' ', round % Math.max(1, question.length));
  const spaced = at < 0 ? `${question}${' '.repeat(1 + (round % 7))}` : `${question.slice(0, at)}${' '.repeat(1 + (round % 7))}${question.slice(at)}`;
  return JSON.stringify({ type: 'ask', id: i, question: spaced });
}

async function openAll(url: string, count: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  // Opened in batches: a thousand handshakes at once would time out on two cores.
  for (let i = 0; i < count; i += 64) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(64, count - i) }, () =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(url, { perMessageDeflate: false });
          // The citeqa server greets with hello; the echo server does not.
          ws.once('open', () => resolve(ws));
          ws.once('error', reject);
        }),
      ),
    );
    sockets.push(...batch);
  }
  // Let hello messages arrive (nobody listens yet) before measuring.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return sockets;
}

function histogram() {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
}

/** Closed loop for `durationMs`: one question in flight per connection. */
async function closedLoop(sockets: readonly WebSocket[], questions: readonly string[], durationMs: number): Promise<LoadFigures> {
  const latencies = histogram();
  let next = 0;
  let answered = 0;
  let errors = 0;
  let measuring = false;
  let running = true;
  const sentAt = new Map<number, number>();
  const send = (ws: WebSocket) => {
    if (!running) return;
    const id = next++;
    sentAt.set(id, performance.now());
    ws.send(frame(questions, id));
  };
  const listeners = sockets.map((ws) => {
    const listener = (data: Buffer) => {
      const reply = JSON.parse(String(data)) as { id: number; type: string };
      const at = sentAt.get(reply.id);
      sentAt.delete(reply.id);
      if (measuring && at !== undefined) {
        if (reply.type === 'error') errors++;
        else answered++;
        latencies.recordValue(Math.max(1, Math.round((performance.now() - at) * 1000)));
      }
      send(ws);
    };
    ws.on('message', listener);
    return listener;
  });
  for (const ws of sockets) send(ws);
  await new Promise((resolve) => setTimeout(resolve, Math.min(1000, durationMs / 4))); // warm-up
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  measuring = false;
  const elapsed = performance.now() - started;
  running = false;
  await new Promise((resolve) => setTimeout(resolve, 300));
  sockets.forEach((ws, i) => ws.off('message', listeners[i] as (data: Buffer) => void));
  return {
    connections: sockets.length,
    mode: 'closed',
    answersPerSecond: (answered / elapsed) * 1000,
    p50Ms: latencies.getValueAtPercentile(50) / 1000,
    p99Ms: latencies.getValueAtPercentile(99) / 1000,
    maxMs: latencies.maxValue / 1000,
    errors,
  };
}

/** A fixed offered rate for `durationMs`, spread over the connections in turn. */
async function fixedRate(sockets: readonly WebSocket[], questions: readonly string[], perSecond: number, durationMs: number): Promise<LoadFigures> {
  const latencies = histogram();
  let answered = 0;
  let errors = 0;
  const dueAt = new Map<number, number>();
  const listeners = sockets.map((ws) => {
    const listener = (data: Buffer) => {
      const reply = JSON.parse(String(data)) as { id: number; type: string };
      const due = dueAt.get(reply.id);
      dueAt.delete(reply.id);
      if (due === undefined) return;
      if (reply.type === 'error') errors++;
      else answered++;
      latencies.recordValue(Math.max(1, Math.round((performance.now() - due) * 1000)));
    };
    ws.on('message', listener);
    return listener;
  });
  const interval = 1000 / perSecond;
  const started = performance.now();
  const total = Math.floor((durationMs / 1000) * perSecond);
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // Everything due by now goes out, stamped with when it was due.
      while (sent < total && started + sent * interval <= now) {
        dueAt.set(sent, started + sent * interval);
        (sockets[sent % sockets.length] as WebSocket).send(frame(questions, sent));
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  // Replies still coming are waited for (up to 10 s); what never comes counts as an error.
  const deadline = performance.now() + 10_000;
  while (dueAt.size > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  errors += dueAt.size;
  const elapsed = performance.now() - started;
  sockets.forEach((ws, i) => ws.off('message', listeners[i] as (data: Buffer) => void));
  return {
    connections: sockets.length,
    mode: 'rate',
    offeredPerSecond: perSecond,
    answersPerSecond: (answered / elapsed) * 1000,
    p50Ms: latencies.getValueAtPercentile(50) / 1000,
    p99Ms: latencies.getValueAtPercentile(99) / 1000,
    maxMs: latencies.maxValue / 1000,
    errors,
  };
}

export interface TransportOptions {
  readonly connections: readonly number[];
  readonly durationMs: number;
  readonly questions: readonly string[];
}

async function loadAgainst(server: Server, options: TransportOptions, rates: ReadonlyMap<number, number> | undefined): Promise<LoadFigures[]> {
  const out: LoadFigures[] = [];
  for (const count of options.connections) {
    const sockets = await openAll(server.url, count);
    try {
      out.push(await closedLoop(sockets, options.questions, options.durationMs));
      const rate = rates?.get(count) ?? Math.max(10, Math.round((out.at(-1)?.answersPerSecond ?? 100) / 2));
      out.push(await fixedRate(sockets, options.questions, rate, options.durationMs));
    } finally {
      for (const ws of sockets) ws.terminate();
    }
  }
  return out;
}

/** The service's environment for load from one address: limits opened up. */
function loadEnv(connections: number, workers = 1): NodeJS.ProcessEnv {
  return {
    PORT: '0',
    LOG_LEVEL: 'info',
    WORKERS: String(workers),
    MAX_CONNECTIONS_PER_IP: String(connections + 10),
    MAX_CONNECTIONS: String(connections + 10),
    RATE_PER_SECOND: '1000000',
    RATE_BURST: '1000000',
    ANSWER_MS_PER_IP: '0',
  };
}

const CITEQA_PORT = /"ws":"ws:\/\/[^"]+:(\d+)\/ws"/;

/**
 * Cores: closed-loop throughput of the service with `workers` processes (WORKERS), at
 * `connections` connections, for `durationMs`.
 */
export async function measureWorkers(workers: number, connections: number, durationMs: number, questions: readonly string[]): Promise<LoadFigures> {
  const server = await startServer([path.join(ROOT, 'src', 'server', 'main.ts')], loadEnv(connections, workers), CITEQA_PORT, '/ws');
  try {
    // Every worker must be listening before the load starts.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sockets = await openAll(server.url, connections);
    try {
      return await closedLoop(sockets, questions, durationMs);
    } finally {
      for (const ws of sockets) ws.terminate();
    }
  } finally {
    await stop(server);
  }
}

/**
 * Runs the load against citeqa on the bundled corpus (limits opened up: the load comes
 * from one address), then against the echo server, offering the echo server the same
 * fixed rates as citeqa.
 */
export async function measureTransport(options: TransportOptions): Promise<TransportFigures> {
  const citeqa = await startServer([path.join(ROOT, 'src', 'server', 'main.ts')], loadEnv(Math.max(...options.connections)), CITEQA_PORT, '/ws');
  let citeqaFigures: LoadFigures[];
  let eventLoopDelayP99Ms: number | undefined;
  try {
    citeqaFigures = await loadAgainst(citeqa, options, undefined);
    eventLoopDelayP99Ms = await eventLoopDelay(citeqa.url);
  } finally {
    await stop(citeqa);
  }
  const echo = await startServer([path.join(__dirname, 'echo-server.ts')], {}, /listening on (\d+)/, '/');
  try {
    const rates = new Map(citeqaFigures.filter((f) => f.mode === 'rate').map((f) => [f.connections, f.offeredPerSecond ?? 0]));
    return { citeqa: citeqaFigures, echo: await loadAgainst(echo, options, rates), ...(eventLoopDelayP99Ms === undefined ? {} : { eventLoopDelayP99Ms }) };
  } finally {
    await stop(echo);
  }
}

/** The service's event-loop delay p99 (seconds in /metrics, as prom-client reports it). */
async function eventLoopDelay(wsUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(wsUrl.replace(/^ws/, 'http').replace(/\/ws$/, '/metrics'));
    const text = await response.text();
    const value = /^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1];
    return value === undefined ? undefined : Number(value) * 1000;
  } catch {
    return undefined;
  }
}
