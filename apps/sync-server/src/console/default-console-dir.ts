/**
 * Where the CLI finds the web console without being told: the desktop
 * renderer's build in the same checkout (apps/desktop/out/renderer), when it
 * has been built. A server installed without the desktop simply serves no console.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `srcDir` is the server's src folder (the CLI's own directory). */
export function defaultConsoleDir(srcDir: string): string | undefined {
  const dir = resolve(srcDir, '..', '..', 'desktop', 'out', 'renderer');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}
