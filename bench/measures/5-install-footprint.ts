/**
 * 5. Install footprint: what `npm install` puts in node_modules for @volc-ts/redis (its packed
 * tarballs, as they would be published) and for the official packages from the registry.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { footprint, type Footprint } from '../lib/disk.js';
import { emitSection, formatBytes, formatCount, ratio, type Goal } from '../lib/report.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const bench = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'volc-bench-install-'));
const PNPM = ['--yes', 'pnpm@10.34.8'];

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(bench, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/** `npm install` of `specs` into a fresh project; resolves to what landed in node_modules. */
function install(label: string, specs: string[]): Footprint {
  const dir = join(work, label);
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `footprint-${label}`, private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...specs], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return footprint(join(dir, 'node_modules'));
}

try {
  // Pack ours as it would be published: pnpm turns `workspace:^` into the real version range.
  const tarballs = join(work, 'tarballs');
  for (const pkg of ['core', 'redis']) {
    execFileSync('npx', [...PNPM, 'pack', '--pack-destination', tarballs], {
      cwd: join(repo, 'packages', pkg),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const packed = readdirSync(tarballs).map((name) => join(tarballs, name));

  const sdkCoreVersion = installedVersion('@volcengine/sdk-core');
  const openapiVersion = installedVersion('@volcengine/openapi');
  const subjects = [
    { name: '@volc-ts/redis (+ @volc-ts/core), packed tarballs', result: install('ours', packed) },
    {
      name: `@volcengine/sdk-core@${sdkCoreVersion}`,
      result: install('sdk-core', [`@volcengine/sdk-core@${sdkCoreVersion}`]),
    },
    {
      name: `@volcengine/openapi@${openapiVersion}`,
      result: install('openapi', [`@volcengine/openapi@${openapiVersion}`]),
    },
  ];
  const ours = subjects[0]!.result;
  const sdkCore = subjects[1]!.result;
  const openapi = subjects[2]!.result;

  const goals: Goal[] = [];
  emitSection({
    id: 5,
    title: 'Install footprint',
    method:
      '`npm install --ignore-scripts` into an empty project: ours from the tarballs `pnpm pack` makes of packages/core and ' +
      'packages/redis (as published), the official packages from the registry at the versions bench/ uses. Counted: ' +
      'directories with a package.json under any node_modules, and the apparent size of every file.',
    table: {
      header: ['install', 'packages', 'files', 'bytes', 'packages installed'],
      rows: subjects.map((s) => [
        s.name,
        String(s.result.packages.length),
        formatCount(s.result.files),
        formatBytes(s.result.bytes),
        s.result.packages.length <= 12
          ? s.result.packages.join(', ')
          : `${s.result.packages.slice(0, 12).join(', ')}, ... (${s.result.packages.length - 12} more)`,
      ]),
    },
    comparisons: [
      {
        metric: 'installed packages vs @volcengine/sdk-core',
        ours: String(ours.packages.length),
        theirs: String(sdkCore.packages.length),
        ratio: ratio(sdkCore.packages.length, ours.packages.length),
      },
      {
        metric: 'installed bytes vs @volcengine/sdk-core',
        ours: formatBytes(ours.bytes),
        theirs: formatBytes(sdkCore.bytes),
        ratio: ratio(sdkCore.bytes, ours.bytes),
      },
      {
        metric: 'installed bytes vs @volcengine/openapi',
        ours: formatBytes(ours.bytes),
        theirs: formatBytes(openapi.bytes),
        ratio: ratio(openapi.bytes, ours.bytes),
      },
    ],
    goals,
    notes: [
      `Ours by package: ${[...ours.bytesByPackage]
        .sort((a, b) => b[1] - a[1])
        .map(([name, bytes]) => `${name} ${formatBytes(bytes)}`)
        .join(', ')}. ` +
        'Each package ships ESM and CJS builds and their .d.ts twice (d.ts and d.cts); the generated types and TSDoc of every action dominate a service package.',
      `Largest official dependencies (sdk-core install): ${[...sdkCore.bytesByPackage]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([name, bytes]) => `${name} ${formatBytes(bytes)}`)
        .join(', ')}.`,
      'Issue 6 sets no goal for the footprint; it is reported for comparison. Ours grows with each service package a user adds; each is independent and depends only on @volc-ts/core.',
    ],
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
