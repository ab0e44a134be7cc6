import { tag } from '../src/core/nlp';
import { sentenceView, spanCandidates, spanFeatures, spanQuestion } from '../src/core/span-features';
const samples = {
  names: Array.from({ length: 200 }, (_, i) => `Ab${i} and Cd${i},`).join(' ').slice(0, 1000),
  nums: Array.from({ length: 300 }, (_, i) => `${i}K`).join(' ').slice(0, 1000),
  news: 'Secretary of State Antony J. Blinken spoke today with Sudanese Armed Forces (SAF) General Abdel Fattah al-Burhan to discuss the need for participation in on-going peace talks in Switzerland, the urgent need to end the conflict, and humanitarian access across the country.',
};
for (const [name, text] of Object.entries(samples)) {
  const { tokens, entities } = tag(text);
  const q = spanQuestion('Who is the red cat?', [], tag('Who is the red cat?').tokens);
  const view = sentenceView(q, tokens, []);
  const run = () => { const all = spanCandidates(text, 0, text.length, tokens, entities); for (const c of all) spanFeatures(q, c, text, view, all); return all.length; };
  for (let r = 0; r < 100; r++) run();
  const t = performance.now(); let n = 0;
  for (let r = 0; r < 100; r++) n = run();
  console.log(name, tokens.length, 'tokens', n, 'candidates', ((performance.now() - t) / 100).toFixed(2), 'ms a sentence');
}
