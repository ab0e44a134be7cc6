/**
 * Logistic regression: the learned part of ranking and of short answers. A model is a
 * small data file (feature names, their means and spreads, weights): fitted offline by
 * `npm run train`, read at start-up, and applied as one dot product per candidate.
 *
 * Fitting is deterministic (full-batch gradient descent from zero weights, a fixed number
 * of iterations, L2 penalty on the weights but not the bias), so the same examples give
 * the same model on every machine. Features are standardized before fitting, which makes
 * the penalty treat them alike and the descent converge with one step size.
 */

export interface LogisticModel {
  /** What each weight stands for, in order; a model is applied only to these features. */
  readonly features: readonly string[];
  /** Mean and standard deviation of each feature in the training examples. */
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly weights: readonly number[];
  readonly bias: number;
}

export interface FitOptions {
  /** L2 penalty on the (standardized) weights; default 1e-3. */
  readonly l2?: number;
  /** Gradient steps; default 500. */
  readonly iterations?: number;
  /** Step size; default 0.5 (features are standardized). */
  readonly rate?: number;
}

export interface Example {
  readonly x: readonly number[];
  /** 1 for a positive example, 0 for a negative one. */
  readonly y: 0 | 1;
  /** How much the example counts; default 1. */
  readonly weight?: number;
}

/** Fits a model to `examples` (each with one value per name in `features`). */
export function fitLogistic(features: readonly string[], examples: readonly Example[], options: FitOptions = {}): LogisticModel {
  const { l2 = 1e-3, iterations = 500, rate = 0.5 } = options;
  const d = features.length;
  if (examples.length === 0) throw new TypeError('fitLogistic needs at least one example');
  for (const example of examples) {
    if (example.x.length !== d) throw new TypeError(`an example has ${example.x.length} values for ${d} features`);
  }
  const { mean, scale } = standardization(examples, d);
  const rows = examples.map(({ x }) => x.map((v, j) => (v - mean[j]!) / scale[j]!));
  const totalWeight = examples.reduce((sum, e) => sum + (e.weight ?? 1), 0);

  const weights = new Array<number>(d).fill(0);
  let bias = 0;
  const gradient = new Array<number>(d);
  for (let step = 0; step < iterations; step++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const example = examples[i]!;
      const error = (sigmoid(dot(weights, row) + bias) - example.y) * ((example.weight ?? 1) / totalWeight);
      for (let j = 0; j < d; j++) gradient[j] = (gradient[j] ?? 0) + error * row[j]!;
      biasGradient += error;
    }
    for (let j = 0; j < d; j++) weights[j]! -= rate * (gradient[j]! + l2 * weights[j]!);
    bias -= rate * biasGradient;
  }
  return { features: [...features], mean, scale, weights, bias };
}

/** The model's log-odds for `x` (values in the order of `model.features`). */
export function logit(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += (model.weights[j]! * ((x[j] ?? 0) - model.mean[j]!)) / model.scale[j]!;
  return z;
}

/** The model's probability that `x` is a positive example. */
export function probability(model: LogisticModel, x: readonly number[]): number {
  return sigmoid(logit(model, x));
}

/**
 * Checks that `value` (read from a file) is a model for exactly `features`; throws a
 * TypeError that says what is wrong otherwise.
 */
export function checkModel(value: unknown, features: readonly string[], what: string): LogisticModel {
  const model = value as Partial<LogisticModel> | null;
  const numbers = (list: unknown, name: string): readonly number[] => {
    if (!Array.isArray(list) || list.length !== features.length || !list.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new TypeError(`${what}: "${name}" must be ${features.length} finite numbers`);
    }
    return list as number[];
  };
  if (model === null || typeof model !== 'object') throw new TypeError(`${what}: not a model object`);
  const names = model.features;
  if (!Array.isArray(names) || names.join('\n') !== features.join('\n')) {
    throw new TypeError(`${what}: its features (${Array.isArray(names) ? names.join(', ') : 'none'}) are not the ones this version computes (${features.join(', ')}): run npm run train`);
  }
  if (typeof model.bias !== 'number' || !Number.isFinite(model.bias)) throw new TypeError(`${what}: "bias" must be a finite number`);
  const scale = numbers(model.scale, 'scale');
  if (scale.some((s) => s <= 0)) throw new TypeError(`${what}: every "scale" must be positive`);
  return { features: [...features], mean: numbers(model.mean, 'mean'), scale, weights: numbers(model.weights, 'weights'), bias: model.bias };
}

/** Each score's share of the sum of their exponentials (softmax), computed without overflow. */
export function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - top));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

/** Each feature's mean and standard deviation over `examples` (1 where it is constant). */
function standardization(examples: readonly Example[], d: number): { mean: number[]; scale: number[] } {
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const { x } of examples) for (let j = 0; j < d; j++) mean[j]! += x[j]! / examples.length;
  for (const { x } of examples) for (let j = 0; j < d; j++) scale[j]! += (x[j]! - mean[j]!) ** 2 / examples.length;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  return { mean, scale };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j]! * b[j]!;
  return sum;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * A group of examples of which exactly the positives are right: the candidates of one
 * question, with the ones that answer it.
 */
export type ExampleGroup = readonly Example[];

/**
 * Fits a conditional (softmax) model: within each group, the probability of a candidate is
 * its exponentiated score over the group's sum, and the fit maximizes the probability of
 * the group's positives. What it learns is which candidate of a group is right, not how
 * often candidates are right overall; groups without a positive teach nothing and are
 * left out. Deterministic, like {@link fitLogistic}; the model's bias is 0 (it would cancel).
 * Examples' `weight` is not read: every group counts alike.
 */
export function fitConditional(features: readonly string[], groups: readonly ExampleGroup[], options: FitOptions = {}): LogisticModel {
  const { l2 = 1e-3, iterations = 500, rate = 0.5 } = options;
  const d = features.length;
  const useful = groups.filter((g) => g.some((e) => e.y === 1));
  const all = useful.flat();
  if (all.length === 0) throw new TypeError('fitConditional needs a group with a positive example');
  for (const example of all) {
    if (example.x.length !== d) throw new TypeError(`an example has ${example.x.length} values for ${d} features`);
  }
  const { mean, scale } = standardization(all, d);
  const rows = useful.map((g) => g.map(({ x }) => Float64Array.from(x, (v, j) => (v - mean[j]!) / scale[j]!)));
  const weights = new Array<number>(d).fill(0);
  const gradient = new Float64Array(d);
  for (let step = 0; step < iterations; step++) {
    gradient.fill(0);
    for (let g = 0; g < rows.length; g++) {
      const group = rows[g]!;
      const labels = useful[g]!;
      const p = softmax(group.map((row) => dot(weights, row)));
      const positive = p.reduce((a, share, i) => a + (labels[i]!.y === 1 ? share : 0), 0);
      for (let i = 0; i < group.length; i++) {
        // d(-log P(positives))/d score_i = p_i - q_i (q: the share among positives).
        const coefficient = (p[i]! - (labels[i]!.y === 1 ? p[i]! / positive : 0)) / rows.length;
        if (coefficient === 0) continue;
        const row = group[i]!;
        for (let j = 0; j < d; j++) gradient[j]! += coefficient * row[j]!;
      }
    }
    for (let j = 0; j < d; j++) weights[j]! -= rate * (gradient[j]! + l2 * weights[j]!);
  }
  return { features: [...features], mean, scale, weights, bias: 0 };
}
