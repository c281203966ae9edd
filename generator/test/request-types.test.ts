/**
 * Type tests: the compiler refuses calls that break a conditional rule of the spec. Each broken call
 * carries `@ts-expect-error`, so `pnpm typecheck` fails if the type ever accepts it; valid calls must
 * compile. The same inputs also go through the generated validator, which must agree at run time.
 * The functions under `typeOnly` are type-checked and never called (they would send requests).
 */
import { describe, expect, it } from 'vitest';
import {
  paginateDescribeCrossRegionBackups,
  RedisClient,
  validateDescribeCrossRegionBackupsRequest,
  type DescribeCrossRegionBackupsRequest,
  type DescribeCrossRegionBackupsRequestMembers,
} from '@volc-ts/redis';
import { VolcServiceError } from '@volc-ts/core/errors';
import {
  isRulesError,
  RulesClient,
  validateAttachVolumeRequest,
  validateCreateVolumeRequest,
  validateDescribeBackupsRequest,
  type AttachVolumeRequest,
  type CreateVolumeRequest,
  type DescribeBackupsRequest,
} from './fixtures/rules-expected/src/index.js';

const seed = (input: DescribeCrossRegionBackupsRequest) => input;
const backups = (input: DescribeBackupsRequest) => input;
const paths = (issues: readonly { path: string; message: string }[]) => issues.map((i) => `${i.path}: ${i.message}`);

describe('the seed action, DescribeCrossRegionBackups', () => {
  const start = '2024-08-22T07:51:09Z';
  const end = '2024-08-22T08:51:09Z';

  it('refuses at compile time what the validator refuses at run time', () => {
    const broken = [
      // @ts-expect-error InstanceId is required when Scope is OneInstance or not set
      seed({}),
      // @ts-expect-error InstanceId is required when Scope is OneInstance
      seed({ Scope: 'OneInstance' }),
      // @ts-expect-error EndTime is required when StartTime is set
      seed({ Scope: 'AccountInstances', StartTime: start }),
      // @ts-expect-error PageSize is required when PageNumber is set
      seed({ Scope: 'AccountInstances', PageNumber: 1 }),
      // @ts-expect-error a Scope outside the enum
      seed({ Scope: 'Everything', InstanceId: 'redis-1' }),
      // @ts-expect-error a member the spec does not declare (excess property check still works on the union)
      seed({ Scope: 'AccountInstances', PageSzie: 10 }),
    ];
    for (const input of broken) expect(validateDescribeCrossRegionBackupsRequest(input)).not.toEqual([]);
  });

  it('accepts every valid shape of input', () => {
    const valid = [
      seed({ InstanceId: 'redis-1' }),
      seed({ Scope: 'OneInstance', InstanceId: 'redis-1', StartTime: start, EndTime: end }),
      seed({ Scope: 'AccountInstances' }),
      seed({ Scope: 'DestroyedInstances', PageNumber: 2, PageSize: 10 }),
      seed({ Scope: 'AccountInstances', PageSize: 10, ProjectName: 'default' }),
    ];
    for (const input of valid) expect(paths(validateDescribeCrossRegionBackupsRequest(input))).toEqual([]);
  });

  it('lets an input be built step by step with the members interface, then checked at run time', () => {
    const built: DescribeCrossRegionBackupsRequestMembers = { Scope: 'AccountInstances' };
    built.PageNumber = 2;
    // @ts-expect-error the members interface does not promise the rules
    seed(built);
    expect(paths(validateDescribeCrossRegionBackupsRequest(seed(built as DescribeCrossRegionBackupsRequest)))).toEqual([
      'PageSize: is required when PageNumber is set',
    ]);
  });

  it('keeps the rules types cannot say at run time: EndTime later than StartTime, the time form', () => {
    const input = seed({ Scope: 'AccountInstances', StartTime: end, EndTime: start });
    expect(paths(validateDescribeCrossRegionBackupsRequest(input))).toEqual([
      `EndTime: must be later than StartTime ("${end}") (got "${start}")`,
    ]);
  });

  it('makes the input parameter required, on the method and the paginator, since {} is not valid', () => {
    const client = new RedisClient({ region: 'cn-beijing', credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } });
    const typeOnly = [
      // @ts-expect-error the input cannot be left out
      () => client.describeCrossRegionBackups(),
      // @ts-expect-error the input cannot be left out
      () => paginateDescribeCrossRegionBackups(client),
      // @ts-expect-error a broken input through the paginator
      () => paginateDescribeCrossRegionBackups(client, { Scope: 'OneInstance' }),
      () => paginateDescribeCrossRegionBackups(client, { Scope: 'AccountInstances' }),
      () => client.describeCrossRegionBackups({ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 }),
    ];
    expect(typeOnly).toHaveLength(5);
  });
});

describe('the rules fixture', () => {
  it('enforces dependentRequired, if/then on an enum with its default, and if/then on a boolean', () => {
    const broken = [
      // @ts-expect-error InstanceId is required when Scope is OneInstance or not set
      backups({ Scope: 'OneInstance' }),
      // @ts-expect-error EndTime is required when StartTime is set
      backups({ Scope: 'AccountInstances', StartTime: '2024-01-01T00:00:00Z' }),
      // @ts-expect-error PageSize is required when PageNumber is set
      backups({ Scope: 'AccountInstances', PageNumber: 3 }),
      // @ts-expect-error KeyId is required when Encrypted is true
      backups({ Scope: 'AccountInstances', Encrypted: true }),
    ];
    for (const input of broken) expect(validateDescribeBackupsRequest(input)).not.toEqual([]);
    const valid = [
      backups({ InstanceId: 'i-1' }),
      backups({ Scope: 'AccountInstances', Encrypted: false }),
      backups({ Scope: 'AccountInstances', Encrypted: true, KeyId: 'k-1' }),
      backups({ Scope: 'AccountInstances', PageNumber: 3, PageSize: 10 }),
    ];
    for (const input of valid) expect(paths(validateDescribeBackupsRequest(input))).toEqual([]);
  });

  it('leaves a condition on an open-ended member to the validator, which the type then does not refuse', () => {
    // `Zone` is required when `Region` is cn-beijing: `Region` is any string, so no type can say "not cn-beijing".
    const input = backups({ Scope: 'AccountInstances', Region: 'cn-beijing' });
    expect(paths(validateDescribeBackupsRequest(input))).toEqual(['Zone: is required when Region is cn-beijing']);
  });

  it('shares one declaration and one validator between shapes that are alike', () => {
    const create: CreateVolumeRequest = { Size: 1, Tags: [{ Key: 'k' }] };
    const attach: AttachVolumeRequest = create;
    expect(validateCreateVolumeRequest).toBe(validateAttachVolumeRequest);
    expect(paths(validateCreateVolumeRequest({ ...attach, Tags: [{ Kye: 'k' }] }))).toEqual([
      'Tags[0].Kye: is not a member the spec declares; did you mean Key?',
    ]);
  });

  it('keeps the input optional where {} is valid', () => {
    const client = new RulesClient({ region: 'cn-beijing', credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' } });
    const typeOnly = [
      () => client.detachVolume(),
      () => client.resizeVolume(),
      // @ts-expect-error Size is required
      () => client.createVolume(),
      // @ts-expect-error {} breaks "InstanceId is required when Scope is OneInstance or not set"
      () => client.describeBackups(),
    ];
    expect(typeOnly).toHaveLength(4);
  });
});

describe('the error guard of a service', () => {
  const answer = (service: string, code: string) =>
    new VolcServiceError({
      code,
      serverMessage: 'not found',
      requestId: 'req-1',
      status: 404,
      action: 'DescribeBackups',
      service,
      retryable: false,
    });

  it('matches only errors its own service answered with, and compares any code', () => {
    const error: unknown = answer('rules', 'InvalidInstanceId.NotFound');
    // Compiles only because the code type is open: the fixture declares no codes of its own.
    expect(isRulesError(error) && error.code === 'InvalidInstanceId.NotFound').toBe(true);
    expect(isRulesError(answer('ecs', 'InvalidInstanceId.NotFound'))).toBe(false);
    expect(isRulesError(new Error('InvalidInstanceId.NotFound'))).toBe(false);
  });
});
