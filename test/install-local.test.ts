/**
 * The install path the README shows until the packages are published: `pnpm pack:local redis mock`
 * writes tarballs of the named packages and of everything they depend on, and a fresh project outside
 * the workspace installs them with npm offline (an empty npm cache and a registry address nothing
 * listens on, so a tarball the folder lacks fails the install), then runs the seed call against the
 * installed volc-mock. Also checks that every package installed this way declares what its code imports.
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
import { PNPM, ROOT } from './helpers/packages.js';

const run = promisify(execFile);
let work = '';
let project = '';
let mock: InstalledMock | undefined;
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

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'volc-ts-install-'));
  const tarballs = join(work, 'tarballs');
  // The README's command, with the output folder moved out of the workspace.
  await exec(PNPM, ['run', 'pack:local', 'redis', 'mock', 'credential-providers', '--out', tarballs], ROOT);
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "fresh-project", "private": true, "type": "module" }\n');
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  await exec('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', ...files], project, {
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_registry: 'http://127.0.0.1:9/',
  });
}, 300_000);

afterAll(async () => {
  await mock?.close();
  console.log(`install-local timings (ms): ${JSON.stringify(timings)}`);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('pnpm pack:local, then npm install --offline in a fresh project', () => {
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
