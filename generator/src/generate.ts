import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { loadModels, specFiles } from '@volc-ts/spec';
import { emitPackage } from './emit/package.js';
import { formatPackages } from './format.js';
import { syncLockfile } from './workspace/lockfile.js';
import { syncReadmeTable } from './workspace/readme-table.js';

export interface GenerateOptions {
  /** A spec file, or a directory whose *.yaml files are all generated. */
  readonly spec: string;
  /** Directory that holds one folder per package. */
  readonly out: string;
  /** Compare with what is on disk and write nothing; `changed` then lists what generate would change. */
  readonly check?: boolean;
}

export interface GeneratedPackage {
  readonly packageName: string;
  readonly directory: string;
  readonly actions: number;
  /** Paths (relative to the package) whose content changed on disk, or would change under `check`. */
  readonly changed: readonly string[];
  readonly files: ReadonlyMap<string, string>;
}

/** Folders of a package that the generator owns entirely; stale files in them are removed. */
const OWNED_DIRECTORIES = ['src', 'examples'];
/** Files earlier generator versions wrote at a package's root; removed when found. */
const RETIRED_FILES = ['tsup.config.ts'];
const DEFAULT_VERSION = '0.1.0';

/**
 * Generates every package. All specs are checked and all files rendered in memory before the first
 * write, so a bad spec leaves the previous output exactly as it was.
 */
export function generate(options: GenerateOptions): GeneratedPackage[] {
  const models = loadModels(specFiles(options.spec));
  const rendered = models.map((model) => {
    const directory = join(options.out, model.packageName);
    const files = emitPackage(model, currentVersion(directory));
    return { model, directory, files };
  });
  // The formatter of the hand-written code, once over every package's TypeScript.
  formatPackages(rendered.map(({ files }) => files));
  const packages = rendered.map(({ model, directory, files }) => ({
    packageName: `@volc-ts/${model.packageName}`,
    directory,
    actions: model.actions.length,
    changed: syncPackage(directory, files, !options.check),
    files,
  }));
  // In a pnpm workspace (out is <root>/packages), the lockfile gets the packages' importer entries.
  if (basename(resolve(options.out)) === 'packages') {
    const root = dirname(resolve(options.out));
    const paths = models.map((model) => `packages/${model.packageName}`);
    if (syncLockfile(root, paths, !options.check)) {
      packages.push({
        packageName: 'pnpm-lock.yaml',
        directory: root,
        actions: 0,
        changed: ['pnpm-lock.yaml'],
        files: new Map(),
      });
    }
    // The root README's table of packages, when the full set is generated (not one spec file).
    if (statSync(options.spec).isDirectory() && syncReadmeTable(root, models, !options.check)) {
      packages.push({
        packageName: 'README.md',
        directory: root,
        actions: 0,
        changed: ['README.md'],
        files: new Map(),
      });
    }
  }
  return packages;
}

function currentVersion(directory: string): string {
  const file = join(directory, 'package.json');
  if (!existsSync(file)) return DEFAULT_VERSION;
  try {
    const version = (JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version;
    return typeof version === 'string' ? version : DEFAULT_VERSION;
  } catch {
    return DEFAULT_VERSION;
  }
}

/**
 * Brings a package folder in line with `files`: writes those whose content differs and removes stale
 * generated files. Returns the paths that differ(ed); with `write` false it only compares.
 */
function syncPackage(directory: string, files: ReadonlyMap<string, string>, write: boolean): string[] {
  const changed: string[] = [];
  for (const [path, text] of files) {
    const target = join(directory, path);
    if (existsSync(target) && readFileSync(target, 'utf8') === text) continue;
    changed.push(path);
    if (!write) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  for (const path of RETIRED_FILES) {
    if (files.has(path) || !existsSync(join(directory, path))) continue;
    changed.push(path);
    if (write) rmSync(join(directory, path));
  }
  for (const owned of OWNED_DIRECTORIES) {
    for (const file of listFiles(join(directory, owned))) {
      const path = relative(directory, file).split('\\').join('/');
      if (files.has(path)) continue;
      changed.push(path);
      if (write) rmSync(file);
    }
  }
  return changed;
}

function listFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(directory, entry.name)) : [join(directory, entry.name)],
  );
}
