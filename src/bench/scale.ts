/**
 * `npm run bench:scale -- ARTICLES`: builds the index of a synthetic corpus of ARTICLES
 * articles (about 22 sentences each) and times a few kinds of question on it, five times
 * each: the cost of size, before issue-scale benchmarks exist.
 */
import { ask } from '../core/answer';
import { buildCorpus } from '../core/corpus';
import { buildIndex } from '../core/search-index';
import { wordnetThesaurus } from '../node/wordnet';
import { syntheticArticles } from './synthetic';

const LONG =
  'trade agreement peace treaty energy deal border dispute fishing rights climate pact security talks tariff water shipping accord minister president officials parliament protests summit budget elections analysts industries jobs percent atmosphere statement diplomats neighbours approach proposal plan changes draft countries meeting hours';

function main(): void {
  const articles = Number(process.argv[2] ?? 1000);
  if (!Number.isInteger(articles) || articles < 1) {
    process.stderr.write('usage: npm run bench:scale -- ARTICLES (a whole number)\n');
    process.exit(2);
  }
  let started = performance.now();
  const corpus = buildCorpus(syntheticArticles(articles));
  const loadMs = performance.now() - started;
  started = performance.now();
  const index = buildIndex(corpus, { thesaurus: wordnetThesaurus() });
  const indexMs = performance.now() - started;
  process.stdout.write(
    `${corpus.documents.length} articles, ${corpus.sentenceCount} sentences: corpus ${Math.round(loadMs)} ms, index ${Math.round(indexMs)} ms, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB\n`,
  );
  for (const [name, question] of [
    ['a usual question', 'How long did the meeting last?'],
    ['a who question', 'Who proposed the trade agreement?'],
    ['a 40-word question', LONG],
    ['one-letter words', 'a b c d e f g h i j'],
    ['an unknown word', 'qzxv'],
  ] as const) {
    const times: number[] = [];
    let answered = false;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      answered = ask(index, question).answered;
      times.push(performance.now() - t);
    }
    process.stdout.write(`${name.padEnd(18)} ${answered ? 'answered' : 'declined'}  ${times.map((x) => x.toFixed(1)).join(' ')} ms\n`);
  }
}

main();
