import { runningText, type TextSpan } from '../../src/core/running-text';

describe('runningText', () => {
  it.each<[string, string, readonly TextSpan[], readonly TextSpan[]]>([
    ['a line wrap', 'talks lasted\nan hour', [[13, 15]], [[13, 15]]],
    ['a wrap with indentation', 'talks lasted\n   an hour', [[16, 18]], [[13, 15]]],
    ['Windows line ends and tabs', 'one\r\n\ttwo three', [[6, 9], [10, 15]], [[4, 7], [8, 13]]],
    ['a blank line', 'one.\n\nTwo', [[6, 9]], [[5, 8]]],
    ['a highlight across a wrap', 'peace\ntreaty signed', [[0, 12]], [[0, 12]]],
    ['a highlight ending inside a run', 'a  \n b', [[0, 3]], [[0, 2]]],
    ['a highlight starting inside a run', 'a  \n b', [[2, 6]], [[2, 3]]],
    ['no whitespace to collapse', 'Lavrov', [[0, 6]], [[0, 6]]],
    ['no-break spaces, which are kept', '10\u00a0km\nroad', [[0, 5]], [[0, 5]]],
    ['offsets past the end, clamped', 'ab\ncd', [[3, 99]], [[3, 5]]],
  ])('%s', (_name, text, spans, expected) => {
    const shown = runningText(text, spans);
    expect(shown.spans).toEqual(expected);
    expect(shown.text).not.toMatch(/[\n\r\t]| {2}/);
    // The words marked are the words that were marked.
    const words = (t: string, [s, e]: TextSpan) => t.slice(s, e).split(/\s+/).filter(Boolean);
    spans.forEach((span, n) => expect(words(shown.text, expected[n] as TextSpan)).toEqual(words(text, [span[0], Math.min(span[1], text.length)])));
  });

  it('makes every whitespace run one space', () => {
    expect(runningText('The talks\nlasted  for\r\n\r\nabout an hour.').text).toBe('The talks lasted for about an hour.');
  });
});
