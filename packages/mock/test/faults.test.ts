import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { describeBackups, SEED_SAMPLE, send, signAndSend, signCall } from './helpers.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const call = () => signAndSend(mock.url, describeBackups(SEED_SAMPLE));

describe('failNext', () => {
  it('answers the next N calls with the code and its usual status, then answers normally', async () => {
    mock.failNext('DescribeCrossRegionBackups', { code: 'FlowLimitExceeded', times: 2, retryAfter: 1 });
    expect(mock.pendingFaults).toBe(2);
    const first = await call();
    const second = await call();
    const third = await call();
    // Faulted calls are recorded with their input too.
    expect(mock.requests[0]?.input).toEqual(SEED_SAMPLE);
    for (const answer of [first, second]) {
      expect(answer.status).toBe(429);
      expect(answer.headers['retry-after']).toBe('1');
      expect(answer.json.ResponseMetadata.Error).toMatchObject({ Code: 'FlowLimitExceeded', CodeN: 100018 });
      expect(answer.json.ResponseMetadata.RequestId).toMatch(/^\d{14}[0-9A-F]{20}$/);
    }
    expect(third.status).toBe(200);
    expect(mock.pendingFaults).toBe(0);
    expect(mock.requests.map((r) => [r.status, r.errorCode, r.fault])).toEqual([
      [429, 'FlowLimitExceeded', true],
      [429, 'FlowLimitExceeded', true],
      [200, undefined, undefined],
    ]);
  });

  it('takes a custom status and message, including an error sent with 200', async () => {
    mock.failNext('DescribeCrossRegionBackups', {
      code: 'InstanceNotFound',
      status: 200,
      message: 'The instance does not exist.',
    });
    const answer = await call();
    expect(answer.status).toBe(200);
    expect(answer.json.ResponseMetadata.Error).toEqual({
      Code: 'InstanceNotFound',
      CodeN: 0,
      Message: 'The instance does not exist.',
    });
    expect(answer.json.Result).toBeUndefined();
  });

  it('defaults to one InternalError (500), and `*` matches any action', async () => {
    mock.failNext('*');
    const answer = await call();
    expect(answer.status).toBe(500);
    expect(answer.json.ResponseMetadata.Error.Code).toBe('InternalError');
    expect((await call()).status).toBe(200);
  });

  it('leaves other actions and services alone', async () => {
    mock.failNext('DescribeBackups', { code: 'InternalError' });
    mock.failNext('DescribeCrossRegionBackups', { code: 'InternalError', service: 'ecsfixture' });
    expect((await call()).status).toBe(200);
    expect(mock.pendingFaults).toBe(2);
    mock.clearFaults();
    expect(mock.pendingFaults).toBe(0);
  });

  it('delays the answer', async () => {
    mock.failNext('DescribeCrossRegionBackups', { delayMs: 300 });
    // A 250 ms timer set before the call must fire before the answer: the mock's 300 ms timer, in this
    // process too, is set later and due later, so the order holds on any machine. Without the delay the
    // answer comes in a few ms.
    let timerFired = false;
    const timer = setTimeout(() => (timerFired = true), 250);
    const answer = await call();
    clearTimeout(timer);
    expect(timerFired).toBe(true);
    expect(answer.status).toBe(200);
  });

  it('drops the connection without an answer', async () => {
    mock.failNext('DescribeCrossRegionBackups', { dropConnection: true });
    await expect(call()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(mock.requests.at(-1)?.status).toBeUndefined();
    expect((await call()).status).toBe(200);
  });

  it('answers 200 with a body that is not JSON', async () => {
    mock.failNext('DescribeCrossRegionBackups', { malformedBody: true });
    const answer = await call();
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    expect(() => JSON.parse(answer.text)).toThrow();
    // The request ID still travels in X-Tt-Logid, as it does from the gateway.
    expect(answer.headers['x-tt-logid']).toBe(mock.requests.at(-1)?.requestId);
  });

  it('shifts the Date header', async () => {
    mock.failNext('DescribeCrossRegionBackups', { code: 'InvalidTimestamp', skewDate: 3600 });
    const before = Date.now();
    const answer = await call();
    const after = Date.now();
    expect(answer.status).toBe(403);
    // Stamped during the call, in whole seconds, an hour ahead.
    const date = Date.parse(String(answer.headers.date));
    expect(date).toBeGreaterThanOrEqual(Math.floor((before + 3600_000) / 1000) * 1000);
    expect(date).toBeLessThanOrEqual(after + 3600_000);
  });

  it('applies after signature checks: a badly signed call is rejected without using the fault', async () => {
    mock.failNext('DescribeCrossRegionBackups', { code: 'InternalError' });
    const signed = signCall(describeBackups(SEED_SAMPLE));
    const tampered = await send(mock.url, { ...signed, body: `${signed.body} ` });
    expect(tampered.json.ResponseMetadata.Error.Code).toBe('SignatureDoesNotMatch');
    expect(mock.pendingFaults).toBe(1);
  });

  it('rejects a times value that is not a positive integer', () => {
    expect(() => mock.failNext('X', { times: 0 })).toThrow(RangeError);
  });
});

describe('server clock', () => {
  it('setClockOffset makes well-signed calls stale, and the Date header shows the server clock', async () => {
    mock.setClockOffset(20 * 60_000);
    const answer = await call();
    expect(answer.status).toBe(403);
    expect(answer.json.ResponseMetadata.Error.Code).toBe('InvalidTimestamp');
    const serverDate = Date.parse(String(answer.headers.date));
    // A client that corrects by the Date header gets through.
    const corrected = await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { date: new Date(serverDate) }));
    expect(corrected.status).toBe(200);
  });
});

describe('recorded requests', () => {
  it('keep method, url, headers, raw body and parsed input, for assertions on what went over the wire', async () => {
    const input = { ...SEED_SAMPLE, ClientToken: 'token-1' };
    await signAndSend(mock.url, describeBackups(input));
    const [recorded] = mock.requestsFor('DescribeCrossRegionBackups');
    expect(recorded).toMatchObject({
      method: 'POST',
      url: '/?Action=DescribeCrossRegionBackups&Version=2020-12-07',
      path: '/',
      query: { Action: 'DescribeCrossRegionBackups', Version: '2020-12-07' },
      body: JSON.stringify(input),
      input,
      service: 'redis',
      region: 'cn-beijing',
      accessKeyId: 'AKLTvolcmockaccesskey',
      status: 200,
    });
    expect(recorded?.headers['content-type']).toBe('application/json');
    expect(recorded?.requestId).toMatch(/^\d{14}/);
    expect(recorded?.receivedAt).toBeInstanceOf(Date);
  });

  it('reset forgets requests, faults and the clock offset', async () => {
    await call();
    mock.failNext('*', { times: 3 });
    mock.setClockOffset(3_600_000);
    mock.reset();
    expect(mock.requests).toHaveLength(0);
    expect(mock.pendingFaults).toBe(0);
    expect((await call()).status).toBe(200);
  });
});

describe('close', () => {
  it('ends open connections, including ones waiting on a delay', async () => {
    const own = await startMockServer();
    own.failNext('*', { delayMs: 60_000 });
    const pending = new Promise<string>((resolve) => {
      const signed = signCall(describeBackups(SEED_SAMPLE));
      const req = request(new URL(signed.path, own.url), { method: 'POST', headers: signed.headers }, () =>
        resolve('answered'),
      );
      req.on('error', () => resolve('closed'));
      req.end(signed.body);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The answer is delayed 60 s, past the test's timeout: only closing can settle it in time.
    await own.close();
    expect(await pending).toBe('closed');
  });
});
