/**
 * One cold start, measured in its own process: reading the corpus, building the index
 * (including the NLP model), warming up as the service does before it listens, and
 * answering a first question; and, in another process, a first question without the
 * warm-up. Prints JSON.
 */
import { ask } from '../core/answer';
import { buildIndex } from '../core/search-index';
import { loadCorpusDir } from '../node/corpus-dir';
import { wordnetThesaurus } from '../node/wordnet';
import { loadConfig } from '../server/config';
import { warmUp } from '../server/warm-up';

async function main(): Promise<void> {
  const t0 = performance.now();
  const { corpus } = await loadCorpusDir(loadConfig().corpusDir);
  const t1 = performance.now();
  const index = buildIndex(corpus, { thesaurus: wordnetThesaurus() });
  const t2 = performance.now();
  const warm = process.argv.includes('--cold') ? 0 : warmUp(index).ms;
  const t3 = performance.now();
  // Not one of the warm-up questions.
  ask(index, 'Who did the minister meet, and what did they discuss?');
  const t4 = performance.now();
  process.stdout.write(
    `${JSON.stringify({ loadMs: t1 - t0, indexMs: t2 - t1, warmUpMs: warm, firstAnswerMs: t4 - t3, sinceProcessStartMs: performance.now(), sentences: corpus.sentenceCount })}\n`,
  );
}

void main();
