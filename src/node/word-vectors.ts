/**
 * The word-vector table citeqa ships (data/word-vectors.bin, made by
 * scripts/build-word-vectors.ts), read once per thread (when its thesaurus is made).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseWordVectors, type WordVectors } from '../core/word-vectors';
import { PACKAGE_ROOT } from './package-info';

/** Where the shipped table is. */
export const WORD_VECTORS_FILE = path.join(PACKAGE_ROOT, 'data', 'word-vectors.bin');

const loaded = new Map<string, WordVectors>();

/** The table in `file` (default: the shipped one), read once; throws when it is missing or damaged. */
export function wordVectors(file: string = WORD_VECTORS_FILE): WordVectors {
  let vectors = loaded.get(file);
  if (!vectors) {
    try {
      vectors = parseWordVectors(readFileSync(file));
    } catch (error) {
      throw new Error(`cannot read the word vectors in ${file}: ${(error as Error).message}`);
    }
    loaded.set(file, vectors);
  }
  return vectors;
}
