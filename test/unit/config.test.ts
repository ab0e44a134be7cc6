import path from 'node:path';
import { DEFAULT_LIMITS, defaultCorpusDir, loadConfig } from '../../src/server/config';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({ port: 3000, host: '127.0.0.1', corpusDir: defaultCorpusDir(), logLevel: 'info', workers: 1, limits: DEFAULT_LIMITS });
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
      workers: 1,
      limits: DEFAULT_LIMITS,
    });
  });

  it('reads the limits of the WebSocket edge', () => {
    expect(
      loadConfig({
        MAX_FRAME_BYTES: '4096',
        ALLOWED_ORIGINS: 'https://news.example.com, https://blog.example.org',
        ALLOW_NO_ORIGIN: 'false',
        RATE_PER_SECOND: '5',
        RATE_BURST: '8',
        ANSWER_MS_PER_IP: '250',
        MAX_CONNECTIONS_PER_IP: '3',
        MAX_CONNECTIONS: '100',
        TRUST_PROXY: '1',
        HEARTBEAT_MS: '1000',
        MAX_BUFFERED_BYTES: '65536',
        CLOSE_TIMEOUT_MS: '500',
        MAX_HTTP_CONNECTIONS_PER_IP: '7',
        HEADERS_TIMEOUT_MS: '2000',
        REQUEST_TIMEOUT_MS: '4000',
        LOG_QUESTIONS: 'true',
        ANSWER_WORKER: 'true',
      }).limits,
    ).toEqual({
      maxFrameBytes: 4096,
      allowedOrigins: ['https://news.example.com', 'https://blog.example.org'],
      allowNoOrigin: false,
      ratePerSecond: 5,
      rateBurst: 8,
      answerMsPerIp: 250,
      maxConnectionsPerIp: 3,
      maxConnections: 100,
      trustProxy: 1,
      heartbeatMs: 1000,
      maxBufferedBytes: 65536,
      closeTimeoutMs: 500,
      maxHttpConnectionsPerIp: 7,
      headersTimeoutMs: 2000,
      requestTimeoutMs: 4000,
      logQuestions: true,
      answerWorker: true,
    });
  });

  it('reads WORKERS, 1 by default', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ WORKERS: '4' }).workers).toBe(4);
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
    [{ ALLOWED_ORIGINS: 'news.example.com' }, 'ALLOWED_ORIGINS must be "*" or origins like https://news.example.com'],
    [{ RATE_BURST: '0' }, 'RATE_BURST must be a whole number of at least 1'],
    [{ ANSWER_MS_PER_IP: '-5' }, 'ANSWER_MS_PER_IP must be a whole number of at least 0'],
    [{ WORKERS: '0' }, 'WORKERS must be a whole number of at least 1'],
    [{ WORKERS: '65' }, 'WORKERS must be a whole number from 1 to 64'],
    [{ LOG_QUESTIONS: 'yes' }, 'LOG_QUESTIONS must be true or false'],
    // A longer timer would fire at once: every client dropped on its first heartbeat.
    [{ HEARTBEAT_MS: '3000000000' }, 'HEARTBEAT_MS must be a whole number of milliseconds from 100 to 2147483647'],
    [{ CLOSE_TIMEOUT_MS: '50' }, 'CLOSE_TIMEOUT_MS must be a whole number of milliseconds from 100 to 2147483647'],
  ])('rejects %p with a TypeError saying what to fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(TypeError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT must be .*; LOG_LEVEL must be/);
  });
});
