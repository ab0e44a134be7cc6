/**
 * What one message (a question, a follow-up, a prefix to complete) may cost, and what it
 * did cost. Every costly step of analysis has a bound known before it runs, set by the
 * constants here; the steps report their work to a meter that tests read, since times on
 * shared machines are too noisy to assert on.
 *
 *   question (<= MAX_QUESTION_LENGTH as sent, <= MAX_NORMALIZED_LENGTH after NFKC)
 *     words       each normalized (linear); those longer than MAX_WORD_LENGTH keep their
 *                 whole normal form as their term and skip
 *     stem        Porter2 (quadratic in a word's length: the cap is what bounds it)
 *     fuzzy       typo correction of MAX_WORDS_CORRECTED words (ranking.ts), each a
 *                 walk of the word tree with an edit-distance row a node
 *     synonyms    WordNet, MAX_WORDS_LOOKED_UP unknown words at most twice (their commonest
 *                 senses, then their rarer ones) and as many known words once (ranking.ts)
 *     tag         wink-nlp, the first MAX_TAGGED_LENGTH characters of the question
 *     search      the retrieval budget's terms and sentences (retrieval.ts)
 *     names       MAX_NAME_LOOKUPS given names looked up before a surname, each reading at
 *                 most MAX_SURNAME_SCAN characters of the articles holding it (ranking.ts)
 *     meaning     the MEANING_WORDS heaviest common words against at most MEANING_LOOKUPS
 *                 distinct words of the candidates, a product of two vectors each (ranking.ts)
 *   prefix (<= MAX_PREFIX_LENGTH, suggestions.ts): the same words, then at most
 *                 MAX_PREFIX_WALK words of the word tree (search-index.ts)
 *   conversation  the last MAX_CONVERSATION_TERMS terms
 */

/**
 * Longest normalized word (UTF-16 code units) that is stemmed, corrected for typos or
 * looked up for synonyms; a longer one is searched as written (normalized). English words
 * in news stay under 30 letters ("counterrevolutionaries" has 22); Porter2's suffix
 * patterns are quadratic in a word's length, and a stem of 40 letters takes tens of
 * microseconds, one of 18,000 (U+FDFA x 999 after NFKC) seconds.
 */
export const MAX_WORD_LENGTH = 40;

/**
 * Longest text, after NFKC, that is analyzed as one question or prefix: twice the longest
 * question. NFKC leaves ordinary text about as long as it was ("ﬁ" becomes two letters,
 * "½" three) but a run of compatibility characters grows up to 18-fold (U+FDFA, one
 * character, becomes 18), and every step of analysis is linear in this length at least.
 */
export const MAX_NORMALIZED_LENGTH = 2000;

/**
 * Longest beginning of a question that is tagged with parts of speech (for the dictionary
 * forms of irregular verbs, and the word a "which ..." or "what did ..." question turns
 * on): what readers ask is far shorter (the evaluation questions are under 80 characters),
 * and wink-nlp's tagging, linear but the costliest step per character, would otherwise
 * make up most of the cost of a long question.
 */
export const MAX_TAGGED_LENGTH = 300;

/**
 * Terms a conversation carries from one question to the next: the most recent. A
 * follow-up refers back to the question just before it, whose terms (with their aliases,
 * synonyms and corrections) rarely number more than a dozen; a retrieval searches at most
 * 16 (DEFAULT_BUDGET.maxTerms). Without a bound, every follow-up would carry all the terms
 * of the conversation so far, and its work would grow with its length.
 */
export const MAX_CONVERSATION_TERMS = 32;

/** How long `text` is once normalized (NFKC): what its analysis costs. */
export function normalizedLength(text: string): number {
  return text.normalize('NFKC').length;
}

/**
 * The steps whose work is counted, each in its own unit:
 * - normalize: characters read and written making normal forms (a remembered word's is
 *              not made again)
 * - stem:      characters of words stemmed
 * - fuzzy:     characters of words corrected for typos (each a walk of the word tree)
 * - synonyms:  characters of words looked up in the thesaurus
 * - tag:       characters of a question tagged by wink-nlp (an article's sentences are
 *              tagged once, when a question first meets them)
 * - search:    terms a retrieval was asked for
 * - names:     characters of articles read for the given names written before a surname
 * - score:     sentences a retrieval scored
 * - complete:  corpus words walked for a completion
 * - meaning:   products of two word vectors (a candidate's word against the question's
 *              words read for their meaning; each call one distinct word looked up)
 */
export type WorkStep = 'normalize' | 'stem' | 'fuzzy' | 'synonyms' | 'tag' | 'search' | 'names' | 'score' | 'complete' | 'meaning';

export const WORK_STEPS: readonly WorkStep[] = ['normalize', 'stem', 'fuzzy', 'synonyms', 'tag', 'search', 'names', 'score', 'complete', 'meaning'];

/** One step's work: how often it ran, its units in all, and its largest run. */
export interface StepWork {
  readonly calls: number;
  readonly total: number;
  readonly largest: number;
}

export type Work = Readonly<Record<WorkStep, StepWork>>;

type Tally = Record<WorkStep, { calls: number; total: number; largest: number }>;

/** The meter of the measurement under way, if any: counting is a no-op otherwise. */
let meter: Tally | undefined;

function emptyTally(): Tally {
  const tally = {} as Tally;
  for (const step of WORK_STEPS) tally[step] = { calls: 0, total: 0, largest: 0 };
  return tally;
}

/** Records `size` units of work of one run of `step` (called where the work is done). */
export function countWork(step: WorkStep, size: number): void {
  if (!meter) return;
  const tally = meter[step];
  tally.calls++;
  tally.total += size;
  if (size > tally.largest) tally.largest = size;
}

/**
 * Runs `run` (synchronously) and returns what it returned with the work it did. A
 * measurement inside another adds its work to the outer one as well.
 */
export function measureWork<T>(run: () => T): { result: T; work: Work } {
  const outer = meter;
  const own = emptyTally();
  meter = own;
  try {
    return { result: run(), work: own };
  } finally {
    meter = outer;
    if (outer) {
      for (const step of WORK_STEPS) {
        const into = outer[step];
        into.calls += own[step].calls;
        into.total += own[step].total;
        into.largest = Math.max(into.largest, own[step].largest);
      }
    }
  }
}
