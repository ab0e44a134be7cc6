import { tag } from '../../src/core/nlp';
import { datelineEnd, noAnswerFeatures, sentenceView, questionClass, questionFocus, spanCandidates, spanFeatures, spanQuestion, SPAN_FEATURES } from '../../src/core/span-features';
import { sharedThesaurus } from '../helpers';

describe('questionClass', () => {
  it.each([
    ['What does AFC stand for?', 'ABBREVIATION'],
    ['Who won the match?', 'PERSON'],
    ['What year was the bridge built?', 'DATE'],
    ['How many people live there?', 'NUMBER'],
    ['Where was the match played?', 'PLACE'],
    ['Which NFL team won?', 'THING'],
    ['Why did the council vote no?', 'REASON'],
    ['What caused the plane to crash?', 'REASON'],
    ['What was the reason for the delay?', 'REASON'],
    ['What did the storm cause?', 'OBJECT'],
    // The opening interrogative decides over a cue word later in the question.
    ['Who fumbled the ball when tackled by the safety?', 'PERSON'],
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

  it.each([
    ['The halftime show featured Beyoncé and Bruno Mars, with Coldplay.', 'Beyoncé and Bruno Mars'],
    ['The finalists were New Orleans, Miami and San Francisco.', 'New Orleans, Miami and San Francisco'],
    ['The game was held at the Mercedes-Benz Superdome last year.', 'Mercedes-Benz Superdome'],
    ['The trophy was designed by Tiffany & Co in New York.', 'Tiffany & Co'],
    ['They beat the Arizona Cardinals 49–15 in the final.', '49–15'],
    ['The cameras recorded in 5K resolution.', '5K'],
    ['Denver linebacker Von Miller was named the most valuable player.', 'linebacker'],
    ['Denver linebacker Von Miller was named the most valuable player.', 'Von Miller'],
    ['Ozone is a reactive allotrope of oxygen.', 'allotrope'],
    ['Pupils were required to sit quietly for an hour.', 'quietly'],
    ['The water was cold.', 'cold'],
    ['The lowest temperature recorded was 48.8 °C in the north.', '48.8 °C'],
    // Particles inside a name (entities.ts finds the person after a title).
    ['Ludwig van Beethoven wrote nine symphonies.', 'Ludwig van Beethoven'],
    // A name the tagger reads as foreign (X) after a proper noun.
    ['It is centered around the historic Tower Theatre, which is listed.', 'Tower Theatre'],
    // "both ... and" is no part of the names it joins.
    ['He had a profound respect for both Buddhism and Christianity.', 'Buddhism and Christianity'],
    // A title in single quotes, and a name's common noun.
    ["It was later re-branded as 'Pick TV' in 2011.", 'Pick TV'],
    ['The ‘Iron Lady’ resigned in 1990.', 'Iron Lady'],
    ["Dirichlet's theorem on arithmetic progressions asserts it.", "Dirichlet's theorem"],
    // A reason, with and without its connective.
    ['The launch was called off because the ground computer failed to load, officials said.', 'because the ground computer failed to load'],
    ['The launch was called off because the ground computer failed to load, officials said.', 'the ground computer failed to load'],
    ['The show ended in 2011 due to the death of its star.', 'due to the death of its star'],
    // A dot inside the clause is an abbreviation's or a decimal's.
    ['Flights were halted due to the U.S. embargo on the country.', 'due to the U.S. embargo on the country'],
    ['Prices rose because of a 2.5 percent rise in costs.', 'a 2.5 percent rise in costs'],
    // An abbreviation's last dot.
    ['The quake struck at 4:55 p.m. local time.', '4:55 p.m.'],
    ['He moved to the U.S. in 1990.', 'U.S.'],
  ])('finds in "%s" the span "%s"', (text, span) => {
    const { tokens, entities } = tag(text);
    expect(spanCandidates(text, 0, text.length, tokens, entities).map((c) => text.slice(c.start, c.end))).toContain(span);
  });

  it.each([
    ['In 2020 I moved to Paris.', '2020 I'],
    ['The 2016-02-07 game was close.', '2016-02'],
    ['He had a profound respect for both Buddhism and Christianity.', 'both Buddhism'],
    ['Ludwig van Beethoven wrote nine symphonies.', 'van'],
  ])('takes no unit or score where there is none: "%s"', (text, span) => {
    const { tokens, entities } = tag(text);
    expect(spanCandidates(text, 0, text.length, tokens, entities).map((c) => text.slice(c.start, c.end))).not.toContain(span);
  });

  it.each([
    ['LONDON, March 5 (Meridian News) - British retailer Calder Home reported a fall in profit.', 'LONDON'],
    ['CASTELO BRANCO, Portugal, Aug 14 (Atlantic Press) - Firefighters battled a wildfire.', 'CASTELO BRANCO'],
    ['TOKYO (Reuters) - The central bank held its rate.', 'TOKYO'],
    ['WASHINGTON — The Senate passed the bill.', 'WASHINGTON'],
    ['WASHINGTON—The Senate passed the bill.', 'WASHINGTON'],
    ['McALLEN, Texas (AP) - Border agents detained 40 people.', 'McALLEN'],
    ['BEIJING, March 5 (Xinhua) -- China set a growth target of 5 percent.', 'BEIJING'],
    ['NEW DELHI: The court adjourned the hearing until Monday.', 'DELHI'],
    ['New Delhi, March 5 (PTI) - The court adjourned the hearing.', 'Delhi'],
  ])('takes no span from the dateline of "%s"', (text, place) => {
    const { tokens, entities } = tag(text);
    const spans = spanCandidates(text, 0, text.length, tokens, entities).map((c) => text.slice(c.start, c.end));
    expect(spans.some((s) => s.includes(place))).toBe(false);
    expect(spans.length).toBeGreaterThan(0);
  });

  it.each([
    ['ABC, the broadcaster, said Smith - who had resigned - would return.', 'ABC'],
    ['UEFA, Europe\'s football body, fined the club - a record sum.', 'UEFA'],
    ['Paris, the capital, hosted the summit - its first since 2019.', 'Paris'],
  ])('reads no dateline into a sentence whose words after a comma are not a place or date: "%s"', (text, name) => {
    const { tokens, entities } = tag(text);
    expect(datelineEnd(text, 0, text.length)).toBe(0);
    expect(spanCandidates(text, 0, text.length, tokens, entities).map((c) => text.slice(c.start, c.end))).toContain(name);
  });

  it('takes no apostrophe for a quotation mark', () => {
    for (const text of ["The players' union and the owners' group met.", 'The players’ union and the owners’ group met.', "Rock 'n' roll's 'Golden Age' ended."]) {
      const { tokens, entities } = tag(text);
      expect(spanCandidates(text, 0, text.length, tokens, entities).filter((c) => c.kind === 'QUOTE').map((c) => text.slice(c.start, c.end))).toEqual(
        text.startsWith('Rock') ? ['Golden Age'] : [],
      );
    }
  });

  it('a sentence opening in capitals without a dash keeps its spans', () => {
    const text = 'NASA, the space agency, launched the probe in 1977.';
    const { tokens, entities } = tag(text);
    expect(spanCandidates(text, 0, text.length, tokens, entities).map((c) => text.slice(c.start, c.end))).toContain('NASA');
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
    const all = spanCandidates(text, 0, text.length, tokens, entities);
    expect(spanFeatures(question, all[0]!, text, sentenceView(question, tokens, [], 0), all)).toHaveLength(SPAN_FEATURES.length);
  });
});

describe('questionFocus', () => {
  it.each([
    ['Which NFL team represented the AFC?', 'team'],
    ['How many tackles did Kuechly register?', 'tackle'],
  ])('is the head noun after which/what/how many: %s', (q, focus) => {
    expect(questionFocus(q, tag(q).tokens)).toBe(focus);
  });
});

describe('spanFeatures', () => {
  // The sentence is the article's second: the index keeps its terms' offsets from its start.
  const earlier = 'The season began in September. ';
  const text = `${earlier}Kuechly led the team in tackles (118) and forced two fumbles.`;
  const start = earlier.length;
  const tagged = tag(text);
  const tokens = tagged.tokens.filter((t) => t.start >= start);
  const all = spanCandidates(text, start, text.length, tokens, tagged.entities.filter((e) => e.start >= start));
  const q = 'How many tackles did Kuechly register?';
  // "tackles" is rare in the corpus, "Kuechly" common: weights as an index would give them.
  const question = spanQuestion(q, [
    { term: 'tackl', start: 9, end: 16, alias: false },
    { term: 'kuechly', start: 21, end: 28, alias: false },
  ] as never, tag(q).tokens, (term) => (term === 'tackl' ? 3 : 1));
  const view = sentenceView(question, tokens, [
    { term: 'kuechly', start: 0, end: 7, alias: false },
    { term: 'tackl', start: 24, end: 31, alias: false },
  ] as never, start);
  const value = (span: string, feature: string) => {
    const candidate = all.find((c) => text.slice(c.start, c.end) === span)!;
    return spanFeatures(question, candidate, text, view, all)[SPAN_FEATURES.indexOf(feature)];
  };

  it('weighs the question words near a span by how much they say', () => {
    expect(value('118', 'weighted-matched-left-3')).toBeCloseTo(3 / 4);
    expect(value('118', 'weighted-matched-left-3')).toBeGreaterThan(value('two', 'weighted-matched-left-3')!);
    expect(value('118', 'focus-next-to')).toBe(1);
  });

  it('reads which of the sentence\'s words the question matched', () => {
    expect(view.matched.filter(Boolean)).toHaveLength(2);
    expect(tokens.filter((_, n) => view.matched[n]).map((t) => t.text)).toEqual(['Kuechly', 'tackles']);
  });

  it('gives the "no answer" candidate how much of the question the sentence holds, and nothing of a span', () => {
    const x = noAnswerFeatures(question, view);
    expect(x[SPAN_FEATURES.indexOf('no-answer')]).toBe(1);
    expect(x[SPAN_FEATURES.indexOf('no-answer:question-weight-in-sentence')]).toBeCloseTo(1);
    expect(x[SPAN_FEATURES.indexOf('no-answer:NUMBER')]).toBe(1);
    expect(x.filter((v) => v !== 0)).toHaveLength(3);
    expect(value('118', 'no-answer')).toBe(0);
  });

  it('marks a span made only of question words, and one in parentheses', () => {
    expect(value('Kuechly', 'only-question-words')).toBe(1);
    expect(value('118', 'only-question-words')).toBe(0);
    expect(value('118', 'in-parentheses')).toBe(1);
  });
});

describe('spanFeatures: the question read as a statement', () => {
  const text = 'Unlike sponges, ctenophores are less complex than bilaterians.';
  const tagged = tag(text);
  const all = spanCandidates(text, 0, text.length, tagged.tokens, tagged.entities);
  const q = 'Ctenophores are less complex than which other phylum?';
  const question = spanQuestion(q, [
    { term: 'ctenophor', start: 0, end: 11, alias: false },
    { term: 'complex', start: 21, end: 28, alias: false },
    { term: 'phylum', start: 46, end: 52, alias: false },
  ] as never, tag(q).tokens);
  const view = sentenceView(question, tagged.tokens, [
    { term: 'ctenophor', start: text.indexOf('ctenophores'), end: text.indexOf('ctenophores') + 11, alias: false },
    { term: 'complex', start: text.indexOf('complex'), end: text.indexOf('complex') + 7, alias: false },
  ] as never, 0);
  const value = (span: string, feature: string) => {
    const candidate = all.find((c) => text.slice(c.start, c.end) === span);
    if (!candidate) throw new Error(`no candidate "${span}" among ${all.map((c) => text.slice(c.start, c.end)).join(' | ')}`);
    return spanFeatures(question, candidate, text, view, all)[SPAN_FEATURES.indexOf(feature)];
  };

  it('reads the question\'s words before and after its wh-phrase', () => {
    expect([...question.beforeWh].sort()).toEqual(['complex', 'ctenophor']);
    expect([...question.afterWh]).toEqual([]);
    expect(question.whLeft).toEqual(['than', 'complex']);
  });

  it('marks the span that stands where the wh-phrase stands, after the same words', () => {
    expect(value('bilaterians', 'wh-left-context')).toBe(1);
    expect(value('sponges', 'wh-left-context')).toBe(0);
    expect(value('bilaterians', 'words-before-wh-left')).toBe(1);
    expect(value('bilaterians', 'words-before-wh-right')).toBe(0);
    // The question's words follow "sponges" rather than lead to it.
    expect(value('sponges', 'words-before-wh-left')).toBe(0);
    expect(value('sponges', 'words-before-wh-right')).toBe(1);
  });

  it('gives a question without a wh-word none of them', () => {
    const words = 'Ctenophores are less complex than sponges.';
    const plain = spanQuestion(words, [
      { term: 'ctenophor', start: 0, end: 11, alias: false },
      { term: 'complex', start: 21, end: 28, alias: false },
    ] as never, tag(words).tokens);
    expect([plain.whLeft, plain.whRight, [...plain.beforeWh], [...plain.afterWh]]).toEqual([[], [], [], []]);
    const x = spanFeatures(plain, all[0]!, text, sentenceView(plain, tagged.tokens, [], 0), all);
    for (const name of ['wh-left-context', 'wh-right-context', 'words-before-wh-left', 'words-before-wh-right', 'words-after-wh-left', 'words-after-wh-right']) expect(x[SPAN_FEATURES.indexOf(name)]).toBe(0);
  });

  it('reads a subject question\'s words after its wh-word right of the span', () => {
    const sentence = 'Philip Segal approached the BBC in July 1989.';
    const s = tag(sentence);
    const spans = spanCandidates(sentence, 0, sentence.length, s.tokens, s.entities);
    const q2 = 'Who approached the BBC in 1989?';
    const at = (word: string, text: string) => text.indexOf(word);
    const asked = spanQuestion(q2, [
      { term: 'approach', start: at('approached', q2), end: at('approached', q2) + 10, alias: false },
      { term: 'bbc', start: at('BBC', q2), end: at('BBC', q2) + 3, alias: false },
    ] as never, tag(q2).tokens);
    expect(asked.whRight).toEqual(['approached', 'the']);
    const seen = sentenceView(asked, s.tokens, [
      { term: 'approach', start: at('approached', sentence), end: at('approached', sentence) + 10, alias: false },
      { term: 'bbc', start: at('BBC', sentence), end: at('BBC', sentence) + 3, alias: false },
    ] as never, 0);
    const feature = (span: string, name: string) => spanFeatures(asked, spans.find((c) => sentence.slice(c.start, c.end) === span)!, sentence, seen, spans)[SPAN_FEATURES.indexOf(name)];
    expect(feature('Philip Segal', 'words-after-wh-right')).toBe(1);
    expect(feature('Philip Segal', 'wh-right-context')).toBe(1);
    expect(feature('Philip Segal', 'words-after-wh-left')).toBe(0);
  });

  it('takes the words after a wh-word into its phrase, but not a name', () => {
    const read = (q: string) => spanQuestion(q, [], tag(q).tokens);
    expect(read('Which team won the game?').whRight).toEqual(['won', 'the']);
    expect(read('Which NFL team won the game?').whRight).toEqual(['nfl', 'team']);
    expect(read('How many seconds were left?').whRight).toEqual(['were', 'left']);
  });

  it('marks a span that is an instance of what the question asks for, by the thesaurus', () => {
    const thesaurus = sharedThesaurus();
    const isKindOf = (word: string, category: string) => thesaurus.isKindOf(word, category);
    const sentence = 'The game was played at the stadium in Santa Clara, a city near the port of Oakland.';
    const s = tag(sentence);
    const spans = spanCandidates(sentence, 0, sentence.length, s.tokens, []);
    const kindOf = (q: string, span: string, withThesaurus = true) => {
      const asked = spanQuestion(q, [], tag(q).tokens, () => 1, withThesaurus ? isKindOf : undefined);
      const view = sentenceView(asked, s.tokens, [], 0);
      const candidate = spans.find((c) => sentence.slice(c.start, c.end) === span);
      if (!candidate) throw new Error(`no candidate ${span}: ${spans.map((c) => sentence.slice(c.start, c.end)).join(' | ')}`);
      return spanFeatures(asked, candidate, sentence, view, spans)[SPAN_FEATURES.indexOf('kind-of-category')];
    };
    expect(kindOf('What city hosted the game?', 'Santa Clara')).toBe(1);
    expect(kindOf('What city hosted the game?', 'stadium')).toBe(0);
    expect(kindOf('What city hosted the game?', 'city')).toBe(0);
    expect(kindOf('What city hosted the game?', 'Santa Clara', false)).toBe(0);
    // "What kind of X" asks for an X.
    expect(kindOf('What kind of structure was the game played at?', 'stadium')).toBe(1);
    expect(kindOf('What kind of structure was the game played at?', 'Santa Clara')).toBe(0);
    expect(spanQuestion('What type of rock is it?', [], tag('What type of rock is it?').tokens).category).toBe('rock');
    expect(spanQuestion('Which NFL team won?', [], tag('Which NFL team won?').tokens).category).toBe('team');
  });
});
