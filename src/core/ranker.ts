/**
 * The learned ranker: a logistic model over {@link RANK_FEATURES}, fitted by `npm run
 * train` (scripts/train-ranker.ts) on the public SQuAD set, pairwise (on differences of
 * one question's candidates, so its log-odds order candidates and mean nothing alone),
 * cross-validated by article, and committed as ranker.json. Checked when first used: a model fitted on other features
 * than this version computes is refused (and `npm run train`, which computes features
 * without the model, still runs).
 */
import { checkModel, type LogisticModel } from './logistic';
import { RANK_FEATURES } from './rank-features';
import model from './ranker.json';

let checked: LogisticModel | undefined;

/** The committed model, checked against the features this version computes. */
export function ranker(): LogisticModel {
  return (checked ??= checkModel(model, RANK_FEATURES, 'src/core/ranker.json'));
}
