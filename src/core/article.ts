/**
 * One corpus file -> one article, or the list of everything wrong with the file.
 *
 * A corpus file is UTF-8 text: YAML front matter between two `---` lines, then the
 * article text.
 *
 *   ---
 *   id: motegi-lavrov-munich-2020
 *   title: Japanese Foreign Minister Notes Positive Changes ...
 *   source: Pakistan Point News / Sputnik
 *   published: 2020-02-16
 *   url: https://...            (optional: where the article was first published)
 *   ---
 *   Japanese Foreign Minister Notes Positive Changes ...
 *
 *   TOKYO (Pakistan Point News / Sputnik - 16th February, 2020) ...
 *
 * The document text, which citations point into, always begins with the headline and a
 * blank line: when the body does not start with the title line, the title is put before
 * it. So the headline is sentence 0 of every document, searchable and citable.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { z } from 'zod';
import { repairReplacementCharacters } from './repair';

export interface ArticleMeta {
  /** Stable identifier, used in URLs and citations. */
  readonly id: string;
  readonly title: string;
  /** Publisher or agency, e.g. "Reuters". */
  readonly source: string;
  /** Publication date, `YYYY-MM-DD`. */
  readonly published: string;
  /** Where the article was first published, when known. */
  readonly url?: string;
}

export interface Article extends ArticleMeta {
  /** The document text that citation offsets point into. */
  readonly text: string;
}

export type ArticleResult =
  | { readonly ok: true; readonly article: Article; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Longest id: ids appear in every citation and URL. */
export const MAX_ID_LENGTH = 128;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_EXAMPLE = '2020-02-16';
/** The fields that must be text (published and url have their own messages). */
const TEXT_FIELDS = new Set(['id', 'title', 'source']);

const requiredText = (field: string) =>
  z
    .string({
      error: (issue) =>
        // A number or a boolean is explained by parseArticle, which has the text as written.
        issue.input === undefined ? `missing ${field}` : `${field} must be text`,
    })
    .trim()
    .min(1, `${field} is empty`);

const metaSchema = z.strictObject(
  {
    id: requiredText('id')
      .max(MAX_ID_LENGTH, `id is longer than ${MAX_ID_LENGTH} characters`)
      .regex(ID_PATTERN, 'id may use only letters, digits, ".", "_" and "-", and must start with a letter or digit'),
    title: requiredText('title'),
    source: requiredText('source'),
    published: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? 'missing published'
            : `published must be a date written YYYY-MM-DD, such as ${DATE_EXAMPLE}; it is ${describeValue(issue.input)}`,
      })
      .refine(isIsoDate, {
        error: (issue) => {
          const given = String(issue.input);
          return DATE_PATTERN.test(given)
            ? `published must be a real date written YYYY-MM-DD; ${given} is not a day of the calendar`
            : `published must be a real date written YYYY-MM-DD, such as ${DATE_EXAMPLE}; it is ${JSON.stringify(given)}`;
        },
      }),
    url: z.url({ protocol: /^https?$/, error: 'url must be an http or https URL' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: id, title, source, published, url)` : undefined) },
);

/**
 * Parses the bytes of one corpus file.
 * Never throws for bad input: every problem found is returned.
 */
export function parseArticle(bytes: Uint8Array): ArticleResult {
  const decoded = decodeUtf8(bytes);
  if (typeof decoded !== 'string') return { ok: false, problems: [decoded.problem] };

  const source = decoded.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const frontMatter = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(source);
  if (!frontMatter) {
    return {
      ok: false,
      problems: ['no front matter: the file must start with a "---" line, then id, title, source and published, then "---"'],
    };
  }

  const problems: string[] = [];
  const lines = new LineCounter();
  const yaml = parseDocument(frontMatter[1] ?? '', { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  // The front matter starts on the file's second line, after the opening "---".
  const fileLine = (offset: number) => lines.linePos(offset).line + 1;
  let meta: ArticleMeta | undefined;
  if (yaml.errors.length > 0) {
    problems.push(...yamlProblems(yaml.errors, frontMatter[1] ?? '', fileLine));
  } else {
    const data: unknown = yaml.toJS();
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      problems.push('front matter must be a list of "field: value" lines');
    } else {
      const parsed = metaSchema.safeParse(data);
      if (parsed.success) meta = withoutUndefined(parsed.data);
      else {
        problems.push(
          ...parsed.error.issues.map((issue) => {
            const key = issue.path[0];
            const offset = typeof key === 'string' ? fieldOffset(yaml, key) : undefined;
            const message = (typeof key === 'string' && notText(yaml, key, frontMatter[1] ?? '')) || issue.message;
            return offset === undefined ? message : `${message} (line ${fileLine(offset)})`;
          }),
        );
      }
    }
  }

  const body = source.slice(frontMatter[0].length).replace(/^\s*\n/, '').trimEnd();
  if (body.trim().length === 0) problems.push('empty text: nothing follows the front matter');
  if (problems.length > 0 || meta === undefined) return { ok: false, problems };

  const warnings: string[] = [];
  const repair = repairReplacementCharacters(body);
  if (repair.replaced > 0) {
    warnings.push(
      `replaced ${repair.replaced} U+FFFD replacement character${repair.replaced === 1 ? '' : 's'} ` +
        '(a character lost in an earlier conversion) with a dash, apostrophe or space',
    );
  }
  return { ok: true, article: { ...meta, text: withHeadline(repair.text, meta.title) }, warnings };
}

/**
 * The document text: the headline, a blank line, then the article. A body that already
 * starts with its title line keeps it (only a missing blank line after it is added, so
 * the headline never runs into the first sentence).
 */
function withHeadline(body: string, title: string): string {
  const newline = body.indexOf('\n');
  const firstLine = newline === -1 ? body : body.slice(0, newline);
  if (collapse(firstLine) !== collapse(title)) return `${title}\n\n${body}`;
  const rest = newline === -1 ? '' : body.slice(newline).replace(/^\s+/, '');
  return rest === '' ? firstLine : `${firstLine}\n\n${rest}`;
}

/**
 * One problem per front-matter line that YAML cannot read, with the line's number in the
 * file. The common case gets its fix spelled out: a value holding ": " (a headline such as
 * "Rovers win: a late goal") reads to YAML as the start of a nested field, and quoting
 * the whole value is the cure.
 */
function yamlProblems(errors: readonly YAMLError[], frontMatter: string, fileLine: (offset: number) => number): string[] {
  const sourceLines = frontMatter.split('\n');
  const byLine = new Map<number, string>();
  for (const error of errors) {
    const line = fileLine(error.pos[0]);
    if (byLine.has(line)) continue;
    const text = sourceLines[line - 2] ?? '';
    const field = /^([A-Za-z_][\w-]*):[ \t]+(.*?)[ \t]*$/.exec(text);
    const value = field?.[2] ?? '';
    const explanation =
      field && error.code === 'BLOCK_AS_IMPLICIT_KEY' && /:(?:[ \t]|$)/.test(value) && !/^["']/.test(value)
        ? `the ${field[1]} holds ": ", which YAML reads as the start of another field; quote it: ${field[1]}: ${JSON.stringify(value)}`
        : error.code === 'DUPLICATE_KEY' && field
          ? `"${field[1]}" is given more than once`
          : (error.message.split('\n')[0] ?? error.code);
    byLine.set(line, `front matter is not valid YAML on line ${line}: ${explanation}`);
  }
  return [...byLine.values()];
}

/** Where the field `key` is written in the front matter, if it is a plain mapping. */
function fieldOffset(yaml: Document, key: string): number | undefined {
  if (!isMap(yaml.contents)) return undefined;
  const pair = yaml.contents.items.find((item) => isScalar(item.key) && item.key.value === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
}

/**
 * Why a text field holds no text, when YAML read it as a number or a boolean (`id: 007`,
 * `title: 1984`, `title: yes`): quoting the value as written, not as YAML read it.
 */
function notText(yaml: Document, key: string, frontMatter: string): string | undefined {
  if (!TEXT_FIELDS.has(key) || !isMap(yaml.contents)) return undefined;
  const value = yaml.contents.items.find((item) => isScalar(item.key) && item.key.value === key)?.value;
  if (!isScalar(value) || !value.range || (typeof value.value !== 'number' && typeof value.value !== 'boolean')) return undefined;
  // As written, unless written with a tag or in quotes ("!!int 12"): then as YAML read it.
  const source = frontMatter.slice(value.range[0], value.range[1]).trim();
  const written = /^[!'"]/.test(source) ? String(value.value) : source;
  return `${key} must be text: YAML reads ${written} as a ${typeof value.value}; put it in quotes (${key}: "${written}")`;
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return `${value}, a number`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Object) return 'a mapping';
  return JSON.stringify(value) ?? String(value);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function withoutUndefined(meta: z.infer<typeof metaSchema>): ArticleMeta {
  const { url, ...rest } = meta;
  return url === undefined ? rest : { ...rest, url };
}

function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8, or says where the first byte that is not UTF-8 is. */
function decodeUtf8(bytes: Uint8Array): string | { problem: string } {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    return {
      problem: `not UTF-8: byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} at offset ${offset} (line ${line}) is not valid UTF-8; save the file as UTF-8`,
    };
  }
}

/**
 * The offset of the first byte that is not UTF-8: the longest prefix that decodes (as a
 * stream, so a sequence cut at the end is not yet an error) is found by binary search;
 * when that prefix ends inside a multi-byte sequence, the sequence's lead byte is the bad
 * one ("Caf\xE9 " has a lead byte 0xE9 that no continuation bytes follow).
 */
function firstInvalidByte(bytes: Uint8Array): number {
  const valid = longestStreamPrefix(bytes);
  for (let i = valid - 1; i >= Math.max(0, valid - 3); i--) {
    const byte = bytes[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for its lead
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return valid - i < length ? i : valid;
  }
  return valid;
}

function longestStreamPrefix(bytes: Uint8Array): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  return good;
}
