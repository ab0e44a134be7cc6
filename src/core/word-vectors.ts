/**
 * Word vectors: how near in meaning two English words are, from a table of vectors
 * (GloVe-derived, see scripts/build-word-vectors.ts) of the commonest words. The core
 * reads no files: the node shell hands the table's bytes to {@link parseWordVectors}.
 *
 * The file, `data/word-vectors.bin`:
 *
 *   line 1   "citeqa-word-vectors 1"
 *   line 2   a JSON header: { words, dimensions, source, sha256 }  (source: where the vectors come from)
 *   then     the words, lower case, each ended by "\n", in the table's order (commonest first)
 *   then     words x dimensions signed bytes: each word's vector, scaled so that its largest
 *            component is +-127 (a cosine needs no common scale)
 */
export interface WordVectors {
  /** Words with a vector. */
  readonly size: number;
  /** Whether `word` (lower case, as written) has a vector. */
  has(word: string): boolean;
  /** The cosine of the two words' vectors (-1 to 1), undefined when either has none. */
  similarity(a: string, b: string): number | undefined;
}

/** The first line of a word-vector file. */
export const WORD_VECTORS_MAGIC = 'citeqa-word-vectors 1';

export interface WordVectorsHeader {
  readonly words: number;
  readonly dimensions: number;
  readonly source: string;
  readonly sha256: string;
}

const NEWLINE = 0x0a;

/** The table in `bytes` (a word-vector file); throws an Error saying what is wrong with it. */
export function parseWordVectors(bytes: Uint8Array): WordVectors & { readonly header: WordVectorsHeader } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const first = bytes.indexOf(NEWLINE);
  if (first === -1 || decoder.decode(bytes.subarray(0, first)) !== WORD_VECTORS_MAGIC) throw new Error(`not a word-vector file: it does not start with "${WORD_VECTORS_MAGIC}"`);
  const second = bytes.indexOf(NEWLINE, first + 1);
  if (second === -1) throw new Error('word-vector file: no header line');
  let header: WordVectorsHeader;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(first + 1, second))) as WordVectorsHeader;
  } catch {
    throw new Error('word-vector file: the header line is not JSON (or not UTF-8)');
  }
  if (typeof header !== 'object' || header === null) throw new Error('word-vector file: the header line is not a JSON object');
  const { words: count, dimensions } = header;
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(dimensions) || dimensions <= 0) throw new Error('word-vector file: the header needs whole "words" and "dimensions"');
  const rows = new Map<string, number>();
  let at = second + 1;
  for (let i = 0; i < count; i++) {
    const end = bytes.indexOf(NEWLINE, at);
    if (end === -1) throw new Error(`word-vector file: ${count} words announced, ${i} found`);
    const word = decoder.decode(bytes.subarray(at, end));
    if (rows.has(word)) throw new Error(`word-vector file: "${word}" is listed twice`);
    rows.set(word, i);
    at = end + 1;
  }
  if (bytes.length - at !== count * dimensions) throw new Error(`word-vector file: ${count * dimensions} vector bytes expected, ${bytes.length - at} found`);
  const table = new Int8Array(bytes.buffer, bytes.byteOffset + at, count * dimensions);
  const norms = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let d = i * dimensions, end = d + dimensions; d < end; d++) sum += table[d]! * table[d]!;
    norms[i] = Math.sqrt(sum);
  }
  return {
    header,
    size: count,
    has: (word) => rows.has(word),
    similarity(a, b) {
      const i = rows.get(a);
      const j = rows.get(b);
      if (i === undefined || j === undefined) return undefined;
      if (i === j) return 1;
      const norm = norms[i]! * norms[j]!;
      if (norm === 0) return 0;
      let dot = 0;
      for (let x = i * dimensions, y = j * dimensions, end = x + dimensions; x < end; x++, y++) dot += table[x]! * table[y]!;
      return dot / norm;
    },
  };
}
