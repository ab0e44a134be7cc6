import { ordinalSuffix, readNumberWords } from '../../src/core/numbers';

describe('readNumberWords', () => {
  it.each<[string, { length: number; term: string } | undefined]>([
    ['four islands', { length: 1, term: '4' }],
    ['seventy fifth anniversary', { length: 2, term: '75th' }],
    ['second world war', { length: 1, term: '2nd' }],
    ['twenty one', { length: 2, term: '21' }],
    ['twenty', { length: 1, term: '20' }],
    ['two hundred and one', { length: 4, term: '201' }],
    ['three hundredth', { length: 2, term: '300th' }],
    ['nineteen', { length: 1, term: '19' }],
    ['islands four', undefined],
  ])('%s', (text, expected) => {
    expect(readNumberWords(text.split(' '))).toEqual(expected);
  });
});

describe('ordinalSuffix', () => {
  it.each([[1, '1st'], [2, '2nd'], [3, '3rd'], [4, '4th'], [11, '11th'], [12, '12th'], [13, '13th'], [21, '21st'], [75, '75th'], [112, '112th']])('%i -> %s', (n, s) => {
    expect(ordinalSuffix(n)).toBe(s);
  });
});
