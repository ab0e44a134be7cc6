import { tag } from '../../src/core/nlp';
import { sentenceView, questionClass, questionFocus, spanCandidates, spanFeatures, spanQuestion, SPAN_FEATURES } from '../../src/core/span-features';

describe('questionClass', () => {
  it.each([
    ['What does AFC stand for?', 'ABBREVIATION'],
    ['Who won the match?', 'PERSON'],
    ['What year was the bridge built?', 'DATE'],
    ['How many people live there?', 'NUMBER'],
    ['Where was the match played?', 'PLACE'],
    ['Which NFL team won?', 'THING'],
    ['Why did the council vote no?', 'REASON'],
  ])('%s -> %s', (question, cls) => {
    expect(questionClass(question)).toBe(cls);
  });
});

describe('spanCandidates', () => {
  const text = 'The American Football Conference (AFC) champion Denver Broncos won the title in 2016.';
  const { tokens, entities } = tag(text);
  const found = spanCandidates(text, 0, text.length, tokens, entities).map((c) => [text.slice(c.start, c.end), c.kind]);

  it('finds the expansion of an acronym', () => {
    expect(found).toContainEqual(['American Football Conference', 'EXPANSION']);
  });

  it('finds proper names inside a longer noun phrase, and dates', () => {
    expect(found.map(([t]) => t)).toEqual(expect.arrayContaining(['Denver Broncos', '2016']));
  });

  it('never leaves the sentence and never gives an empty span', () => {
    for (const c of spanCandidates(text, 4, 40, tokens, entities)) {
      expect(c.start).toBeGreaterThanOrEqual(4);
      expect(c.end).toBeLessThanOrEqual(40);
      expect(c.end).toBeGreaterThan(c.start);
    }
  });

  it('gives one value per feature', () => {
    const question = spanQuestion('What does AFC stand for?', [], tag('What does AFC stand for?').tokens);
    const candidate = spanCandidates(text, 0, text.length, tokens, entities)[0]!;
    expect(spanFeatures(question, candidate, text, sentenceView(question, tokens, []))).toHaveLength(SPAN_FEATURES.length);
  });
});

describe('questionFocus', () => {
  it('is the head noun after which/what', () => {
    const q = 'Which NFL team represented the AFC?';
    expect(questionFocus(q, tag(q).tokens)).toBe('team');
  });
});
