/**
 * What a page fetches from a code-split bundle. esbuild (`splitting: true`) turns every dynamic
 * `import()` into a chunk of its own, fetched only when that import runs; a page loads at once the entry
 * chunk and what it reaches through static imports. bench/measures/4-bundle-size.ts reports these sizes
 * and test/browser.test.ts checks in Chromium which chunks a call fetches.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metafile, OutputFile } from 'esbuild';

export interface Chunk {
  /** The output file's name inside the build's outdir (what a page requests). */
  readonly name: string;
  readonly contents: Uint8Array;
  readonly minified: number;
  /** gzip -9 of this file alone, as a server sends it. */
  readonly gzipped: number;
  /** The page's entry (the program's `<script type="module">`). */
  readonly entry: boolean;
  /** Loaded with the page: the entry chunk or reached from it through static imports only. */
  readonly initial: boolean;
  /** Input files (as the metafile names them) with their bytes in this chunk. */
  readonly inputs: Readonly<Record<string, { readonly bytesInOutput: number }>>;
  /** @volc-ts/core source modules the chunk holds, like `errors/service-error.ts` (see {@link coreModules}). */
  readonly coreModules: readonly string[];
  /** What the chunk holds: `entry: @volc-ts/core + ...`, `ky`, `core: retry.ts, redact.ts`, ... */
  readonly label: string;
}

/**
 * Splits a code-split build (`write: false`, `metafile: true`, `outdir` set) into its chunks, initial or
 * lazy. `workingDir` is the build's `absWorkingDir` (metafile paths are relative to it).
 */
export function chunksOf(
  outputFiles: readonly OutputFile[],
  metafile: Metafile,
  dirs: { readonly workingDir: string; readonly outdir: string },
): Chunk[] {
  const { workingDir, outdir } = dirs;
  const outputs = metafile.outputs;
  // esbuild gives the chunk of each dynamic import an `entryPoint` too: the page's entries are the others.
  const lazyTargets = new Set(
    Object.values(outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path)),
  );
  const entries = Object.keys(outputs).filter((path) => outputs[path]!.entryPoint && !lazyTargets.has(path));
  const initial = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (initial.has(path)) continue;
    initial.add(path);
    for (const imported of outputs[path]!.imports)
      if (imported.kind === 'import-statement' && !imported.external) queue.push(imported.path);
  }
  return outputFiles
    .map((file) => {
      const path = relative(workingDir, file.path);
      const output = outputs[path];
      if (!output) throw new Error(`no metafile output for ${path}`);
      const modules = Object.keys(output.inputs)
        .filter((input) => output.inputs[input]!.bytesInOutput > 0)
        .flatMap((input) => coreModules(isAbsolute(input) ? input : join(workingDir, input)));
      const chunk = {
        name: relative(outdir, file.path),
        contents: file.contents,
        minified: file.contents.length,
        gzipped: gzipSync(file.contents, { level: 9 }).length,
        entry: entries.includes(path),
        initial: initial.has(path),
        inputs: output.inputs,
        coreModules: [...new Set(modules)],
      };
      return {
        ...chunk,
        label: chunk.entry ? `entry: ${[...packagesOf(chunk)].join(' + ')}` : labelOf(chunk),
      };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipped - a.gzipped);
}

/** Whether the chunk carries ky (lazily imported by core's fetch transport). */
export function holdsKy(chunk: Chunk): boolean {
  return Object.keys(chunk.inputs).some((input) => input.includes('node_modules/ky/'));
}

const CORE_SOURCE = /packages\/core\/src\/(.+)$/;
const CORE_DIST = /packages\/core\/dist\/[^/]+\.js$/;
const distModules = new Map<string, string[]>();

/**
 * The core source modules an input file stands for. From the sources that is the file itself. A built
 * file of core (dist/*.js, not minified) holds several modules, each after a `// src/x.ts` line that tsup
 * writes, and those are read; a split bundle may take only some of them, so the list can be longer than
 * what the chunk really holds.
 */
function coreModules(file: string): string[] {
  const source = CORE_SOURCE.exec(file);
  if (source) return [source[1]!];
  if (!CORE_DIST.test(file)) return [];
  let modules = distModules.get(file);
  if (!modules) {
    modules = [...readFileSync(file, 'utf8').matchAll(/^\/\/ src\/(\S+)$/gm)].map((m) => m[1]!);
    distModules.set(file, modules);
  }
  return modules;
}

/** Which package an input file belongs to: `ky`, `@volc-ts/core`, `axios`, or `the program`. */
export function packageOf(file: string): string {
  const inPackages = /(?:^|\/)packages\/([^/]+)\//.exec(file);
  if (inPackages && !file.includes('node_modules/')) return `@volc-ts/${inPackages[1]}`;
  if (!file.includes('node_modules/')) return 'the program';
  const parts = file.split('node_modules/').pop()!.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function packagesOf(chunk: Pick<Chunk, 'inputs'>): Set<string> {
  return new Set(Object.keys(chunk.inputs).map(packageOf));
}

/** The packages of the chunk's inputs, core named by its modules: `ky`, `core: errors/ (3), retry.ts`. */
function labelOf(chunk: Pick<Chunk, 'inputs' | 'coreModules'>): string {
  return [...packagesOf(chunk)]
    .map((name) => (name === '@volc-ts/core' ? `core: ${shortList(chunk.coreModules)}` : name))
    .join(' + ');
}

/** A few modules by name; more as folders with counts: `errors/ (9), transport/ (3), retry.ts`. */
function shortList(modules: readonly string[]): string {
  if (modules.length <= 4) return modules.join(', ');
  const byFolder = new Map<string, number>();
  const plain: string[] = [];
  for (const module of modules) {
    const folder = module.includes('/') ? module.slice(0, module.indexOf('/') + 1) : undefined;
    if (folder) byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
    else plain.push(module);
  }
  return [...[...byFolder].map(([folder, count]) => `${folder} (${count})`), ...plain].join(', ');
}
