import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const result = loadConfig([], { XDG_DATA_HOME: '/tmp/xdg' });
    expect(result).toEqual({ ok: true, config: { port: 4848, host: '127.0.0.1', db: 'sqlite:', dataDir: '/tmp/xdg/steward', seed: undefined, demoEvents: undefined } });
  });

  it('lets flags win over the environment', () => {
    const result = loadConfig(['--port', '9000', '--db', 'postgres://127.0.0.1/test', '--seed', 'demo'], { PORT: '7000', DATABASE_URL: 'sqlite:' });
    expect(result.ok && result.config).toMatchObject({ port: 9000, db: 'postgres://127.0.0.1/test', seed: 'demo' });
  });

  it('takes the demo history size', () => {
    const result = loadConfig(['--seed', 'demo', '--demo-events', '100000'], {});
    expect(result.ok && result.config).toMatchObject({ seed: 'demo', demoEvents: 100_000 });
  });

  it('treats an empty environment variable as unset', () => {
    const result = loadConfig([], { DATABASE_URL: '', PORT: '', XDG_DATA_HOME: '/tmp/xdg' });
    expect(result.ok && result.config).toMatchObject({ db: 'sqlite:', port: 4848, dataDir: '/tmp/xdg/steward' });
  });

  it('reads the environment', () => {
    const result = loadConfig([], { PORT: '7000', STEWARD_DATA_DIR: '/srv/steward' });
    expect(result.ok && result.config).toMatchObject({ port: 7000, dataDir: '/srv/steward' });
  });

  it.each([
    [['--port', 'eighty'], '--port / PORT: must be a whole number from 0 to 65535'],
    [['--port', '70000'], '--port / PORT'],
    [['--db', 'mysql://x'], '--db / DATABASE_URL'],
    [['--seed', 'production'], '--seed'],
    [['--demo-events', '0'], '--demo-events: must be a whole number from 1 to 1,000,000'],
    [['--demo-events', 'many'], '--demo-events'],
    [['--verbose'], "Unknown option '--verbose'"],
  ])('explains bad input %j', (argv, fragment) => {
    const result = loadConfig(argv, {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.join('\n')).toContain(fragment);
  });
});
