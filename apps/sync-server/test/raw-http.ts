/**
 * Talking to /trpc without the typed client: for inputs the client's types
 * would refuse (wrong types, broken JSON, oversized bodies), for reading the
 * error envelope exactly as the wire carries it, and for the live stream
 * (server-sent events), which Node has no built-in EventSource for.
 */
import { z } from 'zod';

export interface RawResponse {
  readonly status: number;
  readonly text: string;
}

function headers(token: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return token === undefined ? extra : { ...extra, authorization: `Bearer ${token}` };
}

/** POSTs `body` as is (a string, so it may be broken JSON) to a mutation. */
export async function postRaw(url: string, path: string, body: string, token?: string): Promise<RawResponse> {
  const response = await fetch(`${url}/trpc/${path}`, { method: 'POST', headers: headers(token, { 'content-type': 'application/json' }), body });
  return { status: response.status, text: await response.text() };
}

/** GETs a query with `input` serialised the way tRPC's httpLink does (no transformer). */
export async function getRaw(url: string, path: string, input: unknown, token?: string): Promise<RawResponse> {
  const response = await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: headers(token) });
  return { status: response.status, text: await response.text() };
}

const issueSchema = z.object({ path: z.string(), message: z.string() });

const errorDataSchema = z.object({
  code: z.string(),
  httpStatus: z.number(),
  path: z.string().optional(),
  stewardCode: z.string().optional(),
  issues: z.array(issueSchema).optional(),
});

const errorEnvelopeSchema = z.object({ error: z.object({ message: z.string(), code: z.number(), data: errorDataSchema }) });

export interface TrpcWireError {
  readonly message: string;
  readonly data: z.infer<typeof errorDataSchema>;
}

/** The tRPC error in a response body; throws (failing the test) when the body is not one. */
export function trpcError(text: string): TrpcWireError {
  const parsed = errorEnvelopeSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`not a tRPC error envelope: ${text.slice(0, 300)}`);
  return parsed.data.error;
}

/** A live `sync.stream` subscription read off the wire. */
export interface EventStream {
  /** Data items in arrival order ('RESYNC' or `{ collection, documents, checkpoint }`). */
  readonly items: unknown[];
  /** `serialized-error` events (the stream's way of reporting a failed procedure). */
  readonly errors: unknown[];
  /** Resolves once `done(items)` holds; rejects after `timeoutMs`. */
  until(done: (items: readonly unknown[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens a subscription over SSE and collects its events in the background until closed. */
export async function openEventStream(url: string, path: string, input: unknown, token?: string): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: headers(token, { accept: 'text/event-stream' }), signal: abort.signal });
  const body = response.body;
  if (response.status !== 200 || body === null) throw new Error(`stream did not open: HTTP ${response.status}`);
  const items: unknown[] = [];
  const errors: unknown[] = [];
  const pump = async (): Promise<void> => {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) return;
      buffer += chunk.value;
      const blocks = buffer.split(/\r?\n\r?\n/);
      buffer = blocks.pop() ?? '';
      for (const block of blocks) collect(block, items, errors);
    }
  };
  // Reading ends with an AbortError when the test closes the stream; that is the normal end.
  const pumping = pump().catch(() => undefined);
  return {
    items,
    errors,
    until: async (done, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!done(items)) {
        if (Date.now() > deadline) throw new Error(`stream condition not met within ${timeoutMs} ms; received ${JSON.stringify(items).slice(0, 500)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: async () => {
      abort.abort();
      await pumping;
    },
  };
}

/** One SSE event block: plain data is an item, `serialized-error` an error; connection and ping events are skipped. */
function collect(block: string, items: unknown[], errors: unknown[]): void {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (data.length === 0) return;
  const value: unknown = JSON.parse(data.join('\n'));
  if (event === 'message') items.push(value);
  else if (event === 'serialized-error') errors.push(value);
}
