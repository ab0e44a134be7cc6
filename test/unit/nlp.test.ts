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

  it('reads a number right after a currency sign as money, with its sign and glued scale', () => {
    const money = (text: string) => tag(text).entities.filter((e) => e.type === 'MONEY').map((e) => text.slice(e.start, e.end));
    expect(money('Redbridge paid £18 million for him.')).toEqual(['£18 million']);
    expect(money('It cost €5 billion and $184 million.')).toEqual(['€5 billion', '$184 million']);
    expect(money('It sold for £18m, or £2bn with debt.')).toEqual(['£18m', '£2bn']);
    // A bare number, or one after another sign, stays a number.
    expect(money('About 18 million people and #5 seeds.')).toEqual([]);
  });

  it('reads "until Friday" as the date it ends on, not a length of time', () => {
    const dates = (text: string) => tag(text).entities.map((e) => [e.type, text.slice(e.start, e.end)]);
    expect(dates('Schools stay closed until Friday.')).toEqual([['DATE', 'Friday']]);
    expect(dates('The road is shut till next Monday.')).toEqual([['DATE', 'next Monday']]);
    expect(dates('The talks lasted three hours.')).toEqual([['DURATION', 'three hours']]);
  });
});
