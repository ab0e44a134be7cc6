import { repairReplacementCharacters } from '../../src/core/repair';

describe('repairReplacementCharacters', () => {
  it.each([
    ['a spaced dash', 'four islands \uFFFD Iturup', 'four islands \u2014 Iturup'],
    ['an apostrophe inside a word', 'Japan\uFFFDs claim', 'Japan\u2019s claim'],
    ['a lost quote mark', '\uFFFDYes,\uFFFD he said', ' Yes,  he said'],
    ['at the very start and end', '\uFFFD', '\u2014'],
  ])('repairs %s without changing the length', (_name, text, expected) => {
    const repair = repairReplacementCharacters(text);
    expect(repair.text).toBe(expected);
    expect(repair.text).toHaveLength(text.length);
    expect(repair.replaced).toBe([...text.matchAll(/\uFFFD/g)].length);
  });

  it('leaves text without U+FFFD alone', () => {
    expect(repairReplacementCharacters('Plain text.')).toEqual({ text: 'Plain text.', replaced: 0 });
  });
});
