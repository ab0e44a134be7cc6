/**
 * One cold start, measured in its own process: reading the corpus, building the index
 * (including the NLP model), and answering a first question. Prints JSON.
 */
import { ask } from '../core/answer';
import { buildIndex } from '../core/search-index';
import { loadCorpusDir } from '../node/corpus-dir';
import { wordnetThesaurus } from '../node/wordnet';
import { loadConfig } from '../server/config';

async function main(): Promise<void> {
  const t0 = performance.now();
  const { corpus } = await loadCorpusDir(loadConfig().corpusDir);
  const t1 = performance.now();
  const index = buildIndex(corpus, { thesaurus: wordnetThesaurus() });
  const t2 = performance.now();
  ask(index, 'How long did the meeting last?');
  const t3 = performance.now();
  process.stdout.write(
    `${JSON.stringify({ loadMs: t1 - t0, indexMs: t2 - t1, firstAnswerMs: t3 - t2, sinceProcessStartMs: performance.now(), sentences: corpus.sentenceCount })}\n`,
  );
}

void main();
