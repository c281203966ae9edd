/**
 * Installable tarballs of chosen packages, before (or without) a publish: `pnpm pack:local redis mock`.
 *
 * Writes to `artifacts/tarballs/` (or `--out <dir>`) one tarball per package named, per workspace package
 * it depends on (`@volc-ts/core`, `@volc-ts/spec`, ...) and per third-party package in their dependency
 * closure (ky, ajv, yaml, ...), the last packed from the copies this workspace installed. The folder is
 * then all a project needs, with no registry:
 *
 *   npm install --offline --ignore-scripts artifacts/tarballs/*.tgz
 *
 * Packages whose dist/ is missing or older than their sources are built first. Arguments are folder
 * names under packages/ (`redis`, `mock`, `credential-providers`) or package names (`@volc-ts/redis`).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { packFolder } from './tarball.js';
import { ensureBuilt, PNPM, publishedPackages, ROOT, type WorkspacePackage } from '../test/helpers/packages.js';

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function usage(message: string): never {
  console.error(`${message}\nusage: pnpm pack:local <package ...> [--out <dir>]   (e.g. pnpm pack:local redis mock)`);
  process.exit(2);
}

const args = process.argv.slice(2);
let out = join(ROOT, 'artifacts/tarballs');
const names: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') out = resolve(args[++i] ?? usage('--out needs a folder'));
  else names.push(args[i]!);
}
if (names.length === 0) usage('name at least one package');

const workspace = new Map(publishedPackages().map((p) => [p.name, p]));
const folder = (pkg: WorkspacePackage) => relative(join(ROOT, 'packages'), pkg.dir);
const chosen = names.map((name) => {
  const pkg = workspace.get(name) ?? [...workspace.values()].find((p) => folder(p) === name);
  return pkg ?? usage(`no published package ${name} in this workspace`);
});

// The workspace packages the chosen ones need, and the installed folders of the third-party ones.
const ours = new Map<string, WorkspacePackage>();
const theirs = new Map<string, string>(); // name@version -> folder
/** Where Node would find `name` from `from` (a package folder): the nearest node_modules/<name> upwards. */
function installedFolder(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} (needed by ${from}) is not installed; run pnpm install`);
  }
}
function visitThirdParty(name: string, from: string, optional: boolean): void {
  let dir: string;
  try {
    dir = installedFolder(name, from);
  } catch (error) {
    if (optional) return; // an optional dependency this platform did not install
    throw error;
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  const key = `${manifest.name}@${manifest.version}`;
  if (theirs.has(key)) return;
  theirs.set(key, dir);
  for (const dep of Object.keys(manifest.dependencies ?? {})) visitThirdParty(dep, dir, false);
  for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visitThirdParty(dep, dir, true);
}
function visitOurs(pkg: WorkspacePackage): void {
  if (ours.has(pkg.name)) return;
  ours.set(pkg.name, pkg);
  for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) {
    const inner = workspace.get(dep);
    if (inner) visitOurs(inner);
    else visitThirdParty(dep, pkg.dir, false);
  }
}
chosen.forEach(visitOurs);

const started = Date.now();
const built = await ensureBuilt([...ours.values()]);
if (built.length > 0) console.log(`built ${built.join(', ')}`);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// pnpm pack turns `workspace:^` ranges into the versions of the workspace packages.
// All at once: each is a pnpm process that mostly waits.
await Promise.all(
  [...ours.values()].map((pkg) =>
    promisify(execFile)(PNPM, ['pack', '--pack-destination', out], { cwd: pkg.dir }).catch(
      (error: { stdout?: string; stderr?: string }) => {
        throw new Error(`pnpm pack failed in ${pkg.dir}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      },
    ),
  ),
);
// The third-party packages as they were installed here (no lifecycle script runs).
for (const [key, dir] of theirs) {
  const file = `${key.replace(/^@/, '').replace(/[/@]/g, '-')}.tgz`;
  writeFileSync(join(out, file), packFolder(dir));
}

const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz'));
const expected = ours.size + theirs.size;
if (tarballs.length !== expected) throw new Error(`expected ${expected} tarballs in ${out}, found ${tarballs.length}`);
console.log(
  `${tarballs.length} tarballs in ${relative(process.cwd(), out) || '.'} (${[...ours.keys()].join(', ')}` +
    ` and ${theirs.size} third-party packages) in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
    `Install them into a project, with no registry:\n  npm install --offline --ignore-scripts ${join(out, '*.tgz')}`,
);
