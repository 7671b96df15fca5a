export { loadConfig, serverConfigSchema } from './config.ts';
export type { ConfigResult, ServerConfig } from './config.ts';
