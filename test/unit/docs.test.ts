/**
 * The README is where script writers look up what a code means: every code a client can
 * meet must be in its table, with what to do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_ONLY_ERROR_CODES } from '../../src/client/errors';
import { WIRE_ERROR_CODES } from '../../src/core/errors';
import { CAPABILITIES } from '../../src/protocol/messages';
import { DEFAULT_LIMITS } from '../../src/server/config';

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

  describe('shell examples, which run as written on a fresh clone', () => {
    const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const lines = blocks.flatMap((block) => block.split('\n'));

    it('fetch tools from npm without stopping at npx\'s install prompt', () => {
      // npx runs this package's own command and its dependencies' without asking; others it
      // would fetch, and asks first unless told --yes.
      const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name: string; dependencies: object; devDependencies: object };
      const local = new Set([pkg.name, ...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
      const fetched = lines.flatMap((line) => [...line.matchAll(/\bnpx (--yes )?([\w@/.-]+)/g)]).filter((m) => !local.has(m[2]!));
      expect(fetched.length).toBeGreaterThan(0);
      for (const [command, yes] of fetched) expect({ command, yes }).toEqual({ command, yes: '--yes ' });
    });

    it('create the articles folder before using it', () => {
      for (const block of blocks.filter((b) => b.includes('~/articles'))) {
        const first = block.split('\n').find((line) => line.includes('~/articles'));
        expect(first).toMatch(/^mkdir -p ~\/articles && /);
      }
    });
  });

  it('gives the default HTTP limits a script meets', () => {
    const paragraph = readme.split('\n\n').find((p) => p.startsWith('A script asking over HTTP'));
    expect(paragraph).toContain(`\`RATE_BURST\` questions a second (${DEFAULT_LIMITS.rateBurst}`);
    expect(paragraph).toContain(`\`ANSWER_MS_PER_IP\` milliseconds of answering a second (${DEFAULT_LIMITS.answerMsPerIp}`);
  });
});
