/**
 * A worker thread of `massage-triage batch`: builds its own screener from the rule sources the main thread checked,
 * then screens chunks of lines and posts the records back with the chunk's id (the main thread restores the order).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScreenOptions } from 'massage-triage';
import { joinOutcomes, screenChunk, type Chunk } from './batch-core.js';
import { screenerFrom, type RuleSources } from './rules-source.js';

/** What the main thread gives each worker. */
export interface WorkerInit {
  readonly sources: RuleSources;
  readonly options: ScreenOptions;
}

/** A request: screen these lines. */
export interface WorkerRequest {
  readonly id: number;
  readonly chunk: Chunk;
}

/** Every message a worker sends back. */
export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly bytes: Uint8Array; readonly dispositions: readonly string[] }
  | { readonly id: number; readonly ok: false };

const port = parentPort;
const encoder = new TextEncoder();
if (port) {
  const init = workerData as WorkerInit;
  const screener = screenerFrom(init.sources);
  port.on('message', (req: WorkerRequest) => {
    screenChunk(screener, init.options, req.chunk).then(
      (outcomes) => {
        // The records go back as UTF-8 bytes whose buffer is transferred, not copied: the main thread only writes them.
        const { text, dispositions } = joinOutcomes(outcomes);
        const bytes = encoder.encode(text);
        port.postMessage({ id: req.id, ok: true, bytes, dispositions } satisfies WorkerResponse, [bytes.buffer]);
      },
      () => port.postMessage({ id: req.id, ok: false } satisfies WorkerResponse),
    );
  });
}
