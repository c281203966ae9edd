import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';
import type { Plugin } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The browser build (what bundlers and fetch runtimes import) swaps the Node default transport for the
 * fetch-only one, so node:http and the proxy agents never reach a browser bundle.
 */
const fetchOnlyTransport: Plugin = {
  name: 'fetch-only-transport',
  setup(build) {
    build.onResolve({ filter: /\/transport\/default\.js$/ }, () => ({
      path: fileURLToPath(new URL('./src/transport/default.browser.ts', import.meta.url)),
    }));
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

// `clean` is done by the build script: two configs run at once and must not delete each other's files.
export default defineConfig([
  // dist/index.*: every runtime but Node (package.json's default export condition); carries the types.
  { ...common, entry: { index: 'src/index.ts' }, dts: true, esbuildPlugins: [fetchOnlyTransport] },
  // dist/node.*: the `node` export condition; same API, node:http transport.
  { ...common, entry: { node: 'src/index.ts' }, dts: false },
]);
