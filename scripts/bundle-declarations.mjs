/**
 * Rolls the declarations TypeScript emitted for one service package (one file per module: index,
 * client, types, one per operation) into a single file with rollup-plugin-dts, from memory: a
 * consumer's type-checker then opens, resolves and parses one file per package instead of ~80 (issue 24;
 * bench/measures/9-typecheck-many.ts measures it).
 *
 * `bundleDeclarations(files, entry)` takes the emitted files as a Map (absolute path of the `.d.ts` ->
 * text) and the entry's path; relative imports (`./x.js`) are looked up in the map, every other import
 * (`@volc-ts/core`, its `/errors` and `/internal` entries) stays an import.
 */
import { dirname, resolve } from 'node:path';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';
import { inlineExports } from './inline-exports.mjs';

/** The rolled-up declarations of the package whose entry is `entry`, exported in place (inline-exports.mjs). */
export async function bundleDeclarations(files, entry) {
  const bundle = await rollup({
    input: entry,
    plugins: [fromMemory(files), dts()],
    // Anything else is a problem in the package (a missing file, a circular import would still bundle).
    onLog(level, log, handler) {
      if (level === 'warn') handler('error', log);
      else handler(level, log);
    },
  });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    if (output.length !== 1) throw new Error(`${entry}: declarations rolled into ${output.length} files, expected 1`);
    return inlineExports(output[0].code);
  } finally {
    await bundle.close();
  }
}

/** Resolves and loads the package's own modules from `files`; leaves every bare import external. */
function fromMemory(files) {
  return {
    name: 'declarations-from-memory',
    resolveId(source, importer) {
      if (!importer) return files.has(source) ? source : null;
      if (!source.startsWith('.')) return { id: source, external: true };
      const id = resolve(dirname(importer), source).replace(/\.js$/, '.d.ts');
      if (!files.has(id)) throw new Error(`${importer} imports ${source}, which was not emitted`);
      return id;
    },
    load(id) {
      return files.get(id) ?? null;
    },
  };
}
