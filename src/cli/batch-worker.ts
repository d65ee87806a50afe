/**
 * A worker thread of `massage-triage batch`: builds its own screener from the rule sources the main thread checked,
 * then screens blocks of raw NDJSON bytes (decoding, splitting and parsing them itself) and posts the records back
 * as UTF-8 bytes with the block's id (the main thread restores the order).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScreenOptions } from 'massage-triage';
import { OutputBuffers, screenBlock, type Tally } from './batch-core.js';
import { screenerFrom, type RuleSources } from './rules-source.js';

/** What the main thread gives each worker. */
export interface WorkerInit {
  readonly sources: RuleSources;
  readonly options: ScreenOptions;
}

/**
 * A request: screen these whole lines, the first of which has number `firstLine`; or take back the buffer of records
 * that the main thread has written.
 */
export type WorkerRequest = { readonly id: number; readonly bytes: Uint8Array; readonly firstLine: number } | { readonly written: ArrayBuffer };

/** Every message a worker sends back. */
export type WorkerResponse =
  | { readonly ready: true }
  | { readonly id: number; readonly ok: true; readonly bytes: Uint8Array<ArrayBuffer>; readonly tally: Tally; readonly count: number }
  | { readonly id: number; readonly ok: false };

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const screener = screenerFrom(init.sources);
  port.postMessage({ ready: true } satisfies WorkerResponse);
  const buffers = new OutputBuffers();
  port.on('message', (req: WorkerRequest) => {
    if ('written' in req) return buffers.give(req.written);
    screenBlock(screener, init.options, req.bytes, req.firstLine, buffers).then(
      ({ bytes, tally, count }) => {
        // The records' buffer is transferred, not copied: the main thread only writes it.
        port.postMessage({ id: req.id, ok: true, bytes, tally, count } satisfies WorkerResponse, [bytes.buffer]);
      },
      () => port.postMessage({ id: req.id, ok: false } satisfies WorkerResponse),
    );
  });
}
