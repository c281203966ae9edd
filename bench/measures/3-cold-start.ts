/**
 * 3. Cold start: the time to import each package in a fresh Node process, median of many processes,
 * run interleaved so that machine load hits every package alike.
 */
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emitSection, formatNumber, ratio, type Goal } from '../lib/report.js';
import { median } from '../lib/timing.js';

const PROCESSES = 15;
const probe = fileURLToPath(new URL('../lib/import-probe.mjs', import.meta.url));
const subjects = [
  { name: 'node, no import (baseline)', specifier: 'none' },
  { name: '@volc-ts/redis (dist, bundled)', specifier: '@volc-ts/redis' },
  { name: '@volc-ts/core (dist, bundled)', specifier: '@volc-ts/core' },
  { name: '@volcengine/sdk-core', specifier: '@volcengine/sdk-core' },
  { name: '@volcengine/openapi', specifier: '@volcengine/openapi' },
];

// Where each import lands (the built dist for ours), as `import()` resolves it.
const resolved = subjects
  .filter((s) => s.specifier !== 'none')
  .map(
    (s) =>
      `\`${s.specifier}\` -> ${realpathSync(fileURLToPath(import.meta.resolve(s.specifier))).replace(/^.*\/(packages|node_modules)\//, '$1/')}`,
  );

// Is there an official Redis service package to import as well? (There was none when this was written.)
const redisPackage = spawnSync('npm', ['view', '@volcengine/redis', 'version'], { encoding: 'utf8', timeout: 30_000 });
const redisPackageNote =
  redisPackage.status === 0 && redisPackage.stdout.trim()
    ? `\`npm view @volcengine/redis\` now finds version ${redisPackage.stdout.trim()}: add it to this measurement.`
    : `\`npm view @volcengine/redis\` finds no such package (${/E404/.test(redisPackage.stderr) ? '404' : 'no answer'}, checked in this run), so the sdk-core row is the core alone, which a service package would only add to.`;

const samples = new Map<string, { importMs: number[]; processMs: number[] }>(
  subjects.map((s) => [s.name, { importMs: [], processMs: [] }]),
);
for (let round = 0; round < PROCESSES; round++) {
  for (const subject of subjects) {
    const started = performance.now();
    const run = spawnSync(process.execPath, [probe, subject.specifier], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const processMs = performance.now() - started;
    if (run.status !== 0) throw new Error(`importing ${subject.specifier} failed: ${run.stderr}`);
    const { importMs } = JSON.parse(run.stdout) as { importMs: number };
    samples.get(subject.name)!.importMs.push(importMs);
    samples.get(subject.name)!.processMs.push(processMs);
  }
}

const stats = subjects.map((s) => {
  const { importMs, processMs } = samples.get(s.name)!;
  return { name: s.name, importMs: median(importMs), processMs: median(processMs) };
});
const of = (prefix: string) => stats.find((s) => s.name.startsWith(prefix))!;
const ours = of('@volc-ts/redis');
const sdkCore = of('@volcengine/sdk-core');
const openapi = of('@volcengine/openapi');

const goals: Goal[] = [
  {
    text: 'import time under a third of @volcengine/sdk-core',
    met: ours.importMs < sdkCore.importMs / 3,
    measured: `${formatNumber(ours.importMs)} vs ${formatNumber(sdkCore.importMs)} ms (${ratio(ours.importMs, sdkCore.importMs)})`,
    whenMissed:
      'Our import is two bundled files (redis and core); what remains is their module evaluation. Look for top-level work ' +
      'in packages/core (tables built at import time, eager `new Request()` or feature checks) with `node --cpu-prof`; ' +
      'also check that the generated package did not grow an import of the whole catalog.',
  },
];

emitSection({
  id: 3,
  title: 'Cold start (import in a fresh Node process)',
  method:
    `A fresh \`node\` process per sample imports one package and reports \`performance.now()\` around the \`import()\`; ` +
    `${PROCESSES} processes per package, interleaved, median. "process" is spawn to exit, node's own start-up included.`,
  table: {
    header: ['package', 'import ms (median)', 'process ms (median)', 'this ÷ ours (import)'],
    rows: stats.map((s) => [
      s.name,
      formatNumber(s.importMs),
      formatNumber(s.processMs),
      s.name.startsWith('node,') ? '' : ratio(s.importMs, ours.importMs),
    ]),
  },
  comparisons: [
    {
      metric: 'import ms vs @volcengine/sdk-core',
      ours: formatNumber(ours.importMs),
      theirs: formatNumber(sdkCore.importMs),
      ratio: ratio(sdkCore.importMs, ours.importMs),
    },
    {
      metric: 'import ms vs @volcengine/openapi',
      ours: formatNumber(ours.importMs),
      theirs: formatNumber(openapi.importMs),
      ratio: ratio(openapi.importMs, ours.importMs),
    },
  ],
  goals,
  notes: [`Resolved: ${resolved.join('; ')}.`, redisPackageNote],
});
