/**
 * A runtime that lacks a module the Node transport needs (a trimmed bundle's stub, a Node-like runtime
 * without node:tls): the call fails once, naming the module, and says that nothing was sent.
 */
import { describe, expect, it, vi } from 'vitest';
import { VolcClient, VolcNetworkError } from '../src/index.js';
import { describeThings } from './helpers/operations.js';
import { credentials } from './helpers/secrets.js';

vi.mock('../src/runtime.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/runtime.js')>();
  return {
    ...original,
    nodeBuiltin: <T>(id: string): T | undefined => (id === 'node:tls' ? undefined : original.nodeBuiltin<T>(id)),
    importNodeBuiltin: async <T>(id: string): Promise<T | undefined> =>
      id === 'node:tls' ? undefined : original.importNodeBuiltin<T>(id),
  };
});

describe('a module the Node transport cannot load', () => {
  it('fails the call once with a VolcNetworkError naming it, nothing sent, not retried', async () => {
    const client = new VolcClient(
      { service: 'redis', global: false },
      { endpoint: 'http://127.0.0.1:9', credentials, proxy: false, maxAttempts: 3, retryDelays: { baseDelay: 1 } },
    );
    const error = await client.send(describeThings, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcNetworkError);
    expect(error).toMatchObject({ retryable: false, requestSent: false, attempts: 1 });
    expect((error as Error).message).toContain('the Node transport could not load node:tls');
  });
});
