/**
 * Tagging is a function of the text alone: wink-nlp's lexicon grows with what it reads, and
 * what it has read must not change how a later text is tagged.
 */
import { tag } from '../../src/core/nlp';

const tokens = (text: string) => tag(text).tokens.map((t) => `${t.text}/${t.pos}`);

describe('tagging', () => {
  it('splits a possessive the same way before and after meeting it whole', () => {
    const text = 'He flew to Port Quelvo\'s harbour.';
    const before = tokens(text);
    expect(before).toEqual(['He/PRON', 'flew/VERB', 'to/ADP', 'Port/PROPN', 'Quelvo/PROPN', "'s/PART", 'harbour/NOUN', './PUNCT']);
    // At the end of a sentence wink reads "Quelvo's" whole and remembers it.
    expect(tokens('They sailed past Port Quelvo\'s.')).toContain("'s/PART");
    expect(tokens(text)).toEqual(before);
  });

  it('keeps offsets into the text for split possessives (curly apostrophe too)', () => {
    const text = 'Tokyo said Japan’s position had not changed; Japan’s.';
    for (const t of tag(text).tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tag(text).tokens.filter((t) => t.text === '’s')).toHaveLength(2);
  });
});
