/**
 * 7. Validation cost per call for the seed action's request: our generated validator against an
 * Ajv-compiled validator of the same JSON Schema, on the seed sample and on an invalid variant.
 */
import { fileURLToPath } from 'node:url';
import { validateDescribeCrossRegionBackupsRequest } from '@volc-ts/redis';
import { compileAjv } from '../lib/ajv-validator.js';
import { SEED_SAMPLE } from '../lib/fixtures.js';
import { emitSection, formatNumber, ratio } from '../lib/report.js';
import { compareThroughput } from '../lib/timing.js';

const spec = fileURLToPath(new URL('../../spec/redis.yaml', import.meta.url));
const SCHEMA = 'DescribeCrossRegionBackupsRequest';
const ajvAll = compileAjv(spec, SCHEMA, { allErrors: true });
const ajvFirst = compileAjv(spec, SCHEMA, { allErrors: false });

const valid = { ...SEED_SAMPLE };
// Breaks two rules: PageSize over its maximum, and OneInstance without InstanceId.
const invalid = { ...SEED_SAMPLE, Scope: 'OneInstance', PageSize: 101 };

// Both must agree on what is valid before they are timed.
const verdicts = [
  ['volc-ts, seed sample', validateDescribeCrossRegionBackupsRequest(valid).length === 0, true],
  ['Ajv, seed sample', ajvAll(valid), true],
  ['volc-ts, invalid variant', validateDescribeCrossRegionBackupsRequest(invalid).length === 0, false],
  ['Ajv, invalid variant', ajvAll(invalid), false],
] as const;
for (const [name, got, expected] of verdicts) {
  if (got !== expected) throw new Error(`${name}: valid=${got}, expected ${expected}`);
}
const oursIssues = validateDescribeCrossRegionBackupsRequest(invalid).map((i) => `${i.path}: ${i.message}`);
ajvAll(invalid);
const ajvIssues = (ajvAll.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);

const results = await compareThroughput(
  [
    { name: 'volc-ts generated, seed sample', fn: () => validateDescribeCrossRegionBackupsRequest(valid) },
    { name: 'Ajv 2020 (allErrors), seed sample', fn: () => ajvAll(valid) },
    { name: 'Ajv 2020 (first error), seed sample', fn: () => ajvFirst(valid) },
    { name: 'volc-ts generated, invalid variant', fn: () => validateDescribeCrossRegionBackupsRequest(invalid) },
    { name: 'Ajv 2020 (allErrors), invalid variant', fn: () => ajvAll(invalid) },
  ],
  { warmupMs: 300, sampleMs: 100, samples: 12 },
);
const ns = (name: string) => results.find((r) => r.name === name)!.nsPerOp;
const oursValid = ns('volc-ts generated, seed sample');
const ajvValid = ns('Ajv 2020 (allErrors), seed sample');
const oursInvalid = ns('volc-ts generated, invalid variant');
const ajvInvalid = ns('Ajv 2020 (allErrors), invalid variant');

emitSection({
  id: 7,
  title: 'Validation cost per call (DescribeCrossRegionBackups request)',
  method:
    `The seed sample \`${JSON.stringify(SEED_SAMPLE)}\` and an invalid variant (\`Scope: OneInstance\` without InstanceId, PageSize 101). ` +
    `Ajv 2020 compiles \`components.schemas.${SCHEMA}\` of spec/redis.yaml with ajv-formats (date-time, int32), \`example\` and ` +
    '`x-volc-*` declared as annotations and `x-volc-greater-than` implemented. Samples of ~100 ms interleaved, median of 12.',
  table: {
    header: ['validator', 'ns/call', 'calls/s', 'this ÷ ours'],
    rows: results.map((r) => {
      const oursNs = r.name.endsWith('invalid variant') ? oursInvalid : oursValid;
      return [r.name, formatNumber(r.nsPerOp), formatNumber(r.opsPerSec), ratio(r.nsPerOp, oursNs)];
    }),
  },
  comparisons: [
    {
      metric: 'ns per validation, seed sample, vs Ajv (allErrors)',
      ours: formatNumber(oursValid),
      theirs: formatNumber(ajvValid),
      ratio: ratio(ajvValid, oursValid),
    },
    {
      metric: 'ns per validation, invalid input, vs Ajv (allErrors)',
      ours: formatNumber(oursInvalid),
      theirs: formatNumber(ajvInvalid),
      ratio: ratio(ajvInvalid, oursInvalid),
    },
  ],
  goals: [],
  notes: [
    'Issue 6 sets no goal here. The official SDKs do not validate inputs at all, so Ajv is the reference.',
    `On the invalid variant ours reports: ${oursIssues.join('; ')}. Ajv reports: ${ajvIssues.join('; ')}.`,
    'Ours builds issue objects with readable messages (field path, rule, value); Ajv builds error objects and leaves messages to the caller.',
  ],
});
