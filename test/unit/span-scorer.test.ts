import { spanProbabilities } from '../../src/core/span-scorer';
import type { LogisticModel } from '../../src/core/logistic';

describe('spanProbabilities', () => {
  const model: LogisticModel = { features: ['a'], mean: [0], scale: [1], weights: [2], bias: 0 };
  const rows = [[0], [1], [-1]];

  it('gives a conditional model each candidate its share of the sentence (softmax)', () => {
    const p = spanProbabilities({ model, fit: 'conditional' }, rows);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[1]).toBeCloseTo(Math.exp(2) / (1 + Math.exp(2) + Math.exp(-2)), 12);
    // Shifting every score alike changes nothing.
    expect(spanProbabilities({ model: { ...model, bias: 50 }, fit: 'conditional' }, rows)).toEqual(p);
  });

  it('gives a pointwise model each candidate its own probability', () => {
    expect(spanProbabilities({ model, fit: 'pointwise' }, rows)[1]).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
  });
});
