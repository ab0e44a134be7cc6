import { Memo } from '../../src/core/memo';

describe('Memo', () => {
  it('makes a value once, and remembers at most `limit`, forgetting the least recently used first', () => {
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
    // 'a' was the least recently used: it is made again; 'd' is still remembered.
    memo.get('a', make('a'));
    memo.get('d', make('d'));
    expect(made).toBe(5);
    // Now 'b' is forgotten ('c', 'a' and 'd' were used since), and a value used again is kept.
    memo.get('c', make('c'));
    expect(made).toBe(5);
    memo.get('b', make('b'));
    expect(made).toBe(6);
    memo.get('c', make('c'));
    expect(made).toBe(6);
  });

  it('stays within its limit whatever number of distinct keys it is asked for', () => {
    const memo = new Memo<number, number>(100);
    for (let i = 0; i < 10_000; i++) memo.get(i, () => i * 2);
    expect(memo.size).toBe(100);
    expect(memo.get(9_999, () => -1)).toBe(19_998);
    expect(memo.get(0, () => -1)).toBe(-1);
  });

  it('remembers null, and makes undefined and what `keep` refuses every time', () => {
    const memo = new Memo<string | null | undefined>(10);
    let made = 0;
    const make = (value: string | null | undefined) => () => {
      made++;
      return value;
    };
    expect(memo.get('n', make(null))).toBeNull();
    expect(memo.get('n', make('x'))).toBeNull();
    expect(made).toBe(1);
    expect(memo.get('u', make(undefined))).toBeUndefined();
    expect(memo.get('u', make(undefined))).toBeUndefined();
    expect(made).toBe(3);
    const long = (value: string | null | undefined) => (value ?? '').length < 3;
    expect(memo.get('l', make('long'), long)).toBe('long');
    expect(memo.get('l', make('long'), long)).toBe('long');
    expect(made).toBe(5);
    expect(memo.size).toBe(1);
  });
});
