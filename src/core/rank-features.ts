/**
 * What the ranker knows of a candidate sentence: a few numbers per sentence retrieved for a
 * question, each computed from the question, the sentence, its article's matched terms and
 * its neighbours among the candidates. The learned model (ranker.ts) weighs them; no
 * weight is set here by hand.
 *
 * Every feature is computed only for the candidates (the retriever's RERANK_DEPTH and at
 * most ten of their neighbours, see ranking.ts's withNeighbours) and in time linear in the
 * sentence's terms, so the cost of a question stays what retrieval bounds.
 */
import type { Term } from './analyzer';

/**
 * The features, in the order the model's weights are stored. A model trained on other
 * features is refused at start-up (see checkModel).
 *
 *   bm25             the sentence's BM25 (the retriever's score), as a share of the best candidate's
 *                    (0 for a neighbour added unretrieved, see ranking.ts's withNeighbours)
 *   bm25Rank         1 / (1 + its place in the retriever's order; such neighbours come after every retrieved one)
 *   coverage         the share of the question's term weight (IDF x query weight) the sentence holds
 *   coverageShare    coverage as a share of the best candidate's
 *   windowCoverage   the share held by the sentence and its neighbours together (an answer beside its match)
 *   missing          the weight of question terms the sentence lacks, in IDF units
 *   articleCoverage  the same share for the sentence's article: the article the question is about
 *   topArticle       1 when no candidate's article covers more of the question
 *   phrases          the share of the question's adjacent term pairs adjacent in the sentence ("Super Bowl 50")
 *   numbers          the share of the question's numbers the sentence holds (0 when it asks none)
 *   numbersArticle   the share of the question's numbers the article holds (0 when it asks none)
 *   names            the share of the question's names (capitalized words, "Mocuba") the sentence
 *                    holds (0 when it has none): in a small corpus a name is as frequent as a
 *                    common word, but pins the topic as no common word does
 *   namesArticle     the same share for the sentence's article
 *   proximity        matched distinct terms over the smallest window of the sentence holding them all
 *   previous, next   a neighbour's BM25 among the candidates, as a share of the best (the answer next to the match)
 *   refersBack       the sentence refers back ("he", "these islets"), times the previous sentence's share
 *   typeFit          how well the best span of the kind the question wants fits (0: none, or no kind wanted)
 *   typedCoverage    coverageShare times typeFit (at most 1): the question's words and a span of its kind together
 *   strictTypeFit    typeFit when the kind is rare and precise (a duration, a number), else 0
 *   neighbourType    typeFit times the better neighbour's share: a sentence completing its neighbour
 *   acronym          the sentence defines or spells out an acronym of the question ("American Football Conference (AFC)")
 *   headline         1 for a headline (sentence 0)
 *   length           log(1 + the sentence's word terms)
 *   meaning          the share of the question's words the sentence holds or, for its common
 *                    words, says in a word near in meaning ("homes" and "houses", "refused" and
 *                    "rejected": word vectors), each word weighed by its IDF and counted by
 *                    how near the nearest is; names and numbers count only where held (0
 *                    without word vectors)
 */
export const RANK_FEATURES = [
  'bm25',
  'bm25Rank',
  'coverage',
  'coverageShare',
  'windowCoverage',
  'missing',
  'articleCoverage',
  'topArticle',
  'phrases',
  'numbers',
  'numbersArticle',
  'names',
  'namesArticle',
  'proximity',
  'previous',
  'next',
  'refersBack',
  'typeFit',
  'typedCoverage',
  'strictTypeFit',
  'neighbourType',
  'acronym',
  'headline',
  'length',
  'meaning',
] as const;

export type RankFeature = (typeof RANK_FEATURES)[number];

/** What a question gives the features, computed once per question. */
export interface QuestionEvidence {
  /** Each searched term's weight times its IDF (terms the corpus lacks are left out). */
  readonly termWeights: ReadonlyMap<string, number>;
  /** Their sum. */
  readonly totalWeight: number;
  /** Adjacent pairs of the question's word terms, as "a b". */
  readonly pairs: ReadonlySet<string>;
  /** The question's numbers, as terms. */
  readonly numbers: readonly string[];
  /** The question's names (capitalized words): each name word's terms (itself and its aliases), any of which holds it. */
  readonly names: readonly (readonly string[])[];
  /** Terms of the expansions of the question's acronyms found among the candidates. */
  readonly expansions: readonly (readonly string[])[];
  /** The question's acronyms, as written ("AFC"). */
  readonly acronyms: readonly string[];
  /** The question's words for the meaning feature (undefined without word vectors). */
  readonly meaning?: MeaningEvidence;
}

/** The question's words, and the nearness of a sentence's words to those read for their meaning. */
export interface MeaningEvidence {
  /**
   * Each word's terms (a sentence holding any of them holds the word) and weight: first the
   * words {@link nearness} reads, then those only held count for (names, numbers, words
   * without a vector).
   */
  readonly words: readonly { readonly terms: readonly string[]; readonly weight: number }[];
  /** Their weights' sum. */
  readonly total: number;
  /** How near a sentence's word (lower case) is to each of the first of `words`, 0 to 1 (undefined: to none). */
  nearness(word: string): Float64Array | undefined;
}

/** What one candidate gives the features. */
export interface CandidateEvidence {
  readonly score: number;
  readonly bestScore: number;
  /** Its place in the retriever's order, from 0. */
  readonly place: number;
  readonly matched: ReadonlySet<string>;
  /** The best coverage among the question's candidates. */
  readonly bestCoverage: number;
  /** The question terms the neighbouring sentences matched (when they are candidates). */
  readonly neighbourTerms: readonly string[];
  readonly articleTerms: readonly string[];
  readonly bestArticleCoverage: number;
  /** The sentence's analyzed terms (words and aliases), in order. */
  readonly terms: readonly Term[];
  readonly text: string;
  readonly headline: boolean;
  readonly previous: number;
  readonly next: number;
  readonly refersBack: boolean;
  readonly typeFit: number;
  readonly strictType: boolean;
}

/** The weight of `terms` under the question, as a share of its whole weight. */
export function weightShare(question: QuestionEvidence, terms: Iterable<string>): number {
  if (question.totalWeight === 0) return 0;
  let sum = 0;
  // Each term once, in the order first met: the order the sum is taken in. A set is that
  // already, and a short list is checked in place (a candidate's terms are a dozen).
  if (terms instanceof Set) {
    for (const term of terms as Set<string>) sum += question.termWeights.get(term) ?? 0;
  } else if (Array.isArray(terms) && terms.length <= SHORT_LIST) {
    const list = terms as readonly string[];
    for (let i = 0; i < list.length; i++) if (list.indexOf(list[i]!) === i) sum += question.termWeights.get(list[i]!) ?? 0;
  } else {
    for (const term of new Set(terms)) sum += question.termWeights.get(term) ?? 0;
  }
  return sum / question.totalWeight;
}

/** Longest list whose repeats {@link weightShare} finds by searching it rather than by making a set. */
const SHORT_LIST = 16;

/** The feature vector of one candidate, in {@link RANK_FEATURES} order. */
export function rankFeatures(question: QuestionEvidence, c: CandidateEvidence): number[] {
  const words = c.terms.filter((t) => !t.alias);
  const share = (value: number) => (c.bestScore > 0 ? value / c.bestScore : 0);
  const coverage = weightShare(question, c.matched);
  const articleCoverage = weightShare(question, c.articleTerms);
  // The sets below serve only questions with numbers or acronyms.
  const sentenceSet = question.numbers.length > 0 || question.acronyms.length > 0 ? new Set(c.terms.map((t) => t.term)) : EMPTY;
  const articleSet = question.numbers.length > 0 || question.names.length > 0 ? new Set(c.articleTerms) : EMPTY;
  const numbers = question.numbers.length === 0 ? 0 : question.numbers.filter((n) => sentenceSet.has(n)).length / question.numbers.length;
  const numbersArticle = question.numbers.length === 0 ? 0 : question.numbers.filter((n) => articleSet.has(n)).length / question.numbers.length;
  const names = question.names.length === 0 ? 0 : question.names.filter((terms) => terms.some((t) => c.matched.has(t))).length / question.names.length;
  const namesArticle = question.names.length === 0 ? 0 : question.names.filter((terms) => terms.some((t) => articleSet.has(t))).length / question.names.length;
  let window: ReadonlySet<string> = c.matched;
  if (c.neighbourTerms.length > 0) {
    const both = new Set(c.matched);
    for (const term of c.neighbourTerms) both.add(term);
    window = both;
  }
  const values: Record<RankFeature, number> = {
    bm25: share(c.score),
    bm25Rank: 1 / (1 + c.place),
    coverage,
    coverageShare: c.bestCoverage > 0 ? coverage / c.bestCoverage : 0,
    windowCoverage: weightShare(question, window),
    missing: (1 - coverage) * question.totalWeight,
    articleCoverage,
    topArticle: articleCoverage >= c.bestArticleCoverage - 1e-9 ? 1 : 0,
    phrases: phraseShare(question.pairs, words),
    numbers,
    numbersArticle,
    names,
    namesArticle,
    proximity: proximity(words, question.termWeights),
    previous: share(c.previous),
    next: share(c.next),
    refersBack: c.refersBack ? share(c.previous) : 0,
    // Set below, from the fit alone (see withTypeFit).
    typeFit: 0,
    typedCoverage: 0,
    strictTypeFit: 0,
    neighbourType: 0,
    acronym: acronymFeature(question, c.text, sentenceSet),
    headline: c.headline ? 1 : 0,
    length: Math.log1p(words.length),
    meaning: question.meaning ? meaningShare(question.meaning, c.matched, c.text) : 0,
  };
  return withTypeFit(
    RANK_FEATURES.map((name) => values[name]),
    c.typeFit,
    c.strictType,
  );
}

/**
 * The weighted share of the question's words the sentence holds (1 each) or, for those read
 * for their meaning, says in a word near in meaning (its nearness): the words a sentence
 * writes in lower case, and its first.
 */
export function meaningShare(meaning: MeaningEvidence, matched: ReadonlySet<string>, text: string): number {
  if (meaning.total === 0) return 0;
  const best = meaning.words.map((w): number => (w.terms.some((t) => matched.has(t)) ? 1 : 0));
  if (best.some((b) => b < 1)) {
    let first = true;
    for (const [word] of text.matchAll(SENTENCE_WORD)) {
      const lower = word.toLowerCase();
      if ((first || word === lower) && lower.length > 1) {
        const near = meaning.nearness(lower);
        if (near) for (let i = 0; i < near.length; i++) if (near[i]! > best[i]!) best[i] = near[i]!;
      }
      first = false;
    }
  }
  let sum = 0;
  meaning.words.forEach((w, i) => (sum += w.weight * best[i]!));
  return sum / meaning.total;
}

/** A word of a sentence as word vectors list it: letters, with inner hyphens or apostrophes. */
const SENTENCE_WORD = /\p{L}+(?:['\u2019-]\p{L}+)*/gu;

const TYPE_FIT = RANK_FEATURES.indexOf('typeFit');
const TYPED_COVERAGE = RANK_FEATURES.indexOf('typedCoverage');
const STRICT_TYPE_FIT = RANK_FEATURES.indexOf('strictTypeFit');
const NEIGHBOUR_TYPE = RANK_FEATURES.indexOf('neighbourType');
const COVERAGE_SHARE = RANK_FEATURES.indexOf('coverageShare');
const PREVIOUS = RANK_FEATURES.indexOf('previous');
const NEXT = RANK_FEATURES.indexOf('next');

/** Fits at which the features that depend on the fit bend or stop growing (see withTypeFit). */
export const TYPE_FIT_KNOTS: readonly number[] = [0, 1, 1.5];

/**
 * `features` (a vector of {@link rankFeatures}) with the four features that depend on the
 * wanted span's fit set for `fit`: typeFit, typedCoverage, strictTypeFit, neighbourType.
 * They are the only ones that need a candidate's typed-span search (short-answer.ts), so
 * ranking can score a candidate without it first, at each of {@link TYPE_FIT_KNOTS}: a fit
 * is never negative, and the score is linear in the fit between those knots and constant
 * past the last, so the scores at the knots bound the candidate's score whatever its fit.
 */
export function withTypeFit(features: readonly number[], fit: number, strictType: boolean): number[] {
  const typeFit = Math.min(1.5, fit);
  const out = [...features];
  out[TYPE_FIT] = typeFit;
  out[TYPED_COVERAGE] = features[COVERAGE_SHARE]! * Math.min(1, typeFit);
  out[STRICT_TYPE_FIT] = strictType ? typeFit : 0;
  // share(max(previous, next)), which is max(share(previous), share(next)): division by a positive best score keeps order.
  out[NEIGHBOUR_TYPE] = typeFit * Math.max(features[PREVIOUS]!, features[NEXT]!);
  return out;
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * What the question's pairs may begin with ("super" of "super bowl"), made once a question:
 * every part before a space (a term seldom holds one, but may).
 */
const pairStarts = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>();

function startsOf(pairs: ReadonlySet<string>): ReadonlySet<string> {
  const starts = new Set<string>();
  for (const pair of pairs) {
    for (let at = pair.indexOf(' '); at >= 0; at = pair.indexOf(' ', at + 1)) starts.add(pair.slice(0, at));
  }
  return starts;
}

/** The share of the question's adjacent term pairs that are adjacent in the sentence. */
function phraseShare(pairs: ReadonlySet<string>, words: readonly Term[]): number {
  if (pairs.size === 0) return 0;
  let starts = pairStarts.get(pairs);
  if (!starts) pairStarts.set(pairs, (starts = startsOf(pairs)));
  const found = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) {
    // Only a word that begins one of the question's pairs can begin a match.
    if (!starts.has(words[i]!.term)) continue;
    const pair = `${words[i]!.term} ${words[i + 1]!.term}`;
    if (pairs.has(pair)) found.add(pair);
  }
  return found.size / pairs.size;
}

/**
 * Distinct question terms matched in the sentence over the length (in word terms) of the
 * smallest window that holds them all: 1 when they stand together, near 0 when scattered.
 * One pass with two pointers, linear in the sentence.
 */
export function proximity(words: readonly Term[], query: ReadonlyMap<string, number>): number {
  const positions: Array<[number, string]> = [];
  words.forEach((w, i) => {
    if (query.has(w.term)) positions.push([i, w.term]);
  });
  const distinct = new Set(positions.map(([, t]) => t)).size;
  if (distinct <= 1) return distinct;
  const counts = new Map<string, number>();
  let have = 0;
  let best = Infinity;
  let left = 0;
  for (const [position, term] of positions) {
    counts.set(term, (counts.get(term) ?? 0) + 1);
    if (counts.get(term) === 1) have++;
    while (have === distinct) {
      const [leftPosition, leftTerm] = positions[left]!;
      best = Math.min(best, position - leftPosition + 1);
      const count = (counts.get(leftTerm) ?? 0) - 1;
      counts.set(leftTerm, count);
      if (count === 0) have--;
      left++;
    }
  }
  return distinct / best;
}

/**
 * Whether the sentence writes out one of the question's acronyms: it holds "(AFC)" after
 * words, or every word term of an expansion found among the candidates.
 */
function acronymFeature(question: QuestionEvidence, text: string, sentenceTerms: ReadonlySet<string>): number {
  if (question.acronyms.length === 0) return 0;
  if (question.acronyms.some((a) => text.includes(`(${a})`))) return 1;
  return question.expansions.some((terms) => terms.length > 0 && terms.every((t) => sentenceTerms.has(t))) ? 1 : 0;
}

/** Acronyms of one question looked for (each is looked for in every candidate sentence). */
export const MAX_ACRONYMS = 3;

/** The question's acronyms: words of two to six capitals ("AFC", "NASA"), the first {@link MAX_ACRONYMS}. */
export function acronymsOf(question: string): string[] {
  return [...new Set(question.match(/(?<![\p{L}\p{N}])\p{Lu}{2,6}(?![\p{L}\p{N}])/gu) ?? [])].slice(0, MAX_ACRONYMS);
}

/**
 * The expansion of `acronym` written before "(ACRONYM)" in `text`: the last words before
 * it whose initials spell it, skipping short function words ("Food and Drug
 * Administration (FDA)"), a hyphenated word giving one letter or one for each part;
 * undefined when the initials do not match.
 */
export function expansionBefore(text: string, acronym: string): string | undefined {
  const at = text.indexOf(`(${acronym})`);
  if (at < 0) return undefined;
  const words = text.slice(Math.max(0, at - 200), at).match(/[\p{L}\p{N}'-]+/gu) ?? [];
  const letters = acronym.toLowerCase();
  let i = letters.length - 1;
  let w = words.length - 1;
  const taken: string[] = [];
  while (w >= 0 && i >= 0) {
    const word = words[w]!;
    // A hyphenated word may give a letter for each part ("civilian-led transitional government (CLTG)").
    const initials = word.includes('-') ? word.split('-').filter((part) => part.length > 0).map((part) => part.charAt(0).toLowerCase()).join('') : '';
    if (initials.length > 1 && initials.length <= i + 1 && letters.slice(i + 1 - initials.length, i + 1) === initials) {
      taken.unshift(word);
      i -= initials.length;
    } else if (word.charAt(0).toLowerCase() === letters[i]) {
      taken.unshift(word);
      i--;
    } else if (taken.length > 0 && word.length <= 3 && /^\p{Ll}/u.test(word)) {
      taken.unshift(word);
    } else {
      return undefined;
    }
    w--;
  }
  return i < 0 ? taken.join(' ') : undefined;
}
