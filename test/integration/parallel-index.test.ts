/**
 * Building with worker threads makes the index one thread makes (the same snapshot,
 * record for record), reports progress in order, and reports a failure as an error.
 */
import { Worker } from 'node:worker_threads';
import { syntheticArticles } from '../../src/bench/synthetic';
import { buildCorpus, fromDocuments } from '../../src/core/corpus';
import { buildIndex } from '../../src/core/search-index';
import { snapshotRecords } from '../../src/core/snapshot';
import { buildIndexInParallel } from '../../src/node/parallel-index';

jest.setTimeout(120_000);

const records = (index: Parameters<typeof snapshotRecords>[0]) => [...snapshotRecords(index)].map((r) => JSON.stringify(r));

describe('building an index with worker threads', () => {
  const corpus = buildCorpus(syntheticArticles(260, 5));

  it('makes the index one thread makes, whatever ran in the process before', async () => {
    const progress: number[] = [];
    const parallel = await buildIndexInParallel(corpus, { threads: 2, onProgress: (done) => progress.push(done) });
    const alone = buildIndex(corpus);
    expect(records(parallel)).toEqual(records(alone));
    expect(progress).toEqual(corpus.documents.map((_d, i) => i + 1));
    // Built again in this thread, after all that wink-nlp has read here: still the same.
    expect(records(buildIndex(corpus))).toEqual(records(alone));
  });

  it('builds a small corpus in this thread', async () => {
    const small = buildCorpus(syntheticArticles(3, 5));
    expect(records(await buildIndexInParallel(small, { threads: 4 }))).toEqual(records(buildIndex(small)));
  });

  it('rejects with the failure of a thread, and stops every thread', async () => {
    // A document without its text cannot be analyzed.
    const broken = corpus.documents.map((d, i) => (i === 230 ? { ...d, text: null as unknown as string } : d));
    const terminate = jest.spyOn(Worker.prototype, 'terminate');
    try {
      await expect(buildIndexInParallel(fromDocuments(broken), { threads: 2 })).rejects.toThrow(/analyzing articles 226 to 250/);
      expect(terminate).toHaveBeenCalledTimes(2);
    } finally {
      terminate.mockRestore();
    }
  });
});
