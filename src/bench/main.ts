/**
 * `npm run bench`: every performance figure of the service, each measured against its
 * baseline in the same run (these machines are shared and noisy: ratios, medians and
 * p99s, not single timings). Prints a table with each target and writes the figures as
 * JSON to .bench/results.json.
 *
 *   1. start-up      cold processes on the bundled corpus
 *   2. scale         the bundled corpus and synthetic corpora of 1,000 and 10,000 articles
 *                    (any sizes with --sizes), each in a process of its own: build,
 *                    memory, snapshot, answers against MiniSearch's search
 *   3. transport     WebSocket load on loopback against a bare ws echo server
 *   4. connections   memory per idle connection
 *   5. cores         throughput with one worker process and with two
 *   6. fairness      a reader's answers while another address floods the service
 *   7. hostile       the costliest messages found for the core against normal questions
 *   8. siege         the service as a process under floods of those messages from other
 *                    addresses: /healthz and a calm reader timed meanwhile, memory, long
 *                    conversations, SIGTERM mid-flood (siege.ts)
 *
 * `--quick` runs each part small, for development (under a minute); `--only` runs some
 * parts alone (`--only hostile`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { buildCorpus } from '../core/corpus';
import { buildIndexInParallel } from '../node/parallel-index';
import { wordnetThesaurus } from '../node/wordnet';
import type { ConnectionFigures } from './connections';
import { measureFairness } from './fairness';
import type { HostileFigures } from './hostile';
import { siege, siegeLines, type SiegeFigures } from './siege';
import { evalQuestions, type ScaleFigures } from './scale';
import { summary, type Summary } from './stats';
import { syntheticArticles } from './synthetic';
import { measureTransport, measureWorkers, type LoadFigures } from './transport';

const ROOT = path.resolve(__dirname, '..', '..');

const PARTS = ['startup', 'scale', 'transport', 'connections', 'cores', 'fairness', 'hostile', 'siege'] as const;
type Part = (typeof PARTS)[number];

interface BenchOptions {
  readonly quick: boolean;
  /** The parts to run, in their order. */
  readonly parts: ReadonlySet<Part>;
  /** Corpus sizes in articles; 0 is the bundled corpus. */
  readonly sizes: readonly number[];
  readonly fairnessArticles: number;
}

function parseOptions(argv: readonly string[]): BenchOptions {
  const sizes = (value: string) => {
    const list = value.split(',').map(Number);
    if (list.some((n) => !Number.isInteger(n) || n < 0)) throw new InvalidArgumentError('a comma-separated list of article counts, 0 for the bundled corpus');
    return list;
  };
  const program = new Command('bench')
    .description('citeqa benchmarks: prints a table and writes .bench/results.json')
    .option('--quick', 'a smaller run of every part, for development')
    .option('--sizes <list>', 'corpus sizes in articles (default 0,1000,10000,100000; with --quick 0,500)', sizes)
    .option('--only <parts>', `comma-separated parts to run alone (${PARTS.join(', ')})`, (value) => {
      const list = value.split(',').map((part) => part.trim());
      const unknown = list.filter((part) => !(PARTS as readonly string[]).includes(part));
      if (unknown.length > 0) throw new InvalidArgumentError(`no part ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}`);
      return list as Part[];
    })
    .option('--fairness-articles <count>', 'synthetic articles for the fairness measurement (default 5000; 300 with --quick)', (value) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 10) throw new InvalidArgumentError('a whole number of at least 10');
      return n;
    })
    .exitOverride();
  program.parse(argv, { from: 'user' });
  const opts = program.opts<{ quick?: boolean; sizes?: number[]; fairnessArticles?: number; only?: Part[] }>();
  const quick = opts.quick ?? false;
  return { quick, parts: new Set(opts.only ?? PARTS), sizes: opts.sizes ?? (quick ? [0, 500] : [0, 1000, 10_000, 100_000]), fairnessArticles: opts.fairnessArticles ?? (quick ? 300 : 5000) };
}

/** Runs a bench script in a fresh process with a collector it may call and a large heap; parses the JSON it prints. */
function inProcess<T>(script: string, args: readonly string[]): T | { error: string } {
  try {
    const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', path.join(__dirname, script), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 << 20,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(out.trim().split('\n').at(-1) ?? '') as T;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n').slice(-3).join(' ');
    return { error: stderr || (error as Error).message };
  }
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const mark = (met: boolean) => (met ? 'met' : 'MISSED');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  const began = performance.now();
  // How long each part took, for keeping the whole under ten minutes.
  const took: Array<[string, number]> = [];
  let partBegan = began;
  const done = (part: string) => {
    const now = performance.now();
    took.push([part, (now - partBegan) / 1000]);
    partBegan = now;
  };

  const { parts } = options;

  // 1. Cold starts on the bundled corpus, each in a fresh process.
  let startup: { loadAndIndexMs: Summary; warmUpMs: Summary; firstAnswerMs: Summary; secondIndexFirstAnswerMs: Summary; coldFirstAnswerMs: Summary } | undefined;
  if (parts.has('startup')) {
    type Start = { loadMs: number; indexMs: number; warmUpMs: number; firstAnswerMs: number; secondIndexFirstAnswerMs: number };
    const start = (cold: boolean): Start =>
      JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'startup.ts'), ...(cold ? ['--cold'] : [])], { cwd: ROOT, encoding: 'utf8' })) as Start;
    // Alternately warmed up (as the service starts) and not.
    const starts = Array.from({ length: options.quick ? 2 : 5 }, () => [start(false), start(true)] as const);
    const warm = starts.map(([w]) => w);
    startup = {
      loadAndIndexMs: summary(warm.map((s) => s.loadMs + s.indexMs)),
      warmUpMs: summary(warm.map((s) => s.warmUpMs)),
      firstAnswerMs: summary(warm.map((s) => s.firstAnswerMs)),
      secondIndexFirstAnswerMs: summary(warm.map((s) => s.secondIndexFirstAnswerMs)),
      coldFirstAnswerMs: summary(starts.map(([, c]) => c.firstAnswerMs)),
    };
    say(
      `start-up on the bundled corpus (${starts.length} cold processes): read + index p50 ${ms(startup.loadAndIndexMs.p50)} ms, warm-up ${ms(startup.warmUpMs.p50)} ms, ` +
        `first answer ${ms(startup.firstAnswerMs.p50)} ms more (${ms(startup.secondIndexFirstAnswerMs.p50)} ms on a second index built after the warm-up, ` +
        `${ms(startup.coldFirstAnswerMs.p50)} ms in as many processes not warmed up)`,
    );
    say('');
    done('start-up');
  }

  // 2. Corpus scale.
  const scale: Array<ScaleFigures | { articles: number; error: string }> = [];
  if (parts.has('scale')) {
    say('corpus scale (each size in its own process; a mixed question set: ask() alone, then ask() and MiniSearch search() of a plain index of the same sentences, interleaved)');
    say('  articles   sentences  build s  memory MB  bytes/sentence  snapshot MB  start from snapshot s  ask p50/p99 ms  paired: ask p50/p99   search p50/p99 ms  ratio p50/p99  found');
    for (const articles of options.sizes) {
      // A plain index of 100,000 articles takes seconds a search: fewer questions go to it there.
      const rounds = articles === 0 ? (options.quick ? 10 : 100) : options.quick ? 2 : articles >= 10_000 ? 1 : 5;
      const compare = articles >= 100_000 ? ['--compare', '10'] : articles >= 10_000 ? ['--compare', '100'] : [];
      const result = inProcess<ScaleFigures>('scale.ts', ['--articles', String(articles), '--questions', options.quick ? '50' : '200', '--rounds', String(rounds), ...compare]);
      if ('error' in result) {
        scale.push({ articles, error: result.error });
        say(`  ${String(articles).padStart(8)}  failed: ${result.error}`);
        done(articles === 0 ? 'bundled corpus' : `${n(articles)} articles`);
        continue;
      }
      scale.push(result);
      const r = result;
      say(
        `  ${n(r.articles).padStart(8)}  ${n(r.sentences).padStart(10)}  ${((r.buildMs.corpus + r.buildMs.index) / 1000).toFixed(1).padStart(7)}  ${n(r.memoryBytes / 1e6).padStart(9)}  ${(r.sentences < 1000 ? '-' : n(r.bytesPerSentence)).padStart(14)}  ${(r.snapshot.bytes / 1e6).toFixed(1).padStart(11)}  ${(r.snapshot.startMs / 1000).toFixed(2).padStart(21)}  ${`${ms(r.answerMs.p50)}/${ms(r.answerMs.p99)}`.padStart(14)}  ${`${ms(r.pairedMs.p50)}/${ms(r.pairedMs.p99)}`.padStart(19)}  ${`${ms(r.searchMs.p50)}/${ms(r.searchMs.p99)}`.padStart(17)}  ${`${r.ratio.p50.toFixed(2)}/${r.ratio.p99.toFixed(2)}`.padStart(13)}  ${r.found === null ? '   -' : r.found.toFixed(2)}`,
      );
      done(articles === 0 ? 'bundled corpus' : `${n(articles)} articles`);
    }
    say('');
  }

  // 3. Transport.
  const questions = evalQuestions();
  let transport: Awaited<ReturnType<typeof measureTransport>> | undefined;
  if (parts.has('transport')) {
    const connections = options.quick ? [1, 16] : [1, 16, 256, 1024];
    transport = await measureTransport({ connections, durationMs: options.quick ? 1000 : 2000, questions });
    say('transport (bundled corpus, distinct questions over WebSocket on loopback; echo: a bare ws server sending the same frames back)');
    say('  connections  mode     citeqa answers/s  p50 ms  p99 ms   echo answers/s  p50 ms  p99 ms   citeqa/echo');
    const { echo: echoes } = transport;
    transport.citeqa.forEach((ours: LoadFigures, i) => {
      const echo = echoes[i] as LoadFigures;
      const mode = ours.mode === 'closed' ? 'closed ' : `${n(ours.offeredPerSecond ?? 0)}/s`.padEnd(7);
      say(
        `  ${String(ours.connections).padStart(11)}  ${mode}  ${n(ours.answersPerSecond).padStart(16)}  ${ms(ours.p50Ms).padStart(6)}  ${ms(ours.p99Ms).padStart(6)}  ${n(echo.answersPerSecond).padStart(15)}  ${ms(echo.p50Ms).padStart(6)}  ${ms(echo.p99Ms).padStart(6)}   ${(ours.answersPerSecond / echo.answersPerSecond).toFixed(2)}${ours.errors + echo.errors > 0 ? ` (errors ${ours.errors}/${echo.errors})` : ''}`,
      );
    });
    if (transport.eventLoopDelayP99Ms !== undefined) say(`  citeqa event-loop delay p99 over the run: ${ms(transport.eventLoopDelayP99Ms)} ms`);
    say('');
    done('transport');
  }

  // 4. Memory per idle connection.
  let connectionFigures: ConnectionFigures | { error: string } | undefined;
  if (parts.has('connections')) {
    const idle = options.quick ? 1000 : 10_000;
    connectionFigures = inProcess<ConnectionFigures>('connections.ts', [String(idle)]);
    say(
      'error' in connectionFigures
        ? `connections: failed: ${connectionFigures.error}`
        : `idle connections: ${n(idle)} open: ${n(connectionFigures.bytesPerConnection)} bytes of heap and buffers each (${n(connectionFigures.rssBytesPerConnection)} bytes of RSS)`,
    );
    say('');
    done('connections');
  }

  // 5. Cores.
  let cores: { one: Awaited<ReturnType<typeof measureWorkers>>; two: Awaited<ReturnType<typeof measureWorkers>> } | undefined;
  if (parts.has('cores')) {
    const one = await measureWorkers(1, 256, options.quick ? 1000 : 4000, questions);
    const two = await measureWorkers(2, 256, options.quick ? 1000 : 4000, questions);
    cores = { one, two };
    say(`cores (WORKERS, 256 connections, closed loop): 1 worker ${n(one.answersPerSecond)} answers/s, 2 workers ${n(two.answersPerSecond)} answers/s: ${(two.answersPerSecond / one.answersPerSecond).toFixed(2)}x`);
    say('');
    done('cores');
  }

  // 6. Fairness.
  let fairness: ({ sentences: number } & Awaited<ReturnType<typeof measureFairness>>) | undefined;
  if (parts.has('fairness')) {
    const files = syntheticArticles(options.fairnessArticles, 3);
    const big = await buildIndexInParallel(buildCorpus(files), { thesaurus: wordnetThesaurus() });
    fairness = { sentences: big.corpus.sentenceCount, ...(await measureFairness(big, files, { samples: options.quick ? 20 : 60, pauseMs: 100, worker: !options.quick })) };
    say(`fairness (${n(fairness.sentences)} synthetic sentences; a reader asking while ${fairness.inProcess.attacker.sockets} sockets from another address flood 40-word questions and completions):`);
    for (const where of ['inProcess', 'inWorker'] as const) {
      const figures = fairness[where];
      if (!figures) continue;
      const { alone, flooded, changedAnswers, attacker } = figures;
      say(
        `  ${where === 'inProcess' ? 'in process ' : 'in a worker'}  alone p50 ${ms(alone.p50)} ms, p99 ${ms(alone.p99)} ms; flooded p50 ${ms(flooded.p50)} ms, p99 ${ms(flooded.p99)} ms; answers changed ${changedAnswers}; the flood: ${n(attacker.answered)} answered, ${n(attacker.rateLimited)} refused`,
      );
    }
    say('');
    done('fairness');
  }

  // 7. Hostile inputs, in a process of their own.
  let hostile: HostileFigures | { error: string } | undefined;
  if (parts.has('hostile')) {
    const articles = options.quick ? 300 : 2000;
    hostile = inProcess<HostileFigures>('hostile.ts', ['--articles', String(articles), '--rounds', options.quick ? '3' : '10']);
    if ('error' in hostile) say(`hostile inputs: failed: ${hostile.error}`);
    else {
      say('hostile inputs (the costliest messages found, each made fresh, against normal questions in the same run; ratio: over the normal p50 and p99)');
      for (const corpus of hostile.corpora) {
        say(`  ${corpus.corpus} (${n(corpus.sentences)} sentences): normal questions p50 ${ms(corpus.normal.p50)} ms, p99 ${ms(corpus.normal.p99)} ms`);
        say('    input                                               p50 ms  p99 ms  ratio p50/p99');
        for (const row of corpus.rows) {
          say(`    ${row.input.padEnd(50)}  ${ms(row.ms.p50).padStart(6)}  ${ms(row.ms.p99).padStart(6)}  ${`${row.ratio.p50.toFixed(2)}/${row.ratio.p99.toFixed(2)}`.padStart(13)}`);
        }
        const { first50, last50 } = corpus.conversation;
        say(`    600 follow-ups with fresh words: p50 of the first fifty ${ms(first50.p50)} ms, of the last fifty ${ms(last50.p50)} ms (${(last50.p50 / first50.p50).toFixed(2)}x)`);
        if (corpus.memoriesFull) {
          const { words, before, after } = corpus.memoriesFull;
          say(`    fresh typo-like questions before and after ${n(words)} fresh words filled the memories of words: p50 ${ms(before.p50)} and ${ms(after.p50)} ms (${(after.p50 / before.p50).toFixed(2)}x)`);
        }
      }
    }
    say('');
    done('hostile');
  }

  // 8. The service under hostile floods, as a process.
  let sieged: SiegeFigures | { error: string } | undefined;
  if (parts.has('siege')) {
    sieged = await siege(options.quick ? 1000 : 5000).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    if ('error' in sieged) say(`hostile floods: failed: ${sieged.error}`);
    else for (const line of siegeLines(sieged)) say(line);
    say('');
    done('siege');
  }

  // Targets.
  const sized = scale.filter((s): s is ScaleFigures => !('error' in s));
  const largest = sized.filter((s) => s.articles >= 100_000).at(-1);
  const at = (c: number) => transport?.citeqa.findIndex((f) => f.connections === c && f.mode === 'closed') ?? -1;
  const share = (c: number) => {
    const i = at(c);
    return i < 0 || !transport ? NaN : (transport.citeqa[i] as LoadFigures).answersPerSecond / (transport.echo[i] as LoadFigures).answersPerSecond;
  };
  const p99Ratio16 = (() => {
    const i = at(16);
    return i < 0 || !transport ? NaN : (transport.citeqa[i] as LoadFigures).p99Ms / (transport.echo[i] as LoadFigures).p99Ms;
  })();
  const conversations = hostile && !('error' in hostile) ? hostile.corpora : [];
  const targets = [
    ...sized.map((s) => ({ what: `pipeline/search at ${n(s.articles)} article(s), p50`, figure: s.ratio.p50.toFixed(2), target: '<= 3', met: s.ratio.p50 <= 3 })),
    ...[16, 256]
      .filter((c) => at(c) >= 0)
      .map((c) => ({ what: `answers/s vs echo at ${c} connections`, figure: share(c).toFixed(2), target: '>= 0.5', met: share(c) >= 0.5 })),
    ...(at(16) >= 0 ? [{ what: 'p99 vs echo at 16 connections', figure: p99Ratio16.toFixed(1), target: '<= 2', met: p99Ratio16 <= 2 }] : []),
    ...(largest
      ? [
          { what: 'p99 answer at 100,000 articles', figure: `${ms(largest.answerMs.p99)} ms`, target: '< 50 ms', met: largest.answerMs.p99 < 50 },
          { what: 'memory at 100,000 articles', figure: `${(largest.memoryBytes / 2 ** 30).toFixed(2)} GiB`, target: '< 4 GiB', met: largest.memoryBytes < 4 * 2 ** 30 },
          { what: 'start from snapshot at 100,000 articles', figure: `${(largest.snapshot.startMs / 1000).toFixed(1)} s`, target: '< 15 s', met: largest.snapshot.startMs < 15_000 },
        ]
      : []),
    ...(!connectionFigures || 'error' in connectionFigures ? [] : [{ what: 'memory per idle connection', figure: `${(connectionFigures.bytesPerConnection / 1024).toFixed(1)} KiB`, target: '<= 20 KiB', met: connectionFigures.bytesPerConnection <= 20 * 1024 }]),
    ...(cores ? [{ what: '2 workers vs 1', figure: `${(cores.two.answersPerSecond / cores.one.answersPerSecond).toFixed(2)}x`, target: '>= 1.6x', met: cores.two.answersPerSecond / cores.one.answersPerSecond >= 1.6 }] : []),
    ...conversations.map((c) => {
      const growth = c.conversation.last50.p50 / c.conversation.first50.p50;
      return { what: `600th follow-up vs first 50, ${c.corpus}`.slice(0, 44), figure: `${growth.toFixed(2)}x`, target: '<= 2x', met: growth <= 2 };
    }),
    ...conversations.flatMap(({ corpus, memoriesFull }) => {
      if (!memoriesFull) return [];
      const growth = memoriesFull.after.p50 / memoriesFull.before.p50;
      return [{ what: `fresh words, memories full vs not, ${corpus}`.slice(0, 44), figure: `${growth.toFixed(2)}x`, target: '<= 2x', met: growth <= 2 }];
    }),
  ];
  say('targets');
  for (const t of targets) say(`  ${t.what.padEnd(44)} ${t.figure.padStart(9)}  target ${t.target.padEnd(9)} ${mark(t.met)}`);
  say(`\nbench took ${((performance.now() - began) / 1000).toFixed(0)} s (${took.map(([part, seconds]) => `${part} ${seconds.toFixed(0)} s`).join(', ')})`);

  const results = { quick: options.quick, parts: [...parts], startup, scale, transport, connections: connectionFigures, cores, fairness, hostile, siege: sieged, targets };
  mkdirSync(path.join(ROOT, '.bench'), { recursive: true });
  // A run of some parts does not replace the figures of a whole one.
  const file = parts.size === PARTS.length ? 'results.json' : `results-${[...parts].join('-')}.json`;
  writeFileSync(path.join(ROOT, '.bench', file), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  // Commander has said what was wrong with the options (or printed the help asked for).
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
