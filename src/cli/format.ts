/**
 * How answers read on a terminal: the short answer, then each passage with its citation.
 */
import type { Answer } from '../core/answer';

export function formatAnswer(answer: Answer): string {
  const lines: string[] = [];
  if (answer.interpreted) lines.push(`(read as: ${answer.interpreted})`);
  if (!answer.answered) {
    lines.push(answer.message ?? "The articles don't say.");
    if (answer.passages.length > 0) lines.push('', 'Closest passages (not an answer):');
  } else if (answer.short) {
    lines.push(answer.short.date ? `${answer.short.text} (${answer.short.date})` : answer.short.text);
  }
  answer.passages.forEach((passage, n) => {
    const c = passage.citation;
    lines.push('', `[${n + 1}] ${passage.text}`, `    ${c.title}, ${c.source}, ${c.published}, sentence ${c.sentence} (${c.doc} ${c.start}-${c.end})`);
  });
  return `${lines.join('\n')}\n`;
}
