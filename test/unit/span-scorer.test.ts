import { softmaxShares } from '../../src/core/span-scorer';
import type { LogisticModel } from '../../src/core/logistic';

describe('softmaxShares', () => {
  const model: LogisticModel = { features: ['a'], mean: [0], scale: [1], weights: [2], bias: 0 };
  const rows = [[0], [1], [-1]];

  it("gives each candidate its share of the sentence's candidates", () => {
    const p = softmaxShares(model, rows);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[1]).toBeCloseTo(Math.exp(2) / (1 + Math.exp(2) + Math.exp(-2)), 12);
    // Shifting every score alike changes nothing.
    expect(softmaxShares({ ...model, bias: 50 }, rows)).toEqual(p);
  });

  it('stays finite for scores far beyond what exp can hold', () => {
    const p = softmaxShares({ ...model, weights: [1000] }, rows);
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p[1]).toBeCloseTo(1, 12);
  });
});
