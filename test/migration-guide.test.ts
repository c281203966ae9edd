/**
 * The migration guide's programs (docs/migrating-from-volcengine-sdk.md, each fence after a
 * `<!-- program: <file> -->` line) are compiled under strict and run against volc-mock: the "before"
 * programs with the official SDKs that bench/ installs, the "after" ones with @volc-ts/redis. The only
 * change made to them is the mock's port in place of 8787.
 *
 * `@volcengine/redis` (the official generated Redis client) is not on npm; a stand-in written the way
 * the official generator writes its clients (a `RedisClient` extending sdk-core's `Client`, a Command
 * per action carrying its meta path) takes its place, on the real `@volcengine/sdk-core`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_CREDENTIALS, startMockServer, type MockServer } from '@volc-ts/mock';
import { ensureBuilt, publishedPackages, ROOT } from './helpers/packages.js';

const run = promisify(execFile);
const GUIDE = join(ROOT, 'docs/migrating-from-volcengine-sdk.md');

/** The programs of the guide, by file name. */
function programs(): Map<string, string> {
  const text = readFileSync(GUIDE, 'utf8');
  return new Map(
    [...text.matchAll(/<!-- program: (\S+) -->\n```ts\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!] as const),
  );
}

// The official generator's output for one action, on @volcengine/sdk-core (see the file comment).
const OFFICIAL_REDIS_JS = `import { Client, Command, buildRequestConfigFromMetaPath } from '@volcengine/sdk-core';

export class RedisClient extends Client {
  constructor(config = {}) {
    super({ protocol: 'https', region: 'cn-beijing', ...config });
  }
}

export class DescribeCrossRegionBackupsCommand extends Command {
  static metaPath = '/DescribeCrossRegionBackups/2020-12-07/redis/post/application_json/';
  constructor(input) {
    super(input);
    this.requestConfig = buildRequestConfigFromMetaPath(DescribeCrossRegionBackupsCommand.metaPath);
  }
}
`;
const OFFICIAL_REDIS_DTS = `import { Client, Command, type ClientConfig, type CommandOutput } from '@volcengine/sdk-core';

export interface DescribeCrossRegionBackupsRequest {
  InstanceId?: string;
  Scope?: string;
  PageNumber?: number;
  PageSize?: number;
}
export interface DescribeCrossRegionBackupsResponse {
  Total?: number;
  Backups?: { BackupPointId?: string }[];
}
export type DescribeCrossRegionBackupsCommandOutput = CommandOutput<DescribeCrossRegionBackupsResponse>;

export declare class RedisClient extends Client {
  constructor(config?: ClientConfig);
}
export declare class DescribeCrossRegionBackupsCommand extends Command<
  DescribeCrossRegionBackupsRequest,
  DescribeCrossRegionBackupsCommandOutput,
  'DescribeCrossRegionBackupsCommand'
> {
  static readonly metaPath: string;
  constructor(input: DescribeCrossRegionBackupsRequest);
}
`;

let mock: MockServer;
let work = '';
const outputs = new Map<string, string>();

beforeAll(async () => {
  await ensureBuilt(publishedPackages().filter((p) => p.name === '@volc-ts/redis'));
  mock = await startMockServer();
  const port = new URL(mock.url).port;
  // Under bench/, so that its node_modules (the official SDKs, @volc-ts/redis, @types/node) resolve.
  mkdirSync(join(ROOT, 'bench/.tmp'), { recursive: true });
  work = mkdtempSync(join(ROOT, 'bench/.tmp/migration-'));
  const official = join(work, 'node_modules/@volcengine/redis');
  mkdirSync(official, { recursive: true });
  writeFileSync(
    join(official, 'package.json'),
    JSON.stringify({
      name: '@volcengine/redis',
      type: 'module',
      exports: { '.': { types: './index.d.ts', default: './index.js' } },
    }),
  );
  writeFileSync(join(official, 'index.js'), OFFICIAL_REDIS_JS);
  writeFileSync(join(official, 'index.d.ts'), OFFICIAL_REDIS_DTS);
  for (const [file, source] of programs())
    writeFileSync(join(work, file), source.replaceAll('127.0.0.1:8787', `127.0.0.1:${port}`));
  writeFileSync(join(work, 'package.json'), '{ "type": "module", "private": true }\n');
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        types: ['node'],
        outDir: 'out',
        skipLibCheck: true,
      },
      include: ['*.mts'],
    }),
  );
}, 300_000);

afterAll(async () => {
  await mock?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the migration guide', () => {
  it('has the before and after programs', () => {
    expect([...programs().keys()].sort()).toEqual([
      'after-errors.mts',
      'after-paginate.mts',
      'after.mts',
      'before-generated.mts',
      'before-openapi.mts',
    ]);
  });

  it('its programs compile under strict', async () => {
    await run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(work, 'tsconfig.json')], { cwd: work }).catch(
      (error: { stdout?: string }) => {
        throw new Error(`tsc failed:\n${error.stdout}`);
      },
    );
  }, 120_000);

  it.each(['before-generated', 'before-openapi', 'after', 'after-paginate', 'after-errors'])(
    '%s runs against volc-mock',
    async (name) => {
      const env = {
        ...process.env,
        VOLCSTACK_ACCESS_KEY_ID: MOCK_CREDENTIALS.accessKeyId,
        VOLCSTACK_SECRET_ACCESS_KEY: MOCK_CREDENTIALS.secretAccessKey,
        VOLC_ACCESSKEY: MOCK_CREDENTIALS.accessKeyId,
        VOLC_SECRETKEY: MOCK_CREDENTIALS.secretAccessKey,
        VOLCENGINE_ACCESS_KEY: '',
        VOLCENGINE_SECRET_KEY: '',
      };
      const { stdout, stderr } = await run(process.execPath, [join(work, 'out', `${name}.mjs`)], { cwd: work, env });
      outputs.set(name, `${stdout}${stderr}`.trim());
    },
    60_000,
  );

  it('before and after print the same result from the same answer', () => {
    const line = /^1 \S+$/;
    expect(outputs.get('before-generated')).toMatch(line);
    expect(outputs.get('before-openapi')).toMatch(line);
    expect(outputs.get('after')).toMatch(line);
    expect(outputs.get('after-paginate')).toBe('1');
    expect(outputs.get('after-errors')).toContain('InstanceId');
    // Three requests of the two SDKs, each answered by the mock after it checked the signature.
    expect(
      mock.requestsFor('DescribeCrossRegionBackups').filter((r) => r.status === 200).length,
    ).toBeGreaterThanOrEqual(4);
  });
});
