/**
 * 4. Bundle size: each program in programs/ bundled by esbuild for the browser, minified, gzipped.
 * A bundle that fails is reported as failed, with esbuild's first errors; for those we also try with
 * Node built-ins left external, which gives a size for a bundle that would not run in a browser.
 */
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
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

const PACKAGES = fileURLToPath(new URL('../../packages/', import.meta.url));

/**
 * For the per-module breakdown only: @volc-ts/* from their sources (the built dist/ merges modules into
 * chunks), taking core's `X.browser.ts` variants as core's browser build does.
 */
const fromSources: Plugin = {
  name: 'from-sources',
  setup(b) {
    b.onResolve({ filter: /^@volc-ts\/[^/]+(\/(errors|internal))?$/ }, (args) => {
      const [, pkg, entry] = args.path.split('/');
      return { path: `${PACKAGES}${pkg}/src/${entry ?? 'index'}.ts` };
    });
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (!args.importer.startsWith(`${PACKAGES}core/src/`) || args.importer.endsWith('.browser.ts')) return undefined;
      const variant = join(dirname(args.importer), args.path.replace(/\.js$/, '.browser.ts'));
      return existsSync(variant) ? { path: variant } : undefined;
    });
  },
};

async function bundle(program: string, external: string[] = [], plugins: Plugin[] = []): Promise<Attempt> {
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
      plugins,
      ...(plugins.length > 0 ? { nodePaths: [`${PACKAGES}core/node_modules`] } : {}),
    });
    const code = result.outputFiles[0]!.contents;
    return { ok: true, minified: code.length, gzipped: gzipSync(code, { level: 9 }).length, metafile: result.metafile };
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string } | null }[] }).errors ?? [
      { text: String(error) },
    ];
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

/** Minified bytes per input file under `folder`, largest first: where a package's share of a bundle goes. */
function bytesByModule(metafile: Metafile | undefined, folder: string, count: number): string {
  const output = metafile ? Object.values(metafile.outputs)[0] : undefined;
  if (!output) return '';
  return Object.entries(output.inputs)
    .filter(([file]) => file.includes(folder) && !file.includes('node_modules/'))
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, count)
    .map(([file, info]) => `${file.split(folder).pop()} ${formatBytes(info.bytesInOutput)}`)
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
    rows.push([
      `${program.name}, Node built-ins external (would not run in a browser)`,
      'ok',
      formatBytes(withExternals.minified!),
      formatBytes(withExternals.gzipped!),
    ]);
    measured.set(`${program.file}+external`, withExternals);
  } else {
    rows.push([`${program.name}, Node built-ins external`, `fails: ${withExternals.errors!.join(' ')}`, '-', '-']);
  }
}

// What the transport's ky costs: the same program with ky left out of the bundle.
const withoutKy = await bundle('ours-standalone.ts', ['ky']);
if (withoutKy.ok) {
  rows.splice(2, 0, [
    `${programs[0]!.name}, ky left out (what sending through plain fetch would weigh)`,
    'ok',
    formatBytes(withoutKy.minified!),
    formatBytes(withoutKy.gzipped!),
  ]);
}

const standalone = measured.get('ours-standalone.ts')!;
const full = measured.get('ours-full.ts')!;
// For ratios, the official bundle is the one that built: browser-clean, or else with built-ins external.
const official = (file: string) => (measured.get(file)?.ok ? measured.get(file) : measured.get(`${file}+external`));
const sdkCore = official('sdk-core.ts');
const openapi = official('openapi.ts');

const goalBytes = (attempt: Attempt | undefined) => (attempt?.ok ? attempt.gzipped! : Number.POSITIVE_INFINITY);
const goals: Goal[] = [
  {
    text: 'one-call browser bundle at most 12 KB gzipped (standalone function + RedisBaseClient, ky included)',
    met: goalBytes(standalone) <= GOAL_BYTES,
    measured: standalone.ok ? formatBytes(standalone.gzipped!) : 'bundle failed',
    whenMissed:
      standalone.ok && withoutKy.ok
        ? `ky adds ${formatBytes(standalone.gzipped! - withoutKy.gzipped!)} gzipped and the SDK's own code for the call, ky left out, is ` +
          `${formatBytes(withoutKy.gzipped!)}; with ky, that code would have to fit in ` +
          `${formatBytes(GOAL_BYTES - (standalone.gzipped! - withoutKy.gzipped!))} ` +
          `(${Math.round((1 - (GOAL_BYTES - (standalone.gzipped! - withoutKy.gzipped!)) / withoutKy.gzipped!) * 100)}% less). ` +
          "That code is what a browser call needs: the input's validator and " +
          'the validation helpers, signing over Web Crypto, the request loop with retries, backoff, Retry-After and clock correction, ' +
          'timeouts and aborts, the envelope parser with exact int64, redaction of secrets in messages, and the typed errors. Bytes ' +
          'per package are in the notes. Already out of the browser build: the node:http transport, the proxy agents, the ' +
          'node:crypto backend and the file, STS, SSO and metadata credential sources (`X.browser.ts` variants, ' +
          'packages/core/tsup.config.ts).'
        : 'a bundle failed to build; see the table',
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
const fromSource = await bundle('ours-standalone.ts', [], [fromSources]);
if (fromSource.ok) {
  notes.push(
    `Minified bytes by module of @volc-ts/core in the standalone bundle built from the sources (${formatBytes(fromSource.gzipped!)} gzipped), ` +
      `largest first: ${bytesByModule(fromSource.metafile, '/packages/core/src/', 14)}.`,
  );
}
if (full.ok) notes.push(`Minified bytes by package, full-client bundle: ${bytesByPackage(full.metafile, 6)}.`);
if (sdkCore?.metafile)
  notes.push(`Minified bytes by package, sdk-core bundle: ${bytesByPackage(sdkCore.metafile, 6)}.`);
if (openapi?.metafile) notes.push(`Minified bytes by package, openapi bundle: ${bytesByPackage(openapi.metafile, 6)}.`);

emitSection({
  id: 4,
  title: 'Bundle size (one Redis call, browser)',
  method:
    'esbuild `--bundle --platform=browser --format=esm --target=es2022 --minify` of each program in bench/programs/, then gzip -9. Ours from the built dist/.',
  table: { header: ['program', 'bundles?', 'minified', 'gzipped'], rows },
  comparisons: [
    comparison('gzipped one-call bundle vs @volcengine/sdk-core', sdkCore, externalLabel('sdk-core.ts')),
    comparison('gzipped one-call bundle vs @volcengine/openapi', openapi, externalLabel('openapi.ts')),
  ],
  goals,
  notes,
});
