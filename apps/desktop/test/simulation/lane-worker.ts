/**
 * One lane of a parallel simulation run (lanes.ts): its own sync server and
 * its own five device workers, running the seeds the main thread hands it,
 * one at a time. Seeds share nothing but the machine: each has its own
 * tenant, people and replicas, so a seed plays out the same in any lane.
 */
import { parentPort } from 'node:worker_threads';
import type { LaneRequest, LaneResponse } from './lanes.ts';
import { startSimulation } from './simulation.ts';

const port = parentPort;
if (port === null) throw new Error('lane-worker.ts runs as a worker thread');
const simulation = await startSimulation();

port.on('message', (request: LaneRequest) => {
  const answer = (response: LaneResponse): void => port.postMessage(response);
  if (request.kind === 'close') {
    simulation.close().then(
      () => answer({ kind: 'closed' }),
      (error: unknown) => answer({ kind: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
    return;
  }
  simulation.runSeed(request.seed).then(
    (result) => answer({ kind: 'result', result }),
    (error: unknown) => answer({ kind: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
port.postMessage({ kind: 'ready' } satisfies LaneResponse);
