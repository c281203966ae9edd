/**
 * Installable tarballs of chosen packages, before (or without) a publish: `pnpm pack:local redis mock`.
 *
 * Writes to `artifacts/tarballs/` (or `--out <dir>`) one tarball per package named and per workspace
 * package it depends on (`@volc-ts/core`, `@volc-ts/spec`, ...), and `install.json`: the tarballs of the
 * packages named, and the npm `overrides` that map every other workspace package to its tarball. A project
 * then declares only what it asked for; `@volc-ts/core` and the rest come from their tarballs through the
 * overrides, and third-party packages (ky, ajv, yaml, ...) from the project's npm registry, as they will
 * once the packages are published:
 *
 *   npm pkg set overrides.@volc-ts/core=file:/path/to/volc-core-0.1.0.tgz ...   (the command prints them)
 *   npm install /path/to/volc-ts-redis-0.1.0.tgz
 *
 * `--third-party` also writes, under `third-party/`, the third-party packages of their dependency closure,
 * packed from the copies this workspace installed (with `third-party/index.json`), for a registry of one's
 * own (a mirror, or the local Verdaccio test/install-local.test.ts publishes them to).
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
  console.error(
    `${message}\nusage: pnpm pack:local <package ...> [--out <dir>] [--third-party]   (e.g. pnpm pack:local redis mock)`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
let out = join(ROOT, 'artifacts/tarballs');
let withThirdParty = false;
const names: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') out = resolve(args[++i] ?? usage('--out needs a folder'));
  else if (args[i] === '--third-party') withThirdParty = true;
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
// pnpm pack turns `workspace:^` ranges into the versions of the workspace packages, and with --json names the tarball it wrote.
// All at once: each is a pnpm process that mostly waits.
const tarballOf = new Map<string, string>();
await Promise.all(
  [...ours.values()].map(async (pkg) => {
    const { stdout } = await promisify(execFile)(PNPM, ['pack', '--json', '--pack-destination', out], {
      cwd: pkg.dir,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`pnpm pack failed in ${pkg.dir}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    });
    tarballOf.set(pkg.name, resolve(out, (JSON.parse(stdout) as { filename: string }).filename));
  }),
);

// The packages named are what a project installs (and declares); every other package of ours reaches it
// through an override. A named package is not overridden too: npm refuses an override that differs from
// a direct dependency's spec.
const chosenNames = new Set(chosen.map((p) => p.name));
const install = {
  packages: [...chosenNames].map((name) => tarballOf.get(name)!),
  overrides: Object.fromEntries(
    [...tarballOf].filter(([name]) => !chosenNames.has(name)).map(([name, file]) => [name, `file:${file}`]),
  ),
};
writeFileSync(join(out, 'install.json'), `${JSON.stringify(install, null, 2)}\n`);

// The third-party packages as they were installed here (no lifecycle script runs), when asked for.
if (withThirdParty) {
  const dir = join(out, 'third-party');
  mkdirSync(dir);
  const index = [...theirs].map(([key, folder]) => {
    const file = `${key.replace(/^@/, '').replace(/[/@]/g, '-')}.tgz`;
    writeFileSync(join(dir, file), packFolder(folder));
    const { name, version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Manifest;
    return { name, version, file };
  });
  writeFileSync(join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
}

const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz'));
if (tarballs.length !== ours.size)
  throw new Error(`expected ${ours.size} tarballs in ${out}, found ${tarballs.length}`);
const overrides = Object.entries(install.overrides).map(([name, spec]) => `overrides.${name}=${spec}`);
console.log(
  `${tarballs.length} tarballs in ${relative(process.cwd(), out) || '.'} (${[...ours.keys()].join(', ')})` +
    `${withThirdParty ? ` and ${theirs.size} third-party packages in third-party/` : ''}` +
    ` in ${((Date.now() - started) / 1000).toFixed(1)} s.\n` +
    'In your project (third-party packages come from its npm registry):\n' +
    (overrides.length > 0 ? `  npm pkg set ${overrides.join(' ')}\n` : '') +
    `  npm install ${install.packages.join(' ')}`,
);
