/**
 * `citeqa`: the command line. Every command answers through the same core as the server,
 * in-process from a corpus or an index snapshot, or from a running server (--server).
 *
 * Exit codes: 0 ok; 1 a question was declined, a check failed, a file is bad or what
 * answers at --server is not a citeqa server; 2 usage error; 3 the server cannot be reached. Errors are one line on stderr saying what to do.
 */
import { createInterface } from 'node:readline';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CiteqaClient, CiteqaClientError } from '../client';
import { converse, type Answer, type Conversation } from '../core/answer';
import { CiteqaError, CorpusError } from '../core/errors';
import { MAX_LIMIT } from '../core/request';
import { writeSnapshotFile } from '../node/snapshot-file';
import { wordnetThesaurus } from '../node/wordnet';
import { EvalFileError, readEvalFile, type EvalItem } from '../eval/questions';
import { formatJson, formatMisses, formatTable } from '../eval/report';
import type { IndexSource } from '../eval/answering';
import { runEval } from '../eval/run';
import { loadCorpusDir } from '../node/corpus-dir';
import { loadIndex } from '../node/load-index';
import { buildIndexInParallel } from '../node/parallel-index';
import { defaultCorpusDir, PACKAGE_VERSION } from '../node/package-info';
import { loadConfig } from '../server/config';
import { runServer } from '../server/run';
import { formatAnswer } from './format';

export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3 } as const;

/** An error that ends the command with a given exit code and a one-line message. */
class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

interface SourceOptions {
  corpus?: string;
  index?: string;
}

/** One way to ask: in-process, or over a connection to a server. */
interface Asker {
  ask(question: string, limit: number | undefined): Promise<Answer>;
  reset(): Promise<void>;
  close(): void;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > MAX_LIMIT) throw new InvalidArgumentError(`must be a whole number from 1 to ${MAX_LIMIT}`);
  return limit;
}

const corpusOption = () => new Option('--corpus <dir>', 'directory of articles (default: the bundled corpus)').env('CORPUS_DIR');
const indexOption = () => new Option('--index <file>', 'answer from an index snapshot made by "citeqa index"').env('INDEX_FILE');
/** A server's address as given to --server: a ws:// or wss:// URL, or a usage error saying what is wrong. */
export function parseServerUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a URL; give the server's WebSocket address, e.g. ws://localhost:3000/ws`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    // An http(s) address of the server: the same with the WebSocket scheme (and /ws when it names no path).
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    const suggested = web ? `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}${url.pathname === '/' ? '/ws' : url.pathname}${url.search}` : 'ws://localhost:3000/ws';
    throw new InvalidArgumentError(`"${value}" is not a WebSocket URL: give the server's ws:// or wss:// address, e.g. ${suggested}`);
  }
  if (url.hash !== '') throw new InvalidArgumentError(`"${value}" has a fragment (${url.hash}), which a WebSocket URL cannot have: leave it out`);
  return value;
}

const serverOption = () =>
  new Option('--server <url>', 'ask a running server (ws://host:port/ws) instead of answering in-process').argParser(parseServerUrl);
const limitOption = () => new Option('--limit <n>', `passages per answer, 1 to ${MAX_LIMIT}`).argParser(parseLimit);

async function localAsker(source: SourceOptions): Promise<Asker> {
  const { index } = await loadSource(source);
  let conversation: Conversation | undefined;
  return {
    ask: async (question, limit) => {
      const result = converse(index, question, { ...(limit === undefined ? {} : { limit }), ...(conversation ? { conversation } : {}) });
      conversation = result.conversation;
      return result.answer;
    },
    reset: async () => {
      conversation = undefined;
    },
    close: () => undefined,
  };
}

async function serverAsker(url: string): Promise<Asker> {
  let client: CiteqaClient;
  try {
    client = await CiteqaClient.connect(url, { reconnect: { maxAttempts: 5 } });
  } catch (error) {
    const code = error instanceof CiteqaClientError ? error.code : 'unreachable';
    if (code === 'unreachable') {
      const reason = error instanceof CiteqaClientError ? error.message : `cannot connect to ${url}`;
      throw new ExitError(EXIT.unreachable, `${reason}: is the server running? Start one with "citeqa serve", or check the URL`);
    }
    // The server answered but is not one this client can talk to: retrying will not help.
    throw new ExitError(EXIT.failed, (error as Error).message);
  }
  return {
    ask: async (question, limit) => {
      const { id: _id, ...answer } = await client.ask(question, limit === undefined ? {} : { limit });
      return answer;
    },
    reset: () => client.reset(),
    close: () => client.close(),
  };
}

async function loadSource(source: SourceOptions) {
  try {
    return await loadIndex({ corpusDir: source.corpus ?? defaultCorpusDir(), indexFile: source.index });
  } catch (error) {
    if (error instanceof CiteqaError) throw new ExitError(EXIT.failed, `${source.index ?? source.corpus ?? defaultCorpusDir()}: ${error.message.replace(/\n\s*/g, '; ')}`);
    throw error;
  }
}

/**
 * What `eval` answers from: a snapshot's index, or a corpus with the way to build its index,
 * so that the baselines start while it is built (see src/eval/answering.ts).
 */
async function evalSource(source: SourceOptions): Promise<IndexSource> {
  if (source.index !== undefined) return (await loadSource(source)).index;
  const dir = source.corpus ?? defaultCorpusDir();
  try {
    const { corpus } = await loadCorpusDir(dir);
    return { corpus, build: () => buildIndexInParallel(corpus, { thesaurus: wordnetThesaurus() }) };
  } catch (error) {
    if (error instanceof CiteqaError) throw new ExitError(EXIT.failed, `${dir}: ${error.message.replace(/\n\s*/g, '; ')}`);
    throw error;
  }
}

/** Questions from the arguments, or one per line from standard input when it is not a terminal. */
async function questionsFrom(args: readonly string[]): Promise<string[]> {
  if (args.length > 0) return [args.join(' ')];
  if (process.stdin.isTTY) throw new ExitError(EXIT.usage, 'no question: give one as an argument, or pipe questions one per line (see citeqa ask --help)');
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) if (line.trim() !== '') lines.push(line);
  return lines;
}

function buildProgram(): Command {
  const program = new Command('citeqa')
    .description('Answers questions about news articles with cited sentences.')
    .version(PACKAGE_VERSION)
    .showHelpAfterError('(run "citeqa --help", or "citeqa <command> --help", for usage)')
    .exitOverride();

  program
    .command('ask')
    .description('answer questions: from the arguments, or one per line from standard input')
    .argument('[question...]', 'the question (several words need no quotes)')
    .addOption(serverOption())
    .addOption(corpusOption())
    .addOption(indexOption())
    .addOption(limitOption())
    .option('--json', "print the protocol's answer objects, one JSON line per question")
    .action(async (words: string[], options: SourceOptions & { server?: string; limit?: number; json?: boolean }) => {
      const questions = await questionsFrom(words);
      const asker = options.server ? await serverAsker(options.server) : await localAsker(options);
      let declined = false;
      try {
        for (const [n, question] of questions.entries()) {
          // Questions of a batch are independent: none is read as a follow-up of another.
          if (n > 0) await asker.reset();
          let answer: Answer;
          try {
            answer = await asker.ask(question, options.limit);
          } catch (error) {
            if (error instanceof CiteqaError || error instanceof CiteqaClientError) {
              process.stderr.write(`citeqa: question ${n + 1}: ${error.message}\n`);
              declined = true;
              continue;
            }
            throw error;
          }
          declined ||= !answer.answered;
          process.stdout.write(options.json ? `${JSON.stringify({ type: 'answer', id: n + 1, ...answer })}\n` : `${questions.length > 1 ? `? ${question}\n` : ''}${formatAnswer(answer)}${questions.length > 1 ? '\n' : ''}`);
        }
      } finally {
        asker.close();
      }
      if (declined) process.exitCode = EXIT.failed;
    });

  program
    .command('chat')
    .description('an interactive conversation: follow-up questions refer to earlier ones; /reset, /quit')
    .addOption(serverOption())
    .addOption(corpusOption())
    .addOption(indexOption())
    .addOption(limitOption())
    .action(async (options: SourceOptions & { server?: string; limit?: number }) => {
      const asker = options.server ? await serverAsker(options.server) : await localAsker(options);
      const terminal = Boolean(process.stdin.isTTY);
      const rl = createInterface({ input: process.stdin, output: process.stdout, terminal, historySize: 200, prompt: 'ask> ' });
      // The prompt is for people at a terminal; piped input gets answers only.
      const prompt = () => terminal && rl.prompt();
      if (terminal) process.stdout.write('Ask about the articles. /reset starts a new conversation, /quit leaves.\n');
      prompt();
      try {
        for await (const line of rl) {
          const text = line.trim();
          if (text === '/quit' || text === '/exit') break;
          if (text === '/reset') {
            await asker.reset();
            process.stdout.write('(new conversation)\n');
          } else if (text !== '') {
            try {
              process.stdout.write(`${formatAnswer(await asker.ask(text, options.limit))}\n`);
            } catch (error) {
              if (!(error instanceof CiteqaError || error instanceof CiteqaClientError)) throw error;
              process.stdout.write(`${error.message}\n`);
            }
          }
          prompt();
        }
      } finally {
        rl.close();
        asker.close();
      }
    });

  program
    .command('serve')
    .description('run the server (what "npm start" runs); flags override the environment')
    .addOption(new Option('--port <port>', 'TCP port (0: any free port)').env('PORT'))
    .addOption(new Option('--host <host>', 'address to listen on').env('HOST'))
    .addOption(corpusOption())
    .addOption(indexOption())
    .addOption(new Option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent').env('LOG_LEVEL'))
    .action(async (options: SourceOptions & { port?: string; host?: string; logLevel?: string }) => {
      let config;
      try {
        config = loadConfig({
          ...process.env,
          ...(options.port === undefined ? {} : { PORT: options.port }),
          ...(options.host === undefined ? {} : { HOST: options.host }),
          ...(options.corpus === undefined ? {} : { CORPUS_DIR: options.corpus }),
          ...(options.index === undefined ? {} : { INDEX_FILE: options.index }),
          ...(options.logLevel === undefined ? {} : { LOG_LEVEL: options.logLevel }),
        });
      } catch (error) {
        throw new ExitError(EXIT.usage, (error as Error).message);
      }
      await runServer(config);
    });

  program
    .command('index')
    .description('build the index of a corpus once, for "citeqa serve --index"')
    .argument('<corpus-dir>', 'directory of articles')
    .requiredOption('--out <file>', 'where to write the index (JSON)')
    .action(async (corpusDir: string, options: { out: string }) => {
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'indexing [{bar}] {value}/{total} articles {eta_formatted}', hideCursor: true }) : undefined;
      const started = performance.now();
      let loaded;
      try {
        loaded = await loadIndex(
          { corpusDir },
          {
            onProgress: (done, total) => {
              if (done === 1) bar?.start(total, 0);
              bar?.update(done);
            },
          },
        );
      } catch (error) {
        bar?.stop();
        if (error instanceof CiteqaError) throw new ExitError(EXIT.failed, `${corpusDir}: ${error.message.replace(/\n\s*/g, '; ')} (run citeqa check ${corpusDir})`);
        throw error;
      }
      bar?.stop();
      const bytes = await writeSnapshotFile(loaded.index, options.out);
      const { corpus } = loaded.index;
      process.stdout.write(
        `wrote ${options.out}: ${plural(corpus.documents.length, 'article')}, ${plural(corpus.sentenceCount, 'sentence')}, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
    });

  program
    .command('check')
    .description('validate a corpus and report every bad file (exit 1 if any)')
    .argument('[corpus-dir]', 'directory of articles (default: the bundled corpus)')
    .action(async (corpusDir: string | undefined) => {
      const dir = corpusDir ?? defaultCorpusDir();
      try {
        const { corpus, skipped } = await loadCorpusDir(dir);
        for (const warning of corpus.warnings) process.stdout.write(`warning: ${warning.file}: ${warning.message}\n`);
        for (const file of skipped) process.stdout.write(`skipped: ${file}: not an article (*.md)\n`);
        process.stdout.write(`ok: ${plural(corpus.documents.length, 'article')}, ${plural(corpus.sentenceCount, 'sentence')} in ${dir}\n`);
      } catch (error) {
        if (!(error instanceof CorpusError)) throw error;
        for (const problem of error.problems) process.stdout.write(`${problem.file}: ${problem.message}\n`);
        const files = new Set(error.problems.map((p) => p.file)).size;
        throw new ExitError(EXIT.failed, `${dir}: ${plural(files, 'bad file')}; fix the problems listed above`);
      }
    });

  program
    .command('eval')
    .description('the answer-quality benchmark: hit@1, recall@3, MRR, SQuAD exact match and F1, declines')
    .argument(
      '<files...>',
      'JSON-lines question files, either form: {"id", "question", "expect": [...], "answer"?, "unanswerable"?} or SQuAD\'s {"id", "question", "doc", "answers": [{"text", "start", "end"}], "impossible"?}',
    )
    .addOption(corpusOption())
    .addOption(indexOption())
    .option('--baseline', 'ask the same questions of a plain MiniSearch sentence index too (stop words, stems, fuzzy 0.2, prefix)')
    .option('--plain-baseline', "and of one with MiniSearch's default options")
    .option('--verbose', "list citeqa's misses first")
    .option('--json', 'print the figures as JSON')
    .addOption(
      new Option('--threads <n>', 'threads answering (default: the cores available)').argParser((value) => {
        if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('must be a whole number from 1');
        return Number(value);
      }),
    )
    .action(async (files: string[], options: SourceOptions & { baseline?: boolean; plainBaseline?: boolean; verbose?: boolean; json?: boolean; threads?: number }) => {
      let items: EvalItem[];
      try {
        items = files.flatMap(readEvalFile);
      } catch (error) {
        if (error instanceof EvalFileError || (error as NodeJS.ErrnoException).code !== undefined) throw new ExitError(EXIT.failed, (error as Error).message);
        throw error;
      }
      const source = await evalSource(options);
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'answering [{bar}] {value}/{total} questions {eta_formatted}', hideCursor: true }) : undefined;
      let run;
      try {
        run = await runEval(source, items, {
          baselines: [...(options.baseline ? (['tuned'] as const) : []), ...(options.plainBaseline ? (['plain'] as const) : [])],
          ...(options.threads === undefined ? {} : { threads: options.threads }),
          onProgress: (done, total) => {
            if (!bar?.isActive) bar?.start(total, 0);
            bar?.update(done);
          },
        });
      } catch (error) {
        if (error instanceof EvalFileError) throw new ExitError(EXIT.failed, error.message);
        throw error;
      } finally {
        bar?.stop();
      }
      if (options.json) process.stdout.write(formatJson(run));
      else process.stdout.write(`${options.verbose ? formatMisses(run) : ''}${formatTable(run)}`);
    });

  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; every other parsing error is a usage error.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (error instanceof ExitError) {
      process.stderr.write(`citeqa: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`citeqa: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT.failed;
  }
}

if (require.main === module) void main();
