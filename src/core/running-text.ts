/**
 * Passages as a reader sees them. A passage keeps the article's line wraps (`\n`) in the
 * protocol, where its text and offsets must be exact; shown, it is running text: every
 * run of whitespace, line breaks included, is one space. Spans into the exact text (the
 * highlights) are moved onto the shown text, so they mark the same words.
 */

/** HTML's collapsible whitespace, and the Unicode line and paragraph separators. */
const WHITESPACE = /[ \t\n\r\f\v\u2028\u2029]/;

export type TextSpan = readonly [start: number, end: number];

export interface RunningText {
  readonly text: string;
  readonly spans: readonly TextSpan[];
}

/**
 * `text` with each whitespace run as one space, and `spans` (offsets into `text`) mapped
 * onto it. A span that starts or ends inside a run keeps that run's one space only when
 * the run's first character is inside the span. Linear in the text's length.
 */
export function runningText(text: string, spans: readonly TextSpan[] = []): RunningText {
  // at[i]: where character i of `text` lands, or would, in the shown text.
  const at = new Uint32Array(text.length + 1);
  let shown = '';
  let inRun = false;
  for (let i = 0; i < text.length; i++) {
    at[i] = shown.length;
    const space = WHITESPACE.test(text[i] as string);
    if (!space) shown += text[i];
    else if (!inRun) shown += ' ';
    inRun = space;
  }
  at[text.length] = shown.length;
  const clamp = (offset: number) => at[Math.max(0, Math.min(text.length, offset))] ?? shown.length;
  return { text: shown, spans: spans.map(([start, end]): TextSpan => [clamp(start), clamp(end)]) };
}
