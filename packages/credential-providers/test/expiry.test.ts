/**
 * STS answers whose credentials are already expired, or whose expiry is no time, are refused naming the
 * role; a failing STS is not asked again on every call (the cache backs off). Only `Date` is faked.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VolcCredentialsError } from '@volc-ts/core';
import { fromAssumeRole } from '../src/index.js';

const ROLE = 'trn:iam::2100000000:role/ReadOnly';
const SOURCE = { accessKeyId: 'AKsource', secretAccessKey: 'source-secret' };
const servers: Server[] = [];

afterEach(() => {
  vi.useRealTimers();
  for (const server of servers.splice(0)) server.close();
});

/** An STS stand-in answering AssumeRole with `ExpiredTime: expiry`, or HTTP 500 when `expiry` is null. */
async function sts(expiry: unknown): Promise<{ url: string; calls: () => number }> {
  let calls = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls++;
      res.setHeader('content-type', 'application/json');
      if (expiry === null) {
        res.statusCode = 500;
        res.end(
          JSON.stringify({ ResponseMetadata: { RequestId: 'r', Error: { Code: 'InternalError', Message: 'down' } } }),
        );
        return;
      }
      res.end(
        JSON.stringify({
          ResponseMetadata: { RequestId: `req-${calls}`, Action: 'AssumeRole', Version: '2018-01-01', Service: 'sts' },
          Result: {
            Credentials: { AccessKeyId: 'AKTP', SecretAccessKey: 'secret', SessionToken: 'token', ExpiredTime: expiry },
          },
        }),
      );
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls: () => calls };
}

const provider = (url: string) => fromAssumeRole({ roleTrn: ROLE, sourceCredentials: SOURCE, endpoint: url });

describe('fromAssumeRole refuses unusable expiry times', () => {
  it('credentials already expired when STS issues them', async () => {
    const { url } = await sts('2020-01-01T00:00:00Z');
    const error = await provider(url)().catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect((error as Error).message).toContain(`STS AssumeRole ${ROLE}:`);
    expect((error as Error).message).toContain('expired at 2020-01-01T00:00:00.000Z');
  });

  for (const expiry of ['not a date', '+275760-09-13T00:00:00.000Z']) {
    it(`ExpiredTime ${JSON.stringify(expiry)}`, async () => {
      const { url } = await sts(expiry);
      const error = await provider(url)().catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(VolcCredentialsError);
      expect((error as Error).message).toContain('ExpiredTime');
      expect((error as Error).message).toContain('is not a time');
    });
  }
});

describe('fromAssumeRole backs off after a failure', () => {
  it('10 calls to a failing STS make one request until the wait has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-01-01T00:00:00Z') });
    const { url, calls } = await sts(null);
    const p = provider(url);
    for (let i = 0; i < 10; i++) await expect(p()).rejects.toBeInstanceOf(VolcCredentialsError);
    expect(calls()).toBe(1);
    vi.setSystemTime(Date.now() + 1_000);
    await expect(p()).rejects.toBeInstanceOf(VolcCredentialsError);
    expect(calls()).toBe(2);
  });
});
