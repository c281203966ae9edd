import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { describeBackups, SEED_SAMPLE, send, signAndSend, signCall, TEST_CREDENTIALS } from './helpers.js';

const repoSpec = fileURLToPath(new URL('../../../spec/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ spec: [`${repoSpec}redis.yaml`, fixtures] });
});
afterAll(() => mock.close());

describe('startMockServer', () => {
  it('listens on a free loopback port and loads every spec given', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.services).toEqual(expect.arrayContaining(['ecsfixture', 'redis', 'stsfixture']));
    expect(mock.credentials).toEqual(TEST_CREDENTIALS);
  });

  it('loads the repository spec by default', async () => {
    const plain = await startMockServer();
    try {
      expect(plain.services).toContain('redis');
      expect((await signAndSend(plain.url, describeBackups(SEED_SAMPLE))).status).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it('accepts a single spec file', async () => {
    const single = await startMockServer({ spec: `${fixtures}sts-mini.yaml` });
    try {
      expect(single.services).toEqual(['stsfixture']);
      expect(single.actionCount).toBe(1);
    } finally {
      await single.close();
    }
  });

  it('rejects a file that is not an OpenAPI document, naming it', async () => {
    await expect(startMockServer({ spec: fileURLToPath(new URL('./helpers.ts', import.meta.url)) })).rejects.toThrow(
      /helpers\.ts/,
    );
  });
});

describe('routing', () => {
  it('routes a JSON POST by Action and Version, with the service from the signature scope', async () => {
    const answer = await signAndSend(mock.url, describeBackups(SEED_SAMPLE));
    expect(answer.status).toBe(200);
    expect(mock.requests.at(-1)).toMatchObject({
      action: 'DescribeCrossRegionBackups',
      version: '2020-12-07',
      service: 'redis',
      region: 'cn-beijing',
      status: 200,
    });
  });

  it('routes a GET, reading the input from the query', async () => {
    const answer = await signAndSend(mock.url, {
      method: 'GET',
      service: 'ecsfixture',
      action: 'RunInstances',
      version: '2020-04-01',
      query: { ZoneId: 'cn-beijing-a', Count: '2' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.Result).toEqual({ InstanceIds: ['i-abc123'] });
    expect(mock.requests.at(-1)?.input).toEqual({ ZoneId: 'cn-beijing-a', Count: 2 });
  });

  it('routes a form POST, reading the input from the body', async () => {
    const body =
      'RoleTrn=trn%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=abc&DurationSeconds=900&Tags.1.Key=team&Tags.1.Value=sdk';
    const answer = await signAndSend(mock.url, {
      service: 'stsfixture',
      action: 'AssumeRole',
      version: '2018-01-01',
      contentType: 'application/x-www-form-urlencoded',
      body,
    });
    expect(answer.status).toBe(200);
    expect(mock.requests.at(-1)?.input).toEqual({
      RoleTrn: 'trn:iam::1:role/r',
      RoleSessionName: 'abc',
      DurationSeconds: 900,
      Tags: [{ Key: 'team', Value: 'sdk' }],
    });
  });

  it('takes the service and region from a Volcengine host name', async () => {
    const answer = await signAndSend(
      mock.url,
      describeBackups(SEED_SAMPLE, { region: 'cn-shanghai', headers: { Host: 'redis.cn-shanghai.volcengineapi.com' } }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.ResponseMetadata).toMatchObject({ Service: 'redis', Region: 'cn-shanghai' });
  });

  it('lets open.volcengineapi.com serve any service, named by the scope', async () => {
    const answer = await signAndSend(
      mock.url,
      describeBackups(SEED_SAMPLE, { headers: { Host: 'open.volcengineapi.com' } }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.ResponseMetadata.Service).toBe('redis');
  });

  it('answers InvalidActionOrVersion (404) for an unknown action or version', async () => {
    const unknownAction = await signAndSend(mock.url, describeBackups({}, { action: 'DescribeNothing' }));
    expect(unknownAction.status).toBe(404);
    expect(unknownAction.json.ResponseMetadata.Error).toEqual({
      Code: 'InvalidActionOrVersion',
      CodeN: 100008,
      Message: 'Could not find operation DescribeNothing for version 2020-12-07.',
    });
    const unknownVersion = await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { version: '2099-01-01' }));
    expect(unknownVersion.status).toBe(404);
    expect(unknownVersion.json.ResponseMetadata.Error.Code).toBe('InvalidActionOrVersion');
  });

  it('answers InvalidActionOrVersion when the action exists only in another service', async () => {
    const answer = await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { service: 'ecsfixture' }));
    expect(answer.status).toBe(404);
    expect(answer.json.ResponseMetadata.Error.Code).toBe('InvalidActionOrVersion');
  });

  it('answers ServiceNotFound (404) for a service the spec does not have', async () => {
    const answer = await signAndSend(mock.url, describeBackups(SEED_SAMPLE, { service: 'nosuch' }));
    expect(answer.status).toBe(404);
    expect(answer.json.ResponseMetadata.Error).toMatchObject({ Code: 'ServiceNotFound', CodeN: 100007 });
  });

  it('answers MissingParameter when Action or Version is missing', async () => {
    const call = signCall(describeBackups(SEED_SAMPLE));
    const answer = await send(mock.url, { ...call, path: '/?Version=2020-12-07' });
    expect(answer.status).toBe(400);
    expect(answer.json.ResponseMetadata.Error).toMatchObject({
      Code: 'MissingParameter',
      CodeN: 100002,
      Message: 'The request is missing Action parameter.',
    });
  });

  it('routes by action name alone when signatures are off and only one service has the action', async () => {
    const open = await startMockServer({ spec: fixtures, verifySignatures: false });
    try {
      const response = await fetch(`${open.url}/?Action=RunInstances&Version=2020-04-01&ZoneId=z&Count=1`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { ResponseMetadata: { Service: string } }).ResponseMetadata.Service).toBe(
        'ecsfixture',
      );
    } finally {
      await open.close();
    }
  });
});

describe('CORS', () => {
  it('answers a preflight with the headers a signed browser request needs', async () => {
    const response = await fetch(`${mock.url}/?Action=DescribeCrossRegionBackups&Version=2020-12-07`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,x-date,x-content-sha256,content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const name of ['authorization', 'x-date', 'x-content-sha256', 'x-security-token', 'content-type'])
      expect(allowed).toContain(name);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('sends Access-Control-Allow-Origin on answers and errors', async () => {
    const ok = await signAndSend(mock.url, describeBackups(SEED_SAMPLE));
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    const error = await new Promise<string | undefined>((resolve, reject) => {
      request(`${mock.url}/?Action=X&Version=1`, (res) => {
        res.resume();
        resolve(res.headers['access-control-allow-origin'] as string | undefined);
      })
        .on('error', reject)
        .end();
    });
    expect(error).toBe('*');
  });
});
