// An ES module consumer of the installed tarballs. Compiled with tsc (strict, NodeNext, Node-only
// libs), then run against a volc-mock started from the installed @volc-ts/mock; prints one JSON line.
import { signRequest, VolcError } from '@volc-ts/core';
import { MOCK_CREDENTIALS } from '@volc-ts/mock';
import {
  RedisClient,
  VolcServiceError,
  VolcValidationError,
  type DescribeCrossRegionBackupsRequest,
} from '@volc-ts/redis';

const endpoint = process.env.VOLC_MOCK_URL;
if (!endpoint) throw new Error('VOLC_MOCK_URL is not set');

// Types are real, not `any`: each line below must fail to compile.
// @ts-expect-error Scope is a closed union of the spec's values
const wrongScope: DescribeCrossRegionBackupsRequest = { Scope: 'Everywhere' };
// @ts-expect-error PageSize is a number
const wrongSize: DescribeCrossRegionBackupsRequest = { PageSize: '10' };
void wrongScope;
void wrongSize;

const client = new RedisClient({ region: 'cn-beijing', endpoint, credentials: MOCK_CREDENTIALS, maxAttempts: 1 });
const result = await client.describeCrossRegionBackups({ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 });
const firstBackup: string | undefined = result.Backups?.[0]?.BackupPointId;

let validation: { paths: string[]; sameBase: boolean } | undefined;
try {
  await client.describeCrossRegionBackups({ Scope: 'AccountInstances', PageSize: 101 });
} catch (error) {
  if (!(error instanceof VolcValidationError)) throw error;
  validation = { paths: error.issues.map((i) => i.path), sameBase: error instanceof VolcError };
}

let service: { code: string; requestId: string | undefined; sameBase: boolean } | undefined;
const wrongKey = new RedisClient({
  region: 'cn-beijing',
  endpoint,
  credentials: { ...MOCK_CREDENTIALS, secretAccessKey: 'not-the-secret' },
  maxAttempts: 1,
});
try {
  await wrongKey.describeCrossRegionBackups({ Scope: 'AccountInstances' });
} catch (error) {
  if (!(error instanceof VolcServiceError)) throw error;
  service = { code: error.code, requestId: error.requestId, sameBase: error instanceof VolcError };
}

const signed = await signRequest(
  {
    method: 'POST',
    host: 'redis.cn-beijing.volcengineapi.com',
    query: { Action: 'DescribeCrossRegionBackups', Version: '2020-12-07' },
    body: '{}',
  },
  MOCK_CREDENTIALS,
  { service: 'redis', region: 'cn-beijing', date: new Date('2024-01-02T03:04:05Z') },
);

console.log(
  JSON.stringify({
    format: 'esm',
    requestId: result.$metadata.RequestId,
    total: result.Total,
    firstBackup,
    validation,
    service,
    signedHeaders: Object.keys(signed).sort(),
    xDate: signed['X-Date'],
  }),
);
