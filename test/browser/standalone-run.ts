// The smallest one-call program (RedisBaseClient + the standalone describeCrossRegionBackups) as a page
// runs it: test/browser.test.ts bundles it code-split, serves its chunks and runs it in headless Chromium.
// The page sets `volcTestConfig` before loading the bundle; the outcome goes to `volcTestResult` and a
// thrown error, as it is, to `volcTestError`.
import { describeCrossRegionBackups, RedisBaseClient, VolcServiceError } from '@volc-ts/redis';

interface BrowserTestConfig {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

type BrowserTestResult =
  | { ok: true; requestId: string; total: number | undefined; firstBackup: string | undefined }
  | { ok: false; isError: boolean; name: string; code: unknown; message: string };

const page = globalThis as typeof globalThis & {
  volcTestConfig?: BrowserTestConfig;
  volcTestResult?: BrowserTestResult;
  volcTestError?: unknown;
};

/**
 * Whether `error` is an instance of the class this program imported from @volc-ts/redis, whichever
 * chunk made it. The test calls it through the page's module.
 */
export function isServiceError(error: unknown): boolean {
  return error instanceof VolcServiceError;
}

async function main(config: BrowserTestConfig): Promise<BrowserTestResult> {
  const client = new RedisBaseClient({
    region: 'cn-beijing',
    endpoint: config.endpoint,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    maxAttempts: 1,
  });
  const result = await describeCrossRegionBackups(client, { Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 });
  return {
    ok: true,
    requestId: result.$metadata.RequestId,
    total: result.Total,
    firstBackup: result.Backups?.[0]?.BackupPointId,
  };
}

const config = page.volcTestConfig;
if (!config) throw new Error('volcTestConfig is not set');
main(config).then(
  (result) => {
    page.volcTestResult = result;
  },
  (error: unknown) => {
    page.volcTestError = error;
    page.volcTestResult = {
      ok: false,
      isError: error instanceof Error,
      name: error instanceof Error ? error.name : typeof error,
      code: (error as { code?: unknown } | undefined)?.code,
      message: error instanceof Error ? error.message : String(error),
    };
  },
);
