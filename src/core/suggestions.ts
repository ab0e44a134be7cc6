/**
 * Questions to suggest to someone who has not asked anything yet, drawn from the corpus:
 * the people its articles introduce, and the places they mention most.
 */
import type { SentenceIndex } from './search-index';

export function suggestedQuestions(index: SentenceIndex, count = 4): string[] {
  const people: string[] = [];
  const places = new Map<string, number>();
  // The most recent articles first: what readers are likely to be reading.
  const documents = [...index.corpus.documents].sort((a, b) => b.published.localeCompare(a.published)).slice(0, 50);
  for (const document of documents) {
    const entities = index.entities(document);
    for (const person of entities.people) if (!people.includes(person.name)) people.push(person.name);
    for (const entity of entities.entities) {
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
/** Words of the prefix that take part in a completion (the last ones). */
const MAX_COMPLETION_WORDS = 6;

/**
 * Completions of a question being typed, from MiniSearch's autoSuggest over the corpus's
 * words: "peace tre" -> "peace treaty". The words typed so far stay as typed; the last
 * one is completed with words as the articles write them.
 */
export function completions(index: SentenceIndex, prefix: string, count = 5): string[] {
  const words = index.analyzer.terms(prefix).filter((t) => !t.alias).slice(-MAX_COMPLETION_WORDS);
  const last = words.at(-1);
  // Only while a word is being typed: after a space there is nothing to complete. A prefix
  // search walks every term that starts with the prefix: one or two letters would walk a
  // large share of the vocabulary, so a word is completed from its third letter.
  if (!last || last.end !== prefix.trimEnd().length || /\s$/.test(prefix)) return [];
  if (prefix.slice(last.start, last.end).length < MIN_PREFIX_LETTERS) return [];
  const lead = prefix.slice(0, last.start);
  const suggestions = index.search.autoSuggest(prefix, {
    tokenize: () => words.map((t) => t.term),
    processTerm: (term) => term,
    prefix: (_term, i, terms) => i === terms.length - 1,
    combineWith: 'AND',
  });
  const out: string[] = [];
  for (const suggestion of suggestions) {
    const completed = suggestion.terms.map((term) => index.surface(term)).filter((s): s is string => s !== undefined).at(-1);
    if (!completed || completed.toLowerCase() === last.term) continue;
    const text = `${lead}${completed}`;
    if (!out.includes(text)) out.push(text);
    if (out.length === count) break;
  }
  return out;
}
