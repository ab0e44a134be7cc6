import { Memo } from '../../src/core/memo';

describe('Memo', () => {
  it('makes a value once, and remembers at most `limit`, forgetting the oldest first', () => {
    const memo = new Memo<string>(3);
    let made = 0;
    const make = (key: string) => () => {
      made++;
      return key.toUpperCase();
    };
    expect(memo.get('a', make('a'))).toBe('A');
    expect(memo.get('a', make('a'))).toBe('A');
    expect(made).toBe(1);
    for (const key of ['b', 'c', 'd']) memo.get(key, make(key));
    expect(memo.size).toBe(3);
    // 'a' was the oldest: it is made again; 'd' is still remembered.
    memo.get('a', make('a'));
    memo.get('d', make('d'));
    expect(made).toBe(5);
  });

  it('stays within its limit whatever number of distinct keys it is asked for', () => {
    const memo = new Memo<number, number>(100);
    for (let i = 0; i < 10_000; i++) memo.get(i, () => i * 2);
    expect(memo.size).toBe(100);
    expect(memo.get(9_999, () => -1)).toBe(19_998);
  });
});
