/**
 * One cold start, measured in its own process: reading the corpus, building the index
 * (including the NLP model), warming up as the service does before it listens, and
 * answering a first question, then a first question on a second index of the same corpus
 * built after it (a thesaurus and memories the warm-up did not fill: what it leaves to
 * the first questions on a corpus whose sentences it did not read); with `--cold`, no
 * warm-up. Prints JSON.
 */
import { ask } from '../core/answer';
import { buildIndex } from '../core/search-index';
import { loadCorpusDir } from '../node/corpus-dir';
import { wordnetThesaurus } from '../node/wordnet';
import { loadConfig } from '../server/config';
import { warmUp } from '../server/warm-up';

/** The first question: not one of the warm-up's. */
const FIRST = 'Who did the minister meet, and what did they discuss?';

async function main(): Promise<void> {
  const t0 = performance.now();
  const { corpus } = await loadCorpusDir(loadConfig().corpusDir);
  const t1 = performance.now();
  const index = buildIndex(corpus, { thesaurus: wordnetThesaurus() });
  const t2 = performance.now();
  const warm = process.argv.includes('--cold') ? 0 : warmUp(index).ms;
  const t3 = performance.now();
  ask(index, FIRST);
  const t4 = performance.now();
  const second = buildIndex(corpus, { thesaurus: wordnetThesaurus() });
  const t5 = performance.now();
  ask(second, FIRST);
  const t6 = performance.now();
  process.stdout.write(
    `${JSON.stringify({ loadMs: t1 - t0, indexMs: t2 - t1, warmUpMs: warm, firstAnswerMs: t4 - t3, secondIndexFirstAnswerMs: t6 - t5, sinceProcessStartMs: performance.now(), sentences: corpus.sentenceCount })}\n`,
  );
}

void main();
