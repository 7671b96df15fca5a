/**
 * Serves the web console — the desktop renderer as electron-vite builds it —
 * at `/`, so a browser pointed at the sync server gets the same console the
 * Electron app ships, talking to this server's /trpc on the same origin.
 *
 * A few dozen lines instead of @fastify/static: the console is a handful of
 * hashed files, and what matters here (a strict CSP on every answer, no path
 * ever leaving the console folder, SPA fallback) is easier to see and test
 * when it is written out.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** connect-src 'self': the served console only ever talks to the server that served it. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // With COOP, COEP makes the console cross-origin isolated: its process holds no other site's data, and its
  // clocks (performance.now, animation-frame times) keep their full precision instead of 100 µs with jitter.
  // Costs nothing: the CSP already loads every resource from this origin.
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file a request path names inside `root`, or null when the path is
 * malformed or would leave `root` (`..` segments, encoded or not, NUL bytes,
 * backslashes). Pure, so every traversal trick can be tested without a server.
 */
export function resolveConsolePath(root: string, urlPath: string): string | null {
  const pathOnly = urlPath.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathOnly);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) return null;
  const base = resolve(root);
  const candidate = resolve(base, ...segments);
  return candidate === base || candidate.startsWith(base + sep) ? candidate : null;
}

/** Hashed build assets never change under their name; everything else is revalidated. */
function cacheControl(urlPath: string): string {
  return urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/**
 * The console folder's real path, checked before the server opens anything:
 * a missing build is a clear start-up error, not a blank page.
 */
export async function consoleRootOf(consoleDir: string): Promise<string> {
  // Symlinks inside the folder are followed once, here: requests are then checked against the real root.
  const root = await realpath(resolve(consoleDir)).catch(() => null);
  if (root === null || (await fileSize(resolve(root, 'index.html'))) === null) {
    throw new Error(`consoleDir ${consoleDir} has no index.html: build the desktop renderer first (pnpm --filter @steward/desktop build)`);
  }
  return root;
}

/** Registers `GET /*` (and HEAD): files from the console root, index.html for client-side routes. */
export function registerConsole(server: FastifyInstance, root: string): void {
  const index = resolve(root, 'index.html');
  const sendFile = (reply: FastifyReply, path: string, size: number, urlPath: string): FastifyReply =>
    reply
      .headers(SECURITY_HEADERS)
      .header('cache-control', cacheControl(urlPath))
      .header('content-length', size)
      .type(CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream')
      .send(createReadStream(path));

  const notFound = (reply: FastifyReply): FastifyReply => reply.code(404).headers(SECURITY_HEADERS).type('text/plain; charset=utf-8').send('Not found');

  server.get('/*', async (request, reply) => {
    const urlPath = request.url.split('?')[0] ?? '/';
    const path = resolveConsolePath(root, urlPath);
    if (path === null || urlPath === '/trpc' || urlPath.startsWith('/trpc/')) return notFound(reply);
    const real = await realpath(path).catch(() => null);
    const size = real !== null && (real === root || real.startsWith(root + sep)) ? await fileSize(real) : null;
    if (real !== null && size !== null) return sendFile(reply, real, size, urlPath);
    // A missing asset is a 404; an extensionless path is a console route, answered by the app shell.
    if (extname(path) !== '') return notFound(reply);
    const indexSize = await fileSize(index);
    return indexSize === null ? notFound(reply) : sendFile(reply, index, indexSize, '/');
  });
}
