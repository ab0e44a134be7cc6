/**
 * Candidate short answers of any factoid question, and what the learned span scorer reads
 * of each: the spans of one sentence that could answer (entities, numbers, dates, noun
 * phrases, quoted titles, the expansion of an acronym), each with a feature vector that
 * says how it fits what the question asks and where it stands against the words the
 * question and the sentence share.
 *
 * The same function makes the training examples (scripts/train-spans.ts, from the sentence
 * that holds a gold answer) and the candidates scored at question time, so the model is
 * applied to exactly what it was fitted on. Cost: linear in the sentence's tokens times the
 * question's terms (both bounded by cost.ts), a few microseconds a sentence.
 */
import type { Term } from './analyzer';
import type { Entity, EntityType, NlpToken } from './nlp';
import { answerCue } from './question';

/** What kind of answer a question asks for, as the span scorer reads it (coarser than {@link AnswerCue}). */
export type QuestionClass =
  | 'DURATION'
  | 'NUMBER'
  | 'DATE'
  | 'PLACE'
  | 'PERSON'
  | 'THING'
  | 'OBJECT'
  | 'ABBREVIATION'
  | 'DEFINITION'
  | 'REASON'
  | 'MANNER'
  | 'OTHER';
export const QUESTION_CLASSES: readonly QuestionClass[] = ['DURATION', 'NUMBER', 'DATE', 'PLACE', 'PERSON', 'THING', 'OBJECT', 'ABBREVIATION', 'DEFINITION', 'REASON', 'MANNER', 'OTHER'];

/** What kind of span a candidate is. */
export type SpanKind =
  | 'PERSON'
  | 'PLACE'
  | 'ORG'
  | 'EVENT'
  | 'DATE'
  | 'DURATION'
  | 'CARDINAL'
  | 'MONEY'
  | 'PERCENT'
  | 'PROPER'
  | 'NOUN_PHRASE'
  | 'QUOTE'
  | 'EXPANSION';
export const SPAN_KINDS: readonly SpanKind[] = ['PERSON', 'PLACE', 'ORG', 'EVENT', 'DATE', 'DURATION', 'CARDINAL', 'MONEY', 'PERCENT', 'PROPER', 'NOUN_PHRASE', 'QUOTE', 'EXPANSION'];

const ENTITY_KINDS: Readonly<Record<EntityType, SpanKind>> = {
  PERSON: 'PERSON',
  PLACE: 'PLACE',
  ORG: 'ORG',
  EVENT: 'EVENT',
  DATE: 'DATE',
  TIME: 'DATE',
  DURATION: 'DURATION',
  CARDINAL: 'CARDINAL',
  ORDINAL: 'CARDINAL',
  MONEY: 'MONEY',
  PERCENT: 'PERCENT',
};

/** The question's class: what it asks for, from its wording alone. */
export function questionClass(question: string): QuestionClass {
  // "What does AFC stand for?", "What is NFL short for?"
  if (/\bstands?\s+for\b|\bshort\s+for\b|\babbreviat|\bacronym\b/i.test(question)) return 'ABBREVIATION';
  const cue = answerCue(question);
  switch (cue?.type) {
    case 'DURATION':
    case 'NUMBER':
    case 'DATE':
    case 'PLACE':
    case 'THING':
    case 'OBJECT':
      return cue.type;
    case 'PERSON':
    case 'NAME':
    case 'ROLE':
      return 'PERSON';
    case 'LIST':
      return 'THING';
    case undefined:
      break;
  }
  if (/^\s*(?:what|which)\s+(?:is|are|was|were)\b/i.test(question)) return 'DEFINITION';
  if (/\bwhy\b/i.test(question)) return 'REASON';
  if (/^\s*how\b/i.test(question)) return 'MANNER';
  if (/\b(?:what|which)\b/i.test(question)) return 'THING';
  return 'OTHER';
}

/** The head noun a "which X" / "what X" question names ("Which NFL team" -> team), as a lemma. */
export function questionFocus(question: string, tokens: readonly NlpToken[]): string | undefined {
  const wh = /\b(?:which|what)\s+/i.exec(question);
  if (!wh) return undefined;
  let head: string | undefined;
  for (const token of tokens) {
    if (token.start < wh.index + wh[0].length) continue;
    if (token.pos === 'NOUN' || token.pos === 'PROPN') head = token.lemma;
    else if (head !== undefined || !['ADJ', 'NUM', 'DET'].includes(token.pos)) break;
  }
  return head;
}

/** A candidate span of a sentence (document offsets) with its kind. */
export interface SpanCandidate {
  readonly start: number;
  readonly end: number;
  readonly kind: SpanKind;
}

/** The feature names, in the order of {@link spanFeatures}' values. */
export const SPAN_FEATURES: readonly string[] = [
  ...SPAN_KINDS.map((k) => `kind:${k}`),
  ...QUESTION_CLASSES.flatMap((c) => SPAN_KINDS.map((k) => `${c}x${k}`)),
  'question-word-share',
  'no-question-words-in-sentence',
  'log-distance',
  'matched-within-3',
  'matched-left',
  'matched-right',
  'tokens',
  'log-tokens',
  'position',
  'capitalized-share',
  'has-digit',
  'in-at-before:PLACE',
  'in-on-before:DATE',
  'by-before:PERSON',
  'focus-next-to',
  'focus-inside',
  'expansion-of-question-acronym',
  'comma-or-paren-next-to',
];

/** What is known of a question for scoring spans. */
export interface SpanQuestion {
  readonly text: string;
  readonly cls: QuestionClass;
  /** Index terms of the question's words (no aliases). */
  readonly terms: ReadonlySet<string>;
  readonly focus: string | undefined;
  /** Acronyms the question writes ("AFC"). */
  readonly acronyms: readonly string[];
}

export function spanQuestion(text: string, terms: readonly Term[], tokens: readonly NlpToken[]): SpanQuestion {
  return {
    text,
    cls: questionClass(text),
    terms: new Set(terms.filter((t) => !t.alias).map((t) => t.term)),
    focus: questionFocus(text, tokens),
    acronyms: text.match(/\b\p{Lu}{2,}\b/gu) ?? [],
  };
}

const NOMINAL = new Set(['DET', 'ADJ', 'NUM', 'NOUN', 'PROPN']);
const DETERMINERS = /^(?:the|a|an|this|that|these|those|its|his|her|their|our|my|your)$/i;

/**
 * Candidate spans of the sentence `[start, end)` of `text`: its entities, its noun phrases
 * (alone and joined by "of"), the proper-name runs inside them, quoted titles and acronym
 * expansions ("American Football Conference (AFC)"). Spans made only of question words are
 * left out; each span appears once, with the first kind found.
 */
export function spanCandidates(text: string, start: number, end: number, tokens: readonly NlpToken[], entities: readonly Entity[]): SpanCandidate[] {
  const out: SpanCandidate[] = [];
  const seen = new Set<string>();
  const add = (s: number, e: number, kind: SpanKind) => {
    // Trim spaces and trailing punctuation; never leave the sentence.
    while (s < e && /[\s"“”'‘’(,]/.test(text[s] ?? '')) s++;
    while (e > s && /[\s"“”'‘’),.;:]/.test(text[e - 1] ?? '')) e--;
    if (s < start || e > end || e <= s) return;
    const key = `${s}:${e}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ start: s, end: e, kind });
  };
  for (const entity of entities) add(entity.start, entity.end, ENTITY_KINDS[entity.type]);

  const quote = /[“"]([^“”"]{2,80})[”"]/g;
  const sentence = text.slice(start, end);
  for (const m of sentence.matchAll(quote)) add(start + m.index + 1, start + m.index + 1 + (m[1]?.length ?? 0), 'QUOTE');
  const expansion = /((?:\p{Lu}[\p{L}\p{M}.'-]*\s+(?:(?:of|and|for|the|de|on)\s+)*){1,8})\((\p{Lu}{2,})\)/gu;
  for (const m of sentence.matchAll(expansion)) {
    // "The American Football Conference (AFC)": the expansion begins after an article.
    const lead = /^(?:(?:The|A|An)\s+)?/.exec(m[1] ?? '')?.[0].length ?? 0;
    const words = (m[1] ?? '').slice(lead).trim();
    if (words.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).length >= 2) add(start + m.index + lead, start + m.index + lead + words.length, 'EXPANSION');
  }

  // Noun phrases: runs of nominal tokens, and runs joined by "of".
  let i = 0;
  while (i < tokens.length) {
    if (!NOMINAL.has(tokens[i]!.pos)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < tokens.length && NOMINAL.has(tokens[j + 1]!.pos)) j++;
    let from = i;
    while (from <= j && DETERMINERS.test(tokens[from]!.text)) from++;
    if (from <= j) {
      const phrase = tokens.slice(from, j + 1);
      const proper = phrase.some((t) => t.pos === 'PROPN');
      if (phrase.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM')) {
        add(tokens[from]!.start, tokens[j]!.end, proper ? 'PROPER' : 'NOUN_PHRASE');
        // "of" joins the next noun phrase: "the University of Notre Dame".
        const of = tokens[j + 1];
        if (of && /^of$/i.test(of.text)) {
          let k = j + 2;
          while (k < tokens.length && NOMINAL.has(tokens[k]!.pos)) k++;
          if (k > j + 2) add(tokens[from]!.start, tokens[k - 1]!.end, proper || tokens.slice(j + 2, k).some((t) => t.pos === 'PROPN') ? 'PROPER' : 'NOUN_PHRASE');
        }
        // The proper names inside a longer phrase: "the NFL's Denver Broncos".
        let p = from;
        while (p <= j) {
          if (tokens[p]!.pos !== 'PROPN') {
            p++;
            continue;
          }
          let q = p;
          while (q + 1 <= j && tokens[q + 1]!.pos === 'PROPN') q++;
          if (p > from || q < j) add(tokens[p]!.start, tokens[q]!.end, 'PROPER');
          p = q + 1;
        }
      }
    }
    i = j + 1;
  }
  return out;
}

/** A sentence's tokens and which of them are question words: computed once for all its candidates. */
export interface SentenceView {
  readonly tokens: readonly NlpToken[];
  readonly matched: readonly boolean[];
  /** Whether the question shares any word with the sentence. */
  readonly anyMatched: boolean;
}

export function sentenceView(question: SpanQuestion, tokens: readonly NlpToken[], sentenceTerms: readonly Term[]): SentenceView {
  const spans = sentenceTerms.filter((t) => !t.alias && question.terms.has(t.term)).sort((a, b) => a.start - b.start);
  // Both lists are in document order: one merge pass.
  const matched: boolean[] = [];
  let k = 0;
  for (const token of tokens) {
    while (k < spans.length && spans[k]!.end <= token.start) k++;
    let hit = false;
    for (let j = k; j < spans.length && spans[j]!.start < token.end && !hit; j++) hit = token.start < spans[j]!.end;
    matched.push(hit);
  }
  return { tokens, matched, anyMatched: spans.length > 0 };
}

/** Feature values of `candidate` (in the order of {@link SPAN_FEATURES}). */
export function spanFeatures(question: SpanQuestion, candidate: SpanCandidate, text: string, view: SentenceView): number[] {
  const { tokens } = view;
  const x = new Array<number>(SPAN_FEATURES.length).fill(0);
  const kind = SPAN_KINDS.indexOf(candidate.kind);
  x[kind] = 1;
  x[SPAN_KINDS.length + QUESTION_CLASSES.indexOf(question.cls) * SPAN_KINDS.length + kind] = 1;
  let f = SPAN_KINDS.length * (QUESTION_CLASSES.length + 1);

  const isMatched = (n: number) => view.matched[n] === true;
  const inside: number[] = [];
  let first = -1;
  let last = -1;
  for (const [n, token] of tokens.entries()) {
    if (token.start >= candidate.start && token.end <= candidate.end) {
      inside.push(n);
      if (first < 0) first = n;
      last = n;
    }
  }
  if (first < 0) {
    first = tokens.findIndex((t) => t.end > candidate.start);
    last = first;
  }
  const content = inside.filter((n) => !DETERMINERS.test(tokens[n]!.text) && tokens[n]!.pos !== 'PUNCT');
  const matchedPositions = tokens.flatMap((_, n) => (isMatched(n) && (n < first || n > last) ? [n] : []));
  const distance = matchedPositions.length === 0 ? tokens.length : Math.min(...matchedPositions.map((n) => (n < first ? first - n : n - last)));

  x[f++] = content.length === 0 ? 1 : content.filter(isMatched).length / content.length;
  x[f++] = view.anyMatched ? 0 : 1;
  x[f++] = Math.log1p(distance);
  x[f++] = new Set(matchedPositions.filter((n) => (n < first ? first - n : n - last) <= 3).map((n) => tokens[n]!.lemma)).size / Math.max(1, question.terms.size);
  x[f++] = matchedPositions.includes(first - 1) || matchedPositions.includes(first - 2) ? 1 : 0;
  x[f++] = matchedPositions.includes(last + 1) || matchedPositions.includes(last + 2) ? 1 : 0;
  const length = Math.max(1, inside.length);
  x[f++] = Math.min(length, 20);
  x[f++] = Math.log(length);
  x[f++] = tokens.length <= 1 ? 0 : Math.max(0, first) / (tokens.length - 1);
  const value = text.slice(candidate.start, candidate.end);
  const words = value.split(/\s+/);
  x[f++] = words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length;
  x[f++] = /\d/.test(value) ? 1 : 0;
  const before = (tokens[first - 1]?.text ?? '').toLowerCase();
  x[f++] = question.cls === 'PLACE' && (before === 'in' || before === 'at') ? 1 : 0;
  x[f++] = question.cls === 'DATE' && (before === 'in' || before === 'on' || before === 'during' || before === 'since') ? 1 : 0;
  x[f++] = question.cls === 'PERSON' && before === 'by' ? 1 : 0;
  const focus = question.focus;
  x[f++] = focus !== undefined && [tokens[first - 1], tokens[first - 2], tokens[last + 1], tokens[last + 2]].some((t) => t?.lemma === focus) ? 1 : 0;
  x[f++] = focus !== undefined && inside.some((n) => tokens[n]!.lemma === focus) ? 1 : 0;
  x[f++] = candidate.kind === 'EXPANSION' && question.acronyms.some((a) => text.slice(candidate.end, candidate.end + a.length + 4).includes(`(${a})`)) ? 1 : 0;
  x[f++] = /^[\s]*[,(]/.test(text.slice(candidate.end, candidate.end + 2)) || /[,)]\s*$/.test(text.slice(Math.max(0, candidate.start - 2), candidate.start)) ? 1 : 0;
  return x;
}
