/**
 * What every answer promises, checked over every question of the question files: each
 * offset points where it says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ask } from '../../src/core/answer';
import { SEED_ID, seedIndexOnce } from '../helpers';

const index = seedIndexOnce();
const text = index.corpus.document(SEED_ID)!.text;
const evalDir = path.join(__dirname, '..', 'fixtures', 'eval');
const questions = readdirSync(evalDir).flatMap((file) =>
  readFileSync(path.join(evalDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { question: string }).question),
);

describe.each(questions)('%s', (question) => {
  const answer = ask(index, question, { limit: 5 });

  it('cites passages that are exactly the document text at their offsets', () => {
    for (const passage of answer.passages) {
      expect(text.slice(passage.citation.start, passage.citation.end)).toBe(passage.text);
      for (const around of [passage.context.before, passage.context.after]) {
        if (around) expect(text.slice(around.start, around.end)).toBe(around.text);
      }
    }
  });

  it('highlights words inside their passage, in order', () => {
    for (const passage of answer.passages) {
      let last = 0;
      for (const [start, end] of passage.highlights) {
        expect(start).toBeGreaterThanOrEqual(last);
        expect(end).toBeLessThanOrEqual(passage.text.length);
        expect(passage.text.slice(start, end).trim()).not.toBe('');
        last = end;
      }
    }
  });

  it('gives a short answer only inside a passage of an answered question', () => {
    if (!answer.short) return;
    expect(answer.answered).toBe(true);
    expect(answer.passages[answer.short.passage]?.text.slice(answer.short.start, answer.short.end)).toBe(answer.short.text);
  });

  it('explains every refusal', () => {
    if (!answer.answered) expect(answer.message).toMatch(/^The articles don't say/);
    else expect(answer.message).toBeUndefined();
  });
});
