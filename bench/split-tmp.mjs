import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const entry = process.argv[2] ?? 'programs/ours-standalone.ts';
const r = await build({ entryPoints: [entry], bundle: true, splitting: true, outdir: '/tmp/split-out', platform: 'browser', format: 'esm', target: 'es2022', minify: true, write: true, metafile: true, logLevel: 'silent' });
let total = 0;
for (const [file, out] of Object.entries(r.metafile.outputs)) {
  if (file.endsWith('.map')) continue;
  const code = (await import('node:fs')).readFileSync(file);
  const gz = gzipSync(code, { level: 9 }).length;
  total += gz;
  const inputs = Object.keys(out.inputs);
  const label = inputs.some(i => i.includes('/ky/')) ? 'ky' : inputs.some(i=>i.includes('call-failure')) ? 'failure' : inputs.some(i=>i.includes('call-debug')) ? 'debug' : out.entryPoint ? 'entry' : 'shared';
  console.log(file.split('/').pop(), label, code.length, gz, out.imports.map(i => `${i.kind === 'dynamic-import' ? 'dyn' : 'static'}:${i.path.split('/').pop()}`).join(' '));
  if (process.env.V) for (const [i, info] of Object.entries(out.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput)) console.log('   ', i.replace(/.*packages\//,''), info.bytesInOutput);
}
console.log('total gz', total);
