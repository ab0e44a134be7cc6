/**
 * Nothing in src/ knows one corpus's subject: what the bundled article is about (its
 * people, places, events, publisher) lives in the corpus's own files (corpus/aliases.yaml),
 * never in code, so that every rule holds for any English text. Comments may use the
 * article for examples; code and its strings may not name it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The bundled article's subject: names a rule in code would have to know it by. */
const SUBJECT_WORDS = [
  'Kuril', 'Kurile', 'Iturup', 'Etorofu', 'Kunashir', 'Shikotan', 'Habomai', 'Chishima', 'Northern Territories',
  'Motegi', 'Toshimitsu', 'Lavrov', 'Sergey', 'Sergei', 'Putin', 'Vladimir', 'Shinzo', 'Abe',
  'Munich', 'Security Conference', 'Soviet', 'USSR', 'Nazi', 'Great Patriotic War', 'War in the Pacific',
  'Sputnik', 'Pakistan Point',
];

const SRC = path.join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

/**
 * The code of a file without its comments, strings, templates and regular expressions
 * kept: a small lexer (a "/" after an operator, a bracket or `return` starts a regular
 * expression, as in the parser).
 */
function withoutComments(source: string): string {
  let out = '';
  let i = 0;
  const copyQuoted = (close: string) => {
    out += source[i++];
    while (i < source.length && source[i] !== close) {
      if (source[i] === '\\') out += source[i++];
      out += source[i++] ?? '';
    }
    out += source[i++] ?? '';
  };
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      copyQuoted(c);
    } else if (c === '/' && /(?:^|[=(,:;!&|?{}[\n+\-*%<>~^]|\breturn|\btypeof)\s*$/.test(out)) {
      // A regular expression: up to its closing "/", outside a character class.
      let inClass = false;
      out += source[i++];
      while (i < source.length && (source[i] !== '/' || inClass) && source[i] !== '\n') {
        if (source[i] === '\\') out += source[i++];
        else if (source[i] === '[') inClass = true;
        else if (source[i] === ']') inClass = false;
        out += source[i++] ?? '';
      }
      out += source[i++] ?? '';
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

describe('src/ knows no corpus subject', () => {
  const files = sourceFiles(SRC);

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(SUBJECT_WORDS)('no code names %s', (word) => {
    const pattern = new RegExp(`\\b${word.replace(/\s+/g, '\\s+')}`, 'i');
    const found = files.filter((file) => pattern.test(withoutComments(readFileSync(file, 'utf8')))).map((file) => path.relative(SRC, file));
    expect(found).toEqual([]);
  });

  it('strips comments but keeps strings', () => {
    expect(withoutComments("const a = 'x // y'; // Lavrov\n/* Motegi */ const b = \"Abe\";")).toBe("const a = 'x // y'; \n const b = \"Abe\";");
    expect(withoutComments("const r = /who'/; /** Putin */ const t = `a${b}c`;")).toBe("const r = /who'/;  const t = `a${b}c`;");
  });
});
