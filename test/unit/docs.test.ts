/**
 * The README is where script writers look up what a code means: every code a client can
 * meet must be in its table, with what to do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_ONLY_ERROR_CODES } from '../../src/client/errors';
import { WIRE_ERROR_CODES } from '../../src/core/errors';
import { CAPABILITIES } from '../../src/protocol/messages';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README', () => {
  it.each([...WIRE_ERROR_CODES, ...CLIENT_ONLY_ERROR_CODES])('documents the error code %s with what a client should do', (code) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    expect(row).toBeDefined();
    // Codes the server sends have an HTTP status too; the client's own have none.
    const wire = (WIRE_ERROR_CODES as readonly string[]).includes(code);
    expect(row!.split('|').filter((cell) => cell.trim() !== '').length).toBe(wire ? 4 : 3);
  });

  it.each([...CAPABILITIES])('lists the capability %s', (capability) => {
    expect(readme).toContain(`\`${capability}\``);
  });
});
