import { ask } from '../../src/core/answer';
import { termOf } from '../../src/core/analyzer';
import { buildCorpus } from '../../src/core/corpus';
import { buildIndex } from '../../src/core/search-index';
import { corrected, damerau } from '../../src/core/typos';
import { articleText, oneArticleIndex, textFile } from '../helpers';

const index = buildIndex(
  buildCorpus([
    textFile(
      'plant.md',
      articleText(
        { id: 'plant', title: 'Leeds plant shuts' },
        'Leeds plant shuts\n\nThe factory in Leeds closed on Friday. Workers at the plant were told by letter. The company blamed falling orders.',
      ),
    ),
  ]),
);
const factory = termOf('factory');

describe('corrected', () => {
  it.each([
    ['factroy', 'two letters swapped, which changes how the word stems'],
    ['facotry', 'two letters swapped'],
    ['afctory', 'the first two letters swapped'],
    ['factoyr', 'the last two letters swapped'],
    ['factry', 'a letter dropped'],
    ['facttory', 'a letter doubled'],
    ['factary', 'a letter replaced'],
  ])('reads %s as factory (%s)', (typo) => {
    expect(corrected(index, termOf(typo) ?? typo)).toEqual([factory]);
  });

  it.each(['fcatroy', 'yrotcaf', 'fac'])('leaves %s alone: more than one slip, or too short', (word) => {
    expect(corrected(index, termOf(word) ?? word)).toEqual([]);
  });

  it('counts a swap of neighbouring letters as one slip', () => {
    expect(damerau('factroy', 'factory')).toBe(1);
    expect(damerau('fcatroy', 'factory')).toBe(2);
  });
});

describe('ask with a typo', () => {
  it.each([
    ['When did the factroy close?', 'When did the factory close?'],
    ['When did the factry close?', 'When did the factory close?'],
  ])('regression: %s is read as %s', (question, interpreted) => {
    const answer = ask(index, question);
    expect(answer.answered).toBe(true);
    expect(answer.interpreted).toBe(interpreted);
    expect(answer.passages[0]?.text).toBe('The factory in Leeds closed on Friday.');
  });
});

describe('a typo read as written when its stem is too far', () => {
  const raids = buildIndex(
    buildCorpus([textFile('raids.md', articleText({ id: 'raids', title: 'Raids' }, 'Raids\n\nTwo generals raided the Caucasus and Kievan Rus. The army returned in 1223.'))]),
  );

  it('"Caucasas" stems to "caucasa", two slips from "caucasus", but is one as written', () => {
    expect(corrected(raids, termOf('caucasas')!)).toEqual([]);
    const answer = ask(raids, 'Which two generals raided the Caucasas?');
    expect(answer.answered).toBe(true);
    expect(answer.interpreted).toBe('Which two generals raided the Caucasus?');
  });
});

describe('a name misspelt as a dictionary word', () => {
  const singer = oneArticleIndex(
    { id: 'singer', title: 'Singer dies' },
    'Singer dies\n\nJimmy Buffett, the singer, died on Friday. A two-time Grammy nominee, he also wrote best-selling novels. The Plant family paid tribute.',
  );

  it('reads a capitalized dictionary word the articles never write as the name one slip away ("Buffet" -> "Buffett")', () => {
    const answer = ask(singer, 'How many times was Jimmy Buffet nominated for a Grammy?');
    expect(answer.answered).toBe(true);
    expect(answer.interpreted).toBe('How many times was Jimmy Buffett nominated for a Grammy?');
    expect(answer.passages[0]?.text).toContain('two-time Grammy nominee');
  });

  it('leaves the word alone when the articles write it', () => {
    const buffet = oneArticleIndex({ id: 'hotel', title: 'Hotel' }, 'Hotel\n\nJimmy Buffett ate at the buffet on Friday.');
    expect(ask(buffet, 'When did Jimmy Buffet eat?').interpreted).toBeUndefined();
  });

  it('reads it only as a name, not as a common word one slip away', () => {
    // "Plane" is one slip from "plant", which the articles write in lower case only.
    const factory = oneArticleIndex({ id: 'plant', title: 'Plant' }, 'Plant\n\nThe plant in Leeds closed on Friday.');
    expect(ask(factory, 'When did the Plane in Leeds close?').interpreted).toBeUndefined();
  });

  it('does not read a question in title case as naming anyone', () => {
    // "Game" is one slip from the name "Gane"; in "who scored in the Game?" it would be read so.
    const match = oneArticleIndex({ id: 'match', title: 'Match' }, 'Match\n\nRovers beat United on Saturday. Gane scored twice.');
    expect(ask(match, 'Who Scored Twice In The Game?').interpreted).toBeUndefined();
    expect(ask(match, 'Who scored twice in the Game?').interpreted).toBe('Who scored twice in the Gane?');
  });
});
