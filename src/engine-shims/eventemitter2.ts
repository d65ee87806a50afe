/**
 * Stands in for the `eventemitter2` package in the browser build (dist/index.browser.js), which bundles
 * json-rules-engine. The engine's `Engine` and `Rule` extend eventemitter2's emitter but call only two of its
 * methods: `on` (a rule's `onSuccess` / `onFailure`) and `emitAsync` (after every rule). This library registers no
 * listener and gives every rule the same plain event type, so the other 95 % of eventemitter2 (wildcards,
 * namespaces, TTLs, listener trees: about 6 KB gzip in a page) is dead weight there.
 *
 * These two methods behave as eventemitter2's do for what the engine asks of them: listeners run in the order they
 * were added, with the emitter as `this`; `emitAsync` resolves with their results; an `"error"` event that nobody
 * listens to rejects. A plain constructor function, not a class, because the engine's compiled code calls its
 * parent constructor as a function (`Parent.call(this)`). Not part of the public API, and not used by the Node builds.
 */

type Listener = (...args: unknown[]) => unknown;

const LISTENERS = Symbol('listeners');

interface Emitter {
  [LISTENERS]: Map<string, Listener[]>;
}

/** The emitter json-rules-engine extends. */
function EventEmitter(this: Emitter): void {
  this[LISTENERS] = new Map();
}

/** Adds `listener` for `type`; returns the emitter, as eventemitter2 does. */
EventEmitter.prototype.on = function on(this: Emitter, type: string, listener: Listener): Emitter {
  const list = this[LISTENERS].get(type);
  if (list) list.push(listener);
  else this[LISTENERS].set(type, [listener]);
  return this;
};

/** Calls the listeners of `type` with `args` and resolves with what they return (awaited). */
EventEmitter.prototype.emitAsync = function emitAsync(this: Emitter, type: string, ...args: unknown[]): Promise<unknown[]> {
  const list = this[LISTENERS].get(type);
  if (!list || list.length === 0) {
    if (type === 'error') return Promise.reject(args[0] instanceof Error ? args[0] : "Uncaught, unspecified 'error' event.");
    return Promise.all([]);
  }
  return Promise.all(list.slice().map((listener) => listener.apply(this, args)));
};

export default EventEmitter;
