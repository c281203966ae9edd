/**
 * `pnpm bench`: builds what the benchmarks need, runs every measurement in measures/ in its own
 * process (so one's JIT state and heap cannot colour another's), prints a summary, and writes
 * RESULTS.md. `--only 1,3` runs a subset and prints without writing RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine, loadAverage } from './lib/machine.js';
import { renderConsole, renderResults, type FailedSection } from './lib/markdown.js';
import type { Section } from './lib/report.js';

const bench = fileURLToPath(new URL('.', import.meta.url));
const repo = join(bench, '..');
const PNPM = ['npx', '--yes', 'pnpm@10.34.8'] as const;
/** A measurement's time limit on an idle machine; scaled up by the load (see `measurementTimeout`). */
const MEASUREMENT_TIMEOUT_MS = 5 * 60_000;

/**
 * The limit for a measurement starting now: the idle limit times the load per core when the machine is
 * busier than its cores (a load of 15 on 2 cores gives each process about 2/15 of a core, so a measure
 * takes ~7.5 times as long), never less than the idle limit and at most ten times it.
 */
function measurementTimeout(): number {
  const perCore = loadavg()[0]! / availableParallelism();
  return Math.round(MEASUREMENT_TIMEOUT_MS * Math.min(10, Math.max(1, perCore)));
}

/** Newest modification time of any file under `dir`. */
function newestFile(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestFile(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The file Node loads for `import '@volc-ts/<pkg>'`, as the package's `exports` name it (core builds to
 * dist/node/, service packages to dist/): staleness is checked against what the build really writes.
 */
function builtEntry(pkg: string): string {
  const dir = join(repo, 'packages', pkg);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    main?: string;
    exports?: Record<string, unknown>;
  };
  type Conditions = { node?: { import?: { default?: string } }; import?: string | { default?: string } };
  const dot = manifest.exports?.['.'] as Conditions | undefined;
  const target =
    dot?.node?.import?.default ??
    (typeof dot?.import === 'string' ? dot.import : dot?.import?.default) ??
    manifest.main ??
    'dist/index.js';
  return join(dir, target);
}

/** Builds @volc-ts/core, @volc-ts/redis and @volc-ts/opentelemetry when their dist is missing or older than their sources. */
function ensureBuilt(): void {
  const stale = ['core', 'redis', 'opentelemetry'].filter((pkg) => {
    const dist = builtEntry(pkg);
    return !existsSync(dist) || statSync(dist).mtimeMs < newestFile(join(repo, 'packages', pkg, 'src'));
  });
  if (stale.length === 0) return;
  console.log(`building ${stale.map((p) => `@volc-ts/${p}`).join(', ')} (dist missing or older than src)...`);
  // Only what the benchmarks import; core first, as pnpm orders a filtered run by dependency.
  const build = spawnSync(
    PNPM[0],
    [
      ...PNPM.slice(1),
      '--filter',
      './packages/core',
      '--filter',
      './packages/redis',
      '--filter',
      './packages/opentelemetry',
      'run',
      'build',
    ],
    { cwd: repo, stdio: 'inherit' },
  );
  if (build.status !== 0) throw new Error('building packages/core, packages/redis and packages/opentelemetry failed');
}

function measurementFiles(only: Set<number> | undefined): { id: number; file: string }[] {
  return readdirSync(join(bench, 'measures'))
    .filter((f) => /^\d+-.*\.ts$/.test(f))
    .map((file) => ({ id: Number.parseInt(file, 10), file }))
    .filter((m) => !only || only.has(m.id))
    .sort((a, b) => a.id - b.id);
}

function runMeasurement(id: number, file: string, outDir: string): Section | FailedSection {
  const out = join(outDir, `${id}.json`);
  const started = performance.now();
  const timeout = measurementTimeout();
  const loadAtStart = loadAverage();
  console.log(
    `\n== ${file} (load average ${loadAtStart}, nproc ${availableParallelism()}; limit ${Math.round(timeout / 1000)} s)`,
  );
  const run = spawnSync(process.execPath, ['--import', 'tsx', join('measures', file), out], {
    cwd: bench,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout,
  });
  process.stderr.write(run.stderr ?? '');
  const seconds = (performance.now() - started) / 1000;
  const loadAtEnd = loadAverage();
  console.log(`   (${seconds.toFixed(1)} s; load average at the end ${loadAtEnd})`);
  if (run.status !== 0 || !existsSync(out)) {
    const reason = run.error
      ? run.error.message
      : (run.stderr ?? '').trim().split('\n').filter(Boolean).slice(-3).join(' ') || `exit ${run.status}`;
    const when = `load average ${loadAtStart} at the start, ${loadAtEnd} at the end; limit ${Math.round(timeout / 1000)} s`;
    return { id, title: file.replace(/^\d+-|\.ts$/g, ''), error: `${reason.slice(0, 500)} (${when})` };
  }
  const section = JSON.parse(readFileSync(out, 'utf8')) as Section;
  return { ...section, load: { start: loadAtStart, end: loadAtEnd, seconds } };
}

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { only: { type: 'string' } },
});
const only = values.only ? new Set(values.only.split(',').map(Number)) : undefined;

const started = performance.now();
ensureBuilt();
const machine = describeMachine(repo);
console.log(`machine: ${machine.cpu}, nproc ${machine.nproc}, Node ${machine.node}, load ${machine.loadAtStart}`);
const outDir = join(bench, '.tmp', 'sections');
mkdirSync(outDir, { recursive: true });

const sections: Section[] = [];
const failures: FailedSection[] = [];
for (const { id, file } of measurementFiles(only)) {
  // The checkout may be rebuilt by others while we run (a build cleans dist/ first): check before
  // each measurement, and give a failed one a second chance after rebuilding.
  ensureBuilt();
  let result = runMeasurement(id, file, outDir);
  if ('error' in result) {
    console.log(`   ${file} failed; retrying once`);
    ensureBuilt();
    result = runMeasurement(id, file, outDir);
  }
  if ('error' in result) failures.push(result);
  else sections.push(result);
}

console.log(renderConsole(sections, failures));
if (only) {
  console.log('\n(--only: RESULTS.md left as it was)');
} else {
  const markdown = renderResults({
    machine,
    loadAtEnd: loadAverage(),
    durationSeconds: (performance.now() - started) / 1000,
    sections,
    failures,
  });
  writeFileSync(join(bench, 'RESULTS.md'), markdown);
  console.log(`\nwrote bench/RESULTS.md (${Math.round((performance.now() - started) / 1000)} s)`);
}
if (failures.length > 0) process.exitCode = 1;
