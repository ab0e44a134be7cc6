/**
 * Deterministic synthetic news articles for benchmarks and load tests: the same seed gives
 * the same corpus. About 20 sentences an article, with people introduced by their roles,
 * places from world-countries, dates, durations and numbers, and a shared vocabulary of
 * news verbs and nouns so that questions match many sentences, as in a real archive.
 */
import countries from 'world-countries';
import type { CorpusFile } from '../core/corpus';

const FIRST = ['Anna', 'Boris', 'Chen', 'Daniel', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kenji', 'Lena', 'Marco', 'Nadia', 'Omar', 'Priya', 'Rafael', 'Sofia', 'Tomas', 'Yuki'];
const LAST = ['Abe', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ivanov', 'Jensen', 'Kim', 'Lopez', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Rossi', 'Sato', 'Tanaka', 'Weber'];
const ROLES = ['Foreign Minister', 'Prime Minister', 'President', 'Trade Minister', 'Defense Minister', 'Finance Minister'];
const TOPICS = ['trade agreement', 'peace treaty', 'energy deal', 'border dispute', 'fishing rights', 'climate pact', 'security talks', 'tariff dispute', 'water treaty', 'shipping accord'];
const VERBS = ['met', 'discussed', 'signed', 'rejected', 'proposed', 'welcomed', 'criticised', 'postponed', 'announced', 'negotiated'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NUMBERS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'ten', 'twelve', 'twenty'];

/** mulberry32: a small, fast, deterministic generator. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const independent = countries.filter((c) => c.independent && (c.capital?.length ?? 0) > 0 && c.demonyms?.eng);

/** `count` article files, the same for the same `seed`. */
export function syntheticArticles(count: number, seed = 1): CorpusFile[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const files: CorpusFile[] = [];
  const encoder = new TextEncoder();
  for (let n = 0; n < count; n++) {
    const [a, b] = [pick(independent), pick(independent)];
    if (!a || !b) continue;
    const person = (country: typeof a) => ({ name: `${pick(FIRST)} ${pick(LAST)}`, role: `${country.demonyms?.eng?.m ?? ''} ${pick(ROLES)}`.trim() });
    const p1 = person(a);
    const p2 = person(b);
    const topic = pick(TOPICS);
    const year = 2000 + Math.floor(next() * 26);
    const month = Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const published = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const title = `${a.name.common} And ${b.name.common} ${pick(['Resume', 'Stall', 'Advance', 'Reopen'])} Talks On ${topic.replace(/\b\w/g, (c) => c.toUpperCase())}`;
    const surname1 = p1.name.split(' ')[1];
    const surname2 = p2.name.split(' ')[1];
    const sentences = [
      `${(a.capital?.[0] ?? 'CAPITAL').toUpperCase()} (Synthetic Wire - ${day} ${MONTHS[month]}, ${year}) ${p1.role} ${p1.name} ${pick(VERBS)} ${p2.role} ${p2.name} on ${pick(WEEKDAYS)} in ${b.capital?.[0]} to discuss the ${topic}.`,
      `The meeting lasted about ${pick(NUMBERS)} hours, officials said.`,
      `"We have ${pick(VERBS)} the main points of the ${topic}. The next round will follow in ${pick(MONTHS)}," ${surname1} said after the meeting.`,
      `${surname2} said that ${b.name.common} wanted ${pick(NUMBERS)} changes to the draft before it could be signed.`,
      `The two countries have ${pick(VERBS)} the ${topic} since ${year - 1 - Math.floor(next() * 20)}.`,
      `Analysts in ${a.capital?.[0]} said the ${topic} could affect ${pick(NUMBERS)} industries and thousands of jobs.`,
      `${a.demonyms?.eng?.m} officials ${pick(VERBS)} a plan to review the ${topic} every ${pick(NUMBERS)} years.`,
      `In ${pick(MONTHS)}, ${surname1} ${pick(VERBS)} a similar proposal from ${b.name.common}.`,
      `The ${b.demonyms?.eng?.m} side insists that its position on the ${topic} is unchanged.`,
      `Both ministers agreed to meet again in ${pick([a, b]).capital?.[0]} within ${pick(NUMBERS)} weeks.`,
      `Opposition leaders in ${b.name.common} ${pick(VERBS)} the talks as premature.`,
      `The ${topic} has been discussed at ${pick(NUMBERS)} summits without a final result.`,
      `Trade between ${a.name.common} and ${b.name.common} grew by ${1 + Math.floor(next() * 30)} percent last year.`,
      `${surname2} added that the talks were held in a ${pick(['constructive', 'difficult', 'frank', 'friendly'])} atmosphere.`,
      `A joint statement is expected on ${pick(WEEKDAYS)}, according to diplomats.`,
      `The ${a.demonyms?.eng?.m} parliament must approve any change to the ${topic}.`,
      `Earlier this year, protests in ${a.capital?.[0]} ${pick(VERBS)} the government's approach.`,
      `Experts say the ${topic} remains the most difficult issue between the ${pick(NUMBERS)} neighbours.`,
      `${p1.name} is expected to visit ${b.name.common} in ${pick(MONTHS)}.`,
      `The talks will resume after the ${pick(['elections', 'holidays', 'summit', 'budget debate'])}.`,
    ];
    const id = `synthetic-${seed}-${n}`;
    const body = `${title}\n\n${sentences.slice(0, 2).join(' ')}\n\n${sentences.slice(2, 5).join(' ')}\n\n${sentences.slice(5, 12).join(' ')}\n\n${sentences.slice(12).join(' ')}`;
    const text = `---\nid: ${id}\ntitle: ${title}\nsource: Synthetic Wire\npublished: ${published}\n---\n${body}\n`;
    files.push({ name: `${id}.md`, bytes: encoder.encode(text) });
  }
  return files;
}
