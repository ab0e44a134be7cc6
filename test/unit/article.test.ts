import { parseArticle } from '../../src/core/article';
import { syntheticArticles } from '../../src/bench/synthetic';
import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { buildIndex } from '../../src/core/search-index';
import { CorpusError } from '../../src/core/errors';
import { articleText, fixtureFile, SEED_ID, textFile } from '../helpers';

const encode = (text: string) => new TextEncoder().encode(text);

function problemsOf(text: string | Uint8Array): readonly string[] {
  const result = parseArticle(typeof text === 'string' ? encode(text) : text);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.problems;
}

describe('parseArticle', () => {
  it('reads the front matter and keeps the body as the document text', () => {
    const result = parseArticle(encode(articleText({ url: 'https://example.com/a' })));
    expect(result).toEqual({
      ok: true,
      warnings: [],
      article: {
        id: 'test-article',
        title: 'Headline',
        source: 'Test Wire',
        published: '2021-03-04',
        url: 'https://example.com/a',
        text: 'Headline\n\nThe ministers met in Munich. The talks lasted an hour.',
      },
    });
  });

  it('puts the title before a body that does not start with it', () => {
    const result = parseArticle(encode(articleText({}, 'The ministers met.')));
    expect(result.ok && result.article.text).toBe('Headline\n\nThe ministers met.');
  });

  it('adds a blank line after a title line that runs into the first paragraph', () => {
    const result = parseArticle(encode(articleText({}, 'Headline\nThe ministers met.')));
    expect(result.ok && result.article.text).toBe('Headline\n\nThe ministers met.');
  });

  it('accepts Windows line ends and a byte-order mark', () => {
    const text = `\uFEFF${articleText()}`.replace(/\n/g, '\r\n');
    const result = parseArticle(encode(text));
    expect(result.ok && result.article.text).toBe('Headline\n\nThe ministers met in Munich. The talks lasted an hour.');
  });

  it('loads the seed article verbatim but for the lost dash, at the same offsets', () => {
    const result = parseArticle(fixtureFile().bytes);
    if (!result.ok) throw new Error(result.problems.join('; '));
    const { article } = result;
    expect(article).toMatchObject({ id: SEED_ID, source: 'Pakistan Point News / Sputnik', published: '2020-02-16' });
    expect(article.text).not.toContain('\uFFFD');
    expect(article.text).toContain('a group of four Kuril islands \u2014 Iturup, Kunashir');
    expect(article.text.startsWith(`${article.title}\n\nTOKYO (Pakistan Point News / Sputnik - 16th February, 2020)`)).toBe(true);
    expect(result.warnings).toEqual([expect.stringContaining('replaced 1 U+FFFD')]);
  });

  it.each<[string, string | Uint8Array, string]>([
    ['missing title', articleText({ title: undefined }), 'missing title'],
    ['empty title', articleText({ title: '""' }), 'title is empty'],
    ['missing source', articleText({ source: undefined }), 'missing source'],
    ['missing id', articleText({ id: undefined }), 'missing id'],
    ['id with a slash', articleText({ id: 'a/b' }), 'id may use only letters'],
    ['an id that YAML reads as a number', articleText({ id: '12345' }), 'id must be text: YAML reads 12345 as a number; put it in quotes (id: "12345")'],
    ['a title that YAML reads as true', articleText({ title: 'true' }), 'title must be text: YAML reads true as a boolean'],
    ['an id written with a leading zero', articleText({ id: '007' }), 'id must be text: YAML reads 007 as a number; put it in quotes (id: "007") (line 2)'],
    ['a title written as a YAML 1.1 boolean', articleText({ title: 'True' }), 'title must be text: YAML reads True as a boolean; put it in quotes (title: "True")'],
    ['an id tagged as a number', articleText({ id: '!!int "12"' }), 'id must be text: YAML reads 12 as a number; put it in quotes (id: "12")'],
    ['a source that YAML reads as a float', articleText({ source: '1.50' }), 'source must be text: YAML reads 1.50 as a number; put it in quotes (source: "1.50")'],
    ['missing date', articleText({ published: undefined }), 'missing published'],
    ['a date that is not ISO', articleText({ published: '16 February 2020' }), 'published must be a real date written YYYY-MM-DD'],
    ['a date that does not exist', articleText({ published: '2020-02-30' }), 'published must be a real date written YYYY-MM-DD'],
    ['a date that YAML reads as a number', articleText({ published: '2020' }), 'published must be a date written YYYY-MM-DD'],
    ['a url that is not http', articleText({ url: 'javascript:alert(1)' }), 'url must be an http or https URL'],
    ['an unknown field', articleText({ author: 'X' }), 'unknown field "author"'],
    ['empty text', articleText({}, '   \n\n'), 'empty text'],
    ['no front matter', 'Just an article.\n', 'no front matter'],
    ['front matter that is not YAML', '---\ntitle: [unclosed\n---\nText.\n', 'front matter is not valid YAML'],
    ['front matter that is a list', '---\n- a\n- b\n---\nText.\n', 'front matter must be a list of "field: value" lines'],
    ['a repeated field', '---\nid: a\nid: b\ntitle: T\nsource: S\npublished: 2020-01-01\n---\nText.\n', 'front matter is not valid YAML'],
    ['bytes that are not UTF-8', new Uint8Array([...encode(articleText({}, 'Caf')), 0xe9, 0x20, 0x2e]), 'not UTF-8: byte 0xe9'],
  ])('rejects %s', (_name, text, message) => {
    expect(problemsOf(text)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  it('reports every problem of a file at once', () => {
    const problems = problemsOf(articleText({ title: undefined, published: 'soon' }, ''));
    expect(problems).toEqual(
      expect.arrayContaining([
        'missing title',
        expect.stringContaining('published must be'),
        expect.stringContaining('empty text'),
      ]),
    );
  });

  it('regression: a headline with a colon gets the line and the quoted title to write instead', () => {
    expect(problemsOf(articleText({ title: 'Rovers win: a late goal' }))).toEqual([
      'front matter is not valid YAML on line 3: the title holds ": ", which YAML reads as the start of another field; quote it: title: "Rovers win: a late goal"',
    ]);
  });

  it('quotes a value with a colon so that YAML reads back the same text', () => {
    const problem = problemsOf(articleText({ title: 'Say "no": a \\ vote' }))[0] ?? '';
    const fix = problem.slice(problem.indexOf('quote it: ') + 'quote it: '.length);
    const result = parseArticle(encode(articleText({ title: fix.slice('title: '.length) })));
    expect(result.ok && result.article.title).toBe('Say "no": a \\ vote');
  });

  it.each<[string, Record<string, string>, string]>([
    ['a date in words', { published: '16 February 2020' }, 'published must be a real date written YYYY-MM-DD, such as 2020-02-16; it is "16 February 2020" (line 5)'],
    ['a day that does not exist', { published: '2020-02-30' }, 'published must be a real date written YYYY-MM-DD; 2020-02-30 is not a day of the calendar (line 5)'],
    ['a year alone', { published: '2020' }, 'published must be a date written YYYY-MM-DD, such as 2020-02-16; it is 2020, a number (line 5)'],
    ['a list', { published: '[2020, 2, 16]' }, 'published must be a date written YYYY-MM-DD, such as 2020-02-16; it is a list (line 5)'],
  ])('shows the value of a bad date and the form expected: %s', (_name, fields, message) => {
    expect(problemsOf(articleText(fields))).toEqual([message]);
  });

  it('names the line of a YAML error within the file, and a field given twice', () => {
    expect(problemsOf('---\nid: a\ntitle: "Quoted" then not\nsource: S\npublished: 2020-01-01\n---\nText.\n')).toEqual([
      expect.stringMatching(/^front matter is not valid YAML on line 3: /),
    ]);
    expect(problemsOf('---\nid: a\ntitle: T\nid: b\nsource: S\npublished: 2020-01-01\n---\nText.\n')).toEqual([
      'front matter is not valid YAML on line 4: "id" is given more than once',
    ]);
  });

  it('counts lines from the top of the file whatever the line ends and byte-order mark', () => {
    const text = `\uFEFF${articleText({ title: 'Rovers win: a late goal' })}`.replace(/\n/g, '\r\n');
    expect(problemsOf(text)).toEqual([expect.stringContaining('on line 3:')]);
  });

  it('says on which line a byte that is not UTF-8 stands', () => {
    const bytes = encode(articleText({}, 'Line one.\nLine two \u0000.'));
    const bad = bytes.lastIndexOf(0);
    bytes[bad] = 0xff;
    expect(problemsOf(bytes)).toEqual([expect.stringMatching(/byte 0xff at offset \d+ \(line 8\)/)]);
  });

  it('regression: a bad byte right after a complete multi-byte character is the one reported', () => {
    const good = encode(articleText({}, 'Caf\u00e9'));
    const bytes = new Uint8Array([...good.subarray(0, -1), 0xff]);
    expect(problemsOf(bytes)).toEqual([expect.stringContaining(`byte 0xff at offset ${good.length - 1}`)]);
  });
});

describe('buildCorpus', () => {
  it('splits every document into sentences', () => {
    const corpus = buildCorpus([fixtureFile()]);
    expect(corpus.documents).toHaveLength(1);
    expect(corpus.sentenceCount).toBe(16);
    expect(corpus.document(SEED_ID)?.sentences).toHaveLength(16);
    expect(corpus.warnings).toEqual([{ file: '2020-02-16-motegi-lavrov-munich.md', message: expect.stringContaining('U+FFFD') }]);
  });

  it('orders the documents by id, whatever order the files come in, so the same articles make the same index', () => {
    const files = syntheticArticles(30, 5);
    const shuffled = [...files].reverse();
    const ids = buildCorpus(shuffled).documents.map((d) => d.id);
    expect(ids).toEqual([...ids].sort());
    const one = buildIndex(buildCorpus(files));
    const other = buildIndex(buildCorpus(shuffled));
    for (const question of ['How long did the meeting last?', 'Who proposed the trade agreement?']) {
      expect(ask(other, question)).toEqual(ask(one, question));
    }
  });

  it('rejects a duplicate id, naming both files', () => {
    const files = [textFile('a.md', articleText({ id: 'same' })), textFile('b.md', articleText({ id: 'same' }))];
    expect(() => buildCorpus(files)).toThrow(CorpusError);
    expect(() => buildCorpus(files)).toThrow('b.md: duplicate id "same" (also used by a.md)');
  });

  it('lists the problems of every bad file, not just the first', () => {
    const files = [
      textFile('good.md', articleText()),
      textFile('no-title.md', articleText({ id: 'x', title: undefined })),
      textFile('bad-date.md', articleText({ id: 'y', published: '2020-13-01' })),
    ];
    let error: unknown;
    try {
      buildCorpus(files);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CorpusError);
    expect((error as CorpusError).code).toBe('corpus_invalid');
    expect((error as CorpusError).problems).toEqual([
      { file: 'no-title.md', message: 'missing title' },
      { file: 'bad-date.md', message: expect.stringContaining('published must be') },
    ]);
  });

  it('rejects an empty corpus', () => {
    expect(() => buildCorpus([])).toThrow('no articles');
  });
});
