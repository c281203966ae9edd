/**
 * `pnpm demo`: a real RedisClient talking to a local volc-mock over HTTP, with no cloud account.
 * It starts the mock, makes four kinds of calls, prints what happened, and stops the mock.
 */
import { startMockServer } from '@volc-ts/mock';
import { paginateDescribeCrossRegionBackups, RedisClient, VolcServiceError, VolcValidationError } from '@volc-ts/redis';

const mock = await startMockServer({ port: 0 });
const client = new RedisClient({ region: 'cn-beijing', endpoint: mock.url, credentials: mock.credentials });

function heading(text: string): void {
  console.log(`\n${text}`);
}

try {
  console.log(
    `volc-mock is listening on ${mock.url} (${mock.actionCount} actions of ${mock.services.length} services).`,
  );
  console.log(`The client signs with the mock's test key ${mock.credentials.accessKeyId}.`);

  heading('1. describeCrossRegionBackups with the sample request');
  const input = { Scope: 'AccountInstances', PageNumber: 1, PageSize: 10, BackupPointName: 'testbackup' } as const;
  console.log(`   input:  ${JSON.stringify(input)}`);
  const result = await client.describeCrossRegionBackups(input);
  console.log(`   result: Total ${result.Total}, RequestId ${result.$metadata.RequestId}`);
  for (const backup of result.Backups ?? []) {
    console.log(
      `     ${backup.BackupPointId}  ${backup.BackupPointName}  ${backup.BackupStrategy}/${backup.BackupType}  ` +
        `${backup.SourceRegion} -> ${backup.TargetRegion}  ${backup.Status}  ${backup.Size} bytes`,
    );
  }

  heading('2. paginateDescribeCrossRegionBackups over 23 backups, 10 per page');
  mock.setItems(
    'DescribeCrossRegionBackups',
    Array.from({ length: 23 }, (_, i) => ({
      BackupPointId: `b-demo-${String(i + 1).padStart(2, '0')}`,
      BackupPointName: `nightly-${i + 1}`,
      Status: 'Available',
    })),
  );
  const paginator = paginateDescribeCrossRegionBackups(client, { Scope: 'AccountInstances', PageSize: 10 });
  let pageNumber = 0;
  for await (const page of paginator.pages()) {
    const ids = (page.Backups ?? []).map((b) => b.BackupPointId);
    console.log(`   page ${++pageNumber}: ${ids.length} backups (${ids[0]} .. ${ids.at(-1)}), Total ${page.Total}`);
  }
  let count = 0;
  for await (const _backup of paginator) count++;
  console.log(`   iterating items directly: ${count} backups`);

  heading("3. A call that breaks the spec's rules is refused before anything is sent");
  const sentBefore = mock.requests.length;
  try {
    // A JavaScript caller, or one that casts: TypeScript itself refuses this call (no InstanceId, no EndTime).
    // @ts-expect-error the request type encodes the spec's conditional rules
    await client.describeCrossRegionBackups({ Scope: 'OneInstance', PageSize: 500, StartTime: '2024-08-22 07:51' });
  } catch (error) {
    if (!(error instanceof VolcValidationError)) throw error;
    console.log(`   ${error.name}:`);
    for (const issue of error.issues) console.log(`     ${issue.path}: ${issue.message}`);
  }
  console.log(`   requests the mock received meanwhile: ${mock.requests.length - sentBefore}`);

  heading('4. Calls the server rejects');
  const stranger = new RedisClient({
    region: 'cn-beijing',
    endpoint: mock.url,
    credentials: { accessKeyId: mock.credentials.accessKeyId, secretAccessKey: 'not-the-secret' },
  });
  try {
    await stranger.describeCrossRegionBackups(input);
  } catch (error) {
    if (!(error instanceof VolcServiceError)) throw error;
    console.log(
      `   wrong secret key -> ${error.name} ${error.code} (HTTP ${error.status}, RequestId ${error.requestId})`,
    );
  }
  mock.failNext('DescribeCrossRegionBackups', { code: 'FlowLimitExceeded', times: 1, retryAfter: 1 });
  const retried = await client.describeCrossRegionBackups(input);
  const attempts = mock.requestsFor('DescribeCrossRegionBackups').slice(-2);
  console.log(
    `   throttled once (HTTP ${attempts[0]?.status} ${attempts[0]?.errorCode}, Retry-After 1) -> retried -> HTTP ${attempts[1]?.status}, Total ${retried.Total}`,
  );
  mock.failNext('DescribeCrossRegionBackups', { code: 'InternalError', times: 10 });
  const before = mock.requests.length;
  try {
    await client.describeCrossRegionBackups(input);
  } catch (error) {
    if (!(error instanceof VolcServiceError)) throw error;
    const attemptsMade = mock.requests.length - before;
    console.log(
      `   InternalError every time -> ${error.name} ${error.code} after ${attemptsMade} attempts (HTTP ${error.status}, RequestId ${error.requestId})`,
    );
  }
} finally {
  await mock.close();
  console.log('\nvolc-mock stopped.');
}
