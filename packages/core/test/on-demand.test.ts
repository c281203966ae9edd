/**
 * The failure path is asked for only when a call fails (on-demand.ts; in the browser build an `import()`
 * of its own chunk). A successful call never asks for it; a failure that cannot load it still rejects,
 * with a VolcError that names the call and its status.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const loads = vi.hoisted(() => ({ failure: 0, broken: false }));

vi.mock('../src/on-demand.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/on-demand.js')>();
  return {
    ...original,
    loadCallFailure: () => {
      loads.failure++;
      return loads.broken
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module: /chunk-gone.js'))
        : original.loadCallFailure();
    },
  };
});

import { credentialsProblem } from '../src/credentials/static.js';
import { credentialsSendable } from '../src/credentials/sendable.js';
import { VolcError, VolcServiceError, VolcValidationError } from '../src/index.js';
import { describeThings } from './helpers/operations.js';
import { credentials } from './helpers/secrets.js';
import { sendEnvelope, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
const service = { service: 'redis', global: false };

beforeAll(async () => {
  server = await startServer((request, response) => sendEnvelope(response, request, { result: { Total: 1 } }));
});
afterAll(() => server.close());
// Each test starts from fresh modules: the client remembers the failure path once loaded.
let VolcClient: typeof import('../src/index.js').VolcClient;
beforeEach(async () => {
  vi.resetModules();
  ({ VolcClient } = await import('../src/index.js'));
  loads.failure = 0;
  loads.broken = false;
});

const client = () => new VolcClient(service, { endpoint: server.url, credentials, maxAttempts: 1 });
const failWith = (status: number, code: string) =>
  server.setHandler((request, response) =>
    sendEnvelope(response, request, { status, error: { Code: code, Message: 'no' }, requestId: 'rid-9' }),
  );

describe('the failure path is loaded on demand', () => {
  it('is not asked for by calls that succeed', async () => {
    server.setHandler((request, response) => sendEnvelope(response, request, { result: { Total: 1 } }));
    const c = client();
    for (let i = 0; i < 3; i++)
      await expect(c.send(describeThings, { PageSize: 10 })).resolves.toMatchObject({ Total: 1 });
    expect(loads.failure).toBe(0);
  });

  it('is asked for by a failed call, which gets its typed error', async () => {
    failWith(403, 'AccessDenied');
    const error = await client()
      .send(describeThings, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcServiceError);
    expect(error).toMatchObject({ code: 'AccessDenied', status: 403, requestId: 'rid-9', attempts: 1 });
    expect(loads.failure).toBe(1);
    // Asked for once: the next failure reuses it.
    await expect(client().send(describeThings, {})).rejects.toBeInstanceOf(VolcServiceError);
    expect(loads.failure).toBe(1);
  });

  it('is asked for by an input that breaks a rule, before anything is sent', async () => {
    const sent = server.requests.length;
    const error = await client()
      .send(describeThings, { PageSize: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcValidationError);
    expect(server.requests.length).toBe(sent);
    expect(loads.failure).toBe(1);
  });

  it('when it cannot be loaded, the call still rejects with a VolcError naming the call and its status', async () => {
    failWith(503, 'ServiceUnavailable');
    loads.broken = true;
    const error = (await client()
      .send(describeThings, {})
      .catch((e: unknown) => e)) as VolcError;
    expect(error).toBeInstanceOf(VolcError);
    expect(error.message).toBe(
      'redis DescribeThings (HTTP 503) failed, and volc-ts could not load the module that reports failures: ' +
        'Failed to fetch dynamically imported module: /chunk-gone.js',
    );
    expect((error.cause as Error).name).toBe('TypeError');
    expect(error).toMatchObject({ attempts: 1 });
    // A later failure tries to load it again (nothing broken is remembered).
    loads.broken = false;
    await expect(client().send(describeThings, {})).rejects.toBeInstanceOf(VolcServiceError);
  });
});

describe('credentialsSendable, the check a successful call runs', () => {
  it('agrees with credentialsProblem on every kind of value', () => {
    const values: unknown[] = [
      credentials,
      { ...credentials, sessionToken: 'token' },
      { ...credentials, sessionToken: '' },
      { ...credentials, sessionToken: null },
      { ...credentials, sessionToken: 'tok en' },
      { ...credentials, sessionToken: 42 },
      { ...credentials, accessKeyId: '' },
      { ...credentials, accessKeyId: 'AK\n' },
      { ...credentials, secretAccessKey: undefined },
      { ...credentials, secretAccessKey: 'sk\u00a0' },
      { accessKeyId: 7, secretAccessKey: 'sk' },
      {},
      null,
      'AK:SK',
      undefined,
    ];
    for (const value of values)
      expect([value, credentialsSendable(value)]).toEqual([value, credentialsProblem(value) === undefined]);
  });
});
