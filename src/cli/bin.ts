#!/usr/bin/env node
/**
 * The executable: starts the worker threads of a `batch` run first (they load the library while this thread loads it
 * too, see batch-threads.ts), then loads and runs the command line (main.ts).
 */
import { startEarlyWorkers } from './batch-threads.js';

const [command, ...args] = process.argv.slice(2);
if (command === 'batch') startEarlyWorkers(args);
await import('./main.js');
