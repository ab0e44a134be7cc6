import { checkModel, fitConditional, fitLogistic, logit, probability } from '../../src/core/logistic';

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

describe('conditional (softmax) fit', () => {
  // Groups of three candidates; the right one has the largest a - b, whatever the group's level.
  const groups = Array.from({ length: 120 }, (_, g) => {
    const level = Math.sin(g * 3.7) * 20;
    const values = [0, 1, 2].map((i) => [level + Math.sin(g * 7.1 + i * 2.3) * 5, level + Math.cos(g * 5.3 + i * 1.7) * 5]);
    const best = values.reduce((top, v, i) => (v[0]! - v[1]! > values[top]![0]! - values[top]![1]! ? i : top), 0);
    return values.map(([a, b], i) => ({ x: [a!, b!], y: (i === best ? 1 : 0) as 0 | 1 }));
  });
  const pick = (model: ReturnType<typeof fitConditional>, group: (typeof groups)[number]) =>
    group.reduce((top, e, i) => (logit(model, e.x) > logit(model, group[top]!.x) ? i : top), 0);

  it('learns which candidate of a group is right', () => {
    const model = fitConditional(['a', 'b'], groups, { iterations: 300 });
    const right = groups.filter((g) => g[pick(model, g)]!.y === 1).length;
    expect(right / groups.length).toBeGreaterThan(0.95);
    expect(model.weights[0]).toBeGreaterThan(0);
    expect(model.weights[1]).toBeLessThan(0);
    expect(model.bias).toBe(0);
  });

  it('is deterministic, and leaves out groups without a right candidate', () => {
    const none = [{ x: [100, -100], y: 0 as const }];
    expect(fitConditional(['a', 'b'], [...groups, none], { iterations: 50 })).toEqual(fitConditional(['a', 'b'], groups, { iterations: 50 }));
    expect(() => fitConditional(['a', 'b'], [none])).toThrow(/a group with a positive example/);
    expect(() => fitConditional(['a', 'b'], [[{ x: [1], y: 1 }]])).toThrow(/1 values for 2 features/);
  });
});
