/**
 * What a corpus knows of its own subject that no general resource gives: the names its
 * readers and its articles use for the same place, person or thing. Code holds only what
 * is true of any English text (countries, capitals, demonyms, titles, WordNet); a corpus
 * about one story ships the rest in an optional `aliases.yaml` beside its articles:
 *
 *   aliases:
 *     - names: [Kuril Islands, Kurils, Southern Kurils, Northern Territories]
 *       also: [island]          # what these names also stand for (another name or a word)
 *       kind: place             # optional: place (a place's names) or demonym (an adjective
 *                               # of a people or state, "Soviet": leads into a name, is none)
 *
 * The first name gives the entry's term; every name is matched as a phrase (whatever its
 * case, except a name written in capitals, "USSR", which matches capitals only). `also`
 * names are read through the built-in lexicon ("Second World War" stands for WWII's term)
 * or as words ("island").
 *
 * Parsed like the articles: YAML, then a strict schema; every problem is reported with the
 * file, the line and what to write instead, and unknown keys are refused.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import type { CorpusProblem } from './errors';

/** The file a corpus directory may hold beside its articles. */
export const ALIASES_FILE = 'aliases.yaml';

/** What an alias entry's names are, beyond names of the same thing. */
export type AliasKind = 'place' | 'demonym';

export interface CorpusAlias {
  /** Names of one thing, as written (the first gives its term). */
  readonly names: readonly string[];
  /** Names or words these names also stand for ("Russia" for the USSR). */
  readonly also: readonly string[];
  readonly kind?: AliasKind;
}

/** Longest name, in characters: a name is a phrase, not a text. */
export const MAX_NAME_LENGTH = 100;
/** Most entries in one file: a corpus's own subject, not a dictionary (which belongs in code or WordNet). */
export const MAX_ENTRIES = 5000;

const name = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number' || typeof issue.input === 'boolean'
        ? `a name must be text; YAML reads one of them as ${typeof issue.input === 'number' ? 'a number' : 'true or false'}: write it in quotes`
        : `a name must be text; it is ${describe(issue.input)}`,
  })
  .trim()
  .min(1, { error: 'a name is empty', abort: true })
  .max(MAX_NAME_LENGTH, { error: (issue) => `a name is longer than ${MAX_NAME_LENGTH} characters: ${quoted(issue.input)}` })
  .regex(/\p{L}/u, { error: (issue) => `a name must hold a letter: ${quoted(issue.input)} has none` });

const entrySchema = z.strictObject(
  {
    names: z.array(name, { error: (issue) => (issue.input === undefined ? 'an entry needs names: a list such as [Myanmar, Burma]' : 'names must be a list, such as [Myanmar, Burma]') }).min(1, 'names is empty: give at least one name'),
    also: z.array(name, { error: 'also must be a list, such as [Asia]' }).optional(),
    kind: z.enum(['place', 'demonym'], { error: (issue) => `kind must be place or demonym; it is ${describe(issue.input)}` }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: names, also, kind)` : issue.input === undefined ? undefined : 'an entry must be a mapping with names (and optionally also, kind)') },
);

const fileSchema = z.strictObject(
  {
    aliases: z.array(entrySchema, { error: (issue) => (issue.input === undefined ? 'missing aliases: the file must hold "aliases:" and a list of entries' : 'aliases must be a list of entries, each "- names: [...]"') }).max(MAX_ENTRIES, `more than ${MAX_ENTRIES} entries`),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: aliases)` : undefined) },
);

export type AliasesResult = { readonly ok: true; readonly aliases: readonly CorpusAlias[] } | { readonly ok: false; readonly problems: readonly CorpusProblem[] };

/** Parses an aliases file; never throws for bad input (every problem is returned, with its line). */
export function parseAliases(bytes: Uint8Array, file: string = ALIASES_FILE): AliasesResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return { ok: false, problems: [{ file, message: 'not UTF-8: save the file as UTF-8' }] };
  }
  const lines = new LineCounter();
  const yaml = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  const line = (offset: number) => lines.linePos(offset).line;
  if (yaml.errors.length > 0) {
    return { ok: false, problems: yaml.errors.map((error) => ({ file, message: `not valid YAML on line ${line(error.pos[0])}: ${error.message.split('\n')[0] ?? error.code}` })) };
  }
  const data: unknown = yaml.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ file, message: 'the file must hold "aliases:" and a list of entries, each "- names: [...]" (line 1)' }] };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const at = offsetOf(yaml, issue.path);
      const where = issue.path.length >= 2 && typeof issue.path[1] === 'number' ? `entry ${issue.path[1] + 1}: ` : '';
      return { file, message: `${where}${issue.message}${at === undefined ? '' : ` (line ${line(at)})`}` };
    });
    return { ok: false, problems };
  }
  return {
    ok: true,
    aliases: parsed.data.aliases.map(({ names, also, kind }) => ({ names, also: also ?? [], ...(kind ? { kind } : {}) })),
  };
}

/** Where the node at `path` (or the nearest one above it) is written. */
function offsetOf(yaml: Document, path: readonly PropertyKey[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = yaml.getIn(path.slice(0, depth) as unknown[], true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range[0];
  }
  return isMap(yaml.contents) || isSeq(yaml.contents) ? yaml.contents.range?.[0] : undefined;
}

/** A name as written, for a message: quoted, and cut short when long. */
function quoted(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value) ?? String(value);
}
