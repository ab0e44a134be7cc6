/**
 * `ask`: the one entry point that every shell (WebSocket, HTTP, command line) calls, so
 * they cannot drift apart. Pure: a question in, an answer with citations out.
 */
import type { CorpusDocument } from './corpus';
import { rank } from './ranking';
import { checkAskRequest } from './request';
import type { SentenceIndex } from './search-index';

/** Where a passage comes from, precise enough for anyone to check it. */
export interface Citation {
  /** Document id. */
  readonly doc: string;
  readonly title: string;
  readonly source: string;
  /** Publication date, `YYYY-MM-DD`. */
  readonly published: string;
  /** The service's page for the document, at this sentence: `/docs/<id>#s<sentence>`. */
  readonly url: string;
  /** 0-based sentence number within the document. */
  readonly sentence: number;
  /** Offsets in UTF-16 code units into the document text: `text.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
}

export interface Passage {
  /** The sentence, exactly as it stands in the document text. */
  readonly text: string;
  /** Relevance, higher is better; comparable only within one answer. */
  readonly score: number;
  readonly citation: Citation;
}

export interface Answer {
  /** The question as understood (trimmed). */
  readonly question: string;
  /** False when the corpus does not answer the question. */
  readonly answered: boolean;
  /** Best first. When `answered` is false, the closest sentences, if any. */
  readonly passages: readonly Passage[];
  /** Why the question was not answered, in plain words; only when `answered` is false. */
  readonly message?: string;
}

export interface AskOptions {
  /** Most passages to return, 1 to 10; default 3. */
  readonly limit?: number;
}

/**
 * Answers `question` from the index. Throws a `bad_request` CiteqaError when the question
 * or options are out of range (empty, too long, bad limit).
 */
export function ask(index: SentenceIndex, question: string, options: AskOptions = {}): Answer {
  const request = checkAskRequest(question, options.limit);
  const ranking = rank(index, request.question, request.limit);
  const passages = ranking.sentences.map(({ document, sentence, score }) => passage(document, sentence, score));
  if (ranking.answers) return { question: request.question, answered: true, passages };
  return { question: request.question, answered: false, passages, message: declineMessage(ranking.unknownWords) };
}

export function citationUrl(docId: string, sentence: number): string {
  return `/docs/${encodeURIComponent(docId)}#s${sentence}`;
}

function passage(document: CorpusDocument, sentence: number, score: number): Passage {
  const span = document.sentences[sentence];
  if (!span) throw new RangeError(`document ${document.id} has no sentence ${sentence}`);
  return {
    text: document.text.slice(span.start, span.end),
    score: Math.round(score * 1000) / 1000,
    citation: {
      doc: document.id,
      title: document.title,
      source: document.source,
      published: document.published,
      url: citationUrl(document.id, sentence),
      sentence,
      start: span.start,
      end: span.end,
    },
  };
}

function declineMessage(unknownWords: readonly string[]): string {
  if (unknownWords.length === 0) {
    return "The articles don't say: the question has no words that identify a topic. Ask about a person, place or event in the articles.";
  }
  const quoted = unknownWords.slice(0, 5).map((word) => `"${word}"`);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  return `The articles don't say: they never mention ${list}.`;
}
