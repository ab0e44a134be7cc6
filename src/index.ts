// The package's public API: the pure core, the protocol, and the service for embedding.
export { ask, citationUrl, type Answer, type AskOptions, type Citation, type Passage } from './core/answer';
export { parseArticle, type Article, type ArticleMeta, type ArticleResult } from './core/article';
export { buildCorpus, type Corpus, type CorpusDocument, type CorpusFile } from './core/corpus';
export { ALIASES_FILE, parseAliases, type AliasesResult, type AliasKind, type CorpusAlias } from './core/corpus-aliases';
export { CiteqaError, CorpusError, type CorpusProblem, type ErrorCode } from './core/errors';
export { DEFAULT_LIMIT, MAX_LIMIT, MAX_QUESTION_LENGTH } from './core/request';
export { buildIndex, type SentenceIndex, type SentenceRef } from './core/search-index';
export { splitSentences, type Span } from './core/sentences';
export { loadCorpusDir, readCorpusDir } from './node/corpus-dir';
export * from './protocol/messages';
export { parseClientMessage, type ParseResult } from './protocol/parse';
export { readServerFrame, type ServerFrame } from './protocol/read-server';
export { loadConfig, type Config } from './server/config';
export { createService, type Service } from './server/service';
export { CiteqaClient, CiteqaClientError, type AnswerReply, type ClientErrorCode, type ClientOptions, type ClientStatus } from './client';
