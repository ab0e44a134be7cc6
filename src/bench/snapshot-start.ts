/**
 * A start from an index snapshot, in its own process (as a server starts with INDEX_FILE):
 * reading and loading the file, and answering a first question. Prints JSON.
 *
 *   tsx src/bench/snapshot-start.ts FILE
 */
import { ask } from '../core/answer';
import { readSnapshotFile } from '../node/snapshot-file';
import { wordnetThesaurus } from '../node/wordnet';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: snapshot-start.ts FILE');
  const started = performance.now();
  const index = await readSnapshotFile(file, { thesaurus: wordnetThesaurus() });
  const startMs = performance.now() - started;
  ask(index, 'How long did the meeting last?');
  const firstAnswerMs = performance.now() - started - startMs;
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ startMs, firstAnswerMs, memoryBytes: usage.heapUsed + usage.arrayBuffers, sentences: index.corpus.sentenceCount })}\n`);
}

void main();
