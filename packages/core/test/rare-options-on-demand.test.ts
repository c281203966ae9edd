/**
 * Modules only some clients need are asked for when one does: what runs hooks (hook-runners.ts) by a call
 * that has hooks, the credentials cache by a client given a provider, on its first call, the UUID module by
 * an action whose idempotency token is left empty. In the browser
 * build each is a chunk of its own, which a page that uses neither never fetches.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const loads = vi.hoisted(() => ({ runners: 0, cache: 0, uuid: 0 }));

vi.mock('../src/on-demand.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/on-demand.js')>();
  return {
    ...original,
    loadHookRunners: () => {
      loads.runners++;
      return original.loadHookRunners();
    },
    loadCredentialsCache: () => {
      loads.cache++;
      return original.loadCredentialsCache();
    },
    loadUuid: () => {
      loads.uuid++;
      return original.loadUuid();
    },
  };
});

import { VolcClient } from '../src/index.js';
import { createThing, describeThings } from './helpers/operations.js';
import { credentials } from './helpers/secrets.js';
import { sendEnvelope, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
const service = { service: 'redis', global: false };

beforeAll(async () => {
  server = await startServer((request, response) => sendEnvelope(response, request, { result: { Total: 1 } }));
});
afterAll(() => server.close());

describe('hook runners are loaded on demand', () => {
  it('are not asked for by calls without hooks', async () => {
    const client = new VolcClient(service, { endpoint: server.url, credentials });
    await expect(client.send(describeThings, {})).resolves.toMatchObject({ Total: 1 });
    expect(loads.runners).toBe(0);
    expect(loads.cache).toBe(0);
    expect(loads.uuid).toBe(0);
  });

  it('are asked for by a call with hooks, which run as before', async () => {
    const seen: string[] = [];
    const client = new VolcClient(service, {
      endpoint: server.url,
      credentials,
      hooks: { beforeRequest: (context) => void (context.headers['X-Trace'] = 't-1') },
    });
    await client.send(describeThings, {}, { hooks: { afterResponse: ({ status }) => void seen.push(String(status)) } });
    expect(loads.runners).toBe(1);
    expect(seen).toEqual(['200']);
    expect(server.requests.at(-1)?.headers['x-trace']).toBe('t-1');
  });
});

describe('the credentials cache is loaded on demand', () => {
  it("is asked for on a provider's first call, and caches what it gives", async () => {
    let asked = 0;
    const client = new VolcClient(service, {
      endpoint: server.url,
      credentials: async () => {
        asked++;
        return credentials;
      },
    });
    expect(loads.cache).toBe(0);
    await client.send(describeThings, {});
    await client.send(describeThings, {});
    expect(loads.cache).toBe(1);
    expect(asked).toBe(1);
  });
});

describe('the UUID module is loaded on demand', () => {
  it('is asked for by an action whose idempotency token is left empty, not by one that has it', async () => {
    server.setHandler((request, response) => sendEnvelope(response, request, { result: { Id: 'i-1' } }));
    const client = new VolcClient(service, { endpoint: server.url, credentials });
    await client.send(createThing, { Name: 'a', ClientToken: 'given' });
    expect(loads.uuid).toBe(0);
    await client.send(createThing, { Name: 'b' });
    expect(loads.uuid).toBe(1);
    expect(JSON.parse(server.requests.at(-1)!.body).ClientToken).toMatch(/^[0-9a-f-]{36}$/);
  });
});
