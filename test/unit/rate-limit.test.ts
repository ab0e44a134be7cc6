import { AddressBudgets, TokenBucket } from '../../src/server/rate-limit';

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

describe('AddressBudgets', () => {
  it('lets an address spend its saved-up time, then refuses it until the debt is repaid', () => {
    let now = 0;
    const budgets = new AddressBudgets(100, () => now); // 100 ms a second, 200 saved up
    const a = budgets.for('198.51.100.7');
    expect(a.wait()).toBe(0);
    a.charge(150);
    expect(a.wait()).toBe(0); // 50 ms left
    a.charge(150); // 100 ms in debt: one second at 100 ms a second
    expect(a.wait()).toBe(1000);
    now += 600;
    expect(a.wait()).toBe(400);
    now += 400;
    expect(a.wait()).toBe(0);
  });

  it('keeps addresses apart, and each connection of one address sees the same budget', () => {
    const now = 0;
    const budgets = new AddressBudgets(100, () => now);
    budgets.for('198.51.100.7').charge(500);
    expect(budgets.for('198.51.100.7').wait()).toBeGreaterThan(0);
    expect(budgets.wait('203.0.113.9')).toBe(0);
  });

  it('forgets addresses whose budget has refilled, so memory follows recent spenders only', () => {
    let now = 0;
    const budgets = new AddressBudgets(100, () => now);
    for (let i = 0; i < 1000; i++) budgets.charge(`10.0.${i >> 8}.${i & 255}`, 50);
    budgets.charge('198.51.100.7', 10_000); // 100 s of debt
    expect(budgets.size).toBe(1001);
    now += 11_000;
    expect(budgets.wait('203.0.113.9')).toBe(0);
    expect(budgets.size).toBe(1);
    expect(budgets.wait('198.51.100.7')).toBeGreaterThan(0);
  });

  it('limits nothing when the budget is 0', () => {
    const budgets = new AddressBudgets(0);
    budgets.charge('198.51.100.7', 1e9);
    expect(budgets.wait('198.51.100.7')).toBe(0);
    expect(budgets.size).toBe(0);
  });
});
