/**
 * One run of the benchmark: the questions checked against the corpus, answered by citeqa
 * and the baselines asked for (see answering.ts), each system's answers scored.
 */
import { answerAll, type IndexSource, type ParallelOptions, type SystemName } from './answering';
import { BASELINE_NAMES, type BaselineKind } from './baseline';
import { evaluate, type EvalReport } from './evaluate';
import { checkAgainstCorpus, EvalFileError, type EvalItem } from './questions';

export interface EvalOptions extends ParallelOptions {
  /** Baselines to ask the same questions (default: none). */
  readonly baselines?: readonly BaselineKind[];
}

export interface SystemReport {
  readonly system: SystemName;
  /** How reports name it. */
  readonly label: string;
  readonly report: EvalReport;
  /** Mean time to answer one question, in one thread. */
  readonly msPerQuestion: number;
}

export interface EvalRun {
  readonly documents: number;
  readonly sentences: number;
  /** citeqa first, then the baselines in the order asked. */
  readonly systems: readonly SystemReport[];
  /** Time the answering took, all systems together (with a corpus as the source, building its index too, which the baselines overlap). */
  readonly seconds: number;
}

/** Messages about bad items listed in full; the rest are counted. */
const PROBLEMS_SHOWN = 3;

/**
 * Runs the benchmark on citeqa's index, or on a corpus whose index it builds while the
 * baselines answer (see IndexSource); throws an {@link EvalFileError} when a question does
 * not fit the corpus (see checkAgainstCorpus).
 */
export async function runEval(source: IndexSource, items: readonly EvalItem[], options: EvalOptions = {}): Promise<EvalRun> {
  const { corpus } = source;
  const problems = checkAgainstCorpus(items, corpus);
  if (problems.length > 0) {
    const more = problems.length > PROBLEMS_SHOWN ? `; and ${problems.length - PROBLEMS_SHOWN} more` : '';
    throw new EvalFileError(`${problems.slice(0, PROBLEMS_SHOWN).join('; ')}${more} (are these questions about this corpus? see --corpus)`);
  }
  const baselines = options.baselines ?? [];
  const started = performance.now();
  const { answers, ms } = await answerAll(source, baselines, items.map((item) => item.question), options);
  const seconds = (performance.now() - started) / 1000;
  const systems = (['citeqa', ...baselines] as const).map((system): SystemReport => {
    const kind = system === 'citeqa' ? { shortAnswers: true, declines: true } : { shortAnswers: false, declines: false };
    return {
      system,
      label: system === 'citeqa' ? 'citeqa' : BASELINE_NAMES[system],
      report: evaluate(items, answers[system] ?? [], kind),
      msPerQuestion: items.length === 0 ? 0 : (ms[system] ?? 0) / items.length,
    };
  });
  return { documents: corpus.documents.length, sentences: corpus.sentenceCount, systems, seconds };
}
