/**
 * A worker thread of `massage-triage batch`: loads the library as soon as it starts, builds its own screener from the
 * rule sources the main thread checked once they come (the first message), then screens blocks of raw NDJSON bytes
 * (decoding, splitting and parsing them itself) and posts the records back as UTF-8 bytes with the block's id (the
 * main thread restores the order).
 */
import { parentPort } from 'node:worker_threads';
import type { Screener, ScreenOptions } from 'massage-triage';
import { OutputBuffers, screenBlock, type Tally } from './batch-core.js';
import { screenerFrom, type RuleSources } from './rules-source.js';

/** What the main thread gives each worker. */
export interface WorkerInit {
  readonly sources: RuleSources;
  readonly options: ScreenOptions;
}

/**
 * A request: first the rule sources and options; then screen these whole lines, the first of which has number
 * `firstLine`; or take back the buffer of records that the main thread has written.
 */
export type WorkerRequest =
  | { readonly init: WorkerInit }
  | { readonly id: number; readonly bytes: Uint8Array; readonly firstLine: number }
  | { readonly written: ArrayBuffer };

/** Every message a worker sends back. */
export type WorkerResponse =
  | { readonly ready: true }
  | { readonly id: number; readonly ok: true; readonly bytes: Uint8Array<ArrayBuffer>; readonly tally: Tally; readonly count: number }
  | { readonly id: number; readonly ok: false };

const port = parentPort;
if (port) {
  let screener: Screener | undefined;
  let options: ScreenOptions = {};
  const buffers = new OutputBuffers();
  port.on('message', (req: WorkerRequest) => {
    if ('init' in req) {
      screener = screenerFrom(req.init.sources);
      options = req.init.options;
      return port.postMessage({ ready: true } satisfies WorkerResponse);
    }
    if ('written' in req) return buffers.give(req.written);
    // Blocks come only after "ready"; one that did not would be a bug here, and fails like a worker that stopped.
    if (!screener) return port.postMessage({ id: req.id, ok: false } satisfies WorkerResponse);
    screenBlock(screener, options, req.bytes, req.firstLine, buffers).then(
      ({ bytes, tally, count }) => {
        // The records' buffer is transferred, not copied: the main thread only writes it.
        port.postMessage({ id: req.id, ok: true, bytes, tally, count } satisfies WorkerResponse, [bytes.buffer]);
      },
      () => port.postMessage({ id: req.id, ok: false } satisfies WorkerResponse),
    );
  });
}
