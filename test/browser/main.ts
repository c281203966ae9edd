// The one-call program that test/browser.test.ts bundles with esbuild and runs in headless Chromium.
// The page sets `volcTestConfig` before loading the bundle; the outcome goes to `volcTestResult`.
import { RedisClient } from '@volc-ts/redis';

interface BrowserTestConfig {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

type BrowserTestResult =
  | { ok: true; requestId: string; total: number | undefined; firstBackup: string | undefined }
  | { ok: false; name: string; message: string };

const page = globalThis as typeof globalThis & {
  volcTestConfig?: BrowserTestConfig;
  volcTestResult?: BrowserTestResult;
};

async function main(config: BrowserTestConfig): Promise<BrowserTestResult> {
  const client = new RedisClient({
    region: 'cn-beijing',
    endpoint: config.endpoint,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    maxAttempts: 1,
  });
  const result = await client.describeCrossRegionBackups({ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 });
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
    page.volcTestResult = {
      ok: false,
      name: error instanceof Error ? error.name : 'unknown',
      message: error instanceof Error ? error.message : String(error),
    };
  },
);
