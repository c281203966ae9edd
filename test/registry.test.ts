/**
 * The release as users meet it: published to a real npm registry and installed by name.
 *
 *  1. The workspace is copied, as a clean clone would have it, to a folder under the system temp
 *     folder, and `pnpm install --offline --frozen-lockfile` there must print no warning (no bin that
 *     fails to link, no build script left for a newcomer to judge). The dist/ folders that the build
 *     before this test made are then copied in with their times, so nothing is built a second time.
 *     The copy holds the packages CI's per-package checks cover (the core set plus the seeded rotation
 *     of scripts/ci-sample.mjs, `VOLC_CI_SEED`): a generated service package outside the sample is left
 *     out with its spec and its lockfile entry, so the copy is a smaller workspace of the same shape.
 *     Publishing all 115 services costs minutes and proves nothing one more service does not.
 *  2. Verdaccio (test/helpers/local-registry.mjs) starts on 127.0.0.1 with no uplinks; the third-party
 *     packages an install needs (ky, ajv, js-yaml, @types/node, ...) are published to it from the
 *     workspace's node_modules, so nothing is fetched from anywhere else.
 *  3. `pnpm release` (scripts/release.ts: changeset version, generate, build what is stale, changeset
 *     publish) publishes every package of the copy to it.
 *  4. In a fresh folder outside the workspace, `npm install @volc-ts/redis` by name; the ESM and CJS
 *     consumers of test/consumer are type-checked and run against the installed volc-mock.
 *  5. A new action in spec/redis.yaml, `volc-gen bump --write`, `pnpm release` again: the new versions
 *     go out, and `npm update` in the consumer brings the new action, typed and callable.
 *
 * Needs built packages (`pnpm test` builds them first; run alone, the test builds what is stale).
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncLockfileText } from '../generator/src/workspace/lockfile.js';
import { startInstalledMock, type InstalledMock } from './helpers/installed-mock.js';
import { ciPackages, ensureBuilt, PNPM, publishedPackages, ROOT } from './helpers/packages.js';
import { startLocalRegistry, type LocalRegistry } from './helpers/registry.js';

const run = promisify(execFile);
const TSC = join(ROOT, 'node_modules/.bin/tsc');
/** The packages the copy holds and the release publishes: core set plus rotation (see above). */
const packages = ciPackages();
const folderOf = (dir: string) => dir.slice(ROOT.length + 1);
/** Generated service packages (those with a spec/<folder>.yaml) left out of the copy. */
const leftOut = publishedPackages()
  .map((p) => folderOf(p.dir))
  .filter(
    (folder) =>
      folder.startsWith('packages/') && existsSync(join(ROOT, 'spec', `${folder.slice('packages/'.length)}.yaml`)),
  )
  .filter((folder) => !packages.some((p) => folderOf(p.dir) === folder));
/** Aborts the commands still running when a test times out, so none outlives the test file. */
const running = new AbortController();

let work = '';
let copy = '';
let consumer = '';
let registry: LocalRegistry | undefined;
let mock: InstalledMock | undefined;
let env: NodeJS.ProcessEnv = {};

/** Runs a command; resolves to stdout and stderr together; the error names the command and its output. */
async function exec(command: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args, {
      cwd,
      env: { ...env, ...extraEnv },
      maxBuffer: 64 * 1024 * 1024,
      signal: running.signal,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`);
  }
}

/** The environment of every child: no npm or pnpm setting inherited from a `pnpm test` around us. */
function childEnv(npmrc: string, cache: string): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)));
  return {
    ...clean,
    npm_config_userconfig: npmrc,
    npm_config_cache: cache,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    // `changeset publish` tags each release in the copy's git repository.
    GIT_AUTHOR_NAME: 'volc-release',
    GIT_AUTHOR_EMAIL: 'release@volc-ts.local',
    GIT_COMMITTER_NAME: 'volc-release',
    GIT_COMMITTER_EMAIL: 'release@volc-ts.local',
  };
}

/**
 * What a clean clone has: the files git tracks (and new ones it does not ignore), times kept; less the
 * left-out service packages, their specs and their lockfile entries (the generator's own lockfile sync);
 * less the changesets pending in the workspace, so the first release publishes the versions the
 * manifests hold (step 5 then releases with a changeset of its own).
 */
async function copyWorkspace(to: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const skipped = new Set(leftOut.flatMap((folder) => [folder, `spec/${folder.slice('packages/'.length)}.yaml`]));
  const pendingChangeset = (file: string) => /^\.changeset\/(?!README\.md$)[^/]+\.md$/.test(file);
  const isSkipped = (file: string) =>
    skipped.has(file) || skipped.has(file.split('/').slice(0, 2).join('/')) || pendingChangeset(file);
  for (const file of stdout.split('\0').filter(Boolean)) {
    const from = join(ROOT, file);
    if (!existsSync(from) || isSkipped(file)) continue; // deleted in the working tree, or left out
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(from, join(to, file), { preserveTimestamps: true });
  }
  const lockfile = join(to, 'pnpm-lock.yaml');
  const kept = packages
    .map((p) => folderOf(p.dir))
    .filter((folder) => existsSync(join(to, 'spec', `${folder.slice('packages/'.length)}.yaml`)));
  const synced = syncLockfileText(readFileSync(lockfile, 'utf8'), kept, (path) => existsSync(join(to, path)));
  if (synced !== undefined) writeFileSync(lockfile, synced);
}

/** The build output the clone lacks, copied with its times so that the copy counts as built. */
function copyBuildOutput(to: string): void {
  for (const pkg of packages) {
    const rel = pkg.dir.slice(ROOT.length + 1);
    for (const folder of ['dist', ...(pkg.name === '@volc-ts/mock' ? ['spec'] : [])]) {
      cpSync(join(pkg.dir, folder), join(to, rel, folder), { recursive: true, preserveTimestamps: true });
    }
  }
}

/** The installed directory of `name` as Node would resolve it from `from`. */
function resolvePackageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`cannot resolve ${name} from ${from}`);
  }
}

/**
 * Publishes to the registry the third-party packages that installing `roots` needs (their
 * `dependencies`, all the way down), packed from the workspace's node_modules: with no uplink, the
 * registry has nothing else to give npm.
 */
async function mirrorDependencies(roots: { name: string; dir: string }[], packed: string): Promise<string[]> {
  const seen = new Map<string, string>(); // name@version -> dir
  const ours = new Set<string>(); // workspace packages: published by the release, their dependencies mirrored
  const visit = (dir: string) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) {
      const depDir = resolvePackageDir(dep, dir);
      if (dep.startsWith('@volc-ts/')) {
        if (!ours.has(dep)) {
          ours.add(dep);
          visit(depDir);
        }
        continue;
      }
      const version = (JSON.parse(readFileSync(join(depDir, 'package.json'), 'utf8')) as { version: string }).version;
      if (seen.has(`${dep}@${version}`)) continue;
      seen.set(`${dep}@${version}`, depDir);
      visit(depDir);
    }
  };
  for (const root of roots) {
    if (root.name.startsWith('@volc-ts/')) visit(root.dir);
    else if (!seen.has(root.name)) {
      seen.set(root.name, root.dir);
      visit(root.dir);
    }
  }
  const published: string[] = [];
  for (const dir of seen.values()) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
    // The installed folder as a tarball with npm's layout (everything under package/).
    const tarball = join(packed, `${manifest.name.replace('/', '-')}-${manifest.version}.tgz`);
    await exec('tar', ['-czf', tarball, '-C', dir, '--transform', 's,^\\.,package,', '.'], packed);
    await registry!.publishTarball(manifest, tarball);
    published.push(`${manifest.name}@${manifest.version}`);
  }
  return published;
}

/** The versions of our packages the registry has, by name. */
async function publishedVersions(): Promise<Record<string, string[]>> {
  const versions: Record<string, string[]> = {};
  for (const pkg of packages)
    versions[pkg.name] = Object.keys((await registry!.packument(pkg.name))?.versions ?? {}).sort();
  return versions;
}

/** The version of a workspace package now: what the first release publishes. */
const versionOf = (name: string) => packages.find((p) => p.name === name)?.manifest.version ?? '';
/** The release a new action gets: a patch below 1.0.0 (see .changeset/README.md), a minor from 1.0.0. */
function afterNewAction(version: string): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return major === 0 ? `0.${minor}.${patch + 1}` : `${major}.${minor + 1}.0`;
}
function nextPatch(version: string): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return `${major}.${minor}.${patch + 1}`;
}

const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(join(consumer, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;

beforeAll(async () => {
  await ensureBuilt(packages);
  work = mkdtempSync(join(tmpdir(), 'volc-ts-registry-'));
  copy = join(work, 'volc-ts');
  consumer = join(work, 'consumer');
  for (const dir of [copy, consumer, join(work, 'packed'), join(work, 'npm-cache')])
    mkdirSync(dir, { recursive: true });
  env = childEnv(join(work, 'npmrc'), join(work, 'npm-cache'));
  writeFileSync(join(work, 'npmrc'), ''); // filled once the registry runs
}, 600_000);

afterAll(async () => {
  running.abort();
  await mock?.close();
  await registry?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('release to a local npm registry, install by name', () => {
  it('installs a clean clone of the workspace with no warning to judge', async () => {
    await copyWorkspace(copy);
    const output = await exec(PNPM, ['install', '--offline', '--frozen-lockfile', '--reporter=append-only'], copy);
    expect(output).not.toMatch(/WARN|Ignored build scripts|Failed to create bin|approve-builds/);
    // The mock's bin links before any build: it is a committed launcher of dist/cli.js.
    expect(existsSync(join(copy, 'test/node_modules/.bin/volc-mock'))).toBe(true);
    expect(existsSync(join(copy, 'packages/mock/dist'))).toBe(false);
    // The sample only: a service outside it is not in the copy, neither package nor spec.
    const [outside] = leftOut;
    expect(outside && existsSync(join(copy, outside))).toBe(false);
    expect(outside && existsSync(join(copy, 'spec', `${outside.slice('packages/'.length)}.yaml`))).toBe(false);

    copyBuildOutput(copy);
    await exec('git', ['init', '-q'], copy);
    await exec('git', ['add', '-A'], copy);
    await exec('git', ['commit', '-q', '-m', 'clone'], copy);
  }, 180_000);

  it('publishes every package of the copy with the release command, building nothing twice', async () => {
    registry = await startLocalRegistry(join(work, 'registry'));
    writeFileSync(join(work, 'npmrc'), registry.npmrc());
    env = { ...env, npm_config_registry: registry.url };
    expect(await registry.packument('ky')).toBeUndefined(); // no uplink: nothing but what we publish

    const redis = packages.find((p) => p.name === '@volc-ts/redis')!;
    const mockPkg = packages.find((p) => p.name === '@volc-ts/mock')!;
    const typesNode = { name: '@types/node', dir: resolvePackageDir('@types/node', ROOT) };
    const mirrored = await mirrorDependencies([redis, mockPkg, typesNode], join(work, 'packed'));
    expect(mirrored).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ky@1\./),
        expect.stringMatching(/^ajv@/),
        expect.stringMatching(/^@types\/node@20\./),
      ]),
    );

    const output = await exec(PNPM, ['release'], copy);
    expect(output).toContain('every dist/ is up to date');
    const versions = await publishedVersions();
    for (const pkg of packages) expect(versions[pkg.name], pkg.name).toEqual([versionOf(pkg.name)]);
    // pnpm publish turned the workspace range into a version range.
    const redisVersion = versionOf('@volc-ts/redis');
    const published = (await registry.packument('@volc-ts/redis'))?.versions[redisVersion];
    expect(published?.dependencies?.['@volc-ts/core']).toBe(`^${versionOf('@volc-ts/core')}`);
    expect(published?.dist.tarball.startsWith(registry.url)).toBe(true);
    // changeset publish tagged the release in git.
    expect(await exec('git', ['tag', '--list'], copy)).toContain(`@volc-ts/redis@${redisVersion}`);
  }, 240_000);

  it('installs @volc-ts/redis by name in a fresh project; ESM, CJS and types work against volc-mock', async () => {
    for (const file of readdirSync(join(ROOT, 'test/consumer')))
      cpSync(join(ROOT, 'test/consumer', file), join(consumer, file));
    expect(consumer.startsWith(ROOT)).toBe(false);
    // The user's first command, alone: it must resolve @volc-ts/core and ky from the registry.
    await exec('npm', ['install', '@volc-ts/redis'], consumer);
    expect(installedVersion('@volc-ts/redis')).toBe(versionOf('@volc-ts/redis'));
    expect(installedVersion('@volc-ts/core')).toBe(versionOf('@volc-ts/core'));
    expect(JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8')).dependencies).toEqual({
      '@volc-ts/redis': `^${versionOf('@volc-ts/redis')}`,
    });
    // What the consumers also import, and the types tsc checks them with.
    await exec('npm', ['install', '@volc-ts/core', '@volc-ts/mock', '@types/node@^20'], consumer);

    await exec(TSC, ['-p', join(consumer, 'tsconfig.json')], consumer);
    mock = await startInstalledMock(consumer);
    for (const [file, format] of [
      ['out/esm.mjs', 'esm'],
      ['out/cjs.cjs', 'cjs'],
    ] as const) {
      const output = await exec(process.execPath, [file], consumer, { VOLC_MOCK_URL: mock.url });
      const report = JSON.parse(output.trim().split('\n').pop() ?? '') as {
        format: string;
        total: number;
        firstBackup: string;
        service: { code: string };
      };
      expect(report).toMatchObject({
        format,
        total: 1,
        firstBackup: 'b-cn02xmmrp751i9cdzcphjmk4****',
        service: { code: 'SignatureDoesNotMatch' },
      });
    }
    await mock.close();
  }, 240_000);

  it('publishes a spec change as the next version, and npm update brings the new action', async () => {
    // A new action in the redis spec, with its own input schema.
    const specFile = join(copy, 'spec/redis.yaml');
    const spec = readFileSync(specFile, 'utf8');
    const action = `  /?Action=DescribeReleaseProbe&Version=2020-12-07:
    post:
      operationId: DescribeReleaseProbe
      summary: Describe release probe.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: "#/components/schemas/DescribeReleaseProbeRequest"
      responses:
        "200":
          description: Success.
          content:
            application/json:
              schema:
                type: object
                required: [ResponseMetadata]
                properties:
                  ResponseMetadata:
                    $ref: "#/components/schemas/ResponseMetadata"
                  Result:
                    type: object
        default:
          $ref: "#/components/responses/Error"
`;
    const schema = `    DescribeReleaseProbeRequest:
      type: object
      properties:
        InstanceId:
          type: string
          description: The instance to probe.
`;
    expect(spec).toContain('\npaths:\n');
    expect(spec).toContain('\n  schemas:\n');
    writeFileSync(
      specFile,
      spec.replace('\npaths:\n', `\npaths:\n${action}`).replace('\n  schemas:\n', `\n  schemas:\n${schema}`),
    );

    const bump = await exec(PNPM, ['exec', 'tsx', 'generator/src/cli.ts', 'bump', '--base', 'HEAD', '--write'], copy);
    const redisNext = afterNewAction(versionOf('@volc-ts/redis'));
    const mockNext = nextPatch(versionOf('@volc-ts/mock'));
    expect(bump).toMatch(
      redisNext.startsWith('0.') ? /@volc-ts\/redis: patch \(minor change/ : /@volc-ts\/redis: minor/,
    );
    const output = await exec(PNPM, ['release'], copy);
    expect(output).toMatch(/built .*@volc-ts\/redis/);
    const versions = await publishedVersions();
    expect(versions['@volc-ts/redis']).toEqual([versionOf('@volc-ts/redis'), redisNext]);
    expect(versions['@volc-ts/mock']).toEqual([versionOf('@volc-ts/mock'), mockNext]);
    expect(versions['@volc-ts/core']).toEqual([versionOf('@volc-ts/core')]);

    await exec('npm', ['update'], consumer);
    expect(installedVersion('@volc-ts/redis')).toBe(redisNext);
    expect(installedVersion('@volc-ts/mock')).toBe(mockNext);

    writeFileSync(
      join(consumer, 'probe.mts'),
      `import { MOCK_CREDENTIALS } from '@volc-ts/mock';
import { RedisClient, type DescribeReleaseProbeRequest } from '@volc-ts/redis';
import { createRequire } from 'node:module';

const input: DescribeReleaseProbeRequest = { InstanceId: 'redis-probe' };
const client = new RedisClient({ region: 'cn-beijing', endpoint: process.env.VOLC_MOCK_URL!, credentials: MOCK_CREDENTIALS, maxAttempts: 1 });
const result = await client.describeReleaseProbe(input);
const cjs = createRequire(import.meta.url)('@volc-ts/redis') as typeof import('@volc-ts/redis');
console.log(JSON.stringify({ requestId: result.$metadata.RequestId, cjs: typeof new cjs.RedisClient({ region: 'cn-beijing' }).describeReleaseProbe }));
`,
    );
    await exec(
      TSC,
      ['probe.mts', '--module', 'nodenext', '--target', 'es2022', '--strict', '--types', 'node', '--outDir', 'out'],
      consumer,
    );
    mock = await startInstalledMock(consumer);
    const output2 = await exec(process.execPath, ['out/probe.mjs'], consumer, { VOLC_MOCK_URL: mock.url });
    expect(JSON.parse(output2.trim().split('\n').pop() ?? '')).toEqual({
      requestId: expect.stringMatching(/\S/),
      cjs: 'function',
    });
  }, 300_000);
});
