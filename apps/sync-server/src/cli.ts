import { loadConfig } from './config.ts';

const result = loadConfig(process.argv.slice(2));
if (!result.ok) {
  console.error(`steward-server: invalid configuration\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(2);
}

// The sync server itself is the next slice of work (see the sync-server issue).
// Until it lands this command validates its configuration and says what it
// would start, rather than pretending to serve.
const { config } = result;
console.log(
  [
    'steward-server: the sync server is not implemented yet; this build only validates its configuration.',
    `  would listen on   http://${config.host}:${config.port}`,
    `  database         ${config.db === 'sqlite:' ? `SQLite file in ${config.dataDir}` : config.db}`,
    `  seed             ${config.seed ?? 'none'}`,
  ].join('\n'),
);
