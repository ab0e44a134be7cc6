/**
 * Question files: JSON lines in either of two forms, told apart line by line by their fields.
 *
 *   citeqa's own   {"id", "question", "expect": [texts]?, "answer"?, "unanswerable"?}
 *                  a passage is right when it contains one of `expect` (case- and
 *                  space-insensitive); `answer` is the short answer
 *   SQuAD          {"id", "question", "doc", "paragraph"?, "answers": [{"text", "start", "end"}], "impossible"?}
 *                  a passage is right when its citation is in `doc` and its [start, end)
 *                  holds one answer's [start, end); the answers' texts are the short answers
 *                  (the form of the public set described in docs: SQuAD v1.1 in citeqa's corpus)
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Corpus } from '../core/corpus';

const ownItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  /** Text one of the passages must contain (any one of these, case- and space-insensitive). */
  expect: z.array(z.string()).min(1).optional(),
  /** The short answer, when the question has one. */
  answer: z.string().optional(),
  /** The articles do not answer this question: it must be declined. */
  unanswerable: z.boolean().optional(),
});

const offset = z.number().int().nonnegative();

const squadItemSchema = z
  .object({
    id: z.string(),
    question: z.string(),
    /** The article (document id) that answers it. */
    doc: z.string().min(1),
    /** The paragraph of the article the annotators read (not used in scoring). */
    paragraph: z.number().int().nonnegative().optional(),
    /** Several annotators' answers: UTF-16 offsets into the document text; any one counts. */
    answers: z.array(z.object({ text: z.string(), start: offset, end: offset }).refine((a) => a.start <= a.end, 'start is after end')),
    /** The article does not answer it (SQuAD 2.0): declining is right. */
    impossible: z.boolean().optional(),
  })
  .refine((item) => item.impossible === true || item.answers.length > 0, { message: 'an answerable question needs at least one answer', path: ['answers'] });

/** A gold span: offsets into a document's text. */
export interface GoldSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What makes a passage right. */
export type Gold = { readonly kind: 'text'; readonly texts: readonly string[] } | { readonly kind: 'span'; readonly doc: string; readonly spans: readonly GoldSpan[] };

/** One question, whichever form its line had. */
export interface EvalItem {
  readonly id: string;
  readonly question: string;
  /** True when the articles do not answer it, so that declining is right. */
  readonly impossible: boolean;
  readonly gold: Gold;
  /** Right short answers, any one (scored by SQuAD's exact match and F1); none when it has no short answer. */
  readonly answers: readonly string[];
  /** Where it was read, for messages: `file:line`. */
  readonly where: string;
}

/** A question file is bad; the message names the file and line. */
export class EvalFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalFileError';
  }
}

function issues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`).join('; ');
}

/** The item of one line, or a message saying what is wrong with it. */
export function parseEvalLine(data: unknown, where: string): EvalItem | string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a JSON object';
  if ('doc' in data || 'answers' in data) {
    const parsed = squadItemSchema.safeParse(data);
    if (!parsed.success) return issues(parsed.error);
    const { id, question, doc, answers, impossible } = parsed.data;
    return { id, question, impossible: impossible === true, gold: { kind: 'span', doc, spans: answers }, answers: answers.map((a) => a.text), where };
  }
  const parsed = ownItemSchema.safeParse(data);
  if (!parsed.success) return issues(parsed.error);
  const { id, question, expect, answer, unanswerable } = parsed.data;
  return { id, question, impossible: unanswerable === true, gold: { kind: 'text', texts: expect ?? [] }, answers: answer === undefined ? [] : [answer], where };
}

/** The items of a question file's text; throws an {@link EvalFileError} naming the first bad line. */
export function parseEvalText(text: string, file: string): EvalItem[] {
  const items: EvalItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new EvalFileError(`${where}: not a JSON object`);
    }
    const item = parseEvalLine(data, where);
    if (typeof item === 'string') throw new EvalFileError(`${where}: ${item}`);
    items.push(item);
  });
  return items;
}

/** Reads a JSON-lines question file (see the top of this file); throws an {@link EvalFileError} naming a bad line. */
export function readEvalFile(file: string): EvalItem[] {
  return parseEvalText(readFileSync(file, 'utf8'), file);
}

/**
 * What is wrong with `items` against `corpus`: SQuAD questions about a document the corpus
 * lacks (one message per document), an answer whose offsets do not hold its text there (a
 * question file for another corpus, or another version of it; one message per item).
 */
export function checkAgainstCorpus(items: readonly EvalItem[], corpus: Corpus): string[] {
  const problems: string[] = [];
  const missing = new Map<string, { first: string; count: number }>();
  for (const item of items) {
    if (item.gold.kind !== 'span') continue;
    const { doc, spans } = item.gold;
    const document = corpus.document(doc);
    if (!document) {
      const seen = missing.get(doc);
      if (seen) seen.count++;
      else missing.set(doc, { first: item.where, count: 1 });
      continue;
    }
    const bad = spans.find((span) => document.text.slice(span.start, span.end) !== span.text);
    if (bad) problems.push(`${item.where}: "${bad.text}" is not at [${bad.start}, ${bad.end}) of "${doc}"`);
  }
  const absent = [...missing].map(([doc, { first, count }]) => `${first}: document "${doc}" is not in the corpus${count > 1 ? ` (${count} questions are about it)` : ''}`);
  return [...absent, ...problems];
}
