/**
 * Issue 12: hostile servers and careless inputs. One block per item of the issue; each starts with the
 * exact input of the report, then inputs of our own of the same kind. Every error and log line is
 * collected and checked for secrets at the end.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fromConfigFile,
  fromEnv,
  readFailure,
  VolcClient,
  VolcCredentialsError,
  VolcNetworkError,
  VolcRequestError,
  VolcResponseError,
  VolcServiceError,
  VolcTimeoutError,
  type ClientConfig,
  type Credentials,
  VolcValidationError,
  type ValidationIssue,
} from '../src/index.js';
import { checkMembers, checkObject, paginateOffset, paginatePageNumber, paginateToken } from '../src/internal.js';
import { parseJson, stringifyJson } from '../src/json.js';
import { clockOffsetFrom, signingTime } from '../src/clock.js';
import { decideRetry, surelyNotProcessed } from '../src/retry.js';
import { DEFAULT_RETRY_POLICY } from '../src/retry-policy.js';
import { createAccessKey, createThing, describeThings, listByQuery, submitForm } from './helpers/operations.js';
import { ACCESS_KEY_ID, credentials, SECRET_ACCESS_KEY, SecretWatch, SESSION_TOKEN } from './helpers/secrets.js';
import { sendEnvelope, startServer, type RecordedRequest, type TestServer } from './helpers/server.js';

const watch = new SecretWatch();
let server: TestServer;
const service = { service: 'iam', global: false };

function ok(result: unknown) {
  return (request: RecordedRequest, response: ServerResponse) =>
    sendEnvelope(response, request, { result, requestId: `rid-${request.receivedAt}` });
}

function makeClient(config: ClientConfig = {}) {
  const logger = watch.logger();
  const client = new VolcClient(service, {
    endpoint: server.url,
    credentials,
    logger,
    logLevel: 'debug',
    retryDelays: { baseDelay: 5, throttlingBaseDelay: 5 },
    timeout: 2_000,
    ...config,
  });
  return { client, logger };
}

beforeAll(async () => {
  server = await startServer(ok({}));
});
beforeEach(() => {
  server.requests.length = 0;
  server.setHandler(ok({}));
});
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await server.close();
  watch.assertClean();
});

// A session token as STS hands it out, base64 wrapped at 76 characters by a tool that copied it.
const WRAPPED_TOKEN = `${SESSION_TOKEN}${'A'.repeat(76 - SESSION_TOKEN.length)}\n${'B'.repeat(40)}`;

describe('1. credentials are checked when resolved; a bad one names the source and the problem, never the value', () => {
  it('a session token wrapped with \\n: VolcCredentialsError, nothing sent, no retry', async () => {
    const { client } = makeClient({ credentials: { ...credentials, sessionToken: WRAPPED_TOKEN } });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain('static: sessionToken contains a line break (\\n) at position 77 of 117');
    expect(error.message).not.toContain(SESSION_TOKEN);
    expect(server.requests).toHaveLength(0);
  });

  it('an access key with a trailing newline (copied from a file or a Kubernetes secret)', async () => {
    const { client } = makeClient({ credentials: { ...credentials, accessKeyId: `${ACCESS_KEY_ID}\n` } });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain('accessKeyId contains a line break (\\n) at the end');
    expect(error).toMatchObject({ attempts: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it('names the environment variable that holds the bad value', async () => {
    vi.stubEnv('VOLCENGINE_ACCESS_KEY', ACCESS_KEY_ID);
    vi.stubEnv('VOLCENGINE_SECRET_KEY', `${SECRET_ACCESS_KEY}\r\n`);
    vi.stubEnv('VOLCENGINE_SESSION_TOKEN', '');
    const error = await watch.rejection(fromEnv()());
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain('environment: VOLCENGINE_SECRET_KEY contains a carriage return (\\r) at position');
    vi.stubEnv('VOLCENGINE_SECRET_KEY', SECRET_ACCESS_KEY);
    vi.stubEnv('VOLCENGINE_SESSION_TOKEN', WRAPPED_TOKEN);
    expect((await watch.rejection(fromEnv()())).message).toContain('VOLCENGINE_SESSION_TOKEN contains a line break');
  });

  it('checks what a provider returns, and a config file profile', async () => {
    const provider = async (): Promise<Credentials> => ({ ...credentials, secretAccessKey: ` ${SECRET_ACCESS_KEY}` });
    const { client } = makeClient({ credentials: provider });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error.message).toContain('credentials provider: secretAccessKey contains a space at the start');
    expect(server.requests).toHaveLength(0);

    const dir = mkdtempSync(join(tmpdir(), 'volc-cfg-'));
    const path = join(dir, 'config.json');
    writeFileSync(
      path,
      JSON.stringify({
        profiles: {
          default: { 'access-key': ACCESS_KEY_ID, 'secret-key': SECRET_ACCESS_KEY, 'session-token': WRAPPED_TOKEN },
        },
      }),
    );
    const fromFile = await watch.rejection(fromConfigFile({ path, profile: 'default' })());
    expect(fromFile.message).toContain(`config file ${path} profile "default": session-token contains a line break`);
  });

  it.each([
    [
      'a tab inside the secret',
      { ...credentials, secretAccessKey: `${SECRET_ACCESS_KEY.slice(0, 10)}\t${SECRET_ACCESS_KEY.slice(10)}` },
      'secretAccessKey contains a tab at position 11',
    ],
    [
      'a no-break space in the key',
      { ...credentials, accessKeyId: `${ACCESS_KEY_ID}\u00a0` },
      'accessKeyId contains character U+00A0 at the end',
    ],
    [
      'a non-string token',
      { ...credentials, sessionToken: 42 as unknown as string },
      'sessionToken is not a string (number)',
    ],
  ])('%s', async (_, bad, message) => {
    const { client } = makeClient({ credentials: bad });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain(message);
    expect(server.requests).toHaveLength(0);
  });
});

describe('2. response error excerpts are redacted', () => {
  const stsBody = JSON.stringify({
    Result: {
      Credentials: {
        AccessKeyId: 'AKTPexample',
        SecretAccessKey: SECRET_ACCESS_KEY,
        SessionToken: SESSION_TOKEN,
        ExpiredTime: '2026-12-01T00:00:00Z',
      },
    },
  });

  it('an STS answer without ResponseMetadata holding new credentials', async () => {
    server.setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(stsBody);
    });
    const { client, logger } = makeClient();
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcResponseError);
    const { bodyExcerpt } = error as VolcResponseError;
    expect(bodyExcerpt).toContain('"SecretAccessKey":"[redacted]","SessionToken":"[redacted]"');
    expect(bodyExcerpt).toContain('AKTPexample');
    expect((error as VolcResponseError).bodyExcerpt).not.toContain(SECRET_ACCESS_KEY);
    expect(logger.lines.join('\n')).not.toContain(SECRET_ACCESS_KEY);
  });

  it('a truncated body cut inside a secret, and a Password member of an HTML-wrapped 502', async () => {
    server.setHandler((_request, response) => {
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(`{"Result":{"Password" : "${SECRET_ACCESS_KEY}", "SessionToken":"${SESSION_TOKEN.slice(0, 20)}`);
    });
    const { client } = makeClient({ maxAttempts: 1 });
    const error = await watch.rejection(client.send(describeThings, {}));
    const { bodyExcerpt } = error as VolcResponseError;
    expect(bodyExcerpt).toBe('{"Result":{"Password" : "[redacted]", "SessionToken":"[redacted]');
    expect(error.message).not.toContain(SESSION_TOKEN.slice(0, 20));
  });
});

describe('3. a write without an idempotency token is never repeated after an ambiguous failure', () => {
  it('IAM CreateAccessKey: a connection reset after the request was sent is not retried; the outcome is unknown', async () => {
    server.setHandler((_request, response) => void response.socket?.destroy());
    const { client } = makeClient();
    const error = await watch.rejection(client.send(createAccessKey, { UserName: 'alice' }));
    expect(error).toBeInstanceOf(VolcNetworkError);
    expect(error).toMatchObject({ outcomeUnknown: true, attempts: 1 });
    expect(error.message).toContain('The outcome is unknown');
    expect(server.requests).toHaveLength(1);
  });

  it('a 5xx InternalError and an attempt timeout are not retried either', async () => {
    server.setHandler((request, response) =>
      sendEnvelope(response, request, { status: 500, error: { Code: 'InternalError', Message: 'boom' } }),
    );
    const { client } = makeClient();
    const error = await watch.rejection(client.send(createAccessKey, {}));
    expect(error).toBeInstanceOf(VolcServiceError);
    expect(error).toMatchObject({ code: 'InternalError', outcomeUnknown: true });
    expect(server.requests).toHaveLength(1);

    server.requests.length = 0;
    server.setHandler(() => {}); // never answers
    const slow = await watch.rejection(makeClient({ timeout: 50 }).client.send(createAccessKey, {}));
    expect(slow).toBeInstanceOf(VolcTimeoutError);
    expect(slow).toMatchObject({ outcomeUnknown: true, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('retries it when the request surely was not processed: throttling and connection refused', async () => {
    server.setHandler((request, response, index) =>
      index === 0
        ? sendEnvelope(response, request, { status: 429, error: { Code: 'FlowLimitExceeded', Message: 'slow down' } })
        : sendEnvelope(response, request, { result: { AccessKey: { AccessKeyId: 'AK2' } } }),
    );
    const { client } = makeClient();
    await expect(client.send(createAccessKey, {})).resolves.toMatchObject({ AccessKey: { AccessKeyId: 'AK2' } });
    expect(server.requests).toHaveLength(2);

    // A port nobody listens on: ECONNREFUSED, nothing was sent, so every attempt is made.
    const closed = await startServer(ok({}));
    await closed.close();
    let calls = 0;
    const counting: typeof fetch = (input, init) => {
      calls++;
      return fetch(input, init);
    };
    const refused = new VolcClient(service, {
      endpoint: closed.url,
      credentials,
      fetch: counting,
      retryDelays: { baseDelay: 1 },
    });
    const error = await watch.rejection(refused.send(createAccessKey, {}));
    expect(error).toBeInstanceOf(VolcNetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', attempts: 3 });
    expect((error as VolcNetworkError).outcomeUnknown).toBeUndefined();
    expect(calls).toBe(3);
  });

  it('reads and ClientToken actions keep their retries', async () => {
    for (const [operation, input] of [
      [describeThings, {}],
      [listByQuery, {}],
      [createThing, { Name: 'n' }],
    ] as const) {
      server.requests.length = 0;
      server.setHandler((request, response, index) =>
        index === 0 ? void response.socket?.destroy() : sendEnvelope(response, request, { result: {} }),
      );
      await makeClient().client.send(operation as typeof describeThings, input as object);
      expect(server.requests, operation.action).toHaveLength(2);
    }
  });

  it('decides from error kinds alone (pure function)', () => {
    const ctx = { action: 'A', service: 's' };
    const net = (code: string) =>
      new VolcNetworkError({ ...ctx, cause: Object.assign(new Error('x'), { code }), retryable: true });
    expect(surelyNotProcessed(net('ECONNREFUSED'))).toBe(true);
    expect(surelyNotProcessed(net('ENOTFOUND'))).toBe(true);
    expect(surelyNotProcessed(net('ECONNRESET'))).toBe(false);
    expect(
      surelyNotProcessed(
        new VolcNetworkError({ ...ctx, cause: Object.assign(new Error('x'), { requestSent: false }), retryable: true }),
      ),
    ).toBe(true);
    const service = (code: string, status: number) =>
      new VolcServiceError({ ...ctx, code, serverMessage: '', requestId: 'r', status, retryable: true });
    expect(surelyNotProcessed(service('FlowLimitExceeded', 429))).toBe(true);
    expect(surelyNotProcessed(service('InvalidTimestamp', 401))).toBe(true);
    expect(surelyNotProcessed(service('SignatureDoesNotMatch', 401))).toBe(true);
    expect(surelyNotProcessed(service('ServiceUnavailableTemp', 503))).toBe(false);
    expect(surelyNotProcessed(new VolcTimeoutError({ ...ctx, kind: 'attempt', timeout: 1 }))).toBe(false);
    const policy = DEFAULT_RETRY_POLICY;
    expect(decideRetry({ error: service('InternalError', 500), attempt: 1 }, policy)).toMatchObject({
      retry: false,
      outcomeUnknown: true,
    });
    expect(decideRetry({ error: service('InternalError', 500), attempt: 1, idempotent: true }, policy)).toMatchObject({
      retry: true,
    });
    expect(decideRetry({ error: service('FlowLimitExceeded', 429), attempt: 1 }, policy)).toMatchObject({
      retry: true,
    });
  });
});

describe('4. the idempotency token of a call is on every error of that call', () => {
  it('an auto-filled ClientToken is on a service error', async () => {
    server.setHandler((request, response) =>
      sendEnvelope(response, request, { status: 400, error: { Code: 'InvalidParameter', Message: 'no' } }),
    );
    const { client } = makeClient();
    const error = await watch.rejection(client.send(createThing, { Name: 'n' }));
    const sent = JSON.parse(server.requests[0]!.body) as { ClientToken: string };
    expect(sent.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(error).toMatchObject({ clientToken: sent.ClientToken });
  });

  it("the caller's own token, on a network error and on a timeout", async () => {
    server.setHandler((_request, response) => void response.socket?.destroy());
    const { client } = makeClient({ maxAttempts: 2 });
    const error = await watch.rejection(client.send(createThing, { Name: 'n', ClientToken: 'mine-1' }));
    expect(error).toMatchObject({ name: 'VolcNetworkError', clientToken: 'mine-1', attempts: 2 });

    server.setHandler(() => {});
    const timedOut = await watch.rejection(
      makeClient({ timeout: 30, maxAttempts: 1 }).client.send(createThing, { Name: 'n' }),
    );
    expect(timedOut).toBeInstanceOf(VolcTimeoutError);
    expect((timedOut as { clientToken?: string }).clientToken).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('6. clock corrections are bounded', () => {
  const invalidTimestampWith = (date: string) => (request: RecordedRequest, response: ServerResponse) => {
    response.setHeader('Date', date);
    sendEnvelope(response, request, { status: 401, error: { Code: 'InvalidTimestamp', Message: 'out of range' } });
  };

  it('Date: Sat, 13 Sep 275760 00:00:00 GMT is not applied, and the client keeps working', async () => {
    server.setHandler(invalidTimestampWith('Sat, 13 Sep 275760 00:00:00 GMT'));
    const { client } = makeClient();
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toMatchObject({ code: 'InvalidTimestamp' });
    expect(client.clockOffset).toBe(0);
    server.setHandler(ok({ Items: ['fine'] }));
    await expect(client.send(describeThings, {})).resolves.toMatchObject({ Items: ['fine'] });
  });

  it('rejects other implausible dates and never signs with an unformattable time', () => {
    const now = Date.UTC(2026, 11, 1);
    expect(clockOffsetFrom('Mon, 01 Jan 1900 00:00:00 GMT', now)).toBeUndefined();
    expect(clockOffsetFrom('Fri, 01 Jan 9999 00:00:00 GMT', now)).toBeUndefined();
    expect(clockOffsetFrom('Tue, 01 Dec 2026 00:10:00 GMT', now)).toBe(600_000);
    expect(signingTime(now, 8.64e15).getTime()).toBe(now);
    expect(signingTime(now, 600_000).getTime()).toBe(now + 600_000);
  });
});

describe('7. every paginator terminates on a server that ignores the position', () => {
  const fullPage = { Items: ['a', 'b'] };

  it('page numbers: PageNumber ignored, no Total', async () => {
    server.setHandler(ok(fullPage));
    const { client } = makeClient();
    const items: string[] = [];
    for await (const item of paginatePageNumber<object, object, string>(
      client,
      describeThings,
      { PageSize: 2 },
      { pageNumber: 'PageNumber', pageSize: 'PageSize', items: 'Items' },
    ))
      items.push(item);
    expect(items).toEqual(['a', 'b']);
    expect(server.requests).toHaveLength(2);
  });

  it('offsets ignored, and tokens that change while the page stays the same', async () => {
    server.setHandler(ok(fullPage));
    const { client } = makeClient();
    const byOffset: string[] = [];
    for await (const item of paginateOffset<object, object, string>(
      client,
      describeThings,
      { Limit: 2 },
      { offset: 'Offset', limit: 'Limit', items: 'Items' },
    ))
      byOffset.push(item);
    expect(byOffset).toEqual(['a', 'b']);

    server.setHandler((request, response, index) =>
      sendEnvelope(response, request, { result: { ...fullPage, NextToken: `t${index}` } }),
    );
    const byToken: string[] = [];
    for await (const item of paginateToken<object, object, string>(
      client,
      describeThings,
      {},
      { inputToken: 'NextToken', outputToken: 'NextToken', items: 'Items' },
    ))
      byToken.push(item);
    expect(byToken).toEqual(['a', 'b']);
  });
});

describe('8. the region is validated as a host label when the client is built', () => {
  it.each([
    ['attacker.example/', /Invalid region "attacker\.example\/" \(from the region option\): must be one host label/],
    ['', /Invalid region "" \(from the region option\): must not be empty/],
    ['cn beijing', /did you mean "cn-beijing"\?/],
    ['cn-beijing\r\n', /Invalid region "cn-beijing\\r\\n".*did you mean "cn-beijing"\?/],
    ['CN-BEIJING', /did you mean "cn-beijing"\?/],
    ['cn_beijing', /did you mean "cn-beijing"\?/],
    ['a'.repeat(64), /must be one host label/],
  ])('rejects %j', (region, message) => {
    expect(() => new VolcClient(service, { region, credentials })).toThrow(message);
  });

  it('reads VOLCENGINE_REGION under the same rule, and accepts any valid label', () => {
    vi.stubEnv('VOLCENGINE_REGION', 'attacker.example/');
    expect(() => new VolcClient(service, { credentials })).toThrow(/\(from VOLCENGINE_REGION\)/);
    vi.stubEnv('VOLCENGINE_REGION', 'ap-southeast-1');
    expect(new VolcClient(service, { credentials }).config.host).toBe('iam.ap-southeast-1.volcengineapi.com');
    expect(new VolcClient(service, { credentials, region: 'xx-newregion-9' }).config.region).toBe('xx-newregion-9');
  });

  it('warns about a valid but unknown region that looks like a typo of a known one', () => {
    const logger = watch.logger();
    expect(new VolcClient(service, { credentials, region: 'cn-bejing', logger }).config.region).toBe('cn-bejing');
    expect(logger.lines).toEqual([
      expect.stringContaining('region "cn-bejing" is not one this SDK knows; did you mean "cn-beijing"?'),
    ]);
    new VolcClient(service, { credentials, region: 'cn-shanghai', logger });
    expect(logger.lines).toHaveLength(1);
  });
});

describe('9. errors raised while building a request are local, not network errors, and not retried', () => {
  it('an invalid URL reported by the transport', async () => {
    let calls = 0;
    const failing: typeof fetch = async () => {
      calls++;
      return fetch('http://exa mple.invalid:99999/');
    };
    const client = new VolcClient(service, { endpoint: server.url, credentials, fetch: failing });
    const error = await watch.rejection(client.send(describeThings, {}));
    expect(error).toBeInstanceOf(VolcRequestError);
    expect(error).not.toBeInstanceOf(VolcNetworkError);
    expect(error.message).toContain('nothing was sent');
    expect(calls).toBe(1);
  });

  it('a transport message that quotes a header value does not put the value in a network error', () => {
    let cause: unknown;
    try {
      new Headers({ 'X-Security-Token': `${SESSION_TOKEN}\nmore` });
    } catch (error) {
      cause = error;
    }
    const error = watch.error(
      new VolcNetworkError({
        action: 'A',
        service: 's',
        cause: new TypeError('fetch failed', { cause }),
        retryable: true,
      }),
    );
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(SESSION_TOKEN);
    expect(String((error.cause as Error).cause)).toBe(
      'TypeError: Headers.append: [redacted] is an invalid header value.',
    );
  });
});

describe('10. config file problems say what is wrong and where', () => {
  const dir = mkdtempSync(join(tmpdir(), 'volc-cfg-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const profile = { 'access-key': ACCESS_KEY_ID, 'secret-key': SECRET_ACCESS_KEY };

  it('skips a UTF-8 byte order mark', async () => {
    const path = write('bom.json', `\ufeff${JSON.stringify({ current: 'default', profiles: { default: profile } })}`);
    await expect(fromConfigFile({ path })()).resolves.toMatchObject({ accessKeyId: ACCESS_KEY_ID });
  });

  it.each([
    ['null', 'holds null, expected an object with "profiles"'],
    ['[1]', 'holds an array, expected an object with "profiles"'],
    [
      JSON.stringify({ profiles: { default: { ...profile, mode: 5 } } }),
      'profile "default" has a "mode" that is a number, expected a string such as "ak"',
    ],
    [JSON.stringify({ profiles: 'x' }), 'has "profiles" that is a string, expected an object of profiles by name'],
    [JSON.stringify({ profiles: { default: null } }), 'profile "default" is null, expected an object'],
    [
      JSON.stringify({ profiles: { default: { ...profile, 'secret-key': 7 } } }),
      'profile "default" has a "secret-key" that is a number, expected a string',
    ],
    ['{"profiles": {', 'is not valid JSON'],
  ])('%s', async (text, reason) => {
    const path = write('bad.json', text);
    const error = await watch.rejection(fromConfigFile({ path, profile: 'default' })());
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain(`config file ${path}: ${reason}`);
  });

  it('a directory and an unreadable file', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const error = await watch.rejection(fromConfigFile({ path: folder })());
    expect(error.message).toContain(`config file ${folder}: is a directory, not a file`);
    expect(readFailure(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(
      'cannot be read: permission denied (EACCES)',
    );
  });
});

describe('11. serialization uses own members; Object.prototype names are ordinary keys where the spec declares them', () => {
  // Issue 22 item 1: __proto__, constructor and prototype are sent only where the action's spec declares
  // them (as generator/test/fixtures/hostile.yaml does); these operations' validators declare them.
  const declaring =
    (names: readonly string[]) =>
    (input: unknown): ValidationIssue[] => {
      const issues: ValidationIssue[] = [];
      if (checkObject(issues, '', input)) checkMembers(issues, '', input, new Set(names));
      return issues;
    };
  const listDeclaring = { ...listByQuery, validate: declaring(['__proto__', 'constructor', 'toString']) };
  const formDeclaring = { ...submitForm, validate: declaring(['Name', 'hasOwnProperty', '__proto__']) };

  it('query keys __proto__, constructor and toString', async () => {
    const { client } = makeClient();
    const input = JSON.parse('{"__proto__":"a","constructor":"b","toString":"c"}') as object;
    await client.send(listDeclaring, input);
    expect(server.requests[0]!.rawQuery).toBe(
      'Action=ListByQuery&Version=2022-01-01&__proto__=a&constructor=b&toString=c',
    );
    // Undeclared (this operation has no validator), __proto__ and constructor are refused; toString is sent.
    const error = await watch.rejection(client.send(listByQuery, input));
    expect(error).toBeInstanceOf(VolcValidationError);
    expect((error as VolcValidationError).issues.map((issue) => issue.path)).toEqual(['__proto__', 'constructor']);
    await client.send(listByQuery, JSON.parse('{"toString":"c","hasOwnProperty":"d"}'));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.rawQuery).toBe('Action=ListByQuery&Version=2022-01-01&hasOwnProperty=d&toString=c');
  });

  it('the same keys in a form body, nested, and in the debug log of the body', async () => {
    const { client, logger } = makeClient();
    const input = JSON.parse('{"Name":"n","hasOwnProperty":{"valueOf":"v"},"__proto__":["x","y"]}') as { Name: string };
    await client.send(formDeclaring, input);
    expect(server.requests[0]!.body).toBe('Name=n&hasOwnProperty.valueOf=v&__proto__.1=x&__proto__.2=y');
    // The redacted copy that is logged keeps `__proto__` as a key instead of making it the copy's prototype.
    expect(logger.lines.find((line) => line.includes('-> POST'))).toContain(
      '"body":{"Name":"n","hasOwnProperty":{"valueOf":"v"},"__proto__":["x","y"]}',
    );
  });
});

describe('13. int64 values beyond 2^53 keep every digit', () => {
  it('9007199254740993 in a response arrives as an exact bigint', async () => {
    server.setHandler((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        '{"ResponseMetadata":{"RequestId":"r"},"Result":{"Id":9007199254740993,"Small":42,"Text":"9007199254740993"}}',
      );
    });
    const result = (await makeClient().client.send(describeThings, {})) as unknown as Record<string, unknown>;
    expect(result).toEqual({ Id: 9007199254740993n, Small: 42, Text: '9007199254740993' });
  });

  it('requests send bigints with all their digits', async () => {
    const { client } = makeClient();
    await client.send(describeThings, { PageSize: 10, Big: -12345678901234567890n } as never);
    expect(server.requests[0]!.body).toBe('{"PageSize":10,"Big":-12345678901234567890}');
    await client.send(listByQuery, { Id: 9007199254740993n } as never);
    expect(server.requests[1]!.rawQuery).toContain('Id=9007199254740993');
  });

  it.each([
    // The bound is Number.MAX_SAFE_INTEGER: beyond it a value is a bigint, so one field never mixes rounded and exact values.
    [
      '[9007199254740991, -9007199254740991, 9007199254740992]',
      [9007199254740991, -9007199254740991, 9007199254740992n],
    ],
    [
      '{"a":18446744073709551615,"b":1.5e300,"c":"18446744073709551615"}',
      { a: 18446744073709551615n, b: 1.5e300, c: '18446744073709551615' },
    ],
    [
      '{"s":"a\\"9999999999999999999","n":-9999999999999999999}',
      { s: 'a"9999999999999999999', n: -9999999999999999999n },
    ],
    // biome-ignore lint/correctness/noPrecisionLoss: the expected double is what JSON.parse gives for these digits
    ['{"f":12345678901234567.5}', { f: 12345678901234567.5 }],
    // Digits of a fraction or an exponent are not integers of their own.
    // biome-ignore lint/correctness/noPrecisionLoss: as above
    ['[0.12345678901234567890, 1e-12345678901234567, -2.5E+12345678901234567]', [0.1234567890123456789, 0, -Infinity]],
    [
      '{"e":12345678901234567e2,"k":"x\\\\","n":12345678901234567890}',
      // biome-ignore lint/correctness/noPrecisionLoss: as above
      { e: 1.2345678901234567e18, k: 'x\\', n: 12345678901234567890n },
    ],
  ])('parseJson(%s)', (text, expected) => {
    expect(parseJson(text)).toEqual(expected);
  });

  it('stringifyJson round-trips what parseJson reads', () => {
    const text = '{"a":[18446744073709551615,{"b":-9007199254740993}],"c":"x"}';
    expect(stringifyJson(parseJson(text))).toBe(text);
  });
});

describe('14. instanceof works across copies of the package (a second module instance here; dist CJS/ESM in test/error-copies.test.ts)', () => {
  it("an error branded by another copy is instanceof this copy's classes and matches the guards", async () => {
    const local = await import('../src/index.js');
    // What another copy's constructor leaves on an instance: its own prototype chain, and the shared brand.
    const foreign = Object.assign(Object.create(Error.prototype) as Error, { name: 'VolcValidationError', issues: [] });
    Object.defineProperty(foreign, Symbol.for('volc-ts.error'), { value: ['VolcError', 'VolcValidationError'] });
    expect(foreign instanceof local.VolcValidationError).toBe(true);
    expect(foreign instanceof local.VolcError).toBe(true);
    expect(foreign instanceof local.VolcNetworkError).toBe(false);
    expect(local.isVolcValidationError(foreign)).toBe(true);
    expect(local.isVolcNetworkError(foreign)).toBe(false);
    expect({ name: 'VolcValidationError' } instanceof local.VolcValidationError).toBe(false);
    // A subclass a user writes keeps plain prototype semantics.
    class MyError extends local.VolcServiceError {}
    const mine = new MyError({
      code: 'X',
      serverMessage: '',
      requestId: 'r',
      status: 400,
      action: 'A',
      service: 's',
      retryable: false,
    });
    expect(mine instanceof MyError && mine instanceof local.VolcServiceError).toBe(true);
    expect(
      new local.VolcServiceError({
        code: 'X',
        serverMessage: '',
        requestId: 'r',
        status: 400,
        action: 'A',
        service: 's',
        retryable: false,
      }) instanceof MyError,
    ).toBe(false);
  });
});

describe('15. errors say how many attempts were made and how long the call took', () => {
  it('a retried InternalError: 3 attempts and the duration in ms', async () => {
    server.setHandler((request, response) =>
      sendEnvelope(response, request, { status: 500, error: { Code: 'InternalError', Message: 'boom' } }),
    );
    const started = Date.now();
    const error = await watch.rejection(makeClient().client.send(describeThings, {}));
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ code: 'InternalError', attempts: 3 });
    const { duration } = error as VolcServiceError;
    expect(duration).toBeGreaterThanOrEqual(0);
    expect(duration).toBeLessThanOrEqual(elapsed);
  });

  it('a single attempt, a network error, and a call that failed before sending', async () => {
    server.setHandler((request, response) =>
      sendEnvelope(response, request, { status: 400, error: { Code: 'InvalidParameter', Message: 'no' } }),
    );
    expect(await watch.rejection(makeClient().client.send(describeThings, {}))).toMatchObject({ attempts: 1 });
    server.setHandler((_request, response) => void response.socket?.destroy());
    expect(await watch.rejection(makeClient({ maxAttempts: 2 }).client.send(describeThings, {}))).toMatchObject({
      name: 'VolcNetworkError',
      attempts: 2,
    });
    const aborted = await watch.rejection(
      makeClient().client.send(describeThings, {}, { signal: AbortSignal.abort() }),
    );
    expect(aborted).toMatchObject({ name: 'VolcAbortError', attempts: 0 });
    // Validation fails before the call starts: no call facts.
    const invalid = await watch.rejection(makeClient().client.send(describeThings, { PageSize: 500 }));
    expect(invalid.name).toBe('VolcValidationError');
    expect((invalid as VolcServiceError).attempts).toBeUndefined();
    expect((invalid as VolcServiceError).duration).toBeUndefined();
  });
});
