import querystring from 'node:querystring';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EcsClient, paginateDescribeInstances } from '@volc-ts/ecs';
import { IamClient, paginateListUsers } from '@volc-ts/iam';
import { MOCK_CREDENTIALS, startMockServer, type MockServer, type RecordedRequest } from '@volc-ts/mock';
import { paginateDescribeCrossRegionBackups, RedisClient } from '@volc-ts/redis';
import { StsClient } from '@volc-ts/sts';
import { officialSignature, parseAuthorization } from './helpers/signature.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const config = () => ({ endpoint: mock.url, credentials: MOCK_CREDENTIALS, region: 'cn-beijing' });

function only(action: string): RecordedRequest {
  const requests = mock.requestsFor(action);
  expect(requests).toHaveLength(1);
  return requests[0]!;
}

describe('GET with the input flattened into the query (ECS)', () => {
  it('numbers lists from 1 and dots nested members, and the mock accepts the signature', async () => {
    const client = new EcsClient(config());
    const result = await client.describeInstances({
      InstanceIds: ['i-a', 'i-b'],
      TagFilters: [{ Key: 'env', Values: ['prod', 'dev'] }, { Key: 'team' }],
      MaxResults: 5,
    });
    expect(result.$metadata.Action).toBe('DescribeInstances');
    const request = only('DescribeInstances');
    expect(request.method).toBe('GET');
    expect(request.body).toBe('');
    expect(request.query).toMatchObject({
      Action: 'DescribeInstances',
      Version: '2020-04-01',
      'InstanceIds.1': 'i-a',
      'InstanceIds.2': 'i-b',
      'TagFilters.1.Key': 'env',
      'TagFilters.1.Values.1': 'prod',
      'TagFilters.1.Values.2': 'dev',
      'TagFilters.2.Key': 'team',
      MaxResults: '5',
    });
    expect(officialSignature(request)).toBe(parseAuthorization(request.headers.authorization).signature);
  });
});

describe('form-encoded POST (STS, a global service)', () => {
  it('sends the input as a form body with the same flattening', async () => {
    const client = new StsClient(config());
    const result = await client.assumeRole({
      RoleTrn: 'trn:iam::2100000000:role/ReadOnly',
      RoleSessionName: 'volc-ts-session',
      Tags: [{ Key: 'k', Value: 'v w' }],
    });
    expect(result.Credentials?.SessionToken).toBeTruthy();
    const request = only('AssumeRole');
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(querystring.parse(request.body)).toMatchObject({
      RoleTrn: 'trn:iam::2100000000:role/ReadOnly',
      'Tags.1.Key': 'k',
      'Tags.1.Value': 'v w',
    });
    expect(parseAuthorization(request.headers.authorization).service).toBe('sts');
    expect(officialSignature(request)).toBe(parseAuthorization(request.headers.authorization).signature);
  });
});

describe('JSON POST (Redis)', () => {
  it('sends the input as a JSON body', async () => {
    const client = new RedisClient(config());
    await client.describeCrossRegionBackups({
      Scope: 'AccountInstances',
      PageNumber: 1,
      PageSize: 10,
      BackupPointName: 'testbackup',
    });
    const request = only('DescribeCrossRegionBackups');
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request.body)).toEqual({
      Scope: 'AccountInstances',
      PageNumber: 1,
      PageSize: 10,
      BackupPointName: 'testbackup',
    });
    const auth = parseAuthorization(request.headers.authorization);
    expect(auth.signedHeaders).toContain('x-content-sha256');
    expect(officialSignature(request)).toBe(auth.signature);
  });
});

describe('global and regional endpoints', () => {
  it('sends a global service to {service}.volcengineapi.com whatever the region', () => {
    expect(new IamClient({ region: 'cn-shanghai', credentials: MOCK_CREDENTIALS }).config.endpoint).toBe(
      'https://iam.volcengineapi.com',
    );
    expect(new RedisClient({ region: 'cn-shanghai', credentials: MOCK_CREDENTIALS }).config.endpoint).toBe(
      'https://redis.cn-shanghai.volcengineapi.com',
    );
  });

  it('signs a global service with its own service name, and the mock routes it', async () => {
    const client = new IamClient(config());
    const result = await client.listUsers({});
    expect(result.$metadata.Action).toBe('ListUsers');
    const request = only('ListUsers');
    expect(parseAuthorization(request.headers.authorization).service).toBe('iam');
    expect(request.query.Version).toBe('2018-01-01');
    expect(officialSignature(request)).toBe(parseAuthorization(request.headers.authorization).signature);
  });
});

describe('paginators against the mock', () => {
  it('walks token pages (ECS DescribeInstances) item by item and page by page', async () => {
    const instances = Array.from({ length: 23 }, (_, i) => ({ InstanceId: `i-${i}` }));
    mock.setItems('DescribeInstances', instances);
    const client = new EcsClient(config());
    const seen: string[] = [];
    for await (const instance of paginateDescribeInstances(client, { MaxResults: 10 })) seen.push(instance.InstanceId!);
    expect(seen).toEqual(instances.map((i) => i.InstanceId));
    mock.reset();
    mock.setItems('DescribeInstances', instances);
    const pages: number[] = [];
    for await (const page of paginateDescribeInstances(client, { MaxResults: 10 }).pages())
      pages.push(page.Instances?.length ?? 0);
    expect(pages).toEqual([10, 10, 3]);
    expect(mock.requestsFor('DescribeInstances').map((r) => r.query.NextToken ?? '')).toEqual(['', '10', '20']);
  });

  it('walks page-number pages (Redis DescribeCrossRegionBackups) until Total is reached', async () => {
    const backups = Array.from({ length: 25 }, (_, i) => ({ BackupPointId: `b-${i}` }));
    mock.setItems('DescribeCrossRegionBackups', backups);
    const client = new RedisClient(config());
    const seen: string[] = [];
    for await (const backup of paginateDescribeCrossRegionBackups(client, { Scope: 'AccountInstances', PageSize: 10 }))
      seen.push(backup.BackupPointId!);
    expect(seen).toEqual(backups.map((b) => b.BackupPointId));
    expect(mock.requestsFor('DescribeCrossRegionBackups').map((r) => JSON.parse(r.body).PageNumber)).toEqual([1, 2, 3]);
  });

  it('walks offset pages (IAM ListUsers, a global GET) until Total is reached', async () => {
    const users = Array.from({ length: 12 }, (_, i) => ({ UserName: `user-${i}` }));
    mock.setItems('ListUsers', users);
    const client = new IamClient(config());
    const seen: string[] = [];
    for await (const user of paginateListUsers(client, { Limit: 5 })) seen.push(user.UserName!);
    expect(seen).toEqual(users.map((u) => u.UserName));
    expect(mock.requestsFor('ListUsers').map((r) => r.query.Offset)).toEqual([undefined, '5', '10']);
  });

  it('pages without a PageSize from the caller, though PageNumber requires PageSize', async () => {
    const backups = Array.from({ length: 25 }, (_, i) => ({ BackupPointId: `b-${i}` }));
    mock.setItems('DescribeCrossRegionBackups', backups);
    const seen: unknown[] = [];
    for await (const backup of paginateDescribeCrossRegionBackups(new RedisClient(config()), {
      Scope: 'AccountInstances',
    }))
      seen.push(backup);
    expect(seen).toHaveLength(25);
    const sent = mock
      .requestsFor('DescribeCrossRegionBackups')
      .map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(sent.map((b) => [b.PageNumber, b.PageSize])).toEqual([
      [undefined, undefined],
      [2, 10],
      [3, 10],
    ]);
  });
});

describe('member names as the server reads them (the Node SDK escaped some, the Go SDK and the CLI do not)', () => {
  it('sends IAM ListUsers Query as Query=, never _Query=', async () => {
    const client = new IamClient(config());
    await client.listUsers({ Query: 'bob', Limit: 5 });
    const request = only('ListUsers');
    expect(request.query).toMatchObject({ Action: 'ListUsers', Query: 'bob', Limit: '5' });
    expect(Object.keys(request.query)).not.toContain('_Query');
  });

  it('sends a member whose wire name holds a dot (VKE ListClusters Filter) as one JSON key', async () => {
    const { VkeClient } = await import('@volc-ts/vke');
    const client = new VkeClient(config());
    await client.listClusters({ Filter: { 'PodsConfig.PodNetworkMode': 'VpcCniShared' } });
    const request = only('ListClusters');
    expect(JSON.parse(request.body)).toEqual({ Filter: { 'PodsConfig.PodNetworkMode': 'VpcCniShared' } });
  });
});
