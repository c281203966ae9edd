/**
 * 4. Bundle size: each program in programs/ bundled by esbuild for the browser, minified, gzipped.
 * A bundle that fails is reported as failed, with esbuild's first errors; for those we also try with
 * Node built-ins left external, which gives a size for a bundle that would not run in a browser.
 */
import { builtinModules } from 'node:module';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { emitSection, formatBytes, ratio, type Goal } from '../lib/report.js';

/** Issue 11's budget for the one-call bundle (standalone function + RedisBaseClient, ky included). */
const GOAL_BYTES = 12 * 1024;

interface Attempt {
  readonly ok: boolean;
  readonly minified?: number;
  readonly gzipped?: number;
  readonly errors?: string[];
  readonly metafile?: Metafile;
}

async function bundle(program: string, external: string[] = []): Promise<Attempt> {
  try {
    const result = await build({
      entryPoints: [new URL(`../programs/${program}`, import.meta.url).pathname],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
      external,
    });
    const code = result.outputFiles[0]!.contents;
    return { ok: true, minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, metafile: result.metafile };
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string } | null }[] }).errors ?? [{ text: String(error) }];
    const distinct = [...new Set(errors.map((e) => e.text))];
    return { ok: false, errors: [`${errors.length} error(s), e.g. ${distinct.slice(0, 4).join('; ')}`] };
  }
}

/** Which package a bundled input file belongs to: `ky`, `@volc-ts/core`, `axios`, ... */
function packageOf(file: string): string {
  const inPackages = /(?:^|\/)packages\/([^/]+)\//.exec(file);
  if (inPackages && !file.includes('node_modules/')) return `@volc-ts/${inPackages[1]}`;
  if (!file.includes('node_modules/')) return 'the program';
  const parts = file.split('node_modules/').pop()!.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Minified bytes per package in a bundle, largest first, for the notes. */
function bytesByPackage(metafile: Metafile | undefined, count: number): string {
  const output = metafile ? Object.values(metafile.outputs)[0] : undefined;
  if (!output) return '';
  const totals = new Map<string, number>();
  for (const [file, info] of Object.entries(output.inputs)) {
    const name = packageOf(file);
    totals.set(name, (totals.get(name) ?? 0) + info.bytesInOutput);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${formatBytes(bytes)}`)
    .join(', ');
}

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const programs = [
  { name: 'volc-ts: RedisBaseClient + describeCrossRegionBackups()', file: 'ours-standalone.ts' },
  { name: 'volc-ts: full RedisClient', file: 'ours-full.ts' },
  { name: '@volcengine/sdk-core: Client + Command', file: 'sdk-core.ts' },
  { name: '@volcengine/openapi: Service.createJSONAPI', file: 'openapi.ts' },
];

const rows: string[][] = [];
const measured = new Map<string, Attempt>();
const notes: string[] = [];
for (const program of programs) {
  const attempt = await bundle(program.file);
  measured.set(program.file, attempt);
  if (attempt.ok) {
    rows.push([program.name, 'ok', formatBytes(attempt.minified!), formatBytes(attempt.gzipped!)]);
    continue;
  }
  rows.push([program.name, `fails: ${attempt.errors!.join(' ')}`, '-', '-']);
  const withExternals = await bundle(program.file, NODE_BUILTINS);
  if (withExternals.ok) {
    rows.push([`${program.name}, Node built-ins external (would not run in a browser)`, 'ok', formatBytes(withExternals.minified!), formatBytes(withExternals.gzipped!)]);
    measured.set(`${program.file}+external`, withExternals);
  } else {
    rows.push([`${program.name}, Node built-ins external`, `fails: ${withExternals.errors!.join(' ')}`, '-', '-']);
  }
}

// What the transport's ky costs: the same program with ky left out of the bundle.
const withoutKy = await bundle('ours-standalone.ts', ['ky']);
if (withoutKy.ok) {
  rows.splice(2, 0, [`${programs[0]!.name}, ky left out (what sending through plain fetch would weigh)`, 'ok', formatBytes(withoutKy.minified!), formatBytes(withoutKy.gzipped!)]);
}

const standalone = measured.get('ours-standalone.ts')!;
const full = measured.get('ours-full.ts')!;
// For ratios, the official bundle is the one that built: browser-clean, or else with built-ins external.
const official = (file: string) => measured.get(file)?.ok ? measured.get(file) : measured.get(`${file}+external`);
const sdkCore = official('sdk-core.ts');
const openapi = official('openapi.ts');

const goalBytes = (attempt: Attempt | undefined) => (attempt?.ok ? attempt.gzipped! : Number.POSITIVE_INFINITY);
const goals: Goal[] = [
  {
    text: 'one-call browser bundle at most 12 KB gzipped (standalone function + RedisBaseClient, ky included)',
    met: goalBytes(standalone) <= GOAL_BYTES,
    measured: standalone.ok ? formatBytes(standalone.gzipped!) : 'bundle failed',
    whenMissed:
      `The bundle is @volc-ts/core's browser build plus ky (bytes per package in the notes); left out, ky saves ` +
      `${withoutKy.ok && standalone.ok ? formatBytes(standalone.gzipped! - withoutKy.gzipped!) : 'several KB'} gzipped. ` +
      'The browser build already leaves out the node:http transport, the proxy agents and the node:crypto backend ' +
      '(`X.browser.ts` variants, packages/core/tsup.config.ts). What is left to cut: the env and config-file credential ' +
      'readers and runtime detection, which a browser never uses (a browser variant of the default credential chain), ' +
      'a serializer per operation so JSON-only programs skip query flattening, and the per-call code that the typed ' +
      'redirect and body-size errors added to the client.',
  },
];

const comparison = (metric: string, theirs: Attempt | undefined, label: string) => ({
  metric,
  ours: standalone.ok ? formatBytes(standalone.gzipped!) : 'failed',
  theirs: theirs?.ok ? `${formatBytes(theirs.gzipped!)}${label}` : 'failed',
  ratio: theirs?.ok && standalone.ok ? ratio(theirs.gzipped!, standalone.gzipped!) : '-',
});
const externalLabel = (file: string) => (measured.get(file)?.ok ? '' : ' (built-ins external; no browser bundle)');

notes.push(`Minified bytes by package, standalone bundle: ${bytesByPackage(standalone.metafile, 6)}.`);
if (full.ok) notes.push(`Minified bytes by package, full-client bundle: ${bytesByPackage(full.metafile, 6)}.`);
if (sdkCore?.metafile) notes.push(`Minified bytes by package, sdk-core bundle: ${bytesByPackage(sdkCore.metafile, 6)}.`);
if (openapi?.metafile) notes.push(`Minified bytes by package, openapi bundle: ${bytesByPackage(openapi.metafile, 6)}.`);

emitSection({
  id: 4,
  title: 'Bundle size (one Redis call, browser)',
  method: 'esbuild `--bundle --platform=browser --format=esm --target=es2022 --minify` of each program in bench/programs/, then gzip -9. Ours from the built dist/.',
  table: { header: ['program', 'bundles?', 'minified', 'gzipped'], rows },
  comparisons: [
    comparison('gzipped one-call bundle vs @volcengine/sdk-core', sdkCore, externalLabel('sdk-core.ts')),
    comparison('gzipped one-call bundle vs @volcengine/openapi', openapi, externalLabel('openapi.ts')),
  ],
  goals,
  notes,
});
