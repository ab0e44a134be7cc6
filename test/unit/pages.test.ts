import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { buildIndex } from '../../src/core/search-index';
import { documentPage, homePage } from '../../src/server/pages';
import { articleText, textFile } from '../helpers';

const corpus = buildCorpus([
  textFile(
    'wrapped.md',
    articleText(
      { id: 'wrapped', title: 'Ministers meet' },
      'Ministers meet\n\nThe foreign ministers met in Munich on Saturday. The talks\nlasted for about an\nhour, officials said.',
    ),
  ),
]);
const index = buildIndex(corpus);

describe('the HTML pages show passages as running text', () => {
  const question = 'How long did the talks last?';
  const answer = ask(index, question);
  const passage = answer.passages[0];

  it('keeps the line wraps in the answer itself', () => {
    expect(passage?.text).toBe('The talks\nlasted for about an\nhour, officials said.');
  });

  it('shows a passage with its line wraps as single spaces, the highlights on the same words', () => {
    const html = homePage(corpus, question, { answer });
    expect(html).toContain('<blockquote>The <mark>talks</mark> <mark>lasted</mark> for about an hour, officials said.</blockquote>');
  });

  it('shows a sentence of an article page as running text', () => {
    const html = documentPage(corpus.document('wrapped')!);
    expect(html).toContain('<span class="sentence" id="s2">The talks lasted for about an hour, officials said.</span>');
  });
});
