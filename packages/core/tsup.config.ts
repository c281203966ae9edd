import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defineConfig, type Options } from 'tsup';
import type { Plugin } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The browser build (what bundlers and fetch runtimes import) takes `X.browser.ts` wherever source
 * imports `./X.js` and such a file exists: the fetch-only default transport, the Web-Crypto-only signer
 * backend. So node:http, the proxy agents and the node:crypto paths never reach a browser bundle.
 */
const browserVariants: Plugin = {
  name: 'browser-variants',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => {
      if (args.importer.endsWith('.browser.ts')) return undefined;
      const variant = join(dirname(args.importer), args.path.replace(/\.js$/, '.browser.ts'));
      return existsSync(variant) ? { path: variant } : undefined;
    });
  },
};

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

// `clean` is done by the build script: two configs run at once and must not delete each other's files.
// Each config splits code shared by its entries into chunks, so an error class or the client exists once
// per build whichever entry a program imports it through (CJS included).
export default defineConfig([
  // dist/*: every runtime but Node (package.json's default export condition); carries the types.
  { ...common, entry: entries, splitting: true, dts: true, esbuildPlugins: [browserVariants] },
  // dist/node/*: the `node` export condition; same API, node:http transport.
  { ...common, entry: entries, splitting: true, outDir: 'dist/node', dts: false },
]);
