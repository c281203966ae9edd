import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VolcClient, VolcServiceError, type ClientConfig, type Logger } from '../src/index.js';
import { createThing, describeThings, listByQuery } from './helpers/operations.js';
import { verifyRequest } from './helpers/reference-signer.js';
import { ACCESS_KEY_ID, BODY_PASSWORD, SecretWatch, SESSION_TOKEN, sessionCredentials } from './helpers/secrets.js';
import { sendEnvelope, startServer, type TestServer } from './helpers/server.js';

const watch = new SecretWatch();
let server: TestServer;
const service = { service: 'redis', global: false };
// The server knows a different secret than the client uses, so every request fails verification.
const SERVER_SECRET = 'the-server-expects-another-secret';

beforeAll(async () => {
  server = await startServer((request, response) => {
    watch.learnAuthorization(request.headers.authorization);
    const result = verifyRequest(request, { [ACCESS_KEY_ID]: SERVER_SECRET });
    if (!result.ok)
      sendEnvelope(response, request, {
        status: 401,
        error: { Code: 'SignatureDoesNotMatch', Message: 'signature mismatch' },
      });
    else sendEnvelope(response, request, { result: {} });
  });
});
afterAll(async () => {
  await server.close();
  watch.assertClean();
});

function client(logger: Logger | undefined, config: ClientConfig = {}) {
  return new VolcClient(service, {
    endpoint: server.url,
    credentials: sessionCredentials,
    ...(logger ? { logger } : {}),
    logLevel: 'debug',
    ...config,
  });
}

describe('logging', () => {
  it('on SignatureDoesNotMatch, shows the canonical request and string to sign with secrets redacted', async () => {
    const logger = watch.logger();
    const error = await watch.rejection(client(logger).send(createThing, { Name: 'n', Password: 'short' }));
    expect(error).toBeInstanceOf(VolcServiceError);
    expect((error as VolcServiceError).code).toBe('SignatureDoesNotMatch');
    expect(server.requests).toHaveLength(1); // never retried

    const line = logger.lines.find((l) => l.includes('Canonical request:'));
    expect(line).toBeDefined();
    expect(line).toContain('POST\n/\nAction=CreateThing&Version=2020-12-07\nhost:127.0.0.1:');
    expect(line).toContain('x-security-token:[redacted]');
    expect(line).toContain('String to sign:\nHMAC-SHA256\n');
    expect(line).toMatch(/\/cn-beijing\/redis\/request\n[0-9a-f]{64}/);
    expect(line).not.toContain(SESSION_TOKEN);
  });

  it('redacts Authorization, X-Security-Token and secret body fields in request logs', async () => {
    const logger = watch.logger();
    watch.error(
      await client(logger, { validate: false })
        .send(createThing, { Name: 'n', Password: BODY_PASSWORD })
        .catch((e: unknown) => e),
    );
    const requestLine = logger.lines.find((l) => l.includes('-> POST'));
    expect(requestLine).toContain('"Authorization":"[redacted]"');
    expect(requestLine).toContain('"X-Security-Token":"[redacted]"');
    expect(requestLine).toContain('"Password":"[redacted]"');
    expect(requestLine).toContain('"Name":"n"');
    expect(requestLine).toContain('"ClientToken":"');
    // The server did receive the real values.
    expect(server.requests.at(-1)!.headers['x-security-token']).toBe(SESSION_TOKEN);
    expect(server.requests.at(-1)!.body).toContain(BODY_PASSWORD);
  });

  it('redacts secret-looking query parameters', async () => {
    const logger = watch.logger();
    const op = { ...listByQuery, action: 'ResetPassword' };
    watch.error(
      await client(logger)
        .send(op, { NewPassword: BODY_PASSWORD } as never)
        .catch((e: unknown) => e),
    );
    const requestLine = logger.lines.find((l) => l.includes('-> GET'));
    expect(requestLine).toContain('NewPassword=[redacted]');
    const canonical = logger.lines.find((l) => l.includes('Canonical request:'));
    expect(canonical).toContain('NewPassword=[redacted]');
  });

  it('filters by level', async () => {
    const logger = watch.logger();
    watch.error(
      await client(logger, { logLevel: 'warn' })
        .send(describeThings, {})
        .catch((e: unknown) => e),
    );
    expect(logger.lines).toEqual([]);
    watch.error(
      await client(logger, { logLevel: 'off' })
        .send(describeThings, {})
        .catch((e: unknown) => e),
    );
    expect(logger.lines).toEqual([]);
  });

  it('survives a logger that throws or lacks methods', async () => {
    const broken: Logger = {
      debug() {
        throw new Error('disk full');
      },
    };
    const error = await watch.rejection(client(broken).send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcServiceError);
  });
});
