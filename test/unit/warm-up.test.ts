import { ask } from '../../src/core/answer';
import type { SentenceIndex } from '../../src/core/search-index';
import { warmUp } from '../../src/server/warm-up';
import { oneArticleIndex, seedIndexOnce } from '../helpers';

describe('warmUp', () => {
  it('answers every warm-up question on the bundled article and on a one-sentence one, without an error', () => {
    for (const index of [seedIndexOnce(), oneArticleIndex({ id: 'tiny', title: 'Tiny' }, 'The council met on Monday.')]) {
      expect(warmUp(index).error).toBeUndefined();
    }
  });

  it('leaves the answers as they were', () => {
    const index = oneArticleIndex({ id: 'vote', title: 'Council vote' }, 'The council approved the budget on Monday. The vote was 7 to 2.');
    const before = ask(index, 'What did the council approve?');
    warmUp(index);
    expect(ask(index, 'What did the council approve?')).toEqual(before);
  });

  it('returns the first error a question meets instead of throwing it', () => {
    const broken = {} as SentenceIndex;
    const { error } = warmUp(broken);
    expect(error).toEqual(expect.any(String));
  });
});
