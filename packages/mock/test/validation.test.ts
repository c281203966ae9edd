import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { ciSeed, ciSelection } from '../../../scripts/ci-sample.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { loadCatalog } from '../src/catalog/catalog.js';
import { MockServiceError } from '../src/error-codes.js';
import { sampleFromSchema } from '../src/response/sample.js';
import { fieldPath, InputValidator } from '../src/validation/validator.js';
import { describeBackups, REDIS, signAndSend, type Answer } from './helpers.js';

const repoSpec = fileURLToPath(new URL('../../../spec/', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ spec: [`${repoSpec}redis.yaml`, fixtures] });
});
afterAll(() => mock.close());

const describeCall = (input: Record<string, unknown>) => signAndSend(mock.url, describeBackups(input));

function expectRejected(answer: Answer, code: 'MissingParameter' | 'InvalidParameter', message: string): void {
  expect(answer.status).toBe(400);
  expect(answer.json.ResponseMetadata.Error).toMatchObject({
    Code: code,
    CodeN: code === 'MissingParameter' ? 100002 : 100020,
  });
  expect(answer.json.ResponseMetadata.Error.Message).toBe(message);
  expect(answer.json.Result).toBeUndefined();
}

const ACCOUNT = { Scope: 'AccountInstances' };

describe('DescribeCrossRegionBackups rules, checked by the mock', () => {
  it('accepts inputs that keep every rule', async () => {
    for (const input of [
      { InstanceId: 'redis-1' },
      { Scope: 'OneInstance', InstanceId: 'redis-1' },
      { Scope: 'DestroyedInstances' },
      { ...ACCOUNT, Status: 'Deleting', BackupStrategyList: ['ManualBackup', 'AllStrategy'] },
      { ...ACCOUNT, StartTime: '2024-08-22T07:51:09Z', EndTime: '2024-08-22T07:51:12Z' },
      { ...ACCOUNT, PageSize: 1 },
      { ...ACCOUNT, PageSize: 100, PageNumber: 2147483647 },
    ]) {
      const answer = await describeCall(input);
      expect(answer.status, JSON.stringify(input)).toBe(200);
    }
  });

  it('accepts any string for an enum nobody confirmed, as the generated clients do', async () => {
    const create = (category: string) =>
      signAndSend(mock.url, {
        ...REDIS,
        action: 'CreateAllowList',
        method: 'POST',
        contentType: 'application/json',
        body: JSON.stringify({ AllowListName: 'a', AllowListCategory: category }),
      });
    expect((await create('Ordinary')).status).toBe(200);
    expect((await create('AValueNewerThanTheSpec')).status).toBe(200);
  });

  it('Scope must be one of its values', async () => {
    expectRejected(
      await describeCall({ Scope: 'Everything', InstanceId: 'r' }),
      'InvalidParameter',
      'The parameter Scope is invalid: must be one of OneInstance, AccountInstances, DestroyedInstances (got "Everything").',
    );
  });

  it('InstanceId is required when Scope is OneInstance or left out', async () => {
    expectRejected(
      await describeCall({ Scope: 'OneInstance' }),
      'MissingParameter',
      'The request is missing InstanceId parameter.',
    );
    expectRejected(await describeCall({}), 'MissingParameter', 'The request is missing InstanceId parameter.');
  });

  it('Status and BackupStrategyList take only their values', async () => {
    expectRejected(
      await describeCall({ ...ACCOUNT, Status: 'Gone' }),
      'InvalidParameter',
      'The parameter Status is invalid: must be one of Creating, Available, Unavailable, Deleting (got "Gone").',
    );
    expectRejected(
      await describeCall({ ...ACCOUNT, BackupStrategyList: ['ManualBackup', 'Hourly'] }),
      'InvalidParameter',
      'The parameter BackupStrategyList[1] is invalid: must be one of ManualBackup, AutomatedBackup, DataFlashBack, AllStrategy (got "Hourly").',
    );
    expectRejected(
      await describeCall({ ...ACCOUNT, BackupStrategyList: 'ManualBackup' }),
      'InvalidParameter',
      'The parameter BackupStrategyList is invalid: must be an array (got "ManualBackup").',
    );
  });

  it('StartTime and EndTime are UTC yyyy-MM-ddTHH:mm:ssZ', async () => {
    expectRejected(
      await describeCall({ ...ACCOUNT, StartTime: '2024-08-22 07:51:09', EndTime: '2024-08-22T07:51:12Z' }),
      'InvalidParameter',
      'The parameter StartTime is invalid: must be a UTC time as yyyy-MM-ddTHH:mm:ssZ (got "2024-08-22 07:51:09").',
    );
    expectRejected(
      await describeCall({ ...ACCOUNT, StartTime: '2024-08-22T07:51:09Z', EndTime: '2024-08-22T07:51:12+08:00' }),
      'InvalidParameter',
      'The parameter EndTime is invalid: must be a UTC time as yyyy-MM-ddTHH:mm:ssZ (got "2024-08-22T07:51:12+08:00").',
    );
  });

  it('StartTime requires EndTime', async () => {
    expectRejected(
      await describeCall({ ...ACCOUNT, StartTime: '2024-08-22T07:51:09Z' }),
      'MissingParameter',
      'The request is missing EndTime parameter. (required when StartTime is set)',
    );
    expect((await describeCall({ ...ACCOUNT, EndTime: '2024-08-22T07:51:09Z' })).status).toBe(200);
  });

  it('EndTime must be later than StartTime', async () => {
    const message = 'The parameter EndTime is invalid: must be later than StartTime (got "2024-08-22T07:51:09Z").';
    expectRejected(
      await describeCall({ ...ACCOUNT, StartTime: '2024-08-22T07:51:09Z', EndTime: '2024-08-22T07:51:09Z' }),
      'InvalidParameter',
      message,
    );
    expectRejected(
      await describeCall({ ...ACCOUNT, StartTime: '2024-08-22T07:51:10Z', EndTime: '2024-08-22T07:51:09Z' }),
      'InvalidParameter',
      'The parameter EndTime is invalid: must be later than StartTime (got "2024-08-22T07:51:09Z").',
    );
  });

  it('PageSize is an integer from 1 to 100', async () => {
    expectRejected(
      await describeCall({ ...ACCOUNT, PageSize: 0 }),
      'InvalidParameter',
      'The parameter PageSize is invalid: must be >= 1 (got 0).',
    );
    expectRejected(
      await describeCall({ ...ACCOUNT, PageSize: 101 }),
      'InvalidParameter',
      'The parameter PageSize is invalid: must be <= 100 (got 101).',
    );
    expectRejected(
      await describeCall({ ...ACCOUNT, PageSize: 10.5 }),
      'InvalidParameter',
      'The parameter PageSize is invalid: must be an integer (got 10.5).',
    );
    expectRejected(
      await describeCall({ ...ACCOUNT, PageSize: '10' }),
      'InvalidParameter',
      'The parameter PageSize is invalid: must be an integer (got "10").',
    );
  });

  it('PageNumber is an integer from 1 to 2147483647 and requires PageSize', async () => {
    expectRejected(
      await describeCall({ ...ACCOUNT, PageSize: 10, PageNumber: 0 }),
      'InvalidParameter',
      'The parameter PageNumber is invalid: must be >= 1 (got 0).',
    );
    expectRejected(
      await describeCall({ ...ACCOUNT, PageSize: 10, PageNumber: 2147483648 }),
      'InvalidParameter',
      'The parameter PageNumber is invalid: must be <= 2147483647 (got 2147483648).',
    );
    expectRejected(
      await describeCall({ ...ACCOUNT, PageSize: 10, PageNumber: 1.5 }),
      'InvalidParameter',
      'The parameter PageNumber is invalid: must be an integer (got 1.5).',
    );
    expectRejected(
      await describeCall({ ...ACCOUNT, PageNumber: 1 }),
      'MissingParameter',
      'The request is missing PageSize parameter. (required when PageNumber is set)',
    );
  });

  it('reports a missing member before a broken one', async () => {
    expectRejected(
      await describeCall({ Status: 'Gone' }),
      'MissingParameter',
      'The request is missing InstanceId parameter.',
    );
  });

  it('rejects a body that is not a JSON object', async () => {
    const notJson = await signAndSend(mock.url, describeBackups({}, { body: '{"Scope":' }));
    expectRejected(notJson, 'InvalidParameter', 'The request body is not valid JSON.');
    const array = await signAndSend(mock.url, describeBackups({}, { body: '[]' }));
    expectRejected(array, 'InvalidParameter', 'The request body must be a JSON object.');
  });
});

describe('query and form input', () => {
  const ecs = (action: string, query: Record<string, string | string[]>) =>
    signAndSend(mock.url, { method: 'GET', service: 'ecsfixture', action, version: '2020-04-01', query });

  it('converts numbers and booleans by the schema before validating', async () => {
    expect((await ecs('DescribeInstances', { MaxResults: '100', DryRun: 'true' })).status).toBe(200);
    expect(mock.requests.at(-1)?.input).toEqual({ MaxResults: 100, DryRun: true });
    expectRejected(
      await ecs('DescribeInstances', { MaxResults: '101' }),
      'InvalidParameter',
      'The parameter MaxResults is invalid: must be <= 100 (got 101).',
    );
    expectRejected(
      await ecs('DescribeInstances', { MaxResults: 'ten' }),
      'InvalidParameter',
      'The parameter MaxResults is invalid: must be an integer (got "ten").',
    );
    expectRejected(
      await ecs('DescribeInstances', { DryRun: 'yes' }),
      'InvalidParameter',
      'The parameter DryRun is invalid: must be a boolean (got "yes").',
    );
  });

  it('names nested fields of numbered lists', async () => {
    expectRejected(
      await ecs('DescribeInstances', { 'Filters.1.Name': 'a', 'Filters.2.Values.1': 'x' }),
      'MissingParameter',
      'The request is missing Filters[1].Name parameter.',
    );
    expectRejected(
      await ecs('DescribeInstances', {
        'InstanceIds.1': 'a',
        'InstanceIds.2': 'b',
        'InstanceIds.3': 'c',
        'InstanceIds.4': 'd',
      }),
      'InvalidParameter',
      'The parameter InstanceIds is invalid: must NOT have more than 3 items (got an array).',
    );
  });

  it('orders numbered list items by number, not by text', async () => {
    const query = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`Filters.${i + 1}.Name`, `f${i + 1}`]));
    expect((await ecs('DescribeInstances', query)).status).toBe(200);
    const filters = mock.requests.at(-1)?.input?.Filters as { Name: string }[];
    expect(filters.map((f) => f.Name)).toEqual(Array.from({ length: 11 }, (_, i) => `f${i + 1}`));
  });

  it('applies required, ranges, formats and x-volc-greater-than to GET input', async () => {
    expectRejected(
      await ecs('RunInstances', { Count: '1' }),
      'MissingParameter',
      'The request is missing ZoneId parameter.',
    );
    expectRejected(
      await ecs('RunInstances', { ZoneId: 'z', Count: '11' }),
      'InvalidParameter',
      'The parameter Count is invalid: must be <= 10 (got 11).',
    );
    expectRejected(
      await ecs('RunInstances', { ZoneId: 'z', Count: '1', ExpiresAt: 'tomorrow' }),
      'InvalidParameter',
      'The parameter ExpiresAt is invalid: must be a UTC time as yyyy-MM-ddTHH:mm:ssZ (got "tomorrow").',
    );
    expectRejected(
      await ecs('RunInstances', { ZoneId: 'z', Count: '1', Budget: '5', MaxBudget: '4.5' }),
      'InvalidParameter',
      'The parameter MaxBudget is invalid: must be later than Budget (got 4.5).',
    );
    expect((await ecs('RunInstances', { ZoneId: 'z', Count: '1', Budget: '5', MaxBudget: '5.5' })).status).toBe(200);
  });

  it('counts x-volc-min-bytes and x-volc-max-bytes in UTF-8 bytes, inclusive', async () => {
    const run = (InstanceName: string) => ecs('RunInstances', { ZoneId: 'z', Count: '1', InstanceName });
    for (const fits of ['ab', 'é', '中文字典', '😀😀😀']) expect((await run(fits)).status, fits).toBe(200);
    expectRejected(
      await run('中文字典a'),
      'InvalidParameter',
      'The parameter InstanceName is invalid: must be at most 12 bytes in UTF-8, not 13 (got "中文字典a").',
    );
    expectRejected(
      await run('a'),
      'InvalidParameter',
      'The parameter InstanceName is invalid: must be at least 2 bytes in UTF-8, not 1 (got "a").',
    );
  });

  it('reads a member whose wire name holds dots, or is named like an Object.prototype member, as that member', async () => {
    // Left out, `constructor` and `toString` are absent: never the functions Object.prototype has.
    expect((await ecs('RunInstances', { ZoneId: 'z', Count: '1' })).status).toBe(200);
    // (`__proto__` too, but the official Signer these tests sign with drops it: generator/test/names.test.ts sends it.)
    const query = { ZoneId: 'z', Count: '1', 'PodsConfig.PodNetworkMode': 'host', constructor: 'c', toString: 't' };
    expect((await ecs('RunInstances', query)).status).toBe(200);
    const input = mock.requests.at(-1)?.input ?? {};
    expect(Object.entries(input).sort()).toEqual(
      [
        ['ZoneId', 'z'],
        ['Count', 1],
        ['PodsConfig.PodNetworkMode', 'host'],
        ['constructor', 'c'],
        ['toString', 't'],
      ].sort(),
    );
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expectRejected(
      await ecs('RunInstances', { ZoneId: 'z', Count: '1', 'PodsConfig.PodNetworkMode': 'none' }),
      'InvalidParameter',
      'The parameter PodsConfig.PodNetworkMode is invalid: must be one of host, bridge (got "none").',
    );
  });

  it('validates form bodies the same way', async () => {
    const form = (body: string) =>
      signAndSend(mock.url, {
        service: 'stsfixture',
        action: 'AssumeRole',
        version: '2018-01-01',
        contentType: 'application/x-www-form-urlencoded',
        body,
      });
    expectRejected(
      await form('RoleTrn=trn%3Aiam%3A%3A1%3Arole%2Fr'),
      'MissingParameter',
      'The request is missing RoleSessionName parameter.',
    );
    expectRejected(
      await form('RoleTrn=arn&RoleSessionName=ab'),
      'InvalidParameter',
      'The parameter RoleTrn is invalid: must match pattern "^trn:iam::\\d+:role/.+$" (got "arn").',
    );
    expectRejected(
      await form('RoleTrn=trn%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=ab&DurationSeconds=60'),
      'InvalidParameter',
      'The parameter DurationSeconds is invalid: must be >= 900 (got 60).',
    );
    expectRejected(
      await form('RoleTrn=trn%3Aiam%3A%3A1%3Arole%2Fr&RoleSessionName=ab&Tags.1.Value=v'),
      'MissingParameter',
      'The request is missing Tags[0].Key parameter.',
    );
  });
});

describe('fieldPath', () => {
  it('writes JSON pointers the way users write fields', () => {
    expect(fieldPath('')).toBe('');
    expect(fieldPath('', 'A')).toBe('A');
    expect(fieldPath('/Tags/0/Key')).toBe('Tags[0].Key');
    expect(fieldPath('/Tags/2', 'Key')).toBe('Tags[2].Key');
    expect(fieldPath('/a~1b')).toBe('a/b');
  });
});

describe('the actions of the sampled specs', () => {
  // The hand-written specs and the day's rotation of imported ones (scripts/ci-sample.mjs): compiling a
  // validator for each of the ~4,900 actions takes half a minute of blocking work, the same code each time.
  it(`have an input validator that compiles and accepts or rejects a schema-built input as a service error (VOLC_CI_SEED=${ciSeed()})`, () => {
    const catalog = loadCatalog(repoSpec);
    const validator = new InputValidator(catalog);
    const specName = (path: string) => basename(path).replace(/\.(ya?ml|json)$/, '');
    const chosen = new Set(ciSelection([...new Set([...catalog.all()].map((def) => specName(def.specPath)))]));
    const defs = [...catalog.all()].filter((def) => chosen.has(specName(def.specPath)));
    expect(new Set(defs.map((def) => specName(def.specPath)))).toEqual(chosen);
    let accepted = 0;
    for (const def of defs) {
      const input = def.inputSchema ? sampleFromSchema(def.inputSchema, def.document) : {};
      try {
        validator.validate(def, (input ?? {}) as Record<string, unknown>);
        accepted++;
      } catch (error) {
        expect(error, `${def.service} ${def.action}`).toBeInstanceOf(MockServiceError);
      }
    }
    // Most schema-built inputs keep their own schema's rules.
    expect(accepted).toBeGreaterThan(defs.length * 0.8);
    // 4-8 s of blocking work on a 2-core machine, depending on the day's sample; past the default 20 s
    // when the machine is busy with other test files.
  }, 60_000);
});
