/**
 * Failures that used to escape the SDK's error classes, or to carry server text without limit: a lone
 * surrogate in a query or form value, an error Message nested 100,000 deep, an SSO lifetime of 1e308 s, and
 * a 10 MiB error Message. Every one must be a VolcError naming the field or the source, and error text
 * must stay short (marked where it was cut).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ssoProfileCredentials } from '../src/credentials/sso.js';
import { isVolcError, VolcClient, VolcCredentialsError, VolcServiceError, VolcValidationError } from '../src/index.js';
import { describeThings, listByQuery, submitForm } from './helpers/operations.js';
import { credentials, SecretWatch } from './helpers/secrets.js';
import { startServer, type TestServer } from './helpers/server.js';

const watch = new SecretWatch();
const service = { service: 'redis', global: false };
let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startServer((_request, response) => {
    response.end('{}');
  });
  dir = await mkdtemp(join(tmpdir(), 'volc-core-escapes-'));
});
beforeEach(() => {
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
  watch.assertClean();
});

function client(logLines?: string[]) {
  const write = (line: string, ...details: unknown[]) =>
    logLines?.push(`${line} ${details.map((d) => JSON.stringify(d)).join(' ')}`);
  return new VolcClient(service, {
    endpoint: server.url,
    region: 'cn-beijing',
    useDualStack: false,
    credentials,
    maxAttempts: 1,
    ...(logLines ? { logger: { debug: write, info: write, warn: write, error: write }, logLevel: 'debug' } : {}),
  });
}

/** Answers every request with this status and body. */
function answer(status: number, body: string) {
  server.setHandler((_request, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(body);
  });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return watch.rejection(promise);
}

describe('a lone surrogate in a query or form value', () => {
  it('is refused before sending, naming the member (query protocol)', async () => {
    const error = await failure(
      client().send(listByQuery, { Filter: { Name: 'tag', Values: ['ok', 'bad\uD800value'] } }),
    );
    expect(error).toBeInstanceOf(VolcValidationError);
    expect((error as VolcValidationError).issues).toEqual([
      expect.objectContaining({ path: 'Filter.Values[1]', message: expect.stringContaining('lone surrogate') }),
    ]);
    expect(error.message).toContain('ListByQuery');
    expect(error).toMatchObject({ attempts: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it('is refused in a form body too, and with validation switched off', async () => {
    const c = new VolcClient(service, {
      endpoint: server.url,
      region: 'cn-beijing',
      useDualStack: false,
      credentials,
      validate: false,
    });
    const error = await failure(c.send(submitForm, { Name: 'x', Tags: [{ Key: 'k', Value: '\uDC00' }] }));
    expect(error).toBeInstanceOf(VolcValidationError);
    expect((error as VolcValidationError).issues[0]?.path).toBe('Tags[0].Value');
    expect(server.requests).toHaveLength(0);
  });

  it('a member name with a lone surrogate is named too', async () => {
    const error = await failure(client().send(listByQuery, { 'Odd\uD83D': 'x' } as never));
    expect(error).toBeInstanceOf(VolcValidationError);
    expect(error.message).toContain('lone surrogate');
    expect(server.requests).toHaveLength(0);
  });

  it('in a JSON body too (JSON.stringify would escape it and the server replace it)', async () => {
    const error = await failure(client().send(describeThings, { InstanceId: 'i-\uDBFF' }));
    expect(error).toBeInstanceOf(VolcValidationError);
    expect((error as VolcValidationError).issues[0]?.path).toBe('InstanceId');
    expect(server.requests).toHaveLength(0);
  });

  it('JSON text that merely looks like an escape is sent', async () => {
    answer(200, JSON.stringify({ ResponseMetadata: { RequestId: 'r2' }, Result: {} }));
    await expect(client().send(describeThings, { InstanceId: '\\ud800 \uD83D\uDE00' })).resolves.toEqual({});
    expect(server.requests).toHaveLength(1);
  });

  it('an input that cannot be serialized at all (a cycle) is a VolcError, found at once', async () => {
    const input: Record<string, unknown> = { Name: 'x' };
    for (const key of ['a', 'b', 'c', 'd']) input[key] = input; // a walk without memory would branch 4^64 ways
    const error = await failure(client().send(describeThings, input as never));
    expect(isVolcError(error)).toBe(true);
    expect(error.message).toContain('could not be serialized (TypeError)');
    expect(server.requests).toHaveLength(0);
  });

  it('a well-formed pair (an emoji) is sent as it is', async () => {
    answer(200, JSON.stringify({ ResponseMetadata: { RequestId: 'r1' }, Result: { Count: 1 } }));
    await expect(client().send(listByQuery, { InstanceIds: ['\uD83D\uDE00'] })).resolves.toEqual({ Count: 1 });
    expect(server.requests[0]?.query.get('InstanceIds.1')).toBe('\uD83D\uDE00');
  });
});

describe('error Messages the server shapes badly', () => {
  it('a Message nested 100,000 deep is a VolcServiceError, not a RangeError', async () => {
    const depth = 100_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    answer(400, `{"ResponseMetadata":{"RequestId":"r-deep","Error":{"Code":"InvalidParameter","Message":${nested}}}}`);
    const error = await failure(client().send(describeThings, {}));
    expect(isVolcError(error)).toBe(true);
    expect(error).toBeInstanceOf(VolcServiceError);
    expect(error).toMatchObject({ code: 'InvalidParameter', requestId: 'r-deep' });
    expect(error.message.length).toBeLessThan(500);
  });

  it('an Error that is itself nested deep, or a RequestId nested deep, is a VolcError too', async () => {
    const depth = 100_000;
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    answer(400, `{"ResponseMetadata":{"RequestId":"r","Error":${nested}}}`);
    const a = await failure(client().send(describeThings, {}));
    expect(a).toBeInstanceOf(VolcServiceError);
    expect(a.message.length).toBeLessThan(500);
    answer(200, `{"ResponseMetadata":{"RequestId":${nested}},"Result":{}}`);
    const result = await client()
      .send(describeThings, {})
      .catch((error: unknown) => error);
    expect(result instanceof Error ? isVolcError(result) : true).toBe(true);
  });

  it('a 10 MiB Message is cut in err.message and in every log line, and says so', async () => {
    const size = 10 * 1024 * 1024;
    answer(
      400,
      JSON.stringify({
        ResponseMetadata: { RequestId: 'r-big', Error: { Code: 'InvalidParameter', Message: 'x'.repeat(size) } },
      }),
    );
    const lines: string[] = [];
    const error = await failure(client(lines).send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcServiceError);
    expect(error.message.length).toBeLessThan(4096);
    expect(error.message).toContain(`… (cut, ${size} characters)`);
    expect(error.message).toContain('RequestId r-big');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.length).toBeLessThan(8192);
  });
});

describe('an SSO lifetime no date can hold', () => {
  it('expires_in: 1e308 is a VolcCredentialsError naming the source, not a RangeError', async () => {
    const sso = await startServer((request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      if (request.path === '/token') response.end(JSON.stringify({ access_token: 'fresh-access', expires_in: 1e308 }));
      else
        response.end(
          JSON.stringify({
            Result: {
              RoleCredentials: { AccessKeyId: 'AK', SecretAccessKey: 'SK', SessionToken: 'ST', Expiration: 'x' },
            },
          }),
        );
    });
    try {
      const startUrl = 'https://example.volccloudidentity.com/portal';
      const hash = createHash('sha1')
        .update(JSON.stringify({ start_url: startUrl, session_name: 'corp' }))
        .digest('hex');
      await mkdir(join(dir, 'sso', 'cache'), { recursive: true });
      await writeFile(
        join(dir, 'sso', 'cache', `${hash}.json`),
        JSON.stringify({
          access_token: 'old',
          expires_at: '2020-01-01T00:00:00Z',
          client_id: 'cid',
          client_secret: 'csecret',
          refresh_token: 'refresh',
        }),
      );
      const source = 'profile "dev" (sso) in the test';
      const error = await failure(
        ssoProfileCredentials(
          { mode: 'sso', 'sso-session-name': 'corp', 'account-id': '2100000000', 'role-name': 'Dev' },
          'dev',
          { 'sso-session': { corp: { 'start-url': startUrl, region: 'cn-beijing' } } },
          join(dir, 'config.json'),
          source,
          { oauthEndpoint: sso.url, portalEndpoint: sso.url },
        ),
      );
      expect(error).toBeInstanceOf(VolcCredentialsError);
      expect(error.message).toContain(source);
      expect(error.message).toContain('expires_in');
    } finally {
      await sso.close();
    }
  });
});
