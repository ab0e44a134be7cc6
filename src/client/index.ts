export { CiteqaClient, type AnswerReply, type AskOptions, type ClientOptions, type ClientStatus, type ReconnectOptions, type SocketEvent, type SocketFactory, type SocketLike } from './client';
export { CiteqaClientError, type ClientErrorCode } from './errors';
