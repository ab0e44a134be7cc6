import { ask } from '../../src/core/answer';
import { answerCue, focusOf } from '../../src/core/question';
import { tag } from '../../src/core/nlp';
import { oneArticleIndex } from '../helpers';

const index = oneArticleIndex(
  { id: 'bridge', title: 'The new bridge opens' },
  'The new bridge opens\n\nThe Osei Bridge is nearly 2.4 km long and carries the coast road over the bay. ' +
    'Its construction took four years, and the ferry it replaces ran every hour. ' +
    'The old harbour wall, built in 1901, was kept. ' +
    'The 12 km tunnel under the hills took six years to dig. ' +
    'The opening ceremony at the toll plaza, 5 km from the town, lasted two hours. ' +
    'The builders raised 5 m in bonds, and the road beside the tunnel is 40 m long. ' +
    'Its two towers rise 180 m (590 ft) above the water, and 4 lanes cross between them.',
);

const focus = (question: string) => {
  const cue = answerCue(question)!;
  return focusOf(cue.type, tag(question).tokens, cue);
};

describe('"How long is X?" asks a length of time or a distance', () => {
  it.each([
    ['How long is the Rhine?', 'extent'],
    ['How long was the call between the two leaders?', 'extent'],
    ['How long did the meeting last?', undefined],
    ['How long are students required to learn Welsh?', undefined],
    ['How long has the war lasted?', 'ongoing'],
  ])('%s: %s', (question, expected) => {
    expect(focus(question)).toBe(expected);
  });

  it('answers with the distance a passage gives, the words of approximation kept', () => {
    const answer = ask(index, 'How long is the Osei Bridge?');
    expect(answer.short?.text).toBe('nearly 2.4 km');
  });

  it.each([
    ['How long is the Rhine?', 'extent'],
    ['How tall are the towers?', 'distance'],
    ['How far is the plaza from the town?', 'distance'],
    ['How many lanes cross?', undefined],
  ])('%s reads its focus as %s', (question, expected) => {
    expect(focus(question)).toBe(expected);
  });

  it('answers "how tall/far" with a distance over a bare figure, and not with the conversion in brackets', () => {
    expect(ask(index, 'How tall are the two towers above the water?').short?.text).toBe('180 m');
    expect(ask(index, 'How far from the town is the toll plaza?').short?.text).toBe('5 km');
  });

  it('answers with a length of time where the passage gives one', () => {
    expect(ask(index, 'How long was the construction of the bridge?').short?.text).toBe('four years');
  });

  it('takes no distance for a question about something that lasts, where the passage gives both', () => {
    expect(focus('How long did the tunnel take to dig?')).toBeUndefined();
    expect(ask(index, 'How long did the tunnel take to dig?').short?.text).toBe('six years');
  });

  it('prefers a length of time to a distance, and takes none where the sentence gives no extent', () => {
    expect(ask(index, 'How long was the opening ceremony at the toll plaza?').short?.text).toBe('two hours');
    expect(ask(index, 'How long was the bond issue the builders raised?').short?.text).not.toBe('5 m');
  });

  it('reads a bare "m" as metres only before a word of extent', () => {
    expect(ask(index, 'How long is the road beside the tunnel?').short?.text).toBe('40 m');
  });

  it('declines, saying a length is missing, when the passages give neither', () => {
    const answer = ask(index, 'How long is the harbour wall?');
    expect(answer.answered).toBe(false);
    expect(answer.message).toBe("The articles don't say: the closest passages, below, give no length.");
  });

  it('leaves out a matched word before the figure ("near" of "nearly")', () => {
    const answer = ask(index, 'How long is the bridge near the bay?');
    expect(answer.short?.text).toBe('2.4 km');
  });
});

describe('a unit of time written with a capital', () => {
  const index = oneArticleIndex(
    { id: 'plans', title: 'Talks Last Three Hours' },
    'Talks Last Three Hours\n\nSeven Days to the River Rhine was a war plan for an invasion of Western Europe. ' +
      'The talks in Geneva lasted into the night. The river is about 1,230 km long.',
  );

  it('is part of a name in running text: "Seven Days to the River Rhine" gives no length', () => {
    const plan = ask(index, 'How long was the war plan?');
    expect(plan.answered).toBe(false);
    expect(plan.message).toContain('give no length');
    expect(ask(index, 'How long is the river?').short?.text).toBe('about 1,230 km');
  });

  it('is a length in a headline written in title case, or opening a sentence', () => {
    expect(ask(index, 'How long did the talks last?').short?.text).toBe('Three Hours');
    const other = oneArticleIndex(
      { id: 'strike', title: 'Strike Lasts Two Weeks at iPhone Plant after Deadline Passes' },
      'Strike Lasts Two Weeks at iPhone Plant after Deadline Passes\n\nSeven Days to the River Rhine was a plan. Weeks of talks followed the strike at the plant.',
    );
    expect(ask(other, 'How long did the strike last?').short?.text).toBe('Two Weeks');
    expect(ask(other, 'How long was the plan?').answered).toBe(false);
  });
});

describe('"How deep / far / tall / wide" asks the measure the adjective names', () => {
  const quake = oneArticleIndex(
    { id: 'quake', title: 'Quake strikes', published: '2023-04-14' },
    'Quake strikes\n\nA strong 7.0-magnitude earthquake struck Friday deep in the ocean off the island of Keral, the survey said. ' +
      'The survey says the quake struck at 4:55 p.m., with the epicenter detected at a depth of 594 kilometers. ' +
      'There were no reports of damage on Keral.',
  );

  it('searches for the noun of the measure ("depth") and answers with a distance, not a figure of something else', () => {
    // Before: "7.0" (of "7.0-magnitude"), from the sentence that writes "deep".
    const answer = ask(quake, 'How deep was the earthquake off Keral?');
    expect(answer.passages[0]?.text).toContain('a depth of 594 kilometers');
    expect(answer.short?.text).toBe('594 kilometers');
  });

  it('reads "how high" as a height or a level, the others as a distance', () => {
    expect(focus('How deep was the earthquake?')).toBe('distance');
    expect(focus('How wide is the river?')).toBe('distance');
    expect(focus('How high did prices rise?')).toBe('height');
  });
});
