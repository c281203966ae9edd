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
  const initial = staticallyReached(entries, (path) =>
    outputs[path]!.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => i.path),
  );
  return outputFiles
    .map((file) => {
      const path = relative(workingDir, file.path);
      const output = outputs[path];
      if (!output) throw new Error(`no metafile output for ${path}`);
      const modules = Object.keys(output.inputs)
        .filter((input) => output.inputs[input]!.bytesInOutput > 0)
        .flatMap((input) => coreModules(isAbsolute(input) ? input : join(workingDir, input)));
      return makeChunk({
        name: relative(outdir, file.path),
        contents: file.contents,
        entry: entries.includes(path),
        initial: initial.has(path),
        inputs: output.inputs,
        coreModules: [...new Set(modules)],
      });
    })
    .sort(initialFirstThenLargest);
}

/** Every chunk reached from `entries` through `importsOf` (static imports), the entries included. */
function staticallyReached(entries: readonly string[], importsOf: (name: string) => readonly string[]): Set<string> {
  const reached = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    queue.push(...importsOf(name));
  }
  return reached;
}

/** A chunk with its sizes (gzip -9 of the file alone) and its label. */
function makeChunk(fields: Omit<Chunk, 'minified' | 'gzipped' | 'label'>): Chunk {
  const chunk = {
    ...fields,
    minified: fields.contents.length,
    gzipped: gzipSync(fields.contents, { level: 9 }).length,
  };
  return { ...chunk, label: chunk.entry ? `entry: ${[...packagesOf(chunk)].join(' + ')}` : labelOf(chunk) };
}

const initialFirstThenLargest = (a: Chunk, b: Chunk) => Number(b.initial) - Number(a.initial) || b.gzipped - a.gzipped;

/** Whether the chunk carries ky (lazily imported by core's fetch transport). */
export function holdsKy(chunk: Chunk): boolean {
  return Object.keys(chunk.inputs).some((input) => input.includes('node_modules/ky/'));
}

const CORE_SOURCE = /packages\/core\/src\/(.+)$/;
const CORE_ESM = /packages\/core\/dist\/esm\/(.+)\.js$/;
const CORE_DIST = /packages\/core\/dist\/[^/]+\.js$/;
const distModules = new Map<string, string[]>();

/**
 * The core source modules an input file stands for. From the sources, and from the browser build's
 * dist/esm (one file per module), that is the file itself. A bundled file of core (not minified) holds several modules, each after a `// src/x.ts` line that tsup
 * writes, and those are read; a split bundle may take only some of them, so the list can be longer than
 * what the chunk really holds.
 */
function coreModules(file: string): string[] {
  const source = CORE_SOURCE.exec(file);
  if (source) return [source[1]!];
  const esm = CORE_ESM.exec(file);
  if (esm) return [`${esm[1]}.ts`];
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

/** An output chunk as Rollup and Rolldown describe it (the fields both share). */
interface RollupStyleChunk {
  readonly type: 'chunk';
  readonly fileName: string;
  readonly code: string;
  readonly isEntry: boolean;
  readonly imports: readonly string[];
  readonly modules: Readonly<Record<string, { readonly renderedLength: number }>>;
}

/**
 * The same program built by Rollup 4 (the bundler of Vite 7 production builds), code-split, each chunk
 * minified by esbuild and gzipped alone. Rollup places a module in a lazy chunk when only dynamic imports
 * use it, where esbuild keeps in the initial chunks every module the entry reaches, re-exports included.
 */
export async function rollupChunksOf(program: string): Promise<Chunk[]> {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { transform } = await import('esbuild');
  const typescript = {
    name: 'typescript',
    transform: async (code: string, id: string) =>
      id.endsWith('.ts') ? { code: (await transform(code, { loader: 'ts', format: 'esm' })).code, map: null } : null,
  };
  const build = await rollup({
    input: program,
    plugins: [nodeResolve({ browser: true, extensions: ['.ts', '.js'] }), typescript],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return chunksOfRollupStyle(output.filter((o) => o.type === 'chunk'));
}

/** The same with Rolldown (the bundler of Vite 8), browser platform, each chunk minified by esbuild. */
export async function rolldownChunksOf(program: string): Promise<Chunk[]> {
  const { rolldown } = await import('rolldown');
  const build = await rolldown({ input: program, platform: 'browser', logLevel: 'silent' });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  return chunksOfRollupStyle(output.filter((o) => o.type === 'chunk') as unknown as RollupStyleChunk[]);
}

async function chunksOfRollupStyle(files: readonly RollupStyleChunk[]): Promise<Chunk[]> {
  const { transform } = await import('esbuild');
  const initial = staticallyReached(
    files.filter((f) => f.isEntry).map((f) => f.fileName),
    (name) => files.find((f) => f.fileName === name)?.imports ?? [],
  );
  const chunks: Chunk[] = [];
  for (const file of files) {
    const contents = new TextEncoder().encode(
      (await transform(file.code, { minify: true, format: 'esm', target: 'es2022' })).code,
    );
    const inputs = Object.fromEntries(
      Object.entries(file.modules)
        .filter(([, m]) => m.renderedLength > 0)
        .map(([id, m]) => [id, { bytesInOutput: m.renderedLength }]),
    );
    chunks.push(
      makeChunk({
        name: file.fileName,
        contents,
        entry: file.isEntry,
        initial: initial.has(file.fileName),
        inputs,
        coreModules: [...new Set(Object.keys(inputs).flatMap(coreModules))],
      }),
    );
  }
  return chunks.sort(initialFirstThenLargest);
}
