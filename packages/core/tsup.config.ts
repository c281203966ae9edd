import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Builds take `X<suffix>.ts` wherever source imports `./X.js` and such a file exists, trying the suffixes in
 * order (a variant importing its own base, for its types, gets the base).
 */
function variants(suffixes: readonly string[]): Plugin {
  return {
    name: 'variants',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
        const base = join(dirname(args.importer), args.path.replace(/\.js$/, ''));
        if (args.importer.startsWith(`${base}.`)) return undefined;
        const variant = suffixes.map((suffix) => `${base}${suffix}`).find((file) => existsSync(file));
        return variant ? { path: variant } : undefined;
      });
    },
  };
}

/**
 * The browser builds (what bundlers and fetch runtimes import) take `X.browser.ts`: the fetch-only default
 * transport, the Web-Crypto-only signer backend. So node:http, the proxy agents and the node:crypto paths
 * never reach a browser bundle.
 */
const browserVariants = variants(['.browser.ts']);

/**
 * The ES module browser build (dist/esm) also takes `X.split.ts`: modules a call needs only sometimes (the
 * failure path) are imported with `import()` there, so an app's bundler puts them in chunks of their own.
 * Every other build imports them statically: CommonJS hosts such as Jest cannot always run an `import()`.
 */
const splitVariants = variants(['.split.ts', '.browser.ts']);

const common: Options = {
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  // The version goes into the User-Agent without bundling package.json.
  define: { __VOLC_TS_CORE_VERSION__: JSON.stringify(version) },
};

/** The three entries: the public one, the errors (re-exported by every service package), the internal one. */
const entries = { index: 'src/index.ts', errors: 'src/errors.ts', internal: 'src/internal.ts' };

/**
 * The source modules the ES module browser build reaches from the entries, keyed by output name (`client`,
 * `transport/default` for transport/default.browser.ts, ...): what dist/esm holds, one file per module.
 */
async function browserModules(): Promise<Record<string, string>> {
  const result = await build({
    entryPoints: Object.values(entries),
    bundle: true,
    write: false,
    metafile: true,
    platform: 'neutral',
    format: 'esm',
    outdir: 'unused',
    logLevel: 'silent',
    external: ['ky'],
    plugins: [splitVariants],
  });
  const modules: Record<string, string> = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    if (!input.startsWith('src/')) continue;
    modules[relative('src', input).replace(/(\.browser|\.split)?\.ts$/, '')] = input;
  }
  return modules;
}

// `clean` is done by the build script: the configs run at once and must not delete each other's files.
export default defineConfig(async () => [
  // dist/esm/*: every runtime but Node, as ES modules (package.json's default `import` condition), one file
  // per source module, so a bundler can put the failure path (call-failure.ts and what only it uses) in a
  // chunk of its own and keep it out of a page until a call fails.
  {
    ...common,
    format: ['esm'],
    entry: await browserModules(),
    bundle: false,
    outDir: 'dist/esm',
    dts: false,
  },
  // dist/*: the same runtimes as CommonJS (the `require` condition), with its types (.d.cts).
  { ...common, format: ['cjs'], entry: entries, splitting: true, dts: true, esbuildPlugins: [browserVariants] },
  // dist/*.d.ts: the types of the ES module builds (dist/esm and dist/node).
  { ...common, format: ['esm'], entry: entries, dts: { only: true }, esbuildPlugins: [browserVariants] },
  // dist/node/*: the `node` export condition; same API, node:http transport.
  { ...common, entry: entries, splitting: true, outDir: 'dist/node', dts: false },
]);
