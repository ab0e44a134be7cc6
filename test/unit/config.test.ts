import path from 'node:path';
import { defaultCorpusDir, loadConfig } from '../../src/server/config';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({ port: 3000, host: '127.0.0.1', corpusDir: defaultCorpusDir(), logLevel: 'info' });
  });

  it('points the default corpus at the package corpus/ directory', () => {
    expect(defaultCorpusDir()).toBe(path.resolve(__dirname, '..', '..', 'corpus'));
  });

  it('reads PORT, HOST, CORPUS_DIR and LOG_LEVEL', () => {
    expect(loadConfig({ PORT: '0', HOST: '0.0.0.0', CORPUS_DIR: 'my/articles', LOG_LEVEL: 'debug' })).toEqual({
      port: 0,
      host: '0.0.0.0',
      corpusDir: path.resolve('my/articles'),
      logLevel: 'debug',
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', CORPUS_DIR: '' }).port).toBe(3000);
  });

  it.each([
    [{ PORT: 'http' }, 'PORT must be a whole number from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535'],
    [{ PORT: '-1' }, 'PORT must be a whole number from 0 to 65535'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ HOST: '   ' }, 'HOST is empty'],
  ])('rejects %p with a TypeError saying what to fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(TypeError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT must be .*; LOG_LEVEL must be/);
  });
});
