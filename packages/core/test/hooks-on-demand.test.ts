/**
 * What runs hooks (hook-runners.ts) is asked for only by a call that has hooks: in the browser build it is
 * a chunk of its own, which a page whose calls have none never fetches.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const loads = vi.hoisted(() => ({ runners: 0 }));

vi.mock('../src/on-demand.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/on-demand.js')>();
  return {
    ...original,
    loadHookRunners: () => {
      loads.runners++;
      return original.loadHookRunners();
    },
  };
});

import { VolcClient } from '../src/index.js';
import { describeThings } from './helpers/operations.js';
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
