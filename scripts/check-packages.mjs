#!/usr/bin/env node
// Checks every published package the way a careful npm maintainer would, on the tarball that would be
// published (`pnpm pack`, which also turns `workspace:` ranges into versions):
//   - publint --strict (warnings count as errors),
//   - @arethetypeswrong/cli (types resolve for node10, node16 CJS and ESM, and bundlers),
//   - our own rules: README.md and LICENSE in the tarball, MIT, engines.node >=20, sideEffects declared,
//     an exports map with types for both import and require, bins in the tarball, repository (with the
//     package's directory), homepage, bugs and keywords.
// Prints the packed and unpacked size of each tarball. Exits 1 if any check fails.
//
//   node scripts/check-packages.mjs [--all | package-dir ...]
//   (default: the core set and the seeded rotation of scripts/ci-sample.mjs; --all: every published package)
//
// Needs built packages (`pnpm build`).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ciSeed, ciSelection } from './ci-sample.mjs';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
// The workspace's own pnpm (a root devDependency), else the pinned one through npx.
const pnpm = existsSync(bin('pnpm')) ? [bin('pnpm'), []] : ['npx', ['--yes', 'pnpm@10.34.8']];

/** Directories of the packages that get published: packages/* and generator/, private ones left out. */
function publishedPackages() {
  const dirs = [
    ...readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)),
    join(root, 'generator'),
  ];
  return dirs.filter((dir) => {
    const file = join(dir, 'package.json');
    return existsSync(file) && !JSON.parse(readFileSync(file, 'utf8')).private;
  });
}

/** Runs a command; resolves to its output and exit code instead of throwing on a non-zero exit. */
async function exec(command, args, options = {}) {
  try {
    const { stdout, stderr } = await run(command, args, {
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      ...options,
    });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    return {
      code: typeof error.code === 'number' ? error.code : 1,
      output: `${error.stdout ?? ''}${error.stderr ?? ''}${error.stdout || error.stderr ? '' : error.message}`,
    };
  }
}

/** Our own rules, on the package.json inside the tarball and its file list. */
function metadataProblems(pkg, files, dir) {
  const problems = [];
  const has = (path) => files.some((f) => f.path === path);
  if (!has('README.md')) problems.push('README.md is not in the tarball');
  if (!has('LICENSE')) problems.push('LICENSE is not in the tarball');
  if (pkg.license !== 'MIT') problems.push(`license is ${JSON.stringify(pkg.license)}, expected "MIT"`);
  if (pkg.engines?.node !== '>=20')
    problems.push(`engines.node is ${JSON.stringify(pkg.engines?.node)}, expected ">=20"`);
  if (!Array.isArray(pkg.files)) problems.push('no "files" list');
  const bins = Object.values(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : (pkg.bin ?? {})).map(
    (p) => `./${p.replace(/^\.\//, '')}`,
  );
  // A bin may be a small committed launcher that imports the built CLI (so the bin links before a
  // build): the CLI it names counts as a bin file too.
  const launched = bins.flatMap((b) =>
    [...(files.find((f) => `./${f.path}` === b)?.text ?? '').matchAll(/'\.\.\/(dist\/[\w./-]+\.js)'/g)].map(
      (m) => `./${m[1]}`,
    ),
  );
  const sideEffectsOk =
    pkg.sideEffects === false ||
    (Array.isArray(pkg.sideEffects) && pkg.sideEffects.every((p) => bins.includes(p) || launched.includes(p)));
  if (!sideEffectsOk)
    problems.push(`sideEffects is ${JSON.stringify(pkg.sideEffects)}: expected false, or only the bin files`);
  for (const b of bins) if (!has(b.slice(2))) problems.push(`bin ${b} is not in the tarball`);
  const main = pkg.exports?.['.'];
  for (const condition of ['import', 'require']) {
    if (!main?.[condition]?.types || !main?.[condition]?.default)
      problems.push(`exports["."].${condition} needs "types" and "default"`);
    for (const target of [main?.[condition]?.types, main?.[condition]?.default]) {
      if (target && !has(target.replace(/^\.\//, '')))
        problems.push(`exports["."].${condition} points at ${target}, which is not in the tarball`);
    }
  }
  // The links npm shows on the package page: the repository (and the package's folder in it), a
  // homepage and where to report bugs; and keywords for npm search.
  if (typeof pkg.repository?.url !== 'string' || !pkg.repository.url.startsWith('git+https://'))
    problems.push('repository.url should be a git+https:// URL');
  if (pkg.repository?.directory !== dir)
    problems.push(`repository.directory is ${JSON.stringify(pkg.repository?.directory)}, expected "${dir}"`);
  if (typeof pkg.homepage !== 'string' || !pkg.homepage.startsWith('https://')) problems.push('no https homepage');
  if (typeof pkg.bugs?.url !== 'string' || !pkg.bugs.url.startsWith('https://')) problems.push('no bugs.url');
  if (!Array.isArray(pkg.keywords) || !pkg.keywords.includes('volcengine'))
    problems.push('keywords should include "volcengine"');
  const readme = files.find((f) => f.path === 'README.md');
  if (readme && !/^#+ .*install/im.test(readme.text)) problems.push('README.md has no "Install" section');
  if (readme && !/```(ts|js|typescript|javascript)\n/.test(readme.text)) problems.push('README.md has no code example');
  return problems;
}

/** Sizes and paths of the files in a tarball, and the text of the few we read. */
async function tarballFiles(tarball, unpackDir) {
  const listed = await exec('tar', ['-xzf', tarball, '-C', unpackDir]);
  if (listed.code !== 0) throw new Error(`cannot unpack ${tarball}: ${listed.output}`);
  const base = join(unpackDir, 'package');
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const rel = relative(base, path).split('\\').join('/');
        const read = rel === 'README.md' || rel.startsWith('bin/');
        files.push({ path: rel, size: statSync(path).size, text: read ? readFileSync(path, 'utf8') : '' });
      }
    }
  };
  walk(base);
  return { files, pkg: JSON.parse(readFileSync(join(base, 'package.json'), 'utf8')) };
}

async function checkPackage(dir, scratch) {
  const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;
  const result = { name, dir: relative(root, dir), problems: [], publint: 'not run', attw: 'not run' };
  if (!existsSync(join(dir, 'dist'))) {
    result.problems.push('no dist/: run `pnpm build` first');
    return result;
  }
  const dest = mkdtempSync(join(scratch, 'pack-'));
  const packed = await exec(pnpm[0], [...pnpm[1], 'pack', '--pack-destination', dest], { cwd: dir });
  const tarball = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  if (packed.code !== 0 || !tarball) {
    result.problems.push(`pnpm pack failed:\n${packed.output}`);
    return result;
  }
  const tarballPath = join(dest, tarball);
  const { files, pkg } = await tarballFiles(tarballPath, dest);
  result.packed = statSync(tarballPath).size;
  result.unpacked = files.reduce((sum, f) => sum + f.size, 0);
  result.fileCount = files.length;
  result.problems.push(...metadataProblems(pkg, files, relative(root, dir).split('\\').join('/')));

  const [publint, attw] = await Promise.all([
    exec(bin('publint'), ['run', tarballPath, '--strict']),
    exec(bin('attw'), [tarballPath, '--format', 'ascii', '--no-emoji', '--no-color']),
  ]);
  result.publint = publint.code === 0 ? 'no issues' : 'FAILED';
  result.attw = attw.code === 0 ? 'no problems' : 'FAILED';
  if (publint.code !== 0) result.problems.push(`publint:\n${publint.output.trim()}`);
  if (attw.code !== 0) result.problems.push(`attw:\n${attw.output.trim()}`);
  return result;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function main() {
  const args = process.argv.slice(2);
  const requested = args.filter((arg) => arg !== '--all').map((dir) => resolve(dir));
  let dirs = requested.length > 0 ? requested : publishedPackages();
  if (requested.length === 0 && !args.includes('--all')) {
    // Seconds per package: the core set and the day's rotation (scripts/ci-sample.mjs); --all checks every one.
    const chosen = new Set(
      ciSelection(dirs.map((dir) => relative(join(root, 'packages'), dir).replace(/^\.\.[\\/]/, ''))),
    );
    const all = dirs.length;
    dirs = dirs.filter((dir) => chosen.has(relative(join(root, 'packages'), dir).replace(/^\.\.[\\/]/, '')));
    console.log(
      `checking ${dirs.length} of ${all} packages: the core set and the rotation of VOLC_CI_SEED=${ciSeed()} (--all for every one)`,
    );
  }
  const scratch = mkdtempSync(join(tmpdir(), 'volc-check-packages-'));
  const results = [];
  try {
    // Two at a time: attw and tsc-sized work on 2 cores.
    const queue = [...dirs];
    const worker = async () => {
      for (let dir = queue.shift(); dir; dir = queue.shift()) results.push(await checkPackage(dir, scratch));
    };
    await Promise.all([worker(), worker()]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  results.sort((a, b) => a.name.localeCompare(b.name));

  const rows = [['package', 'packed', 'unpacked', 'files', 'publint', 'attw', 'other rules']];
  for (const r of results) {
    const own = r.problems.filter((p) => !p.startsWith('publint:') && !p.startsWith('attw:'));
    rows.push([
      r.name,
      r.packed ? kb(r.packed) : '-',
      r.unpacked ? kb(r.unpacked) : '-',
      String(r.fileCount ?? '-'),
      r.publint,
      r.attw,
      own.length ? 'FAILED' : 'ok',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );

  const failed = results.filter((r) => r.problems.length > 0);
  for (const r of failed) {
    console.error(`\n${r.name} (${r.dir}):`);
    for (const problem of r.problems) console.error(`  - ${problem.replace(/\n/g, '\n    ')}`);
  }
  if (failed.length > 0) {
    console.error(`\n${failed.length} of ${results.length} package(s) failed the checks`);
    process.exitCode = 1;
  } else {
    console.log(`\n${results.length} package(s) pass publint --strict, attw and the packaging rules`);
  }
}

await main();
