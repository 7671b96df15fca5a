/**
 * @steward/domain: the rules both ends run. Pure TypeScript, WebCrypto only,
 * no I/O; the clock, ids and randomness are passed in.
 */
export * from './errors.ts';
export * from './schema/index.ts';
export * from './rbac/index.ts';
export * from './quota/index.ts';
export * from './ledger/index.ts';
export * from './crypto/index.ts';
export * from './rules/index.ts';
export * from './merge/index.ts';
