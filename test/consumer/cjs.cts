// A CommonJS consumer of the installed tarballs: the same calls as esm.mts, through require().
import core = require('@volc-ts/core');
import mock = require('@volc-ts/mock');
import redis = require('@volc-ts/redis');

type Request = import('@volc-ts/redis').DescribeCrossRegionBackupsRequest;

// @ts-expect-error Scope is a closed union of the spec's values
const wrongScope: Request = { Scope: 'Everywhere' };
// @ts-expect-error PageSize is a number
const wrongSize: Request = { PageSize: '10' };
void wrongScope;
void wrongSize;

async function main(endpoint: string): Promise<void> {
  const client = new redis.RedisClient({
    region: 'cn-beijing',
    endpoint,
    credentials: mock.MOCK_CREDENTIALS,
    maxAttempts: 1,
  });
  const result = await client.describeCrossRegionBackups({ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 });
  const firstBackup: string | undefined = result.Backups?.[0]?.BackupPointId;

  let validation: { paths: string[]; sameBase: boolean } | undefined;
  try {
    await client.describeCrossRegionBackups({ Scope: 'AccountInstances', PageSize: 101 });
  } catch (error) {
    if (!(error instanceof redis.VolcValidationError)) throw error;
    validation = { paths: error.issues.map((i) => i.path), sameBase: error instanceof core.VolcError };
  }

  let service: { code: string; requestId: string | undefined; sameBase: boolean } | undefined;
  const wrongKey = new redis.RedisClient({
    region: 'cn-beijing',
    endpoint,
    credentials: { ...mock.MOCK_CREDENTIALS, secretAccessKey: 'not-the-secret' },
    maxAttempts: 1,
  });
  try {
    await wrongKey.describeCrossRegionBackups({ Scope: 'AccountInstances' });
  } catch (error) {
    if (!(error instanceof redis.VolcServiceError)) throw error;
    service = { code: error.code, requestId: error.requestId, sameBase: error instanceof core.VolcError };
  }

  const signed = await core.signRequest(
    {
      method: 'POST',
      host: 'redis.cn-beijing.volcengineapi.com',
      query: { Action: 'DescribeCrossRegionBackups', Version: '2020-12-07' },
      body: '{}',
    },
    mock.MOCK_CREDENTIALS,
    { service: 'redis', region: 'cn-beijing', date: new Date('2024-01-02T03:04:05Z') },
  );

  console.log(
    JSON.stringify({
      format: 'cjs',
      requestId: result.$metadata.RequestId,
      total: result.Total,
      firstBackup,
      validation,
      service,
      signedHeaders: Object.keys(signed).sort(),
      xDate: signed['X-Date'],
    }),
  );
}

const endpoint = process.env.VOLC_MOCK_URL;
if (!endpoint) throw new Error('VOLC_MOCK_URL is not set');
main(endpoint).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
