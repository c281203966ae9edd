/**
 * The generated Redis client against @volc-ts/mock over real HTTP on 127.0.0.1: success, every rule of
 * DescribeCrossRegionBackups (checked by the client, and by the mock with client validation off),
 * service errors, retries, timeouts and idempotent writes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serializeJson, VolcAbortError } from '@volc-ts/core';
import { startMockServer, type MockServer } from '@volc-ts/mock';
import {
  paginateDescribeCrossRegionBackups,
  RedisClient,
  VolcNetworkError,
  VolcResponseError,
  VolcServiceError,
  VolcTimeoutError,
  VolcValidationError,
  type ClientConfig,
  type ValidationRule,
} from '@volc-ts/redis';
import { CORE_SCHEMA, load } from 'js-yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

/** A client of the mock; retries back off 5 ms so the suite stays fast (Retry-After still rules). */
function client(config: ClientConfig = {}): RedisClient {
  return new RedisClient({
    region: 'cn-beijing',
    endpoint: mock.url,
    credentials: mock.credentials,
    retryDelays: { baseDelay: 5, throttlingBaseDelay: 5, maxDelay: 50 },
    ...config,
  });
}

const SEED_SAMPLE = { Scope: 'AccountInstances', PageNumber: 1, PageSize: 10, BackupPointName: 'testbackup' } as const;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('success', () => {
  it('the seed sample resolves to the spec example Result, with $metadata from the response', async () => {
    const spec = load(readFileSync(fileURLToPath(new URL('../spec/redis.yaml', import.meta.url)), 'utf8'), {
      schema: CORE_SCHEMA,
      // biome-ignore lint/suspicious/noExplicitAny: reads deep into the spec's YAML
    }) as any;
    const example =
      spec.paths['/?Action=DescribeCrossRegionBackups&Version=2020-12-07'].post.responses['200'].content[
        'application/json'
      ].examples.sample.value;

    const result = await client().describeCrossRegionBackups(SEED_SAMPLE);

    expect(JSON.parse(JSON.stringify(result))).toEqual(example.Result);
    expect(Object.keys(result)).not.toContain('$metadata');
    const [recorded] = mock.requests;
    expect(result.$metadata).toMatchObject({
      RequestId: recorded?.requestId,
      Action: 'DescribeCrossRegionBackups',
      Version: '2020-12-07',
      Service: 'redis',
      Region: 'cn-beijing',
    });
    expect(recorded).toMatchObject({
      method: 'POST',
      service: 'redis',
      accessKeyId: mock.credentials.accessKeyId,
      input: SEED_SAMPLE,
      status: 200,
    });
    expect(recorded?.headers['content-type']).toMatch(/^application\/json/);
  });

  it('signs with session credentials (X-Security-Token)', async () => {
    const session = { accessKeyId: 'AKTPe2e', secretAccessKey: 'e2e-secret', sessionToken: 'e2e-token' };
    const own = await startMockServer({ credentials: session });
    try {
      const result = await new RedisClient({
        region: 'cn-beijing',
        endpoint: own.url,
        credentials: session,
      }).describeCrossRegionBackups(SEED_SAMPLE);
      expect(result.Total).toBe(1);
      expect(own.requests[0]?.headers['x-security-token']).toBe('e2e-token');
    } finally {
      await own.close();
    }
  });

  it('paginates across pages of a dataset, with items and whole pages', async () => {
    const backups = Array.from({ length: 23 }, (_, i) => ({ BackupPointId: `b-${i + 1}`, Status: 'Available' }));
    mock.setItems('DescribeCrossRegionBackups', backups);
    const paginator = paginateDescribeCrossRegionBackups(client(), { Scope: 'AccountInstances', PageSize: 10 });
    const ids: string[] = [];
    for await (const backup of paginator) ids.push(backup.BackupPointId ?? '');
    expect(ids).toEqual(backups.map((b) => b.BackupPointId));
    const sizes: number[] = [];
    for await (const page of paginator.pages()) sizes.push(page.Backups?.length ?? -1);
    expect(sizes).toEqual([10, 10, 3]);
    expect(mock.requests.map((r) => r.input?.PageNumber)).toEqual([1, 2, 3, 1, 2, 3]);
  });
});

/**
 * Each rule of DescribeCrossRegionBackups: an input that breaks it, the issue the client reports, and
 * the error the mock answers when the client lets the input through.
 */
const RULES: {
  rule: string;
  /** The machine-readable rule of the client's issue. */
  kind: ValidationRule;
  valid: Record<string, unknown>;
  invalid: Record<string, unknown>;
  path: string;
  message: RegExp;
  mockCode: 'MissingParameter' | 'InvalidParameter';
}[] = [
  {
    rule: 'Scope enum',
    valid: { Scope: 'DestroyedInstances' },
    invalid: { Scope: 'Everything', InstanceId: 'r-1' },
    path: 'Scope',
    kind: 'enum',
    message: /must be one of OneInstance, AccountInstances, DestroyedInstances/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'InstanceId required when Scope is OneInstance',
    valid: { Scope: 'OneInstance', InstanceId: 'r-1' },
    invalid: { Scope: 'OneInstance' },
    path: 'InstanceId',
    kind: 'required',
    message: /required/,
    mockCode: 'MissingParameter',
  },
  {
    rule: 'InstanceId required when Scope is omitted',
    valid: { InstanceId: 'r-1' },
    invalid: { BackupPointName: 'x' },
    path: 'InstanceId',
    kind: 'required',
    message: /required/,
    mockCode: 'MissingParameter',
  },
  {
    rule: 'Status enum',
    valid: { Scope: 'AccountInstances', Status: 'Unavailable' },
    invalid: { Scope: 'AccountInstances', Status: 'Gone' },
    path: 'Status',
    kind: 'enum',
    message: /must be one of Creating, Available, Unavailable, Deleting/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'BackupStrategyList enum',
    valid: { Scope: 'AccountInstances', BackupStrategyList: ['AutomatedBackup', 'ManualBackup'] },
    invalid: { Scope: 'AccountInstances', BackupStrategyList: ['AutomatedBackup', 'Hourly'] },
    path: 'BackupStrategyList[1]',
    kind: 'enum',
    message: /must be one of ManualBackup, AutomatedBackup, DataFlashBack, AllStrategy/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'StartTime format',
    valid: { Scope: 'AccountInstances', StartTime: '2024-08-22T07:51:09Z', EndTime: '2024-08-22T07:51:12Z' },
    invalid: { Scope: 'AccountInstances', StartTime: '2024-08-22 07:51:09', EndTime: '2024-08-22T07:51:12Z' },
    path: 'StartTime',
    kind: 'format',
    message: /yyyy-MM-ddTHH:mm:ssZ/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'EndTime format',
    valid: { Scope: 'AccountInstances', StartTime: '2024-08-22T07:51:09Z', EndTime: '2024-08-23T00:00:00Z' },
    invalid: { Scope: 'AccountInstances', StartTime: '2024-08-22T07:51:09Z', EndTime: '2024-08-22T15:51:12+08:00' },
    path: 'EndTime',
    kind: 'format',
    message: /yyyy-MM-ddTHH:mm:ssZ/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'StartTime requires EndTime',
    valid: { Scope: 'AccountInstances', EndTime: '2024-08-22T07:51:12Z' },
    invalid: { Scope: 'AccountInstances', StartTime: '2024-08-22T07:51:09Z' },
    path: 'EndTime',
    kind: 'required',
    message: /required when StartTime is set/,
    mockCode: 'MissingParameter',
  },
  {
    rule: 'EndTime later than StartTime (equal)',
    valid: { Scope: 'AccountInstances', StartTime: '2024-08-22T07:51:09Z', EndTime: '2024-08-22T07:51:10Z' },
    invalid: { Scope: 'AccountInstances', StartTime: '2024-08-22T07:51:09Z', EndTime: '2024-08-22T07:51:09Z' },
    path: 'EndTime',
    kind: 'greaterThan',
    message: /later than StartTime/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'EndTime later than StartTime (earlier)',
    valid: { Scope: 'AccountInstances', StartTime: '2023-12-31T23:59:59Z', EndTime: '2024-01-01T00:00:00Z' },
    invalid: { Scope: 'AccountInstances', StartTime: '2024-01-01T00:00:00Z', EndTime: '2023-12-31T23:59:59Z' },
    path: 'EndTime',
    kind: 'greaterThan',
    message: /later than StartTime/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'PageSize minimum 1',
    valid: { Scope: 'AccountInstances', PageSize: 1 },
    invalid: { Scope: 'AccountInstances', PageSize: 0 },
    path: 'PageSize',
    kind: 'minimum',
    message: /must be >= 1/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'PageSize maximum 100',
    valid: { Scope: 'AccountInstances', PageSize: 100 },
    invalid: { Scope: 'AccountInstances', PageSize: 101 },
    path: 'PageSize',
    kind: 'maximum',
    message: /must be <= 100/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'PageSize integer',
    valid: { Scope: 'AccountInstances', PageSize: 50 },
    invalid: { Scope: 'AccountInstances', PageSize: 10.5 },
    path: 'PageSize',
    kind: 'type',
    message: /integer/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'PageNumber minimum 1',
    valid: { Scope: 'AccountInstances', PageSize: 10, PageNumber: 1 },
    invalid: { Scope: 'AccountInstances', PageSize: 10, PageNumber: 0 },
    path: 'PageNumber',
    kind: 'minimum',
    message: /must be >= 1/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'PageNumber maximum 2147483647',
    valid: { Scope: 'AccountInstances', PageSize: 10, PageNumber: 2147483647 },
    invalid: { Scope: 'AccountInstances', PageSize: 10, PageNumber: 2147483648 },
    path: 'PageNumber',
    kind: 'maximum',
    message: /must be <= 2147483647/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'PageNumber integer',
    valid: { Scope: 'AccountInstances', PageSize: 10, PageNumber: 3 },
    invalid: { Scope: 'AccountInstances', PageSize: 10, PageNumber: 1.5 },
    path: 'PageNumber',
    kind: 'type',
    message: /integer/,
    mockCode: 'InvalidParameter',
  },
  {
    rule: 'PageNumber requires PageSize',
    valid: { Scope: 'AccountInstances', PageSize: 10 },
    invalid: { Scope: 'AccountInstances', PageNumber: 1 },
    path: 'PageSize',
    kind: 'required',
    message: /required when PageNumber is set/,
    mockCode: 'MissingParameter',
  },
];

describe('validation of DescribeCrossRegionBackups', () => {
  it.each(RULES)('$rule: the valid input goes through', async ({ valid }) => {
    const result = await client().describeCrossRegionBackups(valid as never);
    expect(result.$metadata.RequestId).toBe(mock.requests[0]?.requestId);
    expect(mock.requests[0]?.input).toEqual(valid);
  });

  it.each(RULES)(
    '$rule: the client refuses the invalid input before sending',
    async ({ invalid, path, kind, message }) => {
      const error = await rejection(client().describeCrossRegionBackups(invalid as never));
      expect(error).toBeInstanceOf(VolcValidationError);
      const issues = (error as VolcValidationError).issues;
      expect(issues.find((issue) => issue.path === path)?.message).toMatch(message);
      expect(issues.find((issue) => issue.path === path)?.rule).toBe(kind);
      expect(mock.requests).toHaveLength(0);
    },
  );

  it.each(RULES)(
    '$rule: with validate: false the mock rejects it like the service',
    async ({ invalid, path, mockCode }) => {
      const error = await rejection(client({ validate: false }).describeCrossRegionBackups(invalid as never));
      expect(error).toBeInstanceOf(VolcServiceError);
      const serviceError = error as VolcServiceError;
      expect(serviceError).toMatchObject({
        code: mockCode,
        status: 400,
        action: 'DescribeCrossRegionBackups',
        service: 'redis',
        retryable: false,
      });
      expect(serviceError.serverMessage).toContain(path);
      expect(serviceError.requestId).toBe(mock.requests[0]?.requestId);
      expect(mock.requests).toHaveLength(1);
    },
  );

  it('reports every broken rule at once', async () => {
    const error = await rejection(
      client().describeCrossRegionBackups({
        Scope: 'OneInstance',
        PageSize: 500,
        PageNumber: 0,
        StartTime: 'yesterday',
      } as never),
    );
    expect((error as VolcValidationError).issues.map((i) => i.path).sort()).toEqual([
      'EndTime',
      'InstanceId',
      'PageNumber',
      'PageSize',
      'StartTime',
    ]);
  });
});

describe('service errors', () => {
  async function serviceError(promise: Promise<unknown>): Promise<VolcServiceError> {
    const error = await rejection(promise);
    expect(error).toBeInstanceOf(VolcServiceError);
    const last = mock.requests.at(-1);
    expect((error as VolcServiceError).requestId).toBe(last?.requestId);
    expect((error as VolcServiceError).requestId).toMatch(/^\d{14}[0-9A-F]{20}$/);
    return error as VolcServiceError;
  }

  it('a wrong secret key: SignatureDoesNotMatch 401, not retried', async () => {
    const wrong = client({ credentials: { accessKeyId: mock.credentials.accessKeyId, secretAccessKey: 'wrong' } });
    const error = await serviceError(wrong.describeCrossRegionBackups(SEED_SAMPLE));
    expect(error).toMatchObject({
      code: 'SignatureDoesNotMatch',
      codeN: 100010,
      status: 401,
      action: 'DescribeCrossRegionBackups',
      service: 'redis',
    });
    expect(error.message).not.toContain('wrong');
    expect(mock.requests).toHaveLength(1);
  });

  it('an unknown access key: InvalidAccessKey 401', async () => {
    const stranger = client({ credentials: { accessKeyId: 'AKLTstranger', secretAccessKey: 'x' } });
    expect(await serviceError(stranger.describeCrossRegionBackups(SEED_SAMPLE))).toMatchObject({
      code: 'InvalidAccessKey',
      codeN: 100009,
      status: 401,
    });
  });

  it('an action the server does not know: InvalidActionOrVersion 404', async () => {
    const redis = client();
    const operation = {
      action: 'DescribeNothing',
      version: '2020-12-07',
      method: 'POST',
      protocol: 'json',
      serialize: serializeJson,
    } as const;
    expect(await serviceError(redis.send(operation, {}))).toMatchObject({
      code: 'InvalidActionOrVersion',
      codeN: 100008,
      status: 404,
      action: 'DescribeNothing',
    });
  });

  it('an injected AccessDenied 403 is not retried', async () => {
    mock.failNext('DescribeCrossRegionBackups', { code: 'AccessDenied', times: 3 });
    expect(await serviceError(client().describeCrossRegionBackups(SEED_SAMPLE))).toMatchObject({
      code: 'AccessDenied',
      codeN: 100013,
      status: 403,
      retryable: false,
    });
    expect(mock.requests).toHaveLength(1);
  });

  it('an error sent with HTTP 200 is still an error', async () => {
    mock.failNext('DescribeCrossRegionBackups', {
      code: 'InvalidInstance.NotFound',
      status: 200,
      message: 'The instance does not exist.',
    });
    const error = await serviceError(client().describeCrossRegionBackups(SEED_SAMPLE));
    expect(error).toMatchObject({
      code: 'InvalidInstance.NotFound',
      status: 200,
      serverMessage: 'The instance does not exist.',
    });
  });

  it('a server clock 20 minutes ahead: InvalidTimestamp, corrected from the Date header, then success', async () => {
    mock.setClockOffset(20 * 60_000);
    const warnings: string[] = [];
    const redis = client({ logger: { warn: (line: string) => warnings.push(line) } });
    const before = Date.now();
    const result = await redis.describeCrossRegionBackups(SEED_SAMPLE);
    const after = Date.now();
    expect(result.Total).toBe(1);
    expect(mock.requests.map((r) => r.errorCode ?? r.status)).toEqual(['InvalidTimestamp', 200]);
    // The mock's Date (whole seconds, stamped during the call) minus the time the answer came: bounded by
    // the call's own length, not by a guess at how fast the machine is.
    expect(redis.clockOffset).toBeGreaterThanOrEqual(20 * 60_000 - 1000 - (after - before));
    expect(redis.clockOffset).toBeLessThanOrEqual(20 * 60_000);
    expect(warnings).toEqual([expect.stringMatching(/InvalidTimestamp; the local clock is off by \d+ ms; corrected/)]);
  });

  it('a malformed body: VolcResponseError carrying the request id from X-Tt-Logid', async () => {
    mock.failNext('DescribeCrossRegionBackups', { malformedBody: true });
    const error = await rejection(client().describeCrossRegionBackups(SEED_SAMPLE));
    expect(error).toBeInstanceOf(VolcResponseError);
    expect((error as VolcResponseError).requestId).toBe(mock.requests[0]?.requestId);
  });
});

describe('retries', () => {
  it('throttling (FlowLimitExceeded 429) twice, then success', async () => {
    mock.failNext('DescribeCrossRegionBackups', { code: 'FlowLimitExceeded', times: 2 });
    const result = await client().describeCrossRegionBackups(SEED_SAMPLE);
    expect(result.Total).toBe(1);
    expect(mock.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(result.$metadata.RequestId).toBe(mock.requests[2]?.requestId);
  });

  it.each([
    ['InternalError', 500],
    ['ServiceUnavailableTemp', 503],
    ['InternalServiceTimeout', 504],
  ] as const)('%s (%i), then success', async (code, status) => {
    mock.failNext('DescribeCrossRegionBackups', { code, times: 2 });
    await client().describeCrossRegionBackups(SEED_SAMPLE);
    expect(mock.requests.map((r) => r.status)).toEqual([status, status, 200]);
  });

  it('a bare 502 with a code the SDK does not know is retried by status', async () => {
    mock.failNext('DescribeCrossRegionBackups', { code: 'GatewayHiccup', status: 502 });
    await client().describeCrossRegionBackups(SEED_SAMPLE);
    expect(mock.requests.map((r) => r.status)).toEqual([502, 200]);
  });

  it('gives up after maxAttempts with the last error', async () => {
    mock.failNext('DescribeCrossRegionBackups', { code: 'InternalError', times: 10 });
    const error = await rejection(client({ maxAttempts: 4 }).describeCrossRegionBackups(SEED_SAMPLE));
    expect(error).toMatchObject({ code: 'InternalError', status: 500, retryable: true });
    expect((error as VolcServiceError).requestId).toBe(mock.requests[3]?.requestId);
    expect(mock.requests).toHaveLength(4);
  });

  it('maxAttempts: 1 turns retries off', async () => {
    mock.failNext('DescribeCrossRegionBackups', { code: 'FlowLimitExceeded' });
    await rejection(client({ maxAttempts: 1 }).describeCrossRegionBackups(SEED_SAMPLE));
    expect(mock.requests).toHaveLength(1);
  });

  it('waits as long as Retry-After asks', async () => {
    mock.failNext('DescribeCrossRegionBackups', { code: 'FlowLimitExceeded', retryAfter: 1 });
    const lines: string[] = [];
    await client({ logger: { info: (line: string) => lines.push(line) }, logLevel: 'info' }).describeCrossRegionBackups(
      SEED_SAMPLE,
    );
    expect(mock.requests).toHaveLength(2);
    // The wait chosen, exactly: a gap measured between two requests can come out a few ms short of it.
    expect(lines).toEqual([expect.stringContaining('retrying in 1000 ms (attempt 2 of 3)')]);
  });

  it('a dropped connection is retried', async () => {
    mock.failNext('DescribeCrossRegionBackups', { dropConnection: true });
    const result = await client().describeCrossRegionBackups(SEED_SAMPLE);
    expect(result.Total).toBe(1);
    expect(mock.requests.map((r) => r.status)).toEqual([undefined, 200]);
  });

  it('a connection dropped on every attempt ends in VolcNetworkError', async () => {
    mock.failNext('DescribeCrossRegionBackups', { dropConnection: true, times: 3 });
    const error = await rejection(client().describeCrossRegionBackups(SEED_SAMPLE));
    expect(error).toBeInstanceOf(VolcNetworkError);
    expect(mock.requests).toHaveLength(3);
  });
});

describe('timeouts and cancellation', () => {
  it('an attempt slower than timeout fails with VolcTimeoutError', async () => {
    mock.failNext('DescribeCrossRegionBackups', { delayMs: 2_000 });
    // The answer would come at 2 s (the mock's timer, in this process, set after the client's): the
    // 200 ms deadline comes first however loaded the machine is.
    const error = await rejection(client({ maxAttempts: 1 }).describeCrossRegionBackups(SEED_SAMPLE, { timeout: 200 }));
    expect(error).toBeInstanceOf(VolcTimeoutError);
    expect(error).toMatchObject({ kind: 'attempt', timeout: 200 });
  });

  it('a slow first attempt is retried and the second succeeds', async () => {
    mock.failNext('DescribeCrossRegionBackups', { delayMs: 2_000 });
    const result = await client({ timeout: 200 }).describeCrossRegionBackups(SEED_SAMPLE);
    expect(result.Total).toBe(1);
    expect(mock.requests).toHaveLength(2);
  });

  it('totalTimeout bounds the whole call, retries included', async () => {
    mock.failNext('DescribeCrossRegionBackups', { delayMs: 2_000, times: 5 });
    const error = await rejection(
      client({ timeout: 300, totalTimeout: 500, maxAttempts: 5 }).describeCrossRegionBackups(SEED_SAMPLE),
    );
    expect(error).toBeInstanceOf(VolcTimeoutError);
    expect((error as VolcTimeoutError).kind).toBe('total');
  });

  it('an AbortSignal cancels a call in flight', async () => {
    mock.failNext('DescribeCrossRegionBackups', { delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(client().describeCrossRegionBackups(SEED_SAMPLE, { signal: controller.signal }));
    expect(error).toBeInstanceOf(VolcAbortError);
  });
});

describe('idempotent writes', () => {
  const CREATE = {
    RegionId: 'cn-beijing',
    EngineVersion: '7.0',
    ShardedCluster: 0,
    NodeNumber: 2,
    ShardCapacity: 1024,
    MultiAZ: 'disabled',
    VpcId: 'vpc-e2e',
    SubnetId: 'subnet-e2e',
    InstanceName: 'e2e',
  };

  it('CreateDBInstance retried after throttling and a dropped connection sends the same generated ClientToken every time', async () => {
    mock.failNext('CreateDBInstance', { code: 'FlowLimitExceeded' });
    mock.failNext('CreateDBInstance', { dropConnection: true });
    await client().createDBInstance(CREATE);
    const tokens = mock.requestsFor('CreateDBInstance').map((r) => r.input?.ClientToken);
    expect(tokens).toHaveLength(3);
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(tokens).size).toBe(1);
    expect(mock.requestsFor('CreateDBInstance').map((r) => r.status)).toEqual([429, undefined, 200]);
  });

  it('a ClientToken given by the caller is kept, and each new call gets a new token', async () => {
    const redis = client();
    await redis.createDBInstance({ ...CREATE, ClientToken: 'mine-1' });
    await redis.createDBInstance(CREATE);
    await redis.createDBInstance(CREATE);
    const tokens = mock.requestsFor('CreateDBInstance').map((r) => r.input?.ClientToken);
    expect(tokens[0]).toBe('mine-1');
    expect(new Set(tokens).size).toBe(3);
  });
});
