/**
 * The service's HTML pages: a plain page to ask a question, and each article with its
 * sentences addressable as `#s<N>`. Server-rendered, no script: corpus and user text are
 * always escaped, never inserted as HTML. Corpus text is shown as running text: the
 * article's line wraps are one space (see running-text.ts).
 */
import escapeHtml from 'escape-html';
import type { Answer } from '../core/answer';
import type { Corpus, CorpusDocument } from '../core/corpus';
import { MAX_QUESTION_LENGTH } from '../core/request';
import { runningText, type TextSpan } from '../core/running-text';

const STYLE = `
  body { font: 16px/1.55 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d1d1f; }
  header a { color: inherit; text-decoration: none; }
  form { display: flex; gap: .5rem; margin: 1rem 0 1.5rem; }
  input[type=search] { flex: 1; font: inherit; padding: .5rem .75rem; border: 1px solid #999; border-radius: .4rem; }
  button { font: inherit; padding: .5rem 1rem; border-radius: .4rem; border: 1px solid #1f5fbf; background: #1f5fbf; color: #fff; cursor: pointer; }
  .meta, .cite { color: #555; font-size: .9rem; }
  .declined { border-left: 4px solid #c77700; padding-left: .75rem; }
  ol.passages li { margin-bottom: .9rem; }
  blockquote { margin: 0 0 .2rem; }
  .sentence:target { background: #fff0a8; box-shadow: 0 0 0 2px #fff0a8; border-radius: 2px; scroll-margin-top: 30vh; }
  .error { color: #a40000; }
  .short { font-size: 1.2rem; }
  mark { background: #fff0a8; color: inherit; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><a href="/"><strong>citeqa</strong></a>: answers from the articles, with citations</header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The home page: a question box, the answer when `result` is given, and the articles. */
/**
 * The chat page: the widget fills the page (it mounts on #citeqa-root), with the articles
 * listed below. Without script, the plain form still asks (GET /?q=).
 */
export function chatPage(corpus: Corpus): string {
  return layout(
    'citeqa',
    `<div id="citeqa-root"></div>
<noscript>${askForm('')}</noscript>
<script src="/widget.js" data-mode="page" data-title="Ask about the articles" defer></script>
${articleList(corpus)}`,
  );
}

function askForm(question: string): string {
  return `<form method="get" action="/" role="search">
  <label for="q" hidden>Question</label>
  <input type="search" id="q" name="q" value="${escapeHtml(question)}" maxlength="${MAX_QUESTION_LENGTH}" placeholder="Ask about the articles, e.g. How long did the meeting last?" autofocus required>
  <button type="submit">Ask</button>
</form>`;
}

function articleList(corpus: Corpus): string {
  const docs = corpus.documents
    .map((doc) => `<li><a href="/docs/${encodeURIComponent(doc.id)}">${escapeHtml(doc.title)}</a> <span class="meta">${escapeHtml(doc.source)}, ${escapeHtml(doc.published)}</span></li>`)
    .join('\n');
  return `<h2>Articles</h2>\n<ul>\n${docs}\n</ul>`;
}

/** The answer page of the plain form (GET /?q=): works without script, and as a link. */
export function homePage(corpus: Corpus, question: string, result?: { answer: Answer } | { error: string }): string {
  let outcome = '';
  if (result && 'error' in result) outcome = `<p class="error" role="alert">${escapeHtml(result.error)}</p>`;
  else if (result) outcome = answerHtml(result.answer);
  return layout(question ? `${question} · citeqa` : 'citeqa', `${askForm(question)}\n${outcome}\n${articleList(corpus)}`);
}

/** The passage as running text with its matched words in <mark>, every piece escaped. */
function markedText(exact: string, highlights: readonly TextSpan[]): string {
  const { text, spans } = runningText(exact, highlights);
  let html = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at || end > text.length) continue;
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

function answerHtml(answer: Answer): string {
  const items = answer.passages
    .map((p) => {
      const c = p.citation;
      return `<li><blockquote>${markedText(p.text, p.highlights)}</blockquote>
<span class="cite"><a href="${escapeHtml(c.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(c.title)}</a>, ${escapeHtml(c.source)}, ${escapeHtml(c.published)}, sentence ${c.sentence}</span></li>`;
    })
    .join('\n');
  const read = answer.interpreted ? `<p class="meta">Read as: ${escapeHtml(answer.interpreted)}</p>\n` : '';
  if (answer.answered) {
    const short = answer.short ? `<p class="short"><strong>${escapeHtml(runningText(answer.short.text).text)}</strong>${answer.short.date ? ` <span class="meta">(${escapeHtml(answer.short.date)})</span>` : ''}</p>\n` : '';
    return `<section aria-live="polite"><h2>Answer</h2>\n${read}${short}<ol class="passages">\n${items}\n</ol></section>`;
  }
  const closest = items ? `<p>Closest passages, <strong>not an answer</strong>:</p>\n<ol class="passages">\n${items}\n</ol>` : '';
  return `<section class="declined" aria-live="polite"><h2>No answer</h2>\n${read}<p>${escapeHtml(answer.message ?? "The articles don't say.")}</p>\n${closest}</section>`;
}

/**
 * One article; sentence N is the element `#sN`, highlighted when it is the URL's target.
 * The first paragraph is the headline (the loader puts it there).
 */
export function documentPage(doc: CorpusDocument): string {
  const { text } = doc;
  let html = '<p>';
  let at = 0;
  doc.sentences.forEach((span, n) => {
    html += gapHtml(text.slice(at, span.start));
    html += `<span class="sentence" id="s${n}">${escapeHtml(runningText(text.slice(span.start, span.end)).text)}</span>`;
    at = span.end;
  });
  html += `${gapHtml(text.slice(at))}</p>`;
  const original = doc.url ? ` · <a href="${escapeHtml(doc.url)}" rel="noopener noreferrer">original</a>` : '';
  return layout(
    `${doc.title} · citeqa`,
    `<article>
<p class="meta">${escapeHtml(doc.source)} · <time datetime="${escapeHtml(doc.published)}">${escapeHtml(doc.published)}</time>${original}</p>
${html.replace('<p>', '<h1>').replace('</p>', '</h1>')}
</article>`,
  );
}

/** Text between sentences: a blank line starts a new paragraph, anything else stays as is. */
function gapHtml(gap: string): string {
  return gap
    .split(/\n[ \t]*\n\s*/)
    .map((part) => escapeHtml(part))
    .join('</p>\n<p>');
}

export function notFoundPage(what: string): string {
  return layout('Not found · citeqa', `<h1>Not found</h1>\n<p>${escapeHtml(what)}</p>\n<p><a href="/">Ask a question</a></p>`);
}
