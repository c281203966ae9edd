/**
 * The install path the README shows until the packages are published: `pnpm pack:local redis mock`
 * writes tarballs of the named packages and of the workspace packages they depend on, and a fresh project
 * outside the workspace sets the printed overrides and installs only the packages it asked for; the
 * third-party packages come from its npm registry. Here that registry is a local Verdaccio with no
 * uplinks (test/helpers/registry.ts), holding only the third-party packages `--third-party` packed, and
 * the npm cache is empty, so a package from anywhere else fails the install. Then the seed call runs
 * against the installed volc-mock. Also checks that every package installed this way declares what its
 * code imports.
 *
 * Builds what is stale first (as `pnpm pack:local` does); about 30 s after a build.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstalledMock, type InstalledMock } from './helpers/installed-mock.js';
import { startLocalRegistry, type LocalRegistry } from './helpers/registry.js';
import { PNPM, ROOT } from './helpers/packages.js';

const run = promisify(execFile);
let work = '';
let project = '';
let mock: InstalledMock | undefined;
let registry: LocalRegistry | undefined;
const timings: Record<string, number> = {};

async function exec(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const started = Date.now();
  try {
    const { stdout } = await run(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`);
  } finally {
    timings[[command.split('/').pop(), ...args.slice(0, 2)].join(' ')] = Date.now() - started;
  }
}

const SEED = `import { MOCK_CREDENTIALS } from '@volc-ts/mock';
import { RedisClient } from '@volc-ts/redis';

const client = new RedisClient({ region: 'cn-beijing', endpoint: process.env.VOLC_MOCK_URL, credentials: MOCK_CREDENTIALS });
const result = await client.describeCrossRegionBackups({ Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 });
console.log(JSON.stringify({ total: result.Total, first: result.Backups?.[0]?.BackupPointId, requestId: result.$metadata.RequestId }));
`;

const ASKED = ['@volc-ts/credential-providers', '@volc-ts/mock', '@volc-ts/redis'];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'volc-ts-install-'));
  const tarballs = join(work, 'tarballs');
  // The README's command, with the output folder moved out of the workspace.
  await exec(
    PNPM,
    ['run', 'pack:local', 'redis', 'mock', 'credential-providers', '--third-party', '--out', tarballs],
    ROOT,
  );
  // The project's registry: the third-party packages only.
  registry = await startLocalRegistry(join(work, 'registry'));
  const thirdParty = JSON.parse(readFileSync(join(tarballs, 'third-party/index.json'), 'utf8')) as {
    name: string;
    version: string;
    file: string;
  }[];
  for (const { name, version, file } of thirdParty)
    await registry.publishTarball({ name, version }, join(tarballs, 'third-party', file));

  const install = JSON.parse(readFileSync(join(tarballs, 'install.json'), 'utf8')) as {
    packages: string[];
    overrides: Record<string, string>;
  };
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "fresh-project", "private": true, "type": "module" }\n');
  const env = { npm_config_cache: join(work, 'npm-cache'), npm_config_registry: registry.url };
  // The printed commands: the overrides, then the packages asked for.
  await exec(
    'npm',
    ['pkg', 'set', ...Object.entries(install.overrides).map(([n, s]) => `overrides.${n}=${s}`)],
    project,
  );
  await exec('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', ...install.packages], project, env);
}, 300_000);

afterAll(async () => {
  await mock?.close();
  await registry?.close();
  console.log(`install-local timings (ms): ${JSON.stringify(timings)}`);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('pnpm pack:local, then npm install in a fresh project', () => {
  it('declares only the packages asked for; the others come through overrides and the registry', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(ASKED);
    expect(manifest.devDependencies).toBeUndefined();
    expect(Object.keys(manifest.overrides).sort()).toEqual(['@volc-ts/core', '@volc-ts/spec']);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/@volc-ts/core'].resolved).toMatch(/^file:.*volc-ts-core-.*\.tgz$/);
    // ky from the registry: neither a file: tarball nor a link (npm may leave out `resolved` for a registry package).
    const ky = lock.packages['node_modules/ky'];
    expect(ky?.version, JSON.stringify(ky)).toMatch(/^\d+\.\d+\.\d+/);
    expect(`${ky.resolved ?? ''}`).not.toMatch(/^file:/);
    expect(ky.link).toBeUndefined();
  });

  it('installs the named packages and their dependencies as real copies', () => {
    expect(project.startsWith(ROOT)).toBe(false);
    for (const name of [
      '@volc-ts/redis',
      '@volc-ts/core',
      '@volc-ts/mock',
      '@volc-ts/spec',
      '@volc-ts/credential-providers',
      'ky',
      'ajv',
    ])
      expect(existsSync(join(project, 'node_modules', name, 'package.json')), name).toBe(true);
    // credential-providers builds on core alone: packing it brings no service package along.
    expect(existsSync(join(project, 'node_modules/@volc-ts/sts')), '@volc-ts/sts').toBe(false);
    const redis = JSON.parse(readFileSync(join(project, 'node_modules/@volc-ts/redis/package.json'), 'utf8'));
    expect(redis.dependencies['@volc-ts/core']).toMatch(/^\^?\d+\.\d+\.\d+/); // a version, not workspace:
  });

  it('runs the seed call, describeCrossRegionBackups, against the installed volc-mock', async () => {
    mock = await startInstalledMock(project);
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    writeFileSync(join(project, 'seed.mjs'), SEED);
    const output = await exec(process.execPath, ['seed.mjs'], project, { VOLC_MOCK_URL: mock.url });
    const report = JSON.parse(output.trim().split('\n').pop() ?? '');
    expect(report).toEqual({ total: 1, first: 'b-cn02xmmrp751i9cdzcphjmk4****', requestId: expect.any(String) });
  }, 60_000);

  it('every installed @volc-ts package declares each package its built code imports', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const scope = join(project, 'node_modules/@volc-ts');
    const problems: string[] = [];
    for (const folder of readdirSync(scope)) {
      const manifest = JSON.parse(readFileSync(join(scope, folder, 'package.json'), 'utf8'));
      const declared = new Set([
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ]);
      for (const file of listJs(join(scope, folder, 'dist'))) {
        const source = readFileSync(file, 'utf8');
        const specifiers = [
          ...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'.][^"']*)["']/g),
        ].map((m) => m[1]!);
        for (const specifier of specifiers) {
          if (builtins.has(specifier) || specifier.startsWith('node:')) continue;
          const name = specifier.startsWith('@')
            ? specifier.split('/').slice(0, 2).join('/')
            : specifier.split('/')[0]!;
          if (name !== manifest.name && !declared.has(name))
            problems.push(`${manifest.name}: ${file.slice(scope.length + 1)} imports ${name}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

function listJs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listJs(path);
    return /\.(c|m)?js$/.test(entry.name) ? [path] : [];
  });
}
