import { checkModel, fitLogistic, probability } from '../../src/core/logistic';

describe('logistic regression', () => {
  // y = 1 exactly when x0 > x1: a separable set, so the fitted model must rank it right.
  const examples = Array.from({ length: 200 }, (_, i) => {
    const a = Math.sin(i * 12.9898) * 10;
    const b = Math.cos(i * 78.233) * 10;
    return { x: [a, b, 5], y: (a > b ? 1 : 0) as 0 | 1 };
  });

  it('separates a separable set', () => {
    const model = fitLogistic(['a', 'b', 'constant'], examples);
    const right = examples.filter((e) => (probability(model, e.x) > 0.5 ? 1 : 0) === e.y).length;
    expect(right / examples.length).toBeGreaterThan(0.97);
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
  });

  it('fits the same model from the same examples', () => {
    expect(fitLogistic(['a', 'b', 'constant'], examples)).toEqual(fitLogistic(['a', 'b', 'constant'], examples));
  });

  it('learns the base rate when the features say nothing', () => {
    const flat = Array.from({ length: 100 }, (_, i) => ({ x: [1], y: (i < 25 ? 1 : 0) as 0 | 1 }));
    expect(probability(fitLogistic(['one'], flat, { iterations: 2000 }), [1])).toBeCloseTo(0.25, 2);
  });

  it('refuses a stored model made for other features, naming the fix', () => {
    const model = fitLogistic(['a', 'b', 'constant'], examples);
    expect(checkModel(JSON.parse(JSON.stringify(model)), ['a', 'b', 'constant'], 'ranker.json')).toEqual(model);
    expect(() => checkModel(model, ['a', 'b'], 'ranker.json')).toThrow(/run npm run train/);
    expect(() => checkModel({ ...model, weights: [1, 2] }, ['a', 'b', 'constant'], 'ranker.json')).toThrow(/"weights" must be 3 finite numbers/);
    expect(() => checkModel(null, ['a'], 'ranker.json')).toThrow(/not a model object/);
  });
});
