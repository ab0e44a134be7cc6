/**
 * Questions to suggest to someone who has not asked anything yet, drawn from the corpus:
 * the people its articles introduce, and the places they mention most.
 */
import { MAX_NORMALIZED_LENGTH, MAX_WORD_LENGTH, normalizedLength } from './cost';
import type { SentenceIndex } from './search-index';

export function suggestedQuestions(index: SentenceIndex, count = 4): string[] {
  const people: string[] = [];
  const places = new Map<string, number>();
  // The most recent articles first: what readers are likely to be reading.
  const documents = [...index.corpus.documents].sort((a, b) => b.published.localeCompare(a.published)).slice(0, 50);
  for (const document of documents) {
    const entities = index.entities(document);
    for (const person of entities.people) if (!people.includes(person.name)) people.push(person.name);
    for (const entity of entities.entitiesIn(0, document.text.length)) {
      if (entity.type !== 'PLACE') continue;
      const name = document.text.slice(entity.start, entity.end);
      if (/^\p{Lu}/u.test(name)) places.set(name, (places.get(name) ?? 0) + 1);
    }
  }
  const topPlaces = [...places].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  const questions: string[] = [];
  for (let i = 0; questions.length < count && (i < people.length || i < topPlaces.length); i++) {
    const person = people[i];
    const place = topPlaces[i];
    if (person) questions.push(`Who is ${person}?`);
    if (place && questions.length < count) questions.push(`What happened in ${place}?`);
  }
  return questions.slice(0, count);
}

/** Letters of a word before it is completed. */
export const MIN_PREFIX_LETTERS = 3;
/** Longest prefix completed, in characters (the protocol refuses longer ones). */
export const MAX_PREFIX_LENGTH = 200;
/** Words of the prefix that take part in a completion (the last ones). */
const MAX_COMPLETION_WORDS = 6;

/** Corpus words with the typed prefix that are considered, the commonest. */
const COMPLETION_CANDIDATES = 200;
/** Sentences matching the words before the last that completions are drawn from. */
const COMPLETION_CONTEXT = 100;

/**
 * Completions of a question being typed: "peace tre" -> "peace treaty". The words typed so
 * far stay as typed; the last one is completed with a corpus word, as the articles write
 * it: among the commonest words with that prefix, those found most often in the sentences
 * that best match the words before it ("peace tre": treaty), then the commonest overall.
 * The work is bounded whatever the corpus: a walk of the word tree and one retrieval.
 * And whatever the prefix: a longer one than {@link MAX_PREFIX_LENGTH}, or than
 * MAX_NORMALIZED_LENGTH once normalized, or whose last word is past MAX_WORD_LENGTH
 * (no word a reader types is that long), has no completions: nobody is typing such a
 * thing.
 */
export function completions(index: SentenceIndex, prefix: string, count = 5): string[] {
  if (prefix.length > MAX_PREFIX_LENGTH || normalizedLength(prefix) > MAX_NORMALIZED_LENGTH) return [];
  const words = index.analyzer.terms(prefix).filter((t) => !t.alias).slice(-MAX_COMPLETION_WORDS);
  const last = words.at(-1);
  // Only while a word is being typed: after a space there is nothing to complete. One or
  // two letters say too little to be worth completing.
  if (!last || last.end !== prefix.trimEnd().length || /\s$/.test(prefix)) return [];
  if (prefix.slice(last.start, last.end).length < MIN_PREFIX_LETTERS || last.term.length > MAX_WORD_LENGTH) return [];
  const lead = prefix.slice(0, last.start);
  const candidates = index.wordsStartingWith(last.term, COMPLETION_CANDIDATES).filter((term) => term !== last.term);
  if (candidates.length === 0) return [];

  // How often each candidate occurs in the sentences that match the words before it.
  const together = new Map<string, number>();
  const before = new Map(words.slice(0, -1).map((t) => [t.term, 1]));
  if (before.size > 0) {
    const wanted = new Set(candidates);
    const { vectors } = index.parts;
    for (const sentence of index.retriever.retrieve(before, COMPLETION_CONTEXT)) {
      vectors.forEach(sentence.id, (termId, field) => {
        const term = vectors.term(termId);
        if (field === 0 && wanted.has(term)) together.set(term, (together.get(term) ?? 0) + 1);
      });
    }
  }
  const ordered = [...candidates].sort((a, b) => (together.get(b) ?? 0) - (together.get(a) ?? 0) || index.frequency(b) - index.frequency(a));
  const out: string[] = [];
  for (const term of ordered) {
    const written = index.surface(term);
    if (written === undefined) continue;
    const text = `${lead}${written}`;
    if (!out.includes(text)) out.push(text);
    if (out.length === count) break;
  }
  return out;
}
