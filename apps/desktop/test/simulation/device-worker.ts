/**
 * A device in its own worker thread: its own RxDB module instance, so five
 * replicas of ten collections each stay within RxDB's open-source limit of
 * 13 open collections per JS realm. Long-lived across seeds: each seed
 * opens a fresh replica here and removes it at the end.
 */
import { parentPort } from 'node:worker_threads';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { DeviceRequest, WorkerMessage } from './protocol.ts';
import { openSimDevice, type SimDevice } from './sim-device.ts';

const port = parentPort;
if (port === null) throw new Error('device-worker.ts runs as a worker thread');
const storage = getRxStorageMemory();
let device: SimDevice | undefined;

function current(): SimDevice {
  if (device === undefined) throw new Error('no replica is open on this device');
  return device;
}

async function handle(request: DeviceRequest): Promise<unknown> {
  switch (request.kind) {
    case 'open':
      if (device !== undefined) await device.close();
      device = await openSimDevice({ replica: request.replica, serverUrl: request.serverUrl, token: request.token, userId: request.userId, storage });
      return null;
    case 'op':
      return current().apply(request.op);
    case 'sync':
      return current().sync();
    case 'snapshot':
      return current().snapshot();
    case 'refusals':
      return current().refusals();
    case 'close':
      await device?.close();
      device = undefined;
      return null;
  }
}

port.on('message', (message: { id: number; request: DeviceRequest }) => {
  handle(message.request).then(
    (value) => port.postMessage({ id: message.id, ok: true, value } satisfies WorkerMessage),
    (error: unknown) => port.postMessage({ id: message.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerMessage),
  );
});
