export { loadConfig, serverConfigSchema } from './config.ts';
export type { ConfigResult, ServerConfig } from './config.ts';
/** The tRPC API's type, for clients (the desktop console) that import it as a type only. */
export type { AppRouter } from './trpc/router.ts';
