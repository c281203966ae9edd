/**
 * Servers that echo a secret back: a proxy's HTML 502 quoting the request's session token, an error
 * Message quoting it, an STS that quotes the OIDC token it was sent. Redaction by member name cannot see
 * these; every known secret value must be replaced wherever server text is kept (error messages, body
 * excerpts, causes) or logged.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fromOIDC, VolcClient, VolcCredentialsError, VolcResponseError, VolcServiceError } from '../src/index.js';
import { createThing, describeThings } from './helpers/operations.js';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, SecretWatch } from './helpers/secrets.js';
import { startServer, type TestServer } from './helpers/server.js';

const OIDC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.oidc-token-that-must-never-leak.c2lnbmF0dXJl';
/** A token with characters that are percent-encoded in a form or query echo. */
const PLUS_TOKEN = 'STS2+token/with=signs-that-must-never-leak';

const watch = new SecretWatch();
const service = { service: 'redis', global: false };
let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startServer((_request, response) => {
    response.end('{}');
  });
  dir = await mkdtemp(join(tmpdir(), 'volc-core-echo-'));
});
beforeEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
  watch.extra.push(OIDC_TOKEN, PLUS_TOKEN, encodeURIComponent(PLUS_TOKEN));
  watch.assertClean();
});

function client(sessionToken = SESSION_TOKEN) {
  const logger = watch.logger();
  const c = new VolcClient(service, {
    endpoint: server.url,
    region: 'cn-beijing',
    useDualStack: false,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY, sessionToken },
    logger,
    logLevel: 'debug',
    maxAttempts: 2,
    retryDelays: { baseDelay: 1, throttlingBaseDelay: 1, maxDelay: 1 },
  });
  return { client: c, logger };
}

/** Every text an error carries: message, stack, excerpt, server message, and the same for each cause. */
function allText(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && depth < 6; depth++) {
    parts.push(String(e.message), String(e.stack), String(e.bodyExcerpt ?? ''), String(e.serverMessage ?? ''));
    parts.push(String(e.requestId ?? ''), JSON.stringify(e.tried ?? ''));
    e = e.cause as Record<string, unknown> | undefined;
  }
  return parts.join('\n');
}

function expectClean(text: string, ...secrets: string[]) {
  for (const secret of [SECRET_ACCESS_KEY, SESSION_TOKEN, ...secrets]) expect(text).not.toContain(secret);
}

describe('secrets echoed by the service', () => {
  it('an HTML 502 quoting the session token and the secret key: message, excerpt and logs are clean', async () => {
    server.setHandler((request, response) => {
      response.writeHead(502, {
        'Content-Type': 'text/html',
        'X-Request-Id': `rid-${request.headers['x-security-token']}`,
      });
      response.end(
        `<html><body>Bad gateway. Token ${request.headers['x-security-token']} key ${SECRET_ACCESS_KEY}</body></html>`,
      );
    });
    const { client: c, logger } = client();
    const error = await watch.rejection(c.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcResponseError);
    expect(server.requests).toHaveLength(2);
    expect((error as VolcResponseError).bodyExcerpt).toContain('Token [redacted] key [redacted]');
    expect(error.message).toContain('Token [redacted]');
    expectClean(allText(error));
    expect(logger.lines.length).toBeGreaterThan(0);
    expectClean(logger.lines.join('\n'));
  });

  it('an error Message quoting the session token: VolcServiceError message and serverMessage are clean', async () => {
    server.setHandler((request, response) => {
      response.writeHead(403, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          ResponseMetadata: {
            RequestId: 'r-echo',
            Error: { Code: 'AccessDenied', Message: `token ${request.headers['x-security-token']} may not do this` },
          },
        }),
      );
    });
    const { client: c, logger } = client();
    const error = await watch.rejection(c.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcServiceError);
    expect(error.message).toContain('token [redacted] may not do this');
    expect((error as VolcServiceError).serverMessage).toBe('token [redacted] may not do this');
    expectClean(allText(error));
    expectClean(logger.lines.join('\n'));
  });

  it('a token echoed percent-encoded (as in a query or form body) is replaced too', async () => {
    server.setHandler((request, response) => {
      response.writeHead(400, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          ResponseMetadata: {
            RequestId: 'r-enc',
            Error: {
              Code: 'InvalidParameter',
              Message: `bad X-Security-Token=${encodeURIComponent(String(request.headers['x-security-token']))}`,
            },
          },
        }),
      );
    });
    const { client: c } = client(PLUS_TOKEN);
    const error = await watch.rejection(c.send(describeThings, {}));
    expect(error.message).toContain('bad X-Security-Token=[redacted]');
    expectClean(allText(error), PLUS_TOKEN, encodeURIComponent(PLUS_TOKEN));
  });

  it('a secret-looking input member echoed in an error Message is replaced', async () => {
    const password = 'Pw-echoed-0123456789';
    server.setHandler((request, response) => {
      response.writeHead(400, { 'Content-Type': 'application/json' });
      const body = JSON.parse(request.body) as { Password: string };
      response.end(
        JSON.stringify({
          ResponseMetadata: {
            RequestId: 'r-pw',
            Error: { Code: 'InvalidParameter', Message: `password ${body.Password} is too weak` },
          },
        }),
      );
    });
    const { client: c } = client();
    const error = await watch.rejection(
      c.send({ ...createThing, validate: undefined }, { Name: 'n', Password: password }),
    );
    expect(error.message).toContain('password [redacted] is too weak');
    expectClean(allText(error), password);
  });
});

describe('an STS that echoes the OIDC token', () => {
  async function oidcFailure(status: number, body: (token: string) => string): Promise<Error> {
    const tokenFile = join(dir, `token-${status}`);
    await writeFile(tokenFile, OIDC_TOKEN);
    const sts = await startServer((request, response) => {
      const token = new URLSearchParams(request.body).get('OIDCToken') ?? '';
      response.writeHead(status, { 'Content-Type': status === 502 ? 'text/html' : 'application/json' });
      response.end(body(token));
    });
    try {
      return await watch.rejection(
        fromOIDC({ roleTrn: 'trn:iam::2100000000:role/Ops', tokenFile, endpoint: sts.url })(),
      );
    } finally {
      await sts.close();
    }
  }

  it('in an error Message: the VolcCredentialsError and its cause are clean', async () => {
    const error = await oidcFailure(400, (token) =>
      JSON.stringify({
        ResponseMetadata: {
          RequestId: 'r-sts',
          Error: { Code: 'InvalidIdentityToken', Message: `token ${token} is not trusted` },
        },
      }),
    );
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.cause).toBeInstanceOf(VolcServiceError);
    expect((error.cause as Error).message).toContain('token [redacted] is not trusted');
    expectClean(allText(error), OIDC_TOKEN);
  });

  it('in an HTML 502: the excerpt in the cause is clean', async () => {
    const error = await oidcFailure(502, (token) => `<html>upstream failed for OIDCToken=${token}</html>`);
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.cause).toBeInstanceOf(VolcResponseError);
    expect((error.cause as VolcResponseError).bodyExcerpt).toContain('OIDCToken=[redacted]');
    expectClean(allText(error), OIDC_TOKEN);
  });
});
