/**
 * Hooks (`ClientConfig.hooks`, `CallOptions.hooks`) on the generated Redis client against @volc-ts/mock over
 * HTTP on 127.0.0.1: what each hook sees, what `beforeRequest` adds (signed, checked by the mock), async
 * hooks, the client's and the call's hooks together, and a hook that throws.
 */
import {
  defaultTransport,
  type AfterResponseContext,
  type BeforeRequestContext,
  type BeforeRetryContext,
  type ErrorContext,
} from '@volc-ts/core';
import { startMockServer, type MockServer } from '@volc-ts/mock';
import {
  RedisClient,
  VolcError,
  VolcServiceError,
  VolcValidationError,
  type ClientConfig,
  type DescribeCrossRegionBackupsRequest,
} from '@volc-ts/redis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const ACTION = 'DescribeCrossRegionBackups';
const INPUT: DescribeCrossRegionBackupsRequest = { Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 };

/** A client of the mock; retries wait 0 ms (a zero backoff base), so retry tests need no timers. */
function client(config: ClientConfig = {}): RedisClient {
  return new RedisClient({
    region: 'cn-beijing',
    endpoint: mock.url,
    credentials: mock.credentials,
    retryDelays: { baseDelay: 0, throttlingBaseDelay: 0, maxDelay: 0 },
    ...config,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

const signedHeaders = (authorization: unknown) => /SignedHeaders=([^,]+)/.exec(String(authorization))?.[1]?.split(';');

describe('beforeRequest', () => {
  it('adds a header that is signed with the rest, and the mock verifies the signature', async () => {
    const redis = client({
      hooks: {
        beforeRequest: (context) => {
          context.headers['X-Trace-Id'] = `trace-${context.attempt}`;
        },
      },
    });
    const result = await redis.describeCrossRegionBackups(INPUT);
    expect(result.$metadata.RequestId).toBeTruthy();
    const [sent] = mock.requestsFor(ACTION);
    expect(sent!.status).toBe(200);
    expect(sent!.headers['x-trace-id']).toBe('trace-1');
    expect(signedHeaders(sent!.headers.authorization)).toContain('x-trace-id');
  });

  it('the added header is part of the signature: changed after signing, the mock refuses the call', async () => {
    const send = defaultTransport();
    const redis = client({
      maxAttempts: 1,
      hooks: { beforeRequest: (context) => void (context.headers['X-Trace-Id'] = 'signed value') },
      transport: (request) => send({ ...request, headers: { ...request.headers, 'X-Trace-Id': 'changed' } }),
    });
    const error = await rejection(redis.describeCrossRegionBackups(INPUT));
    expect((error as VolcServiceError).code).toBe('SignatureDoesNotMatch');
  });

  it('replaces the SDK’s Accept or User-Agent whatever the case, sending each once', async () => {
    const redis = client({
      hooks: {
        beforeRequest: ({ headers }) => {
          headers['user-agent'] = 'billing-job/1.0';
          headers.ACCEPT = 'application/json; charset=utf-8';
        },
      },
    });
    await redis.describeCrossRegionBackups(INPUT);
    const [sent] = mock.requestsFor(ACTION);
    expect(sent!.status).toBe(200);
    expect(sent!.headers['user-agent']).toBe('billing-job/1.0');
    expect(sent!.headers.accept).toBe('application/json; charset=utf-8');
  });

  it('adds a query member that is signed and sent in canonical order', async () => {
    const redis = client({
      hooks: {
        beforeRequest: (context) => {
          context.query.Aaa = 'first in order';
        },
      },
    });
    await redis.describeCrossRegionBackups(INPUT);
    const [sent] = mock.requestsFor(ACTION);
    expect(sent!.status).toBe(200);
    expect(sent!.query.Aaa).toBe('first in order');
    expect(sent!.url).toMatch(/^\/\?Aaa=first%20in%20order&Action=/);
  });

  it('runs before every attempt with its number, and sees no credentials', async () => {
    mock.failNext(ACTION, { code: 'InternalError', times: 1 });
    const seen: BeforeRequestContext[] = [];
    const redis = client({ hooks: { beforeRequest: (context) => void seen.push(structuredClone(context)) } });
    await redis.describeCrossRegionBackups(INPUT);
    expect(seen.map((c) => c.attempt)).toEqual([1, 2]);
    expect(seen[0]!.call).toMatchObject({ service: 'redis', action: ACTION, region: 'cn-beijing' });
    expect(seen[0]!.method).toBe('POST');
    expect(JSON.stringify(seen)).not.toContain(mock.credentials.secretAccessKey);
    expect(JSON.stringify(seen)).not.toContain(mock.credentials.accessKeyId);
    // Each attempt starts from no additions: a header set on attempt 1 is not carried over.
    expect(seen[1]!.headers).toEqual({});
  });

  it('refuses a header the signature depends on, naming it', async () => {
    const redis = client({ hooks: { beforeRequest: (context) => void (context.headers.authorization = 'x') } });
    const error = await rejection(redis.describeCrossRegionBackups(INPUT));
    expect(error).toBeInstanceOf(VolcError);
    expect((error as Error).message).toMatch(/beforeRequest hook set the header authorization/);
    expect(mock.requestsFor(ACTION)).toHaveLength(0);
  });

  it('refuses a query member the request already has', async () => {
    const redis = client({ hooks: { beforeRequest: (context) => void (context.query.Action = 'Other') } });
    const error = await rejection(redis.describeCrossRegionBackups(INPUT));
    expect((error as Error).message).toMatch(/query member Action, which the request already has/);
    expect(mock.requestsFor(ACTION)).toHaveLength(0);
  });
});

describe('afterResponse, beforeRetry and onError', () => {
  it('afterResponse sees each response: status, request id, time in ms, attempt, and the error of a failed one', async () => {
    mock.failNext(ACTION, { code: 'FlowLimitExceeded', times: 1 });
    const seen: AfterResponseContext[] = [];
    const redis = client({ hooks: { afterResponse: (context) => void seen.push(context) } });
    const result = await redis.describeCrossRegionBackups(INPUT);
    const records = mock.requestsFor(ACTION);
    expect(seen.map((c) => [c.attempt, c.status])).toEqual([
      [1, 429],
      [2, 200],
    ]);
    expect(seen.map((c) => c.requestId)).toEqual(records.map((r) => r.requestId));
    expect(seen[1]!.requestId).toBe(result.$metadata.RequestId);
    expect(seen[0]!.error).toBeInstanceOf(VolcServiceError);
    expect((seen[0]!.error as VolcServiceError).code).toBe('FlowLimitExceeded');
    expect(seen[1]!.error).toBeUndefined();
    for (const c of seen) {
      expect(c.elapsed).toBeGreaterThanOrEqual(0);
      expect(c.headers.get('content-type')).toMatch(/json/);
    }
  });

  it('beforeRetry sees each retry: the failed attempt, the delay in ms, the error', async () => {
    mock.failNext(ACTION, { code: 'InternalError', times: 2 });
    const seen: BeforeRetryContext[] = [];
    const redis = client({ hooks: { beforeRetry: (context) => void seen.push(context) } });
    await redis.describeCrossRegionBackups(INPUT);
    expect(seen.map((c) => [c.attempt, c.delay])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(seen.every((c) => c.error instanceof VolcServiceError && c.error.code === 'InternalError')).toBe(true);
  });

  it('beforeRetry sees the delay Retry-After asked for', async () => {
    mock.failNext(ACTION, { code: 'FlowLimitExceeded', times: 1, retryAfter: '0.001' });
    const delays: number[] = [];
    const redis = client({ hooks: { beforeRetry: ({ delay }) => void delays.push(delay) } });
    await redis.describeCrossRegionBackups(INPUT);
    expect(delays).toEqual([1]);
  });

  it('onError sees the final error once, after the last attempt', async () => {
    mock.failNext(ACTION, { code: 'InternalError', times: 5 });
    const seen: ErrorContext[] = [];
    const redis = client({ maxAttempts: 3, hooks: { onError: (context) => void seen.push({ ...context }) } });
    const error = await rejection(redis.describeCrossRegionBackups(INPUT));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.error).toBe(error);
    expect((error as VolcServiceError).attempts).toBe(3);
    expect(seen[0]!.call.action).toBe(ACTION);
  });

  it('onError sees a validation error too, and may replace the error thrown', async () => {
    class AppError extends Error {}
    const redis = client({
      hooks: {
        onError: (context) => {
          if (context.error instanceof VolcValidationError) context.error = new AppError('bad input');
        },
      },
    });
    const error = await rejection(redis.describeCrossRegionBackups({ ...INPUT, PageSize: 500 }));
    expect(error).toBeInstanceOf(AppError);
    expect(mock.requestsFor(ACTION)).toHaveLength(0);
  });

  it('no hook runs for a call that succeeds at once but the ones for each attempt', async () => {
    const calls: string[] = [];
    const redis = client({
      hooks: {
        beforeRequest: () => void calls.push('beforeRequest'),
        afterResponse: () => void calls.push('afterResponse'),
        beforeRetry: () => void calls.push('beforeRetry'),
        onError: () => void calls.push('onError'),
      },
    });
    await redis.describeCrossRegionBackups(INPUT);
    expect(calls).toEqual(['beforeRequest', 'afterResponse']);
  });
});

describe('hooks together', () => {
  it('async hooks are awaited in order, the client’s before the call’s, sharing call.state', async () => {
    const order: string[] = [];
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const redis = client({
      hooks: {
        beforeRequest: [
          async (context) => {
            await tick();
            context.call.state.mark = 'set by the client';
            order.push('client 1');
          },
          async () => {
            await tick();
            order.push('client 2');
          },
        ],
        afterResponse: (context) => void order.push(`after: ${String(context.call.state.mark)}`),
      },
    });
    await redis.describeCrossRegionBackups(INPUT, {
      hooks: {
        beforeRequest: async (context) => {
          await tick();
          context.headers['X-From-Call'] = 'yes';
          order.push('call');
        },
      },
    });
    expect(order).toEqual(['client 1', 'client 2', 'call', 'after: set by the client']);
    expect(mock.requestsFor(ACTION)[0]!.headers['x-from-call']).toBe('yes');
    // The call's hooks apply to that call only.
    await redis.describeCrossRegionBackups(INPUT);
    expect(mock.requestsFor(ACTION)[1]!.headers['x-from-call']).toBeUndefined();
  });

  it('a hook that throws fails the call with a VolcError naming it, the thrown error as cause', async () => {
    const thrown = new RangeError('no budget left');
    const errors: unknown[] = [];
    const redis = client({
      hooks: {
        afterResponse: [
          () => {},
          async () => {
            throw thrown;
          },
        ],
        onError: ({ error }) => void errors.push(error),
      },
    });
    const error = await rejection(redis.describeCrossRegionBackups(INPUT));
    expect(error).toBeInstanceOf(VolcError);
    expect((error as Error).message).toBe(
      'redis DescribeCrossRegionBackups: the afterResponse hook #2 threw (RangeError: no budget left)',
    );
    expect((error as Error).cause).toBe(thrown);
    expect((error as VolcError).attempts).toBe(1);
    expect(errors).toEqual([error]);
  });

  it('a throwing beforeRetry stops the retries', async () => {
    mock.failNext(ACTION, { code: 'InternalError', times: 3 });
    const redis = client({
      hooks: {
        beforeRetry: () => {
          throw new Error('stop');
        },
      },
    });
    const error = await rejection(redis.describeCrossRegionBackups(INPUT));
    expect((error as Error).message).toMatch(/the beforeRetry hook threw \(Error: stop\)/);
    expect(mock.requestsFor(ACTION)).toHaveLength(1);
  });

  it('a throwing onError gives the VolcError naming it, with the call error under it', async () => {
    const redis = client({
      hooks: {
        onError: () => {
          throw new Error('logging failed');
        },
      },
    });
    const error = await rejection(redis.describeCrossRegionBackups({ ...INPUT, PageSize: 500 }));
    expect((error as Error).message).toMatch(/the onError hook threw \(Error: logging failed\)/);
  });

  it('a hook that is not a function is refused when the client is made, and per call', async () => {
    expect(() => client({ hooks: { beforeRequest: ['nope' as never] } })).toThrow(
      new TypeError('hooks.beforeRequest[0] must be a function (got string)'),
    );
    const error = await rejection(client().describeCrossRegionBackups(INPUT, { hooks: { onError: 1 as never } }));
    expect(error).toEqual(new TypeError('options.hooks.onError must be a function (got number)'));
  });
});
