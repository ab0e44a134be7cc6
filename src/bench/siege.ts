/**
 * The service under hostile input, as a real process with its default limits: while
 * sockets from other loopback addresses send the most expensive messages they can, does
 * everyone else still get served?
 *
 *   healthz      GET /healthz from 127.0.0.1 every 100 ms: the slowest reply
 *   calm reader  a WebSocket client from 127.0.0.3 asking every 500 ms: the slowest answer
 *   memory       the service's RSS before the floods and at their end
 *
 * Floods, each for `--flood-ms` (default 5 s), one after another:
 *   suggest      10 sockets from 127.0.0.2 sending `suggest` with U+FDFA x 199 (NFKC makes
 *                each 18 characters) at the connection's allowed rate
 *   ask          4 addresses (127.0.0.4-7), 4 sockets each, asking U+FDFA x 999 at the rate
 *   fresh words  4 addresses (127.0.0.14-17), 4 sockets each, asking 110 eight-letter
 *                words no article holds (the costliest question still accepted)
 *   long words   4 sockets from 127.0.0.8 asking one 999-letter word after another
 * then:
 *   follow-ups   600 follow-ups ("What did they say about ...") with fresh nouns on one
 *                socket: the median answer time of the last fifty against the first
 *                fifty's
 *   SIGTERM      sent one second into a flood of both kinds of expensive questions: time to
 *                exit, exit code
 *
 * Every loop here is bounded in count and time and talks only to loopback.
 *
 *   tsx src/bench/siege.ts [--flood-ms 5000] [--json]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import WebSocket from 'ws';
import { summary } from './stats';
import { vocabulary } from './synthetic';

const ROOT = path.resolve(__dirname, '..', '..');
const EXPANDING = '\uFDFA';
/** What the calm reader asks, in turn (any corpus answers or declines them cheaply). */
const CALM_QUESTIONS = ['Who said it?', 'What was agreed?', 'When was it announced?', 'Where did they meet?'];

export interface SiegeFigures {
  readonly floods: ReadonlyArray<{
    readonly name: string;
    readonly healthzMaxMs: number;
    readonly healthzFailed: number;
    readonly calmMaxMs: number;
    readonly calmUnanswered: number;
    readonly sent: number;
    readonly answered: number;
    readonly refused: number;
  }>;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  readonly followUps: { readonly firstFiftyP50Ms: number; readonly lastFiftyP50Ms: number; readonly ratio: number; readonly refused: number };
  readonly sigterm: { readonly exitCode: number | null; readonly exitMs: number };
}

interface Service {
  readonly child: ChildProcess;
  readonly port: number;
}

/** Starts the service from source with its default limits on a free loopback port. */
function startService(): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WORKERS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the service did not start within 60 s: ${out.slice(-500)}`));
    }, 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const port = /citeqa listening on http:\/\/[^:]+:(\d+)\//.exec(out)?.[1];
      if (port !== undefined) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({ child, port: Number(port) });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited with ${code} before listening: ${out.slice(-500)}`));
    });
  });
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** GET /healthz from 127.0.0.1; resolves with the milliseconds it took, or Infinity after 5 s. */
function healthz(port: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', localAddress: '127.0.0.1', agent: false, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - started : Infinity));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(Infinity));
  });
}

/** A WebSocket client from `localAddress` that sends frames and counts replies by type. */
class Peer {
  readonly socket: WebSocket;
  private readonly waiting = new Map<string, (reply: { type: string }) => void>();
  answered = 0;
  refused = 0;
  sent = 0;
  private next = 0;

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      let reply: { type: string; id?: unknown };
      try {
        reply = JSON.parse(String(data)) as { type: string; id?: unknown };
      } catch {
        return;
      }
      if (reply.type === 'hello') return;
      if (reply.type === 'error') this.refused++;
      else this.answered++;
      const id = String(reply.id);
      const waiter = this.waiting.get(id);
      if (waiter) {
        this.waiting.delete(id);
        waiter(reply);
      }
    });
    socket.on('error', () => undefined);
  }

  static open(port: number, localAddress: string): Promise<Peer> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { localAddress, handshakeTimeout: 5000 });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new Peer(socket)));
      socket.once('error', reject);
    });
  }

  send(message: Record<string, unknown>): string {
    const id = `m${this.next++}`;
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ ...message, id }));
      this.sent++;
    }
    return id;
  }

  /** Sends and waits for the reply to this message, up to `timeoutMs`; resolves with its type and time. */
  request(message: Record<string, unknown>, timeoutMs: number): Promise<{ type: string; ms: number }> {
    const started = performance.now();
    const id = this.send(message);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve({ type: 'timeout', ms: Infinity });
      }, timeoutMs);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        resolve({ type: reply.type, ms: performance.now() - started });
      });
    });
  }

  close(): void {
    this.socket.terminate();
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends `message()` on every peer at `perSecond` until `ms` have passed. */
async function flood(peers: readonly Peer[], message: () => Record<string, unknown>, perSecond: number, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    for (const peer of peers) peer.send(message());
    await delay(1000 / perSecond);
  }
}

async function openPeers(port: number, addresses: readonly string[], perAddress: number): Promise<Peer[]> {
  const peers: Peer[] = [];
  for (const address of addresses) for (let i = 0; i < perAddress; i++) peers.push(await Peer.open(port, address));
  return peers;
}

/** Watches /healthz and a calm reader while `attack` runs. */
async function watched(port: number, name: string, attack: () => Promise<Peer[]>) {
  const calm = await Peer.open(port, '127.0.0.3');
  let running = true;
  const health: number[] = [];
  const calmTimes: number[] = [];
  const watchHealth = (async () => {
    while (running) {
      health.push(await healthz(port));
      await delay(100);
    }
  })();
  const watchCalm = (async () => {
    let n = 0;
    while (running) {
      const [reply] = await Promise.all([calm.request({ type: 'ask', question: CALM_QUESTIONS[n++ % CALM_QUESTIONS.length] as string }, 5000), delay(500)]);
      calmTimes.push(reply.ms);
    }
  })();
  const peers = await attack();
  running = false;
  await Promise.all([watchHealth, watchCalm]);
  calm.close();
  for (const peer of peers) peer.close();
  const finite = (xs: number[]) => xs.filter(Number.isFinite);
  return {
    name,
    healthzMaxMs: Math.max(...finite(health), 0),
    healthzFailed: health.length - finite(health).length,
    calmMaxMs: Math.max(...finite(calmTimes), 0),
    calmUnanswered: calmTimes.length - finite(calmTimes).length,
    sent: peers.reduce((sum, p) => sum + p.sent, 0),
    answered: peers.reduce((sum, p) => sum + p.answered, 0),
    refused: peers.reduce((sum, p) => sum + p.refused, 0),
  };
}

/** A word no corpus holds, different each time, for follow-ups that keep adding terms. */
function freshWord(i: number): string {
  let word = '';
  let n = i + 1;
  while (n > 0) {
    word += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  }
  return `zq${word}x`;
}

/**
 * 110 eight-letter words no corpus holds, different for each `n`: each is looked up,
 * stemmed and a candidate for typo correction, the costliest question found that is
 * still accepted (`npm run bench -- --only hostile`).
 */
function freshWords(n: number): string {
  return Array.from({ length: 110 }, (_, i) => freshWord(n * 110 + i).padEnd(8, 'q').slice(0, 8)).join(' ');
}

export async function siege(floodMs: number): Promise<SiegeFigures> {
  const service = await startService();
  const { port, child } = service;
  try {
    await healthz(port);
    const rssBeforeMb = rssMb(child.pid as number);
    const floods = [];
    floods.push(
      await watched(port, 'suggest U+FDFA x 199', async () => {
        const peers = await openPeers(port, ['127.0.0.2'], 10);
        await flood(peers, () => ({ type: 'suggest', prefix: EXPANDING.repeat(199) }), 10, floodMs);
        return peers;
      }),
    );
    floods.push(
      await watched(port, 'ask U+FDFA x 999', async () => {
        const peers = await openPeers(port, ['127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7'], 4);
        await flood(peers, () => ({ type: 'ask', question: EXPANDING.repeat(999) }), 10, floodMs);
        return peers;
      }),
    );
    floods.push(
      await watched(port, 'ask 110 fresh words', async () => {
        const peers = await openPeers(port, ['127.0.0.14', '127.0.0.15', '127.0.0.16', '127.0.0.17'], 4);
        let n = 0;
        await flood(peers, () => ({ type: 'ask', question: freshWords(n++) }), 10, floodMs);
        return peers;
      }),
    );
    floods.push(
      await watched(port, 'ask one 999-letter word', async () => {
        const peers = await openPeers(port, ['127.0.0.8'], 4);
        let n = 0;
        await flood(peers, () => ({ type: 'ask', question: `${freshWord(n++)}${'ab'.repeat(500)}`.slice(0, 1000) }), 10, floodMs);
        return peers;
      }),
    );
    const rssAfterMb = rssMb(child.pid as number);

    // 600 follow-ups with fresh words on one socket, one at a time, within the rate limit.
    const talker = await Peer.open(port, '127.0.0.9');
    const nouns = vocabulary().nouns;
    const times: number[] = [];
    let refused = 0;
    for (let i = 0; i < 600; i++) {
      const reply = await talker.request({ type: 'ask', question: `What did they say about the ${nouns[(2 * i) % nouns.length]} and the ${nouns[(2 * i + 1) % nouns.length]}?` }, 5000);
      if (reply.type === 'answer') times.push(reply.ms);
      else refused++;
      await delay(110);
    }
    talker.close();
    const first = summary(times.slice(0, 50)).p50;
    const last = summary(times.slice(-50)).p50;

    // SIGTERM one second into a flood of expensive questions.
    const flooders = await openPeers(port, ['127.0.0.10', '127.0.0.11', '127.0.0.12', '127.0.0.13'], 4);
    let m = 0;
    const flooding = flood(flooders, () => ({ type: 'ask', question: m % 2 === 0 ? freshWords(m++) : EXPANDING.repeat(999 - (m++ % 50)) }), 10, 3000);
    await delay(1000);
    const signalled = performance.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const exitCode = await Promise.race([exited, delay(20_000).then(() => -1)]);
    const exitMs = performance.now() - signalled;
    await flooding;
    for (const peer of flooders) peer.close();

    return {
      floods,
      rssBeforeMb,
      rssAfterMb,
      followUps: { firstFiftyP50Ms: first, lastFiftyP50Ms: last, ratio: last / first, refused },
      sigterm: { exitCode: exitCode === -1 ? null : exitCode, exitMs },
    };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** The lines `npm run bench` prints for these figures, each target beside its figure. */
export function siegeLines(f: SiegeFigures): string[] {
  const mark = (met: boolean) => (met ? 'met' : 'MISSED');
  const lines = ['hostile input (the service as a process, default limits; /healthz from 127.0.0.1, a calm reader asking every 500 ms from 127.0.0.3)'];
  for (const flood of f.floods) {
    lines.push(
      `  ${flood.name.padEnd(24)} healthz max ${flood.healthzMaxMs.toFixed(0).padStart(5)} ms (${flood.healthzFailed} failed) ${mark(flood.healthzMaxMs < 1000 && flood.healthzFailed === 0)}; calm reader max ${flood.calmMaxMs.toFixed(0).padStart(5)} ms (${flood.calmUnanswered} unanswered) ${mark(flood.calmMaxMs < 2000 && flood.calmUnanswered === 0)}; the flood: ${flood.sent} sent, ${flood.answered} answered, ${flood.refused} refused`,
    );
  }
  const grew = f.rssAfterMb - f.rssBeforeMb;
  lines.push(`  memory: RSS ${f.rssBeforeMb.toFixed(0)} MB before the floods, ${f.rssAfterMb.toFixed(0)} MB after: +${grew.toFixed(0)} MB, target < 200 MB ${mark(grew < 200)}`);
  lines.push(
    `  600 follow-ups with fresh words: median answer ${f.followUps.firstFiftyP50Ms.toFixed(2)} ms (first fifty), ${f.followUps.lastFiftyP50Ms.toFixed(2)} ms (last fifty): ${f.followUps.ratio.toFixed(2)}x, target <= 2x ${mark(f.followUps.ratio <= 2)}${f.followUps.refused > 0 ? ` (${f.followUps.refused} refused)` : ''}`,
  );
  lines.push(`  SIGTERM during a flood: exit ${f.sigterm.exitCode ?? 'none within 20 s'} after ${f.sigterm.exitMs < 1000 ? `${f.sigterm.exitMs.toFixed(0)} ms` : `${(f.sigterm.exitMs / 1000).toFixed(1)} s`}, target 0 within 10 s ${mark(f.sigterm.exitCode === 0 && f.sigterm.exitMs < 10_000)}`);
  return lines;
}

if (require.main === module) {
  const program = new Command('siege')
    .description('the service under hostile input, as a process with its default limits')
    .option('--flood-ms <ms>', 'how long each flood lasts', (value) => {
      const ms = Number(value);
      if (!Number.isInteger(ms) || ms < 100 || ms > 60_000) throw new InvalidArgumentError('a whole number of milliseconds from 100 to 60000');
      return ms;
    }, 5000)
    .option('--json', 'print the figures as one JSON line');
  program.parse();
  const opts = program.opts<{ floodMs: number; json?: boolean }>();
  siege(opts.floodMs).then(
    (figures) => {
      process.stdout.write(opts.json ? `${JSON.stringify(figures)}\n` : `${siegeLines(figures).join('\n')}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`siege: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
