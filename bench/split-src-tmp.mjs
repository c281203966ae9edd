import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
const PACKAGES = new URL('../packages/', import.meta.url).pathname;
const fromSources = { name: 'from-sources', setup(b) {
  b.onResolve({ filter: /^@volc-ts\/[^/]+(\/(errors|internal))?$/ }, (args) => { const [, pkg, entry] = args.path.split('/'); return { path: `${PACKAGES}${pkg}/src/${entry ?? 'index'}.ts` }; });
  b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) => { if (!args.importer.startsWith(`${PACKAGES}core/src/`) || args.importer.endsWith('.browser.ts')) return undefined; const variant = join(dirname(args.importer), args.path.replace(/\.js$/, '.browser.ts')); return existsSync(variant) ? { path: variant } : undefined; });
}};
const r = await build({ entryPoints: ['programs/ours-standalone.ts'], bundle: true, splitting: true, outdir: '/tmp/split-src', platform: 'browser', format: 'esm', target: 'es2022', minify: true, write: true, metafile: true, logLevel: 'silent', plugins: [fromSources], nodePaths: [`${PACKAGES}core/node_modules`] });
let total = 0;
for (const [file, out] of Object.entries(r.metafile.outputs)) {
  const code = readFileSync(file); const gz = gzipSync(code, { level: 9 }).length; total += gz;
  const inputs = Object.keys(out.inputs);
  const label = inputs.some(i => i.includes('/ky/')) ? 'ky' : inputs.some(i=>i.includes('call-failure')) ? 'failure' : out.entryPoint ? 'entry' : 'shared';
  console.log(file.split('/').pop(), label, code.length, gz, out.imports.map(i => `${i.kind === 'dynamic-import' ? 'dyn' : 'static'}:${i.path.split('/').pop()}`).join(' '));
  if (process.env.V) for (const [i, info] of Object.entries(out.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput)) console.log('   ', i.replace(/.*packages\//,''), info.bytesInOutput);
}
console.log('total gz', total);
