import { TokenBucket } from '../../src/server/rate-limit';

describe('TokenBucket', () => {
  it('allows a burst, then one message per 1/rate seconds, and says when to retry', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0]);
    expect(bucket.take()).toBe(100);
    now += 100;
    expect(bucket.take()).toBe(0);
  });

  it('refills up to the burst only', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    now += 10_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 100]);
  });

  it('charges expensive work as debt, repaid at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    expect(bucket.take()).toBe(0);
    bucket.charge(8); // 4 left before, now -4
    expect(bucket.take()).toBe(500); // 5 tokens short: half a second at 10 a second
    now += 500;
    expect(bucket.take()).toBe(0);
  });
});
