import { resolveDate } from '../../src/core/dates';

describe('resolveDate', () => {
  it.each([
    ['on Saturday', '2020-02-16', '2020-02-15'], // published on a Sunday
    ['Sunday', '2020-02-16', '2020-02-09'], // the same weekday means the week before
    ['on Monday', '2020-02-16', '2020-02-10'],
    ['In December', '2020-02-16', '2019-12'], // a later month than publication: last year
    ['in February', '2020-02-16', '2020-02'],
    ['In December 2016', '2020-02-16', '2016-12'],
    ['16th February, 2020', '2020-02-16', '2020-02-16'],
    ['Feb. 3', '2020-02-16', '2020-02-03'],
    ['about an hour', '2020-02-16', undefined],
  ])('%s (published %s) -> %s', (phrase, published, expected) => {
    expect(resolveDate(phrase, published)).toBe(expected);
  });
});
