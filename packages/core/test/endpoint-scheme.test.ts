/**
 * An endpoint written without a scheme (`127.0.0.1:8787`) gets https. When the port speaks plain HTTP the
 * TLS handshake fails the same way every time: the error says why and what to write instead, and the call
 * is not retried. Over node:http and over fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VolcClient, type ClientConfig } from '../src/index.js';
import { VolcNetworkError } from '../src/errors.js';
import { describeThings } from './helpers/operations.js';
import { sendEnvelope, startServer, type TestServer } from './helpers/server.js';

const service = { service: 'redis', global: false };
const credentials = { accessKeyId: 'AK', secretAccessKey: 'SK' };
let server: TestServer;
let hostPort = '';

beforeAll(async () => {
  server = await startServer((request, response) => sendEnvelope(response, request, { result: { Total: 0 } }));
  hostPort = server.url.replace(/^http:\/\//, '');
});
afterAll(() => server.close());

async function failure(config: ClientConfig): Promise<VolcNetworkError> {
  const client = new VolcClient(service, {
    credentials,
    logger: null,
    retryDelays: { baseDelay: 1, maxDelay: 5 },
    ...config,
  });
  const error = await client.send(describeThings, {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VolcNetworkError);
  return error as VolcNetworkError;
}

describe('an endpoint without a scheme on a plain-HTTP port', () => {
  it.each([
    ['node:http', {}],
    ['fetch', { fetch: globalThis.fetch }],
  ] as const)('over %s: says https was assumed and names the http URL, with no retry', async (_, transport) => {
    const error = await failure({ endpoint: hostPort, ...transport });
    expect(error.message).toContain(
      `The endpoint has no scheme, so https was used; the server answered plain HTTP: write http://${hostPort}`,
    );
    expect(error.retryable).toBe(false);
    expect((error as { attempts?: number }).attempts).toBe(1);
  });

  it('keeps the path of the endpoint in the suggestion', async () => {
    const error = await failure({ endpoint: `${hostPort}/gateway/` });
    expect(error.message).toContain(`write http://${hostPort}/gateway`);
  });

  it('an explicit https:// endpoint gets no such hint, and is retried as any TLS failure', async () => {
    const error = await failure({ endpoint: `https://${hostPort}`, maxAttempts: 2 });
    expect(error.message).not.toContain('no scheme');
    expect((error as { attempts?: number }).attempts).toBe(2);
  });

  it('the same endpoint written http:// works', async () => {
    const client = new VolcClient(service, { credentials, logger: null, endpoint: `http://${hostPort}` });
    await expect(client.send(describeThings, {})).resolves.toMatchObject({ Total: 0 });
  });
});
