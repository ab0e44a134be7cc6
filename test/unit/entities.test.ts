import { documentEntities, storedEntities } from '../../src/core/entities';
import { SEED_ID, seedIndexOnce } from '../helpers';

describe('what is recognized in an article', () => {
  const index = seedIndexOnce();
  const seed = index.corpus.document(SEED_ID)!;
  const recognized = documentEntities(seed, index.analyzer);
  const sentenceOf = (prefix: string) => seed.sentences.findIndex((s) => seed.text.slice(s.start, s.end).includes(prefix));

  it('finds the people with their roles, and who speaks each quotation', () => {
    const motegi = recognized.people.find((p) => p.surname === 'motegi');
    expect(motegi?.roles.join(' ')).toMatch(/Foreign Minister/);
    expect(recognized.people.map((p) => p.surname)).toContain('lavrov');
    expect(recognized.speaker(sentenceOf('which lasted for about an hour'))?.surname).toBe('motegi');
    expect(recognized.speaker(0)).toBeUndefined();
  });

  it('gives the entities of a sentence by offset, and its words with parts of speech', () => {
    const n = sentenceOf('which lasted for about an hour');
    const span = seed.sentences[n]!;
    const found = recognized.entitiesIn(span.start, span.end);
    expect(found.some((e) => e.type === 'DURATION' && seed.text.slice(e.start, e.end).includes('hour'))).toBe(true);
    expect(found.every((e) => e.start >= span.start && e.end <= span.end)).toBe(true);
    const tokens = recognized.tokensIn(span.start, span.end);
    expect(tokens.length).toBeGreaterThan(5);
    for (const t of tokens) expect(seed.text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.find((t) => t.text === 'lasted')).toMatchObject({ pos: 'VERB', lemma: 'last' });
  });

  it('keeps a compact stored form that answers the same', () => {
    const { stored } = recognized;
    expect(stored.spans.length % 4).toBe(0);
    expect(stored.speakers).toHaveLength(seed.sentences.length);
    // A few hundred bytes, not the tens of kilobytes of the recognizer's tokens.
    expect(stored.spans.byteLength + stored.speakers.byteLength).toBeLessThan(2048);
    const copy = storedEntities(seed, { people: stored.people.map((p) => ({ ...p })), spans: Int32Array.from(stored.spans), speakers: Int16Array.from(stored.speakers) });
    seed.sentences.forEach((span, n) => {
      expect(copy.entitiesIn(span.start, span.end)).toEqual(recognized.entitiesIn(span.start, span.end));
      expect(copy.speaker(n)).toEqual(recognized.speaker(n));
    });
    expect(copy.entitiesIn(0, seed.text.length).length).toBe(stored.spans.length / 4);
  });
});
