/**
 * 4. Bundle size: each program in programs/ bundled by esbuild for the browser, minified, gzipped.
 * Ours are code-split as an app's bundler does, and counted per chunk as a page fetches them (see
 * lib/chunks.ts); the one-file figure stays as a row. A bundle that fails is reported as failed, with
 * esbuild's first errors; for those we also try with Node built-ins left external, which gives a size
 * for a bundle that would not run in a browser.
 */
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { type Chunk, chunksOf, holdsKy, packageOf, rolldownChunksOf, rollupChunksOf } from '../lib/chunks.js';
import { emitSection, formatBytes, ratio, type Goal } from '../lib/report.js';

/**
 * Issue 24's budgets for one successful call (standalone function + RedisBaseClient, ky included): esbuild
 * splits by file and so keeps more in a page's first chunks than Vite's bundlers, which split by statement.
 */
const GOAL_BYTES = { esbuild: 16 * 1024, vite: 14 * 1024 } as const;

interface Attempt {
  readonly ok: boolean;
  readonly minified?: number;
  readonly gzipped?: number;
  readonly errors?: string[];
  readonly metafile?: Metafile;
}

const PACKAGES = fileURLToPath(new URL('../../packages/', import.meta.url));

/**
 * For the per-module breakdown only: @volc-ts/* from their sources (the built dist/ merges modules into
 * chunks), taking core's `X.split.ts` and `X.browser.ts` variants as core's ES module browser build does.
 */
const fromSources: Plugin = {
  name: 'from-sources',
  setup(b) {
    b.onResolve({ filter: /^@volc-ts\/[^/]+(\/(errors|internal))?$/ }, (args) => {
      const [, pkg, entry] = args.path.split('/');
      return { path: `${PACKAGES}${pkg}/src/${entry ?? 'index'}.ts` };
    });
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (!args.importer.startsWith(`${PACKAGES}core/src/`)) return undefined;
      const base = join(dirname(args.importer), args.path.replace(/\.js$/, ''));
      if (args.importer.startsWith(`${base}.`)) return undefined;
      const variant = ['.split.ts', '.browser.ts'].map((suffix) => `${base}${suffix}`).find((f) => existsSync(f));
      return variant ? { path: variant } : undefined;
    });
  },
};

const BENCH = fileURLToPath(new URL('..', import.meta.url));
const OUTDIR = join(BENCH, '.tmp/bundle-size');

/** esbuild's options shared by the one-file and the code-split builds. */
function browserBuild(program: string, external: string[], plugins: Plugin[]) {
  return {
    entryPoints: [join(BENCH, 'programs', program)],
    bundle: true,
    platform: 'browser' as const,
    format: 'esm' as const,
    target: 'es2022',
    minify: true,
    write: false as const,
    metafile: true as const,
    logLevel: 'silent' as const,
    absWorkingDir: BENCH,
    external,
    plugins,
    ...(plugins.length > 0 ? { nodePaths: [`${PACKAGES}core/node_modules`] } : {}),
  };
}

function failure(error: unknown): { ok: false; errors: string[] } {
  const errors = (error as { errors?: { text: string }[] }).errors ?? [{ text: String(error) }];
  const distinct = [...new Set(errors.map((e) => e.text))];
  return { ok: false, errors: [`${errors.length} error(s), e.g. ${distinct.slice(0, 4).join('; ')}`] };
}

/** One file, no code splitting: every dynamic import inlined. */
async function bundle(program: string, external: string[] = [], plugins: Plugin[] = []): Promise<Attempt> {
  try {
    const result = await build(browserBuild(program, external, plugins));
    const code = result.outputFiles[0]!.contents;
    return { ok: true, minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, metafile: result.metafile };
  } catch (error) {
    return failure(error);
  }
}

type Split = { ok: true; chunks: Chunk[] } | { ok: false; errors: string[] };

/** As a code-splitting bundler builds an app: one file per chunk, dynamic imports fetched on demand. */
async function split(program: string, plugins: Plugin[] = []): Promise<Split> {
  try {
    const result = await build({ ...browserBuild(program, [], plugins), splitting: true, outdir: OUTDIR });
    return { ok: true, chunks: chunksOf(result.outputFiles, result.metafile, { workingDir: BENCH, outdir: OUTDIR }) };
  } catch (error) {
    return failure(error);
  }
}

/** What a page fetches for one call that succeeds: the initial chunks, then ky's on the first send. */
function successfulCall(chunks: readonly Chunk[]): Chunk[] {
  return chunks.filter((chunk) => chunk.initial || holdsKy(chunk));
}

const sum = (chunks: readonly Chunk[], key: 'minified' | 'gzipped') => chunks.reduce((n, c) => n + c[key], 0);

/** Minified bytes per package in one bundle's inputs, largest first, for the notes. */
function bytesByPackage(inputs: Metafile['outputs'][string]['inputs'] | undefined, count: number): string {
  if (!inputs) return '';
  const totals = new Map<string, number>();
  for (const [file, info] of Object.entries(inputs)) {
    const name = packageOf(file);
    totals.set(name, (totals.get(name) ?? 0) + info.bytesInOutput);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${formatBytes(bytes)}`)
    .join(', ');
}

const firstOutput = (metafile: Metafile | undefined) =>
  metafile ? Object.values(metafile.outputs)[0]?.inputs : undefined;

/** Minified bytes per input file under `folder`, largest first: where a package's share of a chunk goes. */
function bytesByModule(inputs: Chunk['inputs'], folder: string, count: number): string {
  return Object.entries(inputs)
    .filter(([file, info]) => file.includes(folder) && !file.includes('node_modules/') && info.bytesInOutput > 0)
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, count)
    .map(([file, info]) => `${file.split(folder).pop()} ${formatBytes(info.bytesInOutput)}`)
    .join(', ');
}

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const ours = [
  { name: 'volc-ts: RedisBaseClient + describeCrossRegionBackups()', file: 'ours-standalone.ts' },
  { name: 'volc-ts: full RedisClient', file: 'ours-full.ts' },
];
const official = [
  { name: '@volcengine/sdk-core: Client + Command', file: 'sdk-core.ts' },
  { name: '@volcengine/openapi: Service.createJSONAPI', file: 'openapi.ts' },
];

const rows: string[][] = [];
const notes: string[] = [];
const sizeRow = (name: string, minified: number, gzipped: number) => [
  name,
  'ok',
  formatBytes(minified),
  formatBytes(gzipped),
];
const failedRow = (name: string, errors: string[]) => [name, `fails: ${errors.join(' ')}`, '-', '-'];

// Ours, code-split as an app's bundler does: what a page fetches, chunk by chunk.
const splits = new Map<string, Split>();
for (const program of ours) {
  const result = await split(program.file);
  splits.set(program.file, result);
  if (!result.ok) {
    rows.push(failedRow(`${program.name}, code-split`, result.errors));
    continue;
  }
  const { chunks } = result;
  const initial = chunks.filter((c) => c.initial);
  const call = successfulCall(chunks);
  rows.push(
    sizeRow(`${program.name}: one successful call (initial + ky chunks)`, sum(call, 'minified'), sum(call, 'gzipped')),
    sizeRow(
      `${program.name}: initial (${initial.map((c) => c.name).join(', ')})`,
      sum(initial, 'minified'),
      sum(initial, 'gzipped'),
    ),
    ...chunks
      .filter((c) => !c.initial)
      .map((c) => sizeRow(`${program.name}: lazy chunk ${c.name} (${c.label})`, c.minified, c.gzipped)),
    sizeRow(`${program.name}: everything (${chunks.length} chunks)`, sum(chunks, 'minified'), sum(chunks, 'gzipped')),
  );
  for (const chunk of chunks)
    notes.push(
      `Minified bytes by package, ${program.file} chunk ${chunk.name} (${chunk.initial ? 'initial' : 'lazy'}): ` +
        `${bytesByPackage(chunk.inputs, 6)}.`,
    );
}

// Ours as Vite production builds make it, code-split: Rollup (Vite 7) and Rolldown (Vite 8).
const viteBundlers = [
  { name: 'Rollup', vite: 'Vite 7', chunksOf: rollupChunksOf },
  { name: 'Rolldown', vite: 'Vite 8', chunksOf: rolldownChunksOf },
];
/** Per Vite bundler, the standalone program's successful call, for the goals: its chunks, or the error. */
const viteCalls = new Map<string, Chunk[] | string>();
for (const bundler of viteBundlers)
  for (const program of ours) {
    try {
      const chunks = await bundler.chunksOf(join(BENCH, 'programs', program.file));
      const initial = chunks.filter((c) => c.initial);
      const call = successfulCall(chunks);
      if (program.file === 'ours-standalone.ts') viteCalls.set(bundler.name, call);
      const label = `${program.name}, ${bundler.name}`;
      rows.push(
        sizeRow(`${label}: one successful call (initial + ky chunks)`, sum(call, 'minified'), sum(call, 'gzipped')),
        sizeRow(`${label}: initial`, sum(initial, 'minified'), sum(initial, 'gzipped')),
        ...chunks
          .filter((c) => !c.initial)
          .map((c) => sizeRow(`${label}: lazy chunk (${c.label})`, c.minified, c.gzipped)),
      );
    } catch (error) {
      if (program.file === 'ours-standalone.ts') viteCalls.set(bundler.name, String(error));
      rows.push(failedRow(`${program.name}, ${bundler.name}`, [String(error)]));
    }
  }

// The same programs as one file, no code splitting: the figure this measure reported before.
const oneFile = new Map<string, Attempt>();
for (const program of ours) {
  const attempt = await bundle(program.file);
  oneFile.set(program.file, attempt);
  rows.push(
    attempt.ok
      ? sizeRow(`${program.name}: one file, no code splitting`, attempt.minified!, attempt.gzipped!)
      : failedRow(`${program.name}: one file`, attempt.errors!),
  );
}
// What the transport's ky costs: the same program with ky left out of the bundle.
const withoutKy = await bundle('ours-standalone.ts', ['ky']);
if (withoutKy.ok)
  rows.push(
    sizeRow(
      `${ours[0]!.name}: one file, ky left out (what sending through plain fetch would weigh)`,
      withoutKy.minified!,
      withoutKy.gzipped!,
    ),
  );

// The official SDKs as one file: they have no dynamic imports to split on.
const measured = new Map<string, Attempt>();
for (const program of official) {
  const attempt = await bundle(program.file);
  measured.set(program.file, attempt);
  if (attempt.ok) {
    rows.push(sizeRow(program.name, attempt.minified!, attempt.gzipped!));
    continue;
  }
  rows.push(failedRow(program.name, attempt.errors!));
  const withExternals = await bundle(program.file, NODE_BUILTINS);
  if (withExternals.ok) {
    rows.push(
      sizeRow(
        `${program.name}, Node built-ins external (would not run in a browser)`,
        withExternals.minified!,
        withExternals.gzipped!,
      ),
    );
    measured.set(`${program.file}+external`, withExternals);
  } else {
    rows.push(failedRow(`${program.name}, Node built-ins external`, withExternals.errors!));
  }
}

const standalone = splits.get('ours-standalone.ts')!;
const standaloneCall = standalone.ok ? successfulCall(standalone.chunks) : [];
const callBytes = standalone.ok ? sum(standaloneCall, 'gzipped') : Number.POSITIVE_INFINITY;
// For ratios, the official bundle is the one that built: browser-clean, or else with built-ins external.
const officialBundle = (file: string) =>
  measured.get(file)?.ok ? measured.get(file) : measured.get(`${file}+external`);
const sdkCore = officialBundle('sdk-core.ts');
const openapi = officialBundle('openapi.ts');

// Where the bytes of each chunk go, from the sources (dist/ merges modules into files of its own).
const fromSource = await split('ours-standalone.ts', [fromSources]);
if (fromSource.ok) {
  for (const chunk of fromSource.chunks.filter((c) => c.coreModules.length > 0))
    notes.push(
      `Minified bytes by module of @volc-ts/core, standalone chunk ${chunk.initial ? 'initial' : 'lazy'} "${chunk.label}" ` +
        `built from the sources (${formatBytes(chunk.gzipped)} gzipped), largest first: ` +
        `${bytesByModule(chunk.inputs, '/packages/core/src/', 14) || 'none'}.`,
    );
}

/** The goal's explanation, from this run's chunks: what a page loads and where the bytes are. */
function callExplained(chunks: readonly Chunk[], single: Attempt | undefined): string {
  const initial = chunks.filter((c) => c.initial);
  const ky = chunks.filter((c) => !c.initial && holdsKy(c));
  const onFailure = chunks.filter((c) => !c.initial && !holdsKy(c));
  const initialCore = fromSource.ok
    ? bytesByModule(
        Object.assign({}, ...fromSource.chunks.filter((c) => c.initial).map((c) => c.inputs)),
        '/packages/core/src/',
        6,
      )
    : '';
  return (
    `A page loads ${initial.length} initial chunk(s) at once, ${formatBytes(sum(initial, 'gzipped'))} gzipped, and ` +
    `fetches ky's chunk (${formatBytes(sum(ky, 'gzipped'))}) when the first call sends; that sum is the figure. ` +
    (onFailure.length > 0
      ? `${onFailure.length} more chunk(s), ${formatBytes(sum(onFailure, 'gzipped'))}, are fetched only when their ` +
        `dynamic import runs (${onFailure.map((c) => c.label).join('; ')}). `
      : 'There is no other chunk: what a failed call needs (error classes, retry decisions, redaction) is in the initial one. ') +
    `To meet the goal the call must lose ${formatBytes(callBytes - GOAL_BYTES.esbuild)} gzipped. ` +
    (initialCore
      ? `Largest @volc-ts/core modules in the initial chunk (minified, from the sources): ${initialCore}. `
      : '') +
    (single?.ok
      ? `Each chunk is gzipped alone, as a server sends it: the same program as one file is ${formatBytes(single.gzipped!)}.`
      : '')
  );
}

const CALL =
  'one successful browser call (RedisBaseClient + the standalone function, initial chunks + the ky chunk, code-split)';
const listed = (chunks: readonly Chunk[]) => chunks.map((c) => `${c.name} ${formatBytes(c.gzipped)}`).join(' + ');

const goals: Goal[] = [
  {
    issue: 24,
    text: `${CALL} at most ${formatBytes(GOAL_BYTES.esbuild)} gzipped with esbuild`,
    met: callBytes <= GOAL_BYTES.esbuild,
    measured: standalone.ok ? `${formatBytes(callBytes)} (${listed(standaloneCall)})` : 'bundle failed',
    whenMissed: standalone.ok
      ? callExplained(standalone.chunks, oneFile.get('ours-standalone.ts'))
      : 'the code-split build failed; see the table',
  },
  ...viteBundlers.map(({ name, vite }): Goal => {
    const call = viteCalls.get(name);
    const text = `${CALL} at most ${formatBytes(GOAL_BYTES.vite)} gzipped with ${vite} (${name})`;
    if (typeof call === 'string' || call === undefined)
      return { issue: 24, text, met: false, measured: 'bundle failed', whenMissed: call ?? 'not built' };
    const bytes = sum(call, 'gzipped');
    const initialBytes = sum(
      call.filter((c) => c.initial),
      'gzipped',
    );
    return {
      issue: 24,
      text,
      met: bytes <= GOAL_BYTES.vite,
      measured: `${formatBytes(bytes)} (initial ${formatBytes(initialBytes)} + ky ${formatBytes(bytes - initialBytes)})`,
      whenMissed:
        `To meet the goal the call must lose ${formatBytes(bytes - GOAL_BYTES.vite)} gzipped. ${name} leaves a module ` +
        'out of the initial chunk unless a statement the call reaches needs it, so what remains there is on the path of ' +
        'a successful call (the esbuild goal names the largest modules).',
    };
  }),
];

const comparison = (metric: string, theirs: Attempt | undefined, label: string) => ({
  metric,
  ours: standalone.ok ? formatBytes(callBytes) : 'failed',
  theirs: theirs?.ok ? `${formatBytes(theirs.gzipped!)}${label}` : 'failed',
  ratio: theirs?.ok && standalone.ok ? ratio(theirs.gzipped!, callBytes) : '-',
});
const externalLabel = (file: string) => (measured.get(file)?.ok ? '' : ' (built-ins external; no browser bundle)');

const full = oneFile.get('ours-full.ts')!;
if (full.ok)
  notes.push(
    `Minified bytes by package, full-client bundle as one file: ${bytesByPackage(firstOutput(full.metafile), 6)}.`,
  );
if (sdkCore?.metafile)
  notes.push(`Minified bytes by package, sdk-core bundle: ${bytesByPackage(firstOutput(sdkCore.metafile), 6)}.`);
if (openapi?.metafile)
  notes.push(`Minified bytes by package, openapi bundle: ${bytesByPackage(firstOutput(openapi.metafile), 6)}.`);

emitSection({
  id: 4,
  title: 'Bundle size (one Redis call, browser)',
  method:
    'esbuild `--bundle --platform=browser --format=esm --target=es2022 --minify` of each program in bench/programs/. ' +
    'Ours code-split (`--splitting`, as Vite, Rollup or webpack build an app: each dynamic import a chunk fetched on ' +
    'demand) and from the built dist/; each file gzipped alone at level 9, as a server sends it. "Initial" is the entry ' +
    'chunk and what it imports statically; "one successful call" adds the ky chunk that the fetch transport imports ' +
    'on its first send. The "Rollup" and "Rolldown" rows build the same programs as Vite 7 and Vite 8 production builds ' +
    'do (Rollup 4, Rolldown 1), each chunk minified by esbuild. Issue 24 sets a goal per bundler: 16 KB with esbuild, ' +
    '14 KB with Rollup and Rolldown. The ' +
    'official SDKs as one file.',
  table: { header: ['program', 'bundles?', 'minified', 'gzipped'], rows },
  comparisons: [
    comparison('gzipped one successful call vs @volcengine/sdk-core', sdkCore, externalLabel('sdk-core.ts')),
    comparison('gzipped one successful call vs @volcengine/openapi', openapi, externalLabel('openapi.ts')),
  ],
  goals,
  notes,
});
