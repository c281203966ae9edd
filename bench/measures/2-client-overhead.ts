/**
 * 2. Per-call client overhead: DescribeCrossRegionBackups through each full client (validate,
 * serialize, sign, send, parse) against one local server, beside raw fetch + the minimal signer.
 */
import { Service } from '@volcengine/openapi';
import { RedisClient } from '@volc-ts/redis';
import { ACCESS_KEY_ID, ACTION, CALL_INPUT, REGION, SECRET_ACCESS_KEY, SERVICE, VERSION } from '../lib/fixtures.js';
import { minimalQueryString, minimalSign } from '../lib/minimal-signer.js';
import { emitSection, formatCount, formatNumber, ratio, type Goal } from '../lib/report.js';
import { DescribeCrossRegionBackupsCommand, sdkCoreClient } from '../lib/sdk-core-client.js';
import { startEnvelopeServer } from '../lib/server-process.js';
import { compareThroughput } from '../lib/timing.js';

const server = await startEnvelopeServer();
try {
  const ours = new RedisClient({ region: REGION, endpoint: server.url, credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY } });
  const sdkCore = sdkCoreClient(server.host);
  const openapi = new Service({ serviceName: SERVICE, host: server.host, protocol: 'http:', region: REGION, accessKeyId: ACCESS_KEY_ID, secretKey: SECRET_ACCESS_KEY });
  const openapiCall = openapi.createJSONAPI(ACTION, { Version: VERSION });

  const query = { Action: ACTION, Version: VERSION };
  const rawUrl = `${server.url}/?${minimalQueryString(query)}`;
  async function rawFetch(): Promise<{ Result: { Total: number } }> {
    const body = JSON.stringify(CALL_INPUT);
    const signed = minimalSign({ method: 'POST', host: server.host, path: '/', query, body }, ACCESS_KEY_ID, SECRET_ACCESS_KEY, REGION, SERVICE, new Date());
    const response = await fetch(rawUrl, { method: 'POST', headers: { ...signed, 'Content-Type': 'application/json' }, body });
    return (await response.json()) as { Result: { Total: number } };
  }

  const cases = [
    { name: 'raw fetch + minimal signer', fn: async () => (await rawFetch()).Result.Total },
    { name: 'volc-ts RedisClient', fn: async () => (await ours.describeCrossRegionBackups(CALL_INPUT)).Total },
    { name: '@volcengine/sdk-core Client', fn: async () => (await sdkCore.send(new DescribeCrossRegionBackupsCommand({ ...CALL_INPUT }))).Result?.Total },
    { name: '@volcengine/openapi Service', fn: async () => ((await openapiCall({ ...CALL_INPUT })).Result as { Total?: number } | undefined)?.Total },
  ];
  // Every client must really get the result back before it is timed.
  for (const c of cases) {
    const total = await c.fn();
    if (total !== 1) throw new Error(`${c.name} did not read Result.Total from the envelope (got ${String(total)})`);
  }

  const results = await compareThroughput(cases, { warmupMs: 800, sampleMs: 200, samples: 12 });
  const by = Object.fromEntries(results.map((r) => [r.name, r]));
  const usPerCall = (name: string) => by[name]!.nsPerOp / 1000;
  const raw = usPerCall('raw fetch + minimal signer');
  const oursUs = usPerCall('volc-ts RedisClient');
  const sdkCoreUs = usPerCall('@volcengine/sdk-core Client');
  const openapiUs = usPerCall('@volcengine/openapi Service');

  const goals: Goal[] = [
    {
      text: 'per-call time within 1.3x of raw fetch + minimal signer',
      met: oursUs <= 1.3 * raw,
      measured: `${formatNumber(oursUs / raw)}x (${formatNumber(oursUs)} vs ${formatNumber(raw)} µs per call)`,
      whenMissed:
        'Ours adds to raw fetch: ky (a `new Request()` per call, its options merging and hooks), two AbortControllers ' +
        'and a timer per attempt (`timeoutController`, `linkSignals`), a credentials race with an abort listener, ' +
        'the async signer (see section 1), validation, and envelope parsing into a metadata copy. Closing it, in ' +
        'packages/core: call `fetch` directly in `transport/http.ts` (the client loop already does retries and ' +
        'timeouts, ky adds nothing but a Request object), or keep ky and pass `AbortSignal.timeout()`-style signals ' +
        'without linking when the caller gave none; resolve static credentials synchronously instead of racing a promise; ' +
        'and make the signer synchronous on Node.',
    },
  ];

  emitSection({
    id: 2,
    title: 'Per-call client overhead (DescribeCrossRegionBackups, loopback HTTP)',
    method:
      'One node:http server in its own process on 127.0.0.1 answers every request with the same fixed envelope (no signature ' +
      'check). Each client makes sequential calls with keep-alive; samples of ~200 ms interleaved across clients, median of 12. ' +
      'Every client is checked to read `Result.Total` before timing.',
    table: {
      header: ['client', 'calls/s', 'µs/call', 'this ÷ raw fetch', 'calls timed'],
      rows: results.map((r) => [r.name, formatCount(r.opsPerSec), formatNumber(r.nsPerOp / 1000), ratio(r.nsPerOp / 1000, raw), formatCount(r.operations)]),
    },
    comparisons: [
      { metric: 'µs per call vs @volcengine/sdk-core Client', ours: formatNumber(oursUs), theirs: formatNumber(sdkCoreUs), ratio: ratio(sdkCoreUs, oursUs) },
      { metric: 'µs per call vs @volcengine/openapi Service', ours: formatNumber(oursUs), theirs: formatNumber(openapiUs), ratio: ratio(openapiUs, oursUs) },
      { metric: 'µs per call vs raw fetch + minimal signer', ours: formatNumber(oursUs), theirs: formatNumber(raw), ratio: ratio(raw, oursUs) },
    ],
    goals,
    notes: [
      'sdk-core has no Redis package on npm (`npm view @volcengine/redis` is a 404); its call is a Command subclass with the metaPath its generated clients use.',
      'sdk-core and openapi send through axios (node:http); ours and raw fetch through undici (fetch).',
    ],
  });
} finally {
  await server.close();
}
