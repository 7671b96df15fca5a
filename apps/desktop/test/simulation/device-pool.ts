/** The main thread's handle on the device workers: typed request/response over postMessage. */
import { Worker } from 'node:worker_threads';
import type { DeviceRequest, DeviceResponses, WorkerMessage } from './protocol.ts';

export interface DeviceHandle {
  readonly index: number;
  call<K extends DeviceRequest['kind']>(request: Extract<DeviceRequest, { kind: K }>): Promise<DeviceResponses[K]>;
  terminate(): Promise<void>;
}

export function startDeviceWorker(index: number): DeviceHandle {
  const worker = new Worker(new URL('./device-worker.ts', import.meta.url));
  let next = 0;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error): void => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('message', (message: WorkerMessage) => {
    const entry = waiting.get(message.id);
    if (entry === undefined) return;
    waiting.delete(message.id);
    if (message.ok) entry.resolve(message.value);
    else entry.reject(new Error(`device ${index}: ${message.error}`));
  });
  worker.on('error', (error: Error) => failAll(new Error(`device ${index} worker failed: ${error.message}`)));
  worker.on('exit', (code) => failAll(new Error(`device ${index} worker exited (${code})`)));
  return {
    index,
    call: (request) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        worker.postMessage({ id, request });
      }),
    terminate: async () => {
      await worker.terminate();
    },
  };
}
