/**
 * Waits the client chooses, on fake timers: what it waits is read off the clock it is given, to the
 * millisecond, however loaded the machine is. The transport is a function, so no socket is involved.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VolcClient, type HttpRequest, type HttpTransport } from '../src/index.js';
import { describeThings } from './helpers/operations.js';
import { credentials } from './helpers/secrets.js';

function envelope(request: HttpRequest, status: number, error?: { Code: string; Message: string }) {
  const action = new URL(request.url).searchParams.get('Action');
  return JSON.stringify({
    ResponseMetadata: { RequestId: `rid-${status}`, Action: action, ...(error ? { Error: error } : {}) },
    Result: error ? undefined : { Items: ['after the wait'] },
  });
}

/** A transport that answers from `answers` in turn and records when (on the fake clock) it was called. */
function scripted(answers: readonly ((request: HttpRequest) => Awaited<ReturnType<HttpTransport>>)[]) {
  const calls: number[] = [];
  const transport: HttpTransport = async (request) => {
    calls.push(Date.now());
    return answers[Math.min(calls.length - 1, answers.length - 1)]!(request);
  };
  return { transport, calls };
}

const throttled = (retryAfter: string) => (request: HttpRequest) => ({
  status: 429,
  headers: new Headers({ 'Retry-After': retryAfter }),
  text: envelope(request, 429, { Code: 'FlowLimitExceeded', Message: 'slow down' }),
});
const ok = (request: HttpRequest) => ({ status: 200, headers: new Headers(), text: envelope(request, 200) });

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('waits on fake timers', () => {
  it('retries exactly when Retry-After says, not a millisecond before', async () => {
    const { transport, calls } = scripted([throttled('2'), ok]);
    const client = new VolcClient({ service: 'redis', global: false }, { credentials, transport });
    const result = client.send(describeThings, {});
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ Items: ['after the wait'] });
    expect(calls[1]! - calls[0]!).toBe(2000);
  });

  it('does not start a retry whose wait would end after totalTimeout', async () => {
    const { transport, calls } = scripted([throttled('5')]);
    const client = new VolcClient({ service: 'redis', global: false }, { credentials, transport, totalTimeout: 3000 });
    const result = client.send(describeThings, {}).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await result).toMatchObject({ name: 'VolcServiceError', code: 'FlowLimitExceeded' });
    expect(calls).toHaveLength(1);
  });

  it('backs off within [0, base) before the first retry of a 503', async () => {
    const { transport, calls } = scripted([
      (request) => ({ status: 503, headers: new Headers(), text: envelope(request, 503) }),
      ok,
    ]);
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const client = new VolcClient(
      { service: 'redis', global: false },
      { credentials, transport, retryDelays: { baseDelay: 400 } },
    );
    const result = client.send(describeThings, {});
    await vi.advanceTimersByTimeAsync(199);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await result;
    expect(calls[1]! - calls[0]!).toBe(200);
  });
});
