/**
 * 1. Signing throughput for the typical Redis POST: ours, both official signers, and the minimal
 * node:crypto signer (the practical limit). All four must agree on the vector's signature first.
 */
import { signRequest } from '@volc-ts/core';
import { ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, SERVICE, SIGNING_VECTOR, signatureOf } from '../lib/fixtures.js';
import { minimalSign } from '../lib/minimal-signer.js';
import { openapiSigner, sdkCoreSigner } from '../lib/official-signers.js';
import { emitSection, formatCount, formatNumber, ratio, type Goal } from '../lib/report.js';
import { compareThroughput } from '../lib/timing.js';

const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
const scope = { service: SERVICE, region: REGION, date: SIGNING_VECTOR.date };

async function ours(): Promise<string> {
  const headers = await signRequest(
    {
      method: SIGNING_VECTOR.method,
      host: SIGNING_VECTOR.host,
      path: SIGNING_VECTOR.path,
      query: SIGNING_VECTOR.query,
      body: SIGNING_VECTOR.body,
    },
    credentials,
    scope,
  );
  return headers.Authorization!;
}

function minimal(): string {
  return minimalSign(
    {
      method: SIGNING_VECTOR.method,
      host: SIGNING_VECTOR.host,
      path: SIGNING_VECTOR.path,
      query: SIGNING_VECTOR.query,
      body: SIGNING_VECTOR.body,
    },
    ACCESS_KEY_ID,
    SECRET_ACCESS_KEY,
    REGION,
    SERVICE,
    SIGNING_VECTOR.date,
  ).Authorization!;
}

const openapi = openapiSigner();
const sdkCore = await sdkCoreSigner();

// Same signature from all four, before any timing.
const signatures = {
  'volc-ts signRequest': signatureOf(await ours()),
  'minimal node:crypto': signatureOf(minimal()),
  '@volcengine/openapi Signer': signatureOf(openapi(SIGNING_VECTOR.date)),
  '@volcengine/sdk-core signRequest': signatureOf(sdkCore(SIGNING_VECTOR.date)),
};
const notes: string[] = [];
const mismatched = Object.entries(signatures).filter(([, s]) => s !== SIGNING_VECTOR.expectedSignature);
for (const [name, s] of mismatched) {
  const line = `SIGNATURE MISMATCH: ${name} gave ${s}, the vector expects ${SIGNING_VECTOR.expectedSignature}`;
  console.error(line);
  notes.push(line);
}
if (mismatched.length === 0)
  notes.push(
    `All four signers produce the vector's signature \`${SIGNING_VECTOR.expectedSignature.slice(0, 16)}...\` before timing.`,
  );

const results = await compareThroughput([
  { name: 'volc-ts signRequest', fn: ours },
  { name: 'minimal node:crypto', fn: minimal },
  { name: '@volcengine/openapi Signer', fn: () => openapi(SIGNING_VECTOR.date) },
  { name: '@volcengine/sdk-core signRequest', fn: () => sdkCore(SIGNING_VECTOR.date) },
]);
const by = Object.fromEntries(results.map((r) => [r.name, r]));
const oursOps = by['volc-ts signRequest']!.opsPerSec;
const minimalOps = by['minimal node:crypto']!.opsPerSec;
const openapiOps = by['@volcengine/openapi Signer']!.opsPerSec;
const sdkCoreOps = by['@volcengine/sdk-core signRequest']!.opsPerSec;
const fasterOfficial = openapiOps >= sdkCoreOps ? '@volcengine/openapi Signer' : '@volcengine/sdk-core signRequest';
const fasterOfficialOps = Math.max(openapiOps, sdkCoreOps);

const goals: Goal[] = [
  {
    text: 'signing >= 0.8x the minimal node:crypto signer',
    met: oursOps >= 0.8 * minimalOps,
    measured: `${ratio(oursOps, minimalOps)} (${formatCount(oursOps)} vs ${formatCount(minimalOps)} ops/s)`,
    whenMissed:
      'The gap is string and collection work in packages/core/src/signing/sign-request.ts, not crypto and not the async ' +
      'API (a synchronous copy of the same code measured as slow): per signature it fills a Map of headers via two ' +
      '`Object.entries`, sorts the names, runs a whitespace regex over every header value (including the three it made ' +
      'itself), formats X-Date with two regex passes, builds arrays for `join`, and re-canonicalizes the query through a ' +
      'Map, array copies, a sort and a regex per key and value. An experiment with the same algorithm written as one ' +
      'template literal for the canonical request, one regex for X-Date, and the fixed headers (host, x-content-sha256, ' +
      'x-date) emitted directly, with only caller-given x-* headers going through the general path, reached the minimal ' +
      "signer's speed; passing the canonical query string the client already computed (`SerializedRequest.queryString`) " +
      'instead of re-deriving it from `query` went about 20% beyond it. That is the fix: a fast path in ' +
      '`signRequestDetailed` for the common case, and an optional precomputed canonical query in `SignableRequest`.',
  },
  {
    text: 'signing >= 3x the faster official signer',
    met: oursOps >= 3 * fasterOfficialOps,
    measured: `${ratio(oursOps, fasterOfficialOps)} vs ${fasterOfficial} (${formatCount(oursOps)} vs ${formatCount(fasterOfficialOps)} ops/s)`,
    whenMissed:
      'sdk-core already signs with node:crypto, so the headroom over it is bounded by the minimal signer, whose ratio to ' +
      'sdk-core is in the table (sdk-core does the same hashing plus four uncached HMACs for the signing key, and more ' +
      "string work). With the fast path described above, ours runs at the minimal signer's speed or better, which is at " +
      'or just over 3x sdk-core on this machine; the remaining margin comes from taking the precomputed query string.',
  },
];

emitSection({
  id: 1,
  title: 'Signing throughput (typical Redis POST)',
  method:
    'POST redis.cn-beijing.volcengineapi.com, `Action=DescribeCrossRegionBackups&Version=2020-12-07`, the 88-byte JSON body of ' +
    'the issue-3 vector, fixed X-Date. Each signer signs the same request again and again (body hash included); samples of ' +
    '~150 ms interleaved across signers, median of 12. Async signers are awaited, sync ones are not.',
  table: {
    header: ['signer', 'ops/s', 'µs/op', 'ours ÷ this', 'spread'],
    rows: results.map((r) => [
      r.name,
      formatCount(r.opsPerSec),
      formatNumber(r.nsPerOp / 1000),
      ratio(oursOps, r.opsPerSec),
      `${Math.round(r.spread * 100)}%`,
    ]),
  },
  comparisons: [
    {
      metric: 'signing ops/s vs @volcengine/openapi Signer',
      ours: formatCount(oursOps),
      theirs: formatCount(openapiOps),
      ratio: ratio(oursOps, openapiOps),
    },
    {
      metric: 'signing ops/s vs @volcengine/sdk-core signRequest',
      ours: formatCount(oursOps),
      theirs: formatCount(sdkCoreOps),
      ratio: ratio(oursOps, sdkCoreOps),
    },
    {
      metric: 'signing ops/s vs minimal node:crypto signer',
      ours: formatCount(oursOps),
      theirs: formatCount(minimalOps),
      ratio: ratio(oursOps, minimalOps),
    },
  ],
  goals,
  notes: [
    ...notes,
    'sdk-core does not export its signer; the function timed is `signRequest` from the `src/utils/signer.ts` it ships, the one its signing middleware calls.',
  ],
});
