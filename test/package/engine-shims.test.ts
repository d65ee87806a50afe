/**
 * The browser build's stand-in for eventemitter2 (src/engine-shims/eventemitter2.ts) must do what the real package
 * does for the two methods json-rules-engine calls, `on` and `emitAsync`, including when the engine's compiled code
 * calls it as a parent constructor. Checked side by side with eventemitter2 itself.
 */
import { EventEmitter2 } from 'eventemitter2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import StandIn from '../../src/engine-shims/eventemitter2.js';
import { JSONPath, JSONPATH_REMOVED_MESSAGE } from '../../src/engine-shims/jsonpath-plus.js';

type Emitter = { on(type: string, fn: (...a: unknown[]) => unknown): Emitter; emitAsync(type: string, ...a: unknown[]): Promise<unknown[]> };

/** How json-rules-engine's Babel output extends its parent: `Parent.call(this)` inside a plain constructor. */
function subclassOf(Parent: unknown): new () => Emitter & { name: string } {
  function Child(this: { name: string }) {
    (Parent as (this: unknown) => void).call(this);
    this.name = 'rule';
  }
  Child.prototype = Object.create((Parent as { prototype: object }).prototype);
  return Child as unknown as new () => Emitter & { name: string };
}

async function outcome(p: () => Promise<unknown>): Promise<unknown> {
  try {
    return { resolved: await p() };
  } catch (e) {
    return { rejected: e instanceof Error ? e.message : e };
  }
}

describe('the eventemitter2 stand-in', () => {
  it('runs as a parent constructor called as a function, as the compiled engine calls it', () => {
    const e = new (subclassOf(StandIn))();
    expect(e.name).toBe('rule');
    expect(e.on('x', () => 1)).toBe(e);
  });

  it('behaves as eventemitter2 for on + emitAsync: order, this, arguments, awaited results, events nobody hears', async () => {
    const types = fc.constantFrom('success', 'failure', 'rule-fired', 'error', 'other');
    const plan = fc.array(fc.record({ type: types, value: fc.integer(), async: fc.boolean(), throws: fc.boolean() }), { maxLength: 6 });
    const emits = fc.array(fc.record({ type: types, args: fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(new Error('boom'))), { maxLength: 3 }) }), {
      minLength: 1,
      maxLength: 4,
    });
    await fc.assert(
      fc.asyncProperty(plan, emits, async (listeners, calls) => {
        const run = async (Emitter: unknown) => {
          const e = new (subclassOf(Emitter))();
          const seen: unknown[] = [];
          for (const l of listeners)
            e.on(l.type, function (this: unknown, ...args: unknown[]) {
              seen.push([l.type, l.value, this === e, args.length]);
              if (l.throws) return Promise.reject(new Error(`listener ${l.value}`));
              return l.async ? Promise.resolve(l.value) : l.value;
            });
          const results = [];
          for (const c of calls) results.push(await outcome(() => e.emitAsync(c.type, ...c.args)));
          return { results, seen };
        };
        expect(await run(StandIn)).toEqual(await run(EventEmitter2));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the jsonpath-plus stub', () => {
  it('throws a message that names no path and no value', () => {
    expect(() => JSONPath({ path: '$.secret', json: { secret: 'client answer' } })).toThrow(JSONPATH_REMOVED_MESSAGE);
    expect(JSONPATH_REMOVED_MESSAGE).not.toMatch(/secret|client answer/);
  });
});
