import { AddressBudgets, INITIAL_ESTIMATE_MS, type Reservation } from '../../src/server/rate-limit';

function reserved(result: Reservation | { readonly wait: number }): Reservation {
  if (!('settle' in result)) throw new Error(`refused: wait ${result.wait} ms`);
  return result;
}

describe('AddressBudgets: paying for work before it starts', () => {
  it('takes the estimate before the work and the rest after it', () => {
    const now = 0;
    const budgets = new AddressBudgets(100, () => now); // 100 ms a second, 200 saved up
    const work = reserved(budgets.reserve('198.51.100.7', 'ask'));
    expect(work.estimateMs).toBe(INITIAL_ESTIMATE_MS);
    // Taken in advance: 195 ms left, so work expected to take all 200 would wait.
    budgets.charge('198.51.100.7', 195);
    expect(budgets.wait('198.51.100.7')).toBe(0);
    work.settle(INITIAL_ESTIMATE_MS + 100); // the rest: 100 ms of debt
    expect(budgets.wait('198.51.100.7')).toBe(1000);
  });

  it('gives back what the work did not use, never beyond a full budget', () => {
    const now = 0;
    const budgets = new AddressBudgets(100, () => now);
    budgets.charge('198.51.100.7', 190); // 10 ms left
    const work = reserved(budgets.reserve('198.51.100.7', 'ask')); // 5 ms left
    work.settle(0);
    budgets.charge('198.51.100.7', 11); // 1 ms of debt: the refund was the whole estimate
    expect(budgets.wait('198.51.100.7')).toBe(10);
    const other = reserved(budgets.reserve('203.0.113.9', 'ask'));
    other.settle(0);
    other.settle(0); // settling twice changes nothing
    budgets.charge('203.0.113.9', 201); // a full budget and 1 ms: the refund did not overfill it
    expect(budgets.wait('203.0.113.9')).toBe(10);
  });

  it('refuses expensive work before it runs once the address is seen to ask for it', () => {
    let now = 0;
    const budgets = new AddressBudgets(100, () => now);
    const address = '198.51.100.7';
    // Questions of 150 ms, 1.5 s apart: the estimate learns what they cost.
    for (let i = 0; i < 12; i++) {
      const work = budgets.reserve(address, 'ask');
      if ('settle' in work) work.settle(150);
      now += 1500;
    }
    expect(budgets.estimate(address, 'ask')).toBeGreaterThan(140);
    // The address is out of debt, but holds less than the next question's estimate: it
    // waits before the work, instead of running it and paying afterwards.
    budgets.charge(address, 150);
    expect(budgets.wait(address)).toBe(0);
    const refused = budgets.reserve(address, 'ask');
    expect(refused).toEqual({ wait: expect.any(Number) });
    expect((refused as { wait: number }).wait).toBeGreaterThan(800);
    // Cheap work of another kind keeps its own estimate.
    expect(budgets.estimate(address, 'suggest')).toBe(INITIAL_ESTIMATE_MS);
    expect('settle' in budgets.reserve(address, 'suggest')).toBe(true);
  });

  it('starts an address not seen lately from the mean over all addresses', () => {
    const now = 0;
    const budgets = new AddressBudgets(100, () => now);
    for (let i = 0; i < 20; i++) reserved(budgets.reserve(`10.0.0.${i}`, 'ask')).settle(40);
    expect(budgets.estimate('203.0.113.9', 'ask')).toBeCloseTo(40, 0);
  });

  it("takes one slow piece of work for a quarter of an address's habit, not all of it", () => {
    const now = 0;
    const budgets = new AddressBudgets(1000, () => now); // 2,000 ms saved up
    reserved(budgets.reserve('198.51.100.7', 'ask')).settle(INITIAL_ESTIMATE_MS + 400); // a cold start
    expect(budgets.estimate('198.51.100.7', 'ask')).toBeCloseTo(INITIAL_ESTIMATE_MS + 100, 5);
  });

  it('never estimates more than the budget saves up, so all work is affordable in time', () => {
    let now = 0;
    const budgets = new AddressBudgets(10, () => now); // 20 ms saved up at most
    reserved(budgets.reserve('198.51.100.7', 'ask')).settle(5000);
    expect(budgets.estimate('198.51.100.7', 'ask')).toBe(20);
    now += 600_000;
    expect('settle' in budgets.reserve('198.51.100.7', 'ask')).toBe(true);
  });

  it('reserves nothing when the budget is 0', () => {
    const budgets = new AddressBudgets(0);
    const work = reserved(budgets.reserve('198.51.100.7', 'ask'));
    expect(work.estimateMs).toBe(0);
    work.settle(1e9);
    expect(budgets.wait('198.51.100.7', 'ask')).toBe(0);
    expect(budgets.size).toBe(0);
  });
});
