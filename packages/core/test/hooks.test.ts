/**
 * Hooks as the client keeps them (src/hooks.ts): normalised once, empty means none (so such a client runs
 * no hook code), a call's hooks after the client's, and the lists copied from what the caller passed.
 * Calls with hooks against volc-mock: test/e2e-hooks.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runHooks } from '../src/hook-runners.js';
import { addHooks, normalizeHooks, type HookCall } from '../src/hooks.js';
import { VolcError } from '../src/errors/volc-error.js';

const noop = () => {};

describe('normalizeHooks', () => {
  it('gives undefined for no hooks, an empty object or empty lists', () => {
    expect(normalizeHooks(undefined, 'hooks')).toBeUndefined();
    expect(normalizeHooks({}, 'hooks')).toBeUndefined();
    expect(normalizeHooks({ beforeRequest: [], onError: [] }, 'hooks')).toBeUndefined();
  });

  it('turns a function into a list of one and keeps only the points given', () => {
    const lists = normalizeHooks({ afterResponse: noop }, 'hooks');
    expect(lists).toEqual({ afterResponse: [noop] });
    expect(Object.isFrozen(lists?.afterResponse)).toBe(true);
  });

  it('copies a list, so changing the caller’s array later changes nothing', () => {
    const given = [noop];
    const lists = normalizeHooks({ beforeRetry: given }, 'hooks');
    given.push(() => {});
    expect(lists?.beforeRetry).toHaveLength(1);
  });

  it('refuses what is not a function, naming where it was', () => {
    expect(() => normalizeHooks({ onError: [noop, null as never] }, 'options.hooks')).toThrow(
      new TypeError('options.hooks.onError[1] must be a function (got object)'),
    );
  });
});

describe('addHooks', () => {
  it('runs the client’s hooks before the call’s, and keeps either side alone as it is', () => {
    const first = () => {};
    const second = () => {};
    const client = normalizeHooks({ beforeRequest: first }, 'hooks');
    const call = normalizeHooks({ beforeRequest: second, onError: noop }, 'options.hooks');
    expect(addHooks(client, call)).toEqual({ beforeRequest: [first, second], onError: [noop] });
    expect(addHooks(client, undefined)).toBe(client);
    expect(addHooks(undefined, call)).toBe(call);
  });
});

describe('runHooks', () => {
  const call: HookCall = {
    service: 'redis',
    action: 'DescribeDBInstances',
    version: '2020-12-07',
    region: 'cn-beijing',
    host: 'redis.cn-beijing.volcengineapi.com',
    endpoint: 'https://redis.cn-beijing.volcengineapi.com',
    started: 0,
    state: {},
  };

  it('awaits a hook that returns a promise before the next one runs', async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = runHooks(
      'afterResponse',
      [
        async () => {
          await gate;
          order.push('async');
        },
        () => void order.push('sync'),
      ],
      {},
      call,
    );
    await Promise.resolve();
    expect(order).toEqual([]);
    release();
    await running;
    expect(order).toEqual(['async', 'sync']);
  });

  it('a value thrown that is not an Error is named in the message too', async () => {
    const error = await runHooks(
      'beforeRetry',
      [
        () => {
          throw 'quota';
        },
      ],
      {},
      call,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcError);
    expect((error as Error).message).toBe('redis DescribeDBInstances: the beforeRetry hook threw (quota)');
    expect((error as Error).cause).toBe('quota');
  });
});
