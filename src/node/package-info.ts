/**
 * The package's own files: its root, its version (from package.json) and the bundled
 * corpus. Paths are two levels above this file in src/node and dist/node alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

export const PACKAGE_VERSION: string = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The corpus bundled with the package: `corpus/` at the package root. */
export function defaultCorpusDir(): string {
  return path.join(PACKAGE_ROOT, 'corpus');
}
