/**
 * The client against a real HTTP server on 127.0.0.1: signing as the server verifies it, protocols,
 * retries, Retry-After, timeouts, abort, malformed responses, ClientToken reuse and clock skew. Runs over
 * node:http here and over ky + fetch in client.http.over-fetch.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerResponse } from 'node:http';
import {
  VolcAbortError,
  VolcClient,
  VolcCredentialsError,
  VolcNetworkError,
  VolcResponseError,
  VolcServiceError,
  VolcTimeoutError,
  VolcValidationError,
  type ClientConfig,
  type Credentials,
} from '../src/index.js';
import { createThing, describeThings, listByQuery, submitForm } from './helpers/operations.js';
import { parseXDate, verifyRequest } from './helpers/reference-signer.js';
import {
  ACCESS_KEY_ID,
  BODY_PASSWORD,
  credentials,
  SECRET_ACCESS_KEY,
  SecretWatch,
  SESSION_TOKEN,
  sessionCredentials,
} from './helpers/secrets.js';
import { sendEnvelope, startServer, type RecordedRequest, type TestServer } from './helpers/server.js';
import { transportUnderTest } from './helpers/transports.js';

const watch = new SecretWatch();
let server: TestServer;
const service = { service: 'redis', global: false, packageVersion: '1.2.3' };

/** Verifies the signature like the real gateway; answers SignatureDoesNotMatch when it is wrong. */
function verified(request: RecordedRequest, response: ServerResponse): boolean {
  watch.learnAuthorization(request.headers.authorization);
  const result = verifyRequest(request, { [ACCESS_KEY_ID]: SECRET_ACCESS_KEY });
  if (result.ok) return true;
  sendEnvelope(response, request, {
    status: 401,
    error: { Code: 'SignatureDoesNotMatch', Message: `The request signature does not match (${result.reason})` },
  });
  return false;
}

function ok(result: unknown) {
  return (request: RecordedRequest, response: ServerResponse) => {
    if (verified(request, response))
      sendEnvelope(response, request, { result, requestId: `rid-${request.receivedAt}` });
  };
}

function makeClient(config: ClientConfig = {}) {
  const logger = watch.logger();
  const client = new VolcClient(service, {
    endpoint: server.url,
    credentials,
    logger,
    logLevel: 'debug',
    retryDelays: { baseDelay: 10, throttlingBaseDelay: 20 },
    ...transportUnderTest().config,
    ...config,
  });
  return { client, logger };
}

beforeAll(async () => {
  server = await startServer(ok({}));
  // One call first, so the transport's modules (ky on the fetch transport) are loaded before the
  // tests whose deadlines are a few hundred ms: a slow import under load must not eat them.
  await makeClient().client.send(describeThings, {});
});
beforeEach(() => {
  server.requests.length = 0;
  server.setHandler(ok({}));
});
afterAll(async () => {
  await server.close();
  expect(watch.texts.length).toBeGreaterThan(50);
  watch.assertClean();
});

describe('protocols and signing', () => {
  it('json: POSTs a signed JSON body and resolves to Result with $metadata', async () => {
    server.setHandler(ok({ Items: ['a', 'b'], Total: 2 }));
    const { client } = makeClient();
    const result = await client.send(describeThings, { InstanceId: 'redis-1', PageSize: 10 });
    expect(result).toEqual({ Items: ['a', 'b'], Total: 2 });
    expect(result.$metadata).toMatchObject({
      Action: 'DescribeThings',
      Version: '2020-12-07',
      Service: 'redis',
      Region: 'cn-beijing',
    });
    expect(result.$metadata.RequestId).toMatch(/^rid-/);
    expect(Object.keys(result)).toEqual(['Items', 'Total']);

    const [request] = server.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/',
      rawQuery: 'Action=DescribeThings&Version=2020-12-07',
      body: '{"InstanceId":"redis-1","PageSize":10}',
    });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['user-agent']).toMatch(/^volc-ts\/\S+ redis\/1\.2\.3 node\/\d+\.\d+\.\d+ \w+-\w+$/);
    expect(request!.headers.authorization).toContain(`Credential=${ACCESS_KEY_ID}/`);
    expect(request!.headers.authorization).toContain(
      '/cn-beijing/redis/request, SignedHeaders=host;x-content-sha256;x-date,',
    );
  });

  it('query: GETs with the input flattened into a signed query', async () => {
    server.setHandler(ok({ Count: 3 }));
    const { client } = makeClient();
    const result = await client.send(listByQuery, {
      InstanceIds: ['i-2', 'i 1'],
      Filter: { Name: 'zone*', Values: ['cn-beijing-a'] },
    });
    expect(result.Count).toBe(3);
    const [request] = server.requests;
    expect(request!.method).toBe('GET');
    expect(request!.body).toBe('');
    expect(request!.headers['x-content-sha256']).toBeUndefined();
    expect(request!.headers['content-type']).toBeUndefined();
    expect(request!.rawQuery).toBe(
      'Action=ListByQuery&Filter.Name=zone%2A&Filter.Values.1=cn-beijing-a&InstanceIds.1=i-2&InstanceIds.2=i%201&Version=2022-01-01',
    );
    expect(Object.fromEntries(request!.query)).toMatchObject({ 'InstanceIds.2': 'i 1', 'Filter.Name': 'zone*' });
  });

  it('form: POSTs the flattened input urlencoded', async () => {
    server.setHandler(ok({ Ok: true }));
    const { client } = makeClient();
    await client.send(submitForm, { Name: 'a&b', Tags: [{ Key: 'k', Value: 'v w' }] });
    const [request] = server.requests;
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      Name: 'a&b',
      'Tags.1.Key': 'k',
      'Tags.1.Value': 'v w',
    });
  });

  it("sends what the operation's own serializer builds: the descriptor names it, the protocol does not pick it", async () => {
    server.setHandler(ok({ Count: 1 }));
    const { client } = makeClient();
    const seen: unknown[] = [];
    // Marked `json`, serialized as a query: the client follows `serialize`.
    const operation = {
      ...listByQuery,
      protocol: 'json',
      serialize: (op: Parameters<typeof listByQuery.serialize>[0], input: unknown) => {
        seen.push(input);
        return listByQuery.serialize(op, input);
      },
    } as const;
    await client.send(operation, { InstanceIds: ['i-1'] });
    expect(seen).toEqual([{ InstanceIds: ['i-1'] }]);
    const [request] = server.requests;
    expect(request!.method).toBe('GET');
    expect(request!.rawQuery).toBe('Action=ListByQuery&InstanceIds.1=i-1&Version=2022-01-01');
  });

  it('sends and signs X-Security-Token with session credentials', async () => {
    const { client } = makeClient({ credentials: sessionCredentials });
    await client.send(describeThings, {});
    const [request] = server.requests;
    expect(request!.headers['x-security-token']).toBe(SESSION_TOKEN);
    expect(request!.headers.authorization).toContain('SignedHeaders=host;x-content-sha256;x-date;x-security-token,');
  });

  it('calls a credentials provider and the custom fetch', async () => {
    const provider = vi.fn(async (): Promise<Credentials> => credentials);
    const fetchSpy = vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const { client } = makeClient({ credentials: provider, fetch: fetchSpy as typeof fetch });
    await client.send(describeThings, {});
    await client.send(describeThings, {});
    expect(provider).toHaveBeenCalledTimes(1); // cached
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    expect(server.requests).toHaveLength(2);
  });

  it('signs global services for cn-beijing and takes the region from VOLCENGINE_REGION', async () => {
    vi.stubEnv('VOLCENGINE_REGION', 'ap-southeast-1');
    try {
      const regional = new VolcClient(service, { endpoint: server.url, credentials });
      expect(regional.config).toMatchObject({ region: 'ap-southeast-1', signingRegion: 'ap-southeast-1' });
      await regional.send(describeThings, {});
      expect(server.requests.at(-1)!.headers.authorization).toContain('/ap-southeast-1/redis/request,');

      const global = new VolcClient({ service: 'iam', global: true }, { endpoint: server.url, credentials });
      expect(global.config).toMatchObject({ region: 'ap-southeast-1', signingRegion: 'cn-beijing' });
      await global.send(describeThings, {});
      expect(server.requests.at(-1)!.headers.authorization).toContain('/cn-beijing/iam/request,');
      expect(new VolcClient({ service: 'iam', global: true }).config.endpoint).toBe('https://iam.volcengineapi.com');
      expect(new VolcClient(service, { region: 'cn-shanghai' }).config.endpoint).toBe(
        'https://redis.cn-shanghai.volcengineapi.com',
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('rejects nonsense options at construction', () => {
    expect(() => new VolcClient(service, { maxAttempts: 0 })).toThrow(RangeError);
    expect(() => new VolcClient(service, { timeout: -1 })).toThrow(RangeError);
  });

  it('resolves a missing Result to {} with $metadata', async () => {
    server.setHandler((request, response) => sendEnvelope(response, request, { requestId: 'rid-empty' }));
    const { client } = makeClient();
    const result = await client.send(describeThings, {});
    expect(result).toEqual({});
    expect(result.$metadata.RequestId).toBe('rid-empty');
  });
});

describe('validation', () => {
  it('throws VolcValidationError before any I/O or credential lookup', async () => {
    const provider = vi.fn(async (): Promise<Credentials> => credentials);
    const { client } = makeClient({ credentials: provider });
    const error = await watch.rejection(client.send(describeThings, { PageSize: 101, InstanceId: 'x'.repeat(31) }));
    expect(error).toBeInstanceOf(VolcValidationError);
    expect((error as VolcValidationError).issues.map((i) => i.path)).toEqual(['PageSize', 'InstanceId']);
    expect(error.message).toContain('PageSize: must be <= 100 (got 101)');
    expect(server.requests).toHaveLength(0);
    expect(provider).not.toHaveBeenCalled();
  });

  it('does not echo a secret-looking field value', async () => {
    const { client } = makeClient();
    const error = await watch.rejection(client.send(createThing, { Name: 'n', Password: BODY_PASSWORD }));
    expect(error.message).toContain('Password: must be at most 8 characters long (got [redacted])');
  });

  it('can be turned off', async () => {
    const { client } = makeClient({ validate: false });
    await client.send(describeThings, { PageSize: 101 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('retries', () => {
  it('retries 503 and succeeds, signing every attempt', async () => {
    server.setHandler((request, response, index) => {
      if (!verified(request, response)) return;
      if (index < 2)
        sendEnvelope(response, request, { status: 503, error: { Code: 'ServiceUnavailableTemp', Message: 'busy' } });
      else sendEnvelope(response, request, { result: { Items: ['x'] } });
    });
    const { client, logger } = makeClient();
    const result = await client.send(describeThings, {});
    expect(result.Items).toEqual(['x']);
    expect(server.requests).toHaveLength(3);
    expect(logger.lines.filter((l) => l.startsWith('info') && l.includes('retrying'))).toHaveLength(2);
  });

  it('retries FlowLimitExceeded even when it comes with HTTP 200', async () => {
    server.setHandler((request, response, index) => {
      if (!verified(request, response)) return;
      if (index === 0)
        sendEnvelope(response, request, { status: 200, error: { Code: 'FlowLimitExceeded', Message: 'slow down' } });
      else sendEnvelope(response, request, { result: {} });
    });
    const { client } = makeClient();
    await client.send(describeThings, {});
    expect(server.requests).toHaveLength(2);
  });

  it('honours Retry-After and re-signs with a fresh X-Date', async () => {
    server.setHandler((request, response, index) => {
      if (!verified(request, response)) return;
      if (index === 0)
        sendEnvelope(response, request, {
          status: 429,
          error: { Code: 'FlowLimitExceeded', Message: 'slow down' },
          headers: { 'Retry-After': '1' },
        });
      else sendEnvelope(response, request, { result: {} });
    });
    const { client, logger } = makeClient();
    await client.send(describeThings, {});
    const [first, second] = server.requests;
    // The wait chosen, exactly (a measured gap can come out a few ms short of what a timer waited).
    expect(logger.lines.filter((l) => l.includes('retrying'))).toEqual([
      expect.stringContaining('retrying in 1000 ms (attempt 2 of 3)'),
    ]);
    expect(parseXDate(String(second!.headers['x-date']))).toBeGreaterThan(parseXDate(String(first!.headers['x-date'])));
    expect(second!.headers.authorization).not.toBe(first!.headers.authorization);
  });

  it('never retries a client error', async () => {
    server.setHandler((request, response) => {
      if (verified(request, response))
        sendEnvelope(response, request, {
          status: 400,
          requestId: 'rid-400',
          error: { Code: 'InvalidParameter', CodeN: 100004, Message: 'bad PageSize' },
        });
    });
    const { client } = makeClient();
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(server.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(VolcServiceError);
    expect(error).toMatchObject({
      code: 'InvalidParameter',
      codeN: 100004,
      serverMessage: 'bad PageSize',
      requestId: 'rid-400',
      status: 400,
      action: 'DescribeThings',
      service: 'redis',
      retryable: false,
    });
  });

  it('retries a service-specific code only when the service marks it retryable', async () => {
    const busyThenOk = (request: RecordedRequest, response: ServerResponse, index: number) => {
      if (!verified(request, response)) return;
      if (index === 0)
        sendEnvelope(response, request, { status: 409, error: { Code: 'Widget.Busy', Message: 'being changed' } });
      else sendEnvelope(response, request, { result: {} });
    };
    server.setHandler(busyThenOk);
    const marked = new VolcClient(
      { ...service, retryableCodes: ['Widget.Busy'] },
      { endpoint: server.url, credentials, retryDelays: { baseDelay: 10 } },
    );
    await marked.send(describeThings, {});
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    const { client } = makeClient();
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toMatchObject({ code: 'Widget.Busy', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last error', async () => {
    server.setHandler((request, response) => {
      if (verified(request, response))
        sendEnvelope(response, request, { status: 500, error: { Code: 'InternalError', Message: 'oops' } });
    });
    const { client } = makeClient({ maxAttempts: 4 });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(server.requests).toHaveLength(4);
    expect(error).toMatchObject({ code: 'InternalError', status: 500, retryable: true });
  });

  it('makes one attempt with maxAttempts 1, also per call', async () => {
    server.setHandler((request, response) =>
      sendEnvelope(response, request, { status: 503, error: { Code: 'ServiceUnavailableTemp', Message: '' } }),
    );
    const { client } = makeClient({ maxAttempts: 1 });
    watch.error(await client.send(describeThings, {}).catch((e: unknown) => e));
    expect(server.requests).toHaveLength(1);
    const { client: other } = makeClient();
    watch.error(await other.send(describeThings, {}, { maxAttempts: 2 }).catch((e: unknown) => e));
    expect(server.requests).toHaveLength(3);
  });

  it('reuses one generated ClientToken on every attempt and leaves the input alone', async () => {
    server.setHandler((request, response, index) => {
      if (!verified(request, response)) return;
      if (index < 2)
        sendEnvelope(response, request, { status: 502, error: { Code: 'InternalServiceError', Message: '' } });
      else sendEnvelope(response, request, { result: { Id: 'thing-1' } });
    });
    const { client } = makeClient();
    const input = { Name: 'n' };
    await client.send(createThing, input);
    const tokens = server.requests.map((r) => (JSON.parse(r.body) as { ClientToken?: string }).ClientToken);
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(tokens).size).toBe(1);
    expect(input).toEqual({ Name: 'n' });

    server.requests.length = 0;
    await client.send(createThing, { Name: 'n' });
    const next = (JSON.parse(server.requests.at(-1)!.body) as { ClientToken: string }).ClientToken;
    expect(next).not.toBe(tokens[0]);
  });

  it('keeps a ClientToken the caller gave', async () => {
    const { client } = makeClient();
    await client.send(createThing, { Name: 'n', ClientToken: 'mine-123' });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ Name: 'n', ClientToken: 'mine-123' });
  });
});

describe('malformed responses', () => {
  it('retries an HTML 502 page and then reports it with status and excerpt', async () => {
    server.setHandler((_request, response) => {
      response.writeHead(502, { 'Content-Type': 'text/html' });
      response.end('<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>');
    });
    const { client } = makeClient();
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(server.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(VolcResponseError);
    expect(error).toMatchObject({ status: 502, retryable: true });
    expect((error as VolcResponseError).bodyExcerpt).toContain('502 Bad Gateway');
    expect(error).not.toBeInstanceOf(SyntaxError);
  });

  it('reports truncated JSON without retrying a 200', async () => {
    server.setHandler((request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        `{"ResponseMetadata":{"RequestId":"rid-trunc","Action":"${request.query.get('Action')}"},"Result":{"Items":["a",`,
      );
    });
    const { client } = makeClient();
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(server.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(VolcResponseError);
    expect(error).toMatchObject({ status: 200, requestId: 'rid-trunc' });
    expect(error.message).toContain('not valid JSON');
  });

  // Issue 22 item 7: the answer must be about the action called, with an object Result.
  it.each([
    ['names another action', { Action: 'DeleteEverything' }, { Items: ['a'] }, 'DeleteEverything'],
    ['carries an array Result', {}, [1, 2], 'Result is an array'],
  ])('refuses a 200 that %s, once, with the request id', async (_, metadata, result, reason) => {
    server.setHandler((request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          ResponseMetadata: {
            RequestId: 'rid-other',
            Action: request.query.get('Action'),
            Version: '2020-12-07',
            ...metadata,
          },
          Result: result,
        }),
      );
    });
    const { client } = makeClient();
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(server.requests).toHaveLength(1);
    expect(error).toBeInstanceOf(VolcResponseError);
    expect(error).toMatchObject({ status: 200, requestId: 'rid-other', action: 'DescribeThings', retryable: false });
    expect(error.message).toContain(reason);
  });

  it('reports JSON without ResponseMetadata', async () => {
    server.setHandler((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"Result":{"Items":[]}}');
    });
    const { client } = makeClient();
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcResponseError);
    expect(error.message).toContain('no ResponseMetadata');
  });
});

describe('network failures', () => {
  it('retries a connection reset and keeps the cause when it persists', async () => {
    server.setHandler((request, response, index) => {
      if (index < 1) {
        // The socket is dropped without a response.
        response.socket?.destroy();
        return;
      }
      if (verified(request, response)) sendEnvelope(response, request, { result: { Items: [] } });
    });
    const { client } = makeClient();
    await client.send(describeThings, {});
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    server.setHandler((_request, response) => {
      response.socket?.destroy();
    });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(server.requests).toHaveLength(3);
    expect(error).toBeInstanceOf(VolcNetworkError);
    expect(error.cause).toBeInstanceOf(Error);
    expect((error as VolcNetworkError).retryable).toBe(true);
  });

  it('reports a refused connection as a network error after retrying', async () => {
    const closed = await startServer(ok({}));
    const url = closed.url;
    await closed.close();
    const { client, logger } = makeClient({ endpoint: url });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcNetworkError);
    expect((error as VolcNetworkError).code).toBe('ECONNREFUSED');
    expect(logger.lines.filter((l) => l.includes('retrying'))).toHaveLength(2);
  });
});

describe('timeouts and cancellation', () => {
  const slow =
    (ms: number, result: unknown = {}) =>
    (request: RecordedRequest, response: ServerResponse) => {
      const timer = setTimeout(() => {
        if (!response.destroyed) sendEnvelope(response, request, { result });
      }, ms);
      response.on('close', () => clearTimeout(timer));
    };

  it('times out a slow attempt and retries it', async () => {
    server.setHandler((request, response, index) =>
      index === 0 ? slow(5000)(request, response) : ok({ Items: ['late'] })(request, response),
    );
    const { client } = makeClient({ timeout: 150 });
    const result = await client.send(describeThings, {});
    // The first attempt would have answered {} after 5 s: 'late' is the retry's answer.
    expect(result.Items).toEqual(['late']);
    expect(server.requests).toHaveLength(2);
  });

  it('throws VolcTimeoutError when every attempt times out', async () => {
    server.setHandler(slow(2000));
    const { client } = makeClient({ timeout: 100, maxAttempts: 2 });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcTimeoutError);
    expect(error).toMatchObject({ kind: 'attempt', timeout: 100 });
    expect(error.cause).toMatchObject({ name: 'TimeoutError', message: 'attempt deadline of 100 ms reached' });
    expect(server.requests).toHaveLength(2);
  });

  it('times out a body that stalls after the headers', async () => {
    server.setHandler((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      response.write('{"ResponseMetadata":');
    });
    const { client } = makeClient({ timeout: 150, maxAttempts: 1 });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcTimeoutError);
  });

  it('counts the wait for the headers against the attempt and cancels a stalled body, closing the connection', async () => {
    let closed = false;
    // Headers 800 ms after the request, the rest of the body 600 ms later: with one budget of 1000 ms the
    // attempt ends first; a fresh 1000 ms for the body would run to 1800 ms and see the whole answer at 1400.
    // Every timer is in this process, each due well apart from the others: no race with a slow machine.
    server.setHandler((request, response) => {
      response.on('close', () => (closed = true));
      const body = JSON.stringify({ ResponseMetadata: { RequestId: 'rid-late', Action: request.query.get('Action') } });
      const timers = [
        setTimeout(() => {
          response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
          response.write(body.slice(0, 10));
        }, 800),
        setTimeout(() => response.end(body.slice(10)), 1400),
      ];
      response.on('close', () => timers.forEach(clearTimeout));
    });
    const { client } = makeClient({ timeout: 1000, maxAttempts: 1 });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcTimeoutError);
    expect(error).toMatchObject({ kind: 'attempt', timeout: 1000 });
    await vi.waitFor(() => expect(closed).toBe(true), { timeout: 2000 });
  });

  it('aborts while the body is being read', async () => {
    server.setHandler((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      response.write('{"ResponseMetadata":');
    });
    const { client } = makeClient({ maxAttempts: 1 });
    const controller = new AbortController();
    const reason = new Error('user went away mid-body');
    setTimeout(() => controller.abort(reason), 150);
    const error = await watch.rejection(client.send(describeThings, {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(VolcAbortError);
    expect(error.cause).toBe(reason);
  });

  it('treats a timeout longer than a timer can wait as no timeout, not as an immediate one', async () => {
    const { client } = makeClient({ timeout: 2 ** 31, totalTimeout: 2 ** 32, maxAttempts: 1 });
    await expect(client.send(describeThings, {})).resolves.toEqual({});
  });

  it('applies a per-call timeout', async () => {
    server.setHandler(slow(2000));
    const { client } = makeClient({ maxAttempts: 1 });
    const error = await watch.rejection(client.send(describeThings, {}, { timeout: 100 }));
    expect(error).toMatchObject({ name: 'VolcTimeoutError', timeout: 100 });
  });

  it('stops the whole call at totalTimeout', async () => {
    server.setHandler(slow(5000));
    const { client } = makeClient({ timeout: 4000, totalTimeout: 250 });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcTimeoutError);
    // Not the attempt's 4 s deadline, nor the answer at 5 s: the total one.
    expect(error).toMatchObject({ kind: 'total', timeout: 250 });
    expect(server.requests).toHaveLength(1);
  });

  it('aborts an in-flight request with VolcAbortError', async () => {
    server.setHandler(slow(5000));
    const { client } = makeClient();
    const controller = new AbortController();
    const reason = new Error('user went away');
    setTimeout(() => controller.abort(reason), 100);
    // Without the abort the answer comes at 5 s, and the call succeeds.
    const error = await watch.rejection(client.send(describeThings, {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(VolcAbortError);
    expect(error.cause).toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it('aborts during the backoff before a retry', async () => {
    server.setHandler((request, response) =>
      sendEnvelope(response, request, {
        status: 429,
        error: { Code: 'FlowLimitExceeded', Message: '' },
        headers: { 'Retry-After': '30' },
      }),
    );
    const { client } = makeClient();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    // Retry-After asks for 30 s, beyond the test's timeout: only the abort can end the wait in time.
    const error = await watch.rejection(client.send(describeThings, {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(VolcAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { client } = makeClient();
    const error = await watch.rejection(client.send(describeThings, {}, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(VolcAbortError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('clock skew', () => {
  const SKEW = 10 * 60_000;
  /** A gateway whose clock runs 10 minutes ahead and rejects requests more than 5 minutes off. */
  function skewedGateway(request: RecordedRequest, response: ServerResponse) {
    const serverNow = Date.now() + SKEW;
    const headers = { Date: new Date(serverNow).toUTCString() };
    if (Math.abs(parseXDate(String(request.headers['x-date'])) - serverNow) > 5 * 60_000) {
      sendEnvelope(response, request, {
        status: 401,
        error: { Code: 'InvalidTimestamp', Message: 'The request timestamp is out of range' },
        headers,
      });
      return;
    }
    if (verified(request, response)) sendEnvelope(response, request, { result: { Items: ['ok'] }, headers });
  }

  it('corrects the clock from the Date header after InvalidTimestamp and retries once', async () => {
    server.setHandler(skewedGateway);
    const { client, logger } = makeClient({ maxAttempts: 1 });
    const before = Date.now();
    const result = await client.send(describeThings, {});
    const after = Date.now();
    expect(result.Items).toEqual(['ok']);
    expect(server.requests).toHaveLength(2);
    // Server Date (whole seconds, stamped within the call) minus the local time the answer came (also
    // within it): between SKEW - 1 s - the call's length and SKEW, however long the call took.
    expect(client.clockOffset).toBeGreaterThanOrEqual(SKEW - 1000 - (after - before));
    expect(client.clockOffset).toBeLessThanOrEqual(SKEW);
    expect(logger.lines.some((l) => l.startsWith('warn') && l.includes('InvalidTimestamp'))).toBe(true);

    // The correction sticks for later calls.
    await client.send(describeThings, {});
    expect(server.requests).toHaveLength(3);
  });

  it('does not loop when the timestamp is still rejected', async () => {
    server.setHandler((request, response) =>
      sendEnvelope(response, request, {
        status: 401,
        error: { Code: 'InvalidTimestamp', Message: 'out of range' },
        headers: { Date: new Date(Date.now() + SKEW).toUTCString() },
      }),
    );
    const { client } = makeClient({ maxAttempts: 3 });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toMatchObject({ code: 'InvalidTimestamp' });
    expect(server.requests).toHaveLength(2);
  });
});

describe('credentials', () => {
  it('reports missing credentials without sending anything', async () => {
    vi.stubEnv('VOLCENGINE_ACCESS_KEY', '');
    vi.stubEnv('VOLCENGINE_SECRET_KEY', '');
    vi.stubEnv('VOLCSTACK_ACCESS_KEY_ID', '');
    vi.stubEnv('VOLCSTACK_SECRET_ACCESS_KEY', '');
    vi.stubEnv('HOME', '/nonexistent-volc-home');
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', '');
    try {
      const client = new VolcClient(service, { endpoint: server.url, logger: watch.logger(), logLevel: 'debug' });
      const error = await watch.rejection(client.send(describeThings, {}));
      expect(error).toBeInstanceOf(VolcCredentialsError);
      expect(error.message).toContain('environment');
      expect(error.message).toContain('config file /nonexistent-volc-home/.volcengine/config.json: does not exist');
      expect(server.requests).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('rejects incomplete static keys at call time, naming the missing part, without sending anything', async () => {
    const { client } = makeClient({ credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: '' } });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain('static: secretAccessKey is empty');
    expect(server.requests).toHaveLength(0);
  });

  it('aborts a slow credentials provider with the call signal', async () => {
    const { client } = makeClient({ credentials: () => new Promise<Credentials>(() => {}) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await watch.rejection(client.send(describeThings, {}, { signal: controller.signal }));
    expect(error).toBeInstanceOf(VolcAbortError);
    const timed = await watch.rejection(client.send(describeThings, {}, { totalTimeout: 50 }));
    expect(timed).toMatchObject({ name: 'VolcTimeoutError', kind: 'total' });
    expect(server.requests).toHaveLength(0);
  });

  it('wraps a failing custom provider in VolcCredentialsError', async () => {
    const { client } = makeClient({
      credentials: async () => {
        throw new Error('vault sealed');
      },
    });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain('vault sealed');
  });
});
