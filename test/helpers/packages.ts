/**
 * The published packages of the workspace, and their builds. `pnpm test` builds everything before
 * vitest runs; run alone, a test that needs dist/ rebuilds the packages whose dist/ is missing or
 * older than their sources, under a lock so that two test files never build the same package at once.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { ciSeed, ciSelection } from '../../scripts/ci-sample.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PNPM = join(ROOT, 'node_modules/.bin/pnpm');

export interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly manifest: PackageManifest;
}

interface PackageManifest {
  name: string;
  version?: string;
  private?: boolean;
  bin?: string | Record<string, string>;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  scripts?: Record<string, string>;
}

/** Every non-private package under packages/ and generator/, in name order. */
export function publishedPackages(): WorkspacePackage[] {
  const dirs = [
    ...readdirSync(join(ROOT, 'packages')).map((name) => join(ROOT, 'packages', name)),
    join(ROOT, 'generator'),
  ];
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
      return { name: manifest.name, dir, manifest };
    })
    .filter((p) => !p.manifest.private)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The published packages a per-package check covers in this run: the fixed core set plus the seeded
 * rotation of generated service packages (scripts/ci-sample.mjs; `VOLC_CI_SEED` picks the sample).
 */
export function ciPackages(): WorkspacePackage[] {
  const all = publishedPackages();
  const folder = (pkg: WorkspacePackage) => pkg.dir.split(/[\\/]/).pop()!;
  const chosen = new Set(ciSelection(all.map(folder)));
  const picked = all.filter((pkg) => chosen.has(folder(pkg)));
  console.log(
    `per-package checks: ${picked.length} of ${all.length} packages (core set + rotation, VOLC_CI_SEED=${ciSeed()}): ${picked.map(folder).join(', ')}`,
  );
  return picked;
}

/** Files a package's build must produce: every target of its exports map, and its bins. */
function buildOutputs(pkg: WorkspacePackage): string[] {
  const targets: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') {
      if (value.startsWith('./dist/')) targets.push(value);
    } else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(pkg.manifest.exports);
  collect(pkg.manifest.bin);
  return targets.map((t) => join(pkg.dir, t));
}

/** Files and folders a build reads; @volc-ts/mock also copies the repository's spec/ into itself. */
function buildInputs(pkg: WorkspacePackage): string[] {
  const inputs = ['src', 'scripts', 'package.json', 'tsup.config.ts'].map((p) => join(pkg.dir, p));
  if (pkg.name === '@volc-ts/mock') inputs.push(join(ROOT, 'spec'));
  return inputs;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Why a package needs a build, or undefined when its dist/ is complete and newer than its sources. */
export function staleReason(pkg: WorkspacePackage): string | undefined {
  const outputs = buildOutputs(pkg);
  const missing = outputs.find((file) => !existsSync(file));
  if (missing) return `${missing} is missing`;
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const newestInput = Math.max(...buildInputs(pkg).map(newestMtime));
  return newestInput > oldestOutput ? 'sources are newer than dist/' : undefined;
}

const LOCK = join(ROOT, 'test/.tmp/build.lock');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` while holding the build lock; a lock left by a process that died is taken over. */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(existsSync(join(LOCK, 'pid')) ? readFileSync(join(LOCK, 'pid'), 'utf8') : NaN);
      if (Number.isInteger(owner) && !isAlive(owner)) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new Error(`waited 10 minutes for ${LOCK}; remove it if no build is running`);
      else await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * Builds the given packages, and the workspace packages they depend on, where dist/ is missing or
 * stale. Returns the names of the packages built (empty when everything was fresh, as after `pnpm build`).
 */
export async function ensureBuilt(packages: readonly WorkspacePackage[]): Promise<string[]> {
  const all = new Map(publishedPackages().map((p) => [p.name, p]));
  const needed = new Map<string, WorkspacePackage>();
  const visit = (pkg: WorkspacePackage) => {
    if (needed.has(pkg.name)) return;
    needed.set(pkg.name, pkg);
    for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) {
      const inner = all.get(dep);
      if (inner) visit(inner);
    }
  };
  packages.forEach(visit);
  return withBuildLock(async () => {
    const stale = [...needed.values()].filter((p) => staleReason(p) !== undefined);
    if (stale.length === 0) return [];
    // Hand-written packages build with their own script, in dependency order (core first); generated
    // service packages have none: scripts/build-services.mjs builds them all in one process.
    const own = stale.filter((p) => p.manifest.scripts?.build);
    const generated = stale.filter((p) => !p.manifest.scripts?.build);
    // Asynchronous, so the test worker stays responsive to vitest during a long build.
    const run = (command: string, args: string[]) =>
      promisify(execFile)(command, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch(
        (error: { stdout?: string; stderr?: string }) => {
          throw new Error(`${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
        },
      );
    // Order: core (the service packages' declarations refer to its build), the service packages, then
    // the other hand-written ones in dependency order (pnpm -r sorts them: @volc-ts/spec before the
    // generator and the mock).
    const core = own.filter((p) => p.name === '@volc-ts/core');
    const rest = own.filter((p) => p.name !== '@volc-ts/core');
    if (core.length > 0) await run(PNPM, ['--filter', '@volc-ts/core', 'run', 'build']);
    if (generated.length > 0) {
      await run(process.execPath, [
        join(ROOT, 'scripts/build-services.mjs'),
        ...generated.map((p) => p.dir.split(/[\\/]/).pop()!),
      ]);
    }
    if (rest.length > 0) await run(PNPM, ['-r', ...rest.flatMap((p) => ['--filter', p.name]), 'run', 'build']);
    const still = stale.filter((p) => staleReason(p) !== undefined);
    if (still.length > 0)
      throw new Error(
        `still not built after pnpm build: ${still.map((p) => `${p.name} (${staleReason(p)})`).join(', ')}`,
      );
    return stale.map((p) => p.name);
  });
}
