/**
 * Answers as DOM. Every piece of question, corpus and server text goes in through
 * textContent, never as HTML; links are built from citation fields, on the service's
 * origin, with http or https only. Corpus text is shown as running text: the article's
 * line wraps are one space (see running-text.ts).
 */
import type { AnswerReply } from '../client';
import type { Passage } from '../core/answer';
import { runningText } from '../core/running-text';

type Children = ReadonlyArray<Node | string | undefined | false>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, children: Children = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) if (child !== undefined && child !== false) node.append(child);
  return node;
}

/** A link to the article at the cited sentence, or undefined when the URL is not http(s). */
export function citationHref(url: string, origin: string): string | undefined {
  try {
    const href = new URL(url, origin);
    return href.protocol === 'http:' || href.protocol === 'https:' ? href.href : undefined;
  } catch {
    return undefined;
  }
}

/** The passage text, as running text, with the matched words in <mark>. */
function markedText(passage: Passage): DocumentFragment {
  const { text, spans } = runningText(passage.text, passage.highlights);
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at || end > text.length) continue;
    fragment.append(text.slice(at, start), el('mark', {}, [text.slice(start, end)]));
    at = end;
  }
  fragment.append(text.slice(at));
  return fragment;
}

const shown = (text: string) => runningText(text).text;

export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function timeElement(at: number): HTMLTimeElement {
  return el('time', { datetime: new Date(at).toISOString() }, [formatTime(at)]);
}

/** One answer: the short answer in bold, then the numbered passages with their citations. */
export function answerElement(answer: AnswerReply, origin: string): HTMLElement {
  const body: Node[] = [];
  if (answer.interpreted) body.push(el('p', { class: 'closest' }, [`Read as: ${answer.interpreted}`]));
  if (!answer.answered) {
    body.push(el('p', { class: 'declined' }, [answer.message ?? "The articles don't say."]));
    if (answer.passages.length > 0) body.push(el('p', { class: 'closest' }, ['Closest passages (not an answer):']));
  } else if (answer.short) {
    body.push(el('p', { class: 'short' }, [shown(answer.short.text)]));
  }
  if (answer.passages.length > 0) {
    body.push(el('ol', { class: 'passages' }, answer.passages.map((passage, n) => passageElement(passage, n, origin))));
  }
  return el('div', { class: 'answer-body' }, body);
}

function passageElement(passage: Passage, n: number, origin: string): HTMLLIElement {
  const c = passage.citation;
  const href = citationHref(c.url, origin);
  const label = `${c.title}, ${c.source}, ${c.published}`;
  const cite = el('span', { class: 'cite' }, [href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, [label]) : label]);
  const around = [passage.context.before?.text, passage.context.after?.text].filter((t): t is string => Boolean(t));
  const context =
    around.length > 0
      ? el('details', { class: 'context' }, [
          el('summary', {}, ['Surrounding sentences']),
          ...(passage.context.before ? [el('p', {}, [shown(passage.context.before.text)])] : []),
          el('p', {}, [el('strong', {}, [shown(passage.text)])]),
          ...(passage.context.after ? [el('p', {}, [shown(passage.context.after.text)])] : []),
        ])
      : undefined;
  return el('li', { 'aria-label': `Passage ${n + 1}` }, [el('span', { class: 'passage-number' }, [`[${n + 1}]`]), markedText(passage), cite, context]);
}

/** The answer with its citations as plain text, for the clipboard. */
export function answerAsText(answer: AnswerReply, origin: string): string {
  const lines = [`Q: ${answer.question}`];
  if (!answer.answered) lines.push(answer.message ?? "The articles don't say.");
  else if (answer.short) lines.push(`A: ${shown(answer.short.text)}`);
  answer.passages.forEach((passage, n) => {
    const c = passage.citation;
    lines.push(`[${n + 1}] "${shown(passage.text)}" (${c.title}, ${c.source}, ${c.published}; ${citationHref(c.url, origin) ?? c.url})`);
  });
  return lines.join('\n');
}
