import { fileURLToPath } from 'node:url';
import { Service } from '@volcengine/openapi';
import { queryParamsToString } from '@volcengine/openapi/lib/base/sign.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { canonicalQuery } from '../src/signature/canonical.js';
import {
  describeBackups,
  SEED_SAMPLE,
  send,
  signAndSend,
  signCall,
  TEST_CREDENTIALS,
  type Answer,
  type SignedCall,
} from './helpers.js';

const repoSpec = fileURLToPath(new URL('../../../spec/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const SESSION = {
  accessKeyId: 'AKTPsessionkey',
  secretAccessKey: 'session-secret',
  sessionToken: 'session-token-value',
};

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ spec: [`${repoSpec}redis.yaml`, fixtures], credentials: [TEST_CREDENTIALS, SESSION] });
});
afterAll(() => mock.close());

function expectError(answer: Answer, code: string, status: number): void {
  expect(answer.status).toBe(status);
  const error = answer.json.ResponseMetadata.Error;
  expect(error.Code).toBe(code);
  expect(typeof error.CodeN).toBe('number');
  expect(answer.json.ResponseMetadata.RequestId).toMatch(/^\d{14}[0-9A-F]{20}$/);
  // Whatever went wrong, the answer never echoes a secret or the signature.
  for (const secret of [TEST_CREDENTIALS.secretAccessKey, SESSION.secretAccessKey, SESSION.sessionToken])
    expect(answer.text).not.toContain(secret);
}

/** Changes one character of `text` at `index` to another allowed character. */
function flip(text: string, index: number): string {
  const ch = text[index];
  const replacement = ch === 'a' ? 'b' : ch === '0' ? '1' : /\d/.test(ch ?? '') ? '0' : 'a';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

describe('requests signed by the official SDK', () => {
  it('accepts a JSON POST (the seed sample) signed by @volcengine/openapi Signer', async () => {
    const answer = await signAndSend(mock.url, describeBackups(SEED_SAMPLE));
    expect(answer.status).toBe(200);
    expect(answer.json.ResponseMetadata).toMatchObject({
      Action: 'DescribeCrossRegionBackups',
      Version: '2020-12-07',
      Service: 'redis',
      Region: 'cn-beijing',
    });
    expect(answer.json.Result.Total).toBe(1);
  });

  it('accepts a GET whose query has reserved characters, unicode, repeated keys and numbered lists', async () => {
    const answer = await signAndSend(mock.url, {
      method: 'GET',
      service: 'ecsfixture',
      action: 'DescribeInstances',
      version: '2020-04-01',
      query: {
        'Filters.1.Name': "name with spaces*~!'()",
        'Filters.1.Values.1': '中文+&=/?#',
        'Filters.1.Values.2': 'a%b',
        InstanceIds: ['i-b', 'i-a'],
        MaxResults: '5',
      },
    });
    expect(answer.status).toBe(200);
    const recorded = mock.requests.at(-1);
    expect(recorded?.input).toEqual({
      Filters: [{ Name: "name with spaces*~!'()", Values: ['中文+&=/?#', 'a%b'] }],
      InstanceIds: ['i-b', 'i-a'],
      MaxResults: 5,
    });
  });

  it('accepts a form-encoded POST', async () => {
    const body = new URLSearchParams({
      RoleTrn: 'trn:iam::2100000000:role/tester',
      RoleSessionName: 'mock session',
    }).toString();
    const answer = await signAndSend(mock.url, {
      method: 'POST',
      service: 'stsfixture',
      action: 'AssumeRole',
      version: '2018-01-01',
      contentType: 'application/x-www-form-urlencoded',
      body,
    });
    expect(answer.status).toBe(200);
    expect(answer.json.Result.Credentials.AccessKeyId).toBe('AKTPexample');
  });

  it('accepts extra signed headers, with whitespace folded as the signer folds it, and a signed Host', async () => {
    const call = signCall(
      describeBackups(SEED_SAMPLE, {
        headers: { 'X-Custom': '  two   spaces ', Host: 'redis.cn-beijing.volcengineapi.com' },
      }),
    );
    expect(call.headers.Authorization).toContain('SignedHeaders=host;x-content-sha256;x-custom;x-date');
    expect((await send(mock.url, call)).status).toBe(200);
  });

  it('accepts session credentials carrying X-Security-Token, and rejects a missing or wrong token', async () => {
    const ok = await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { credentials: SESSION }));
    expect(ok.status).toBe(200);
    expect(mock.requests.at(-1)?.headers['x-security-token']).toBe(SESSION.sessionToken);

    const { sessionToken: _dropped, ...withoutToken } = SESSION;
    expectError(
      await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { credentials: withoutToken })),
      'InvalidAccessKey',
      401,
    );
    expectError(
      await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { credentials: { ...SESSION, sessionToken: 'other' } })),
      'InvalidAccessKey',
      401,
    );
  });

  it('works with the official SDK client end to end (Service.createJSONAPI over HTTP)', async () => {
    const service = new Service({
      host: new URL(mock.url).host,
      protocol: 'http:',
      region: 'cn-beijing',
      serviceName: 'redis',
      accessKeyId: TEST_CREDENTIALS.accessKeyId,
      secretKey: TEST_CREDENTIALS.secretAccessKey,
    });
    const describe = service.createJSONAPI('DescribeCrossRegionBackups', { Version: '2020-12-07' });
    const response = await describe(SEED_SAMPLE);
    expect(response.ResponseMetadata.Error).toBeUndefined();
    expect((response.Result as { Total: number }).Total).toBe(1);
  });
});

describe('a request changed by one byte after signing is rejected', () => {
  const signed = () => signCall(describeBackups(SEED_SAMPLE, { headers: { 'X-Custom': 'value' } }));

  it('in the body (X-Content-Sha256 no longer matches)', async () => {
    const call = signed();
    call.body = (call.body ?? '').replace('"PageSize":10', '"PageSize":11');
    expectError(await send(mock.url, call), 'SignatureDoesNotMatch', 401);
  });

  it('in the body, with X-Content-Sha256 recomputed to match it', async () => {
    const { createHash } = await import('node:crypto');
    const call = signed();
    call.body = (call.body ?? '').replace('testbackup', 'testbackuq');
    call.headers['X-Content-Sha256'] = createHash('sha256').update(call.body).digest('hex');
    expectError(await send(mock.url, call), 'SignatureDoesNotMatch', 401);
  });

  it('in the query', async () => {
    const call = signCall({
      method: 'GET',
      service: 'ecsfixture',
      action: 'DescribeInstances',
      version: '2020-04-01',
      query: { MaxResults: '5' },
    });
    expect((await send(mock.url, call)).status).toBe(200);
    expectError(
      await send(mock.url, { ...call, path: call.path.replace('MaxResults=5', 'MaxResults=6') }),
      'SignatureDoesNotMatch',
      401,
    );
    expectError(await send(mock.url, { ...call, path: `${call.path}&Extra=1` }), 'SignatureDoesNotMatch', 401);
  });

  it('in a signed header', async () => {
    const call = signed();
    expectError(
      await send(mock.url, { ...call, headers: { ...call.headers, 'X-Custom': 'valuf' } }),
      'SignatureDoesNotMatch',
      401,
    );
    const { 'X-Custom': _gone, ...withoutHeader } = call.headers;
    expectError(await send(mock.url, { ...call, headers: withoutHeader }), 'SignatureDoesNotMatch', 401);
  });

  it('in the date (one second later)', async () => {
    const call = signed();
    const xDate = call.headers['X-Date'] ?? '';
    const later = new Date(
      Date.parse(
        `${xDate.slice(0, 4)}-${xDate.slice(4, 6)}-${xDate.slice(6, 11)}:${xDate.slice(11, 13)}:${xDate.slice(13, 15)}Z`,
      ) + 1000,
    );
    const laterText = later.toISOString().replace(/[-:]|\.\d{3}/g, '');
    expectError(
      await send(mock.url, { ...call, headers: { ...call.headers, 'X-Date': laterText } }),
      'SignatureDoesNotMatch',
      401,
    );
  });

  it('in the signature, the scope region, or the secret used', async () => {
    const call = signed();
    const auth = call.headers.Authorization ?? '';
    expectError(
      await send(mock.url, { ...call, headers: { ...call.headers, Authorization: flip(auth, auth.length - 1) } }),
      'SignatureDoesNotMatch',
      401,
    );
    const otherRegion = auth.replace('/cn-beijing/', '/cn-shanghai/');
    expectError(
      await send(mock.url, { ...call, headers: { ...call.headers, Authorization: otherRegion } }),
      'SignatureDoesNotMatch',
      401,
    );
    const wrongSecret = await signAndSend(
      mock.url,
      describeBackups(SEED_SAMPLE, { credentials: { ...TEST_CREDENTIALS, secretAccessKey: 'not-the-secret' } }),
    );
    expectError(wrongSecret, 'SignatureDoesNotMatch', 401);
  });
});

describe('signature failures answer with Volcengine codes', () => {
  it('MissingSignature without an Authorization header', async () => {
    const { Authorization: _gone, ...headers } = signCall(describeBackups(SEED_SAMPLE)).headers;
    const answer = await send(mock.url, { ...signCall(describeBackups(SEED_SAMPLE)), headers });
    expectError(answer, 'MissingSignature', 401);
    expect(answer.json.ResponseMetadata.Error.CodeN).toBe(100005);
  });

  it('InvalidAccessKey for an unknown access key, naming it', async () => {
    const answer = await signAndSend(
      mock.url,
      describeBackups(SEED_SAMPLE, { credentials: { accessKeyId: 'AKLTunknown', secretAccessKey: 'x' } }),
    );
    expectError(answer, 'InvalidAccessKey', 401);
    expect(answer.json.ResponseMetadata.Error.Message).toContain('AKLTunknown');
  });

  it('InvalidTimestamp more than 15 minutes either side of the server clock; 14 minutes is fine', async () => {
    const minutes = (n: number) => new Date(Date.now() + n * 60_000);
    expectError(
      await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { date: minutes(-16) })),
      'InvalidTimestamp',
      403,
    );
    expectError(
      await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { date: minutes(16) })),
      'InvalidTimestamp',
      403,
    );
    expect((await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { date: minutes(-14) }))).status).toBe(200);
    expect((await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { date: minutes(14) }))).status).toBe(200);
  });

  it('InvalidTimestamp for a malformed X-Date, MissingRequestInfo without one', async () => {
    const call = signCall(describeBackups(SEED_SAMPLE));
    expectError(
      await send(mock.url, { ...call, headers: { ...call.headers, 'X-Date': '2025-01-01T00:00:00Z' } }),
      'InvalidTimestamp',
      403,
    );
    const { 'X-Date': _gone, ...headers } = call.headers;
    expectError(await send(mock.url, { ...call, headers }), 'MissingRequestInfo', 400);
  });

  it('InvalidAuthorization for a header of the wrong form', async () => {
    const call = signCall(describeBackups(SEED_SAMPLE));
    expectError(
      await send(mock.url, { ...call, headers: { ...call.headers, Authorization: 'Bearer abc' } }),
      'InvalidAuthorization',
      400,
    );
    const noScope = (call.headers.Authorization ?? '').replace(/Credential=[^,]+/, 'Credential=AKLTvolcmockaccesskey');
    expectError(
      await send(mock.url, { ...call, headers: { ...call.headers, Authorization: noScope } }),
      'InvalidAuthorization',
      400,
    );
  });

  it('SignatureDoesNotMatch when the host names one service and the scope another', async () => {
    const answer = await signAndSend(
      mock.url,
      describeBackups(SEED_SAMPLE, { service: 'ecsfixture', headers: { Host: 'redis.cn-beijing.volcengineapi.com' } }),
    );
    expectError(answer, 'SignatureDoesNotMatch', 401);
  });

  it('never puts the secret, the token or the signature in an answer', async () => {
    const call: SignedCall = signCall(describeBackups(SEED_SAMPLE, { credentials: SESSION }));
    const signature = /Signature=([0-9a-f]+)/.exec(call.headers.Authorization ?? '')?.[1] ?? '';
    const answer = await send(mock.url, { ...call, body: `${call.body} ` });
    expectError(answer, 'SignatureDoesNotMatch', 401);
    expect(answer.text).not.toContain(signature);
  });
});

describe('canonical query', () => {
  it('encodes and orders like the official signer', () => {
    const params = { b: ['z', 'a b', '*'], a: "!'()~-_.", 'c d': '中文', Action: 'X', empty: '' };
    const sorted = Object.fromEntries(
      Object.keys(params)
        .sort()
        .map((k) => [k, params[k as keyof typeof params]]),
    );
    const raw = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) raw.append(key, v);
    expect(canonicalQuery(raw.toString())).toBe(queryParamsToString(sorted));
  });
});
