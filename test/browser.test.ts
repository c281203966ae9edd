/**
 * The generated client and the runtime in a browser: test/browser/main.ts (RedisClient +
 * describeCrossRegionBackups) is bundled with esbuild from the built packages, as a user's bundler
 * would, served on loopback, and run in headless Chromium against volc-mock (CORS on), with the mock's
 * test key pair. The page has only fetch and Web Crypto; the test counts that both were used.
 *
 * The code-split one-call program (test/browser/standalone-run.ts) is served chunk by chunk, as an
 * app's bundler ships it, and the test records which chunks a successful and a failing call fetch.
 *
 * Needs Debian's `chromium` (/usr/bin/chromium; CHROMIUM_PATH overrides it): `.ci/run` installs it,
 * locally `apt-get install -y chromium`. Needs built packages like test/pack.test.ts (built if stale).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { MOCK_CREDENTIALS, startMockServer, type MockServer } from '@volc-ts/mock';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Chunk, chunksOf, holdsKy, packageOf } from '../bench/lib/chunks.js';
import { ensureBuilt, publishedPackages, ROOT } from './helpers/packages.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Resolves `@volc-ts/redis` to the built package; its own imports (core, ky) resolve as in an install. */
const builtRedis: Plugin = {
  name: 'built-redis',
  setup(b) {
    b.onResolve({ filter: /^@volc-ts\/redis$/ }, () => ({ path: join(ROOT, 'packages/redis/dist/index.js') }));
  },
};

/** esbuild options for `entry` bundled for a page from the built packages, minified, as a user's bundler would. */
function pageBuild(entry: string) {
  return {
    entryPoints: [join(ROOT, 'test/browser', entry)],
    bundle: true,
    format: 'esm' as const,
    platform: 'browser' as const,
    target: 'es2022',
    minify: true,
    write: false as const,
    metafile: true as const,
    logLevel: 'silent' as const,
    plugins: [builtRedis],
  };
}

async function bundle(entry: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build(pageBuild(entry));
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

/** `entry` bundled as an app's bundler does it: code-split, each dynamic import a chunk of its own. */
async function splitBundle(entry: string): Promise<Chunk[]> {
  const outdir = join(ROOT, 'test/.tmp/browser-split'); // names the chunks; nothing is written
  const result = await build({ ...pageBuild(entry), splitting: true, outdir, absWorkingDir: ROOT });
  return chunksOf(result.outputFiles, result.metafile, { workingDir: ROOT, outdir });
}

/** A page that sets the program's config, then loads the bundle. */
function page(config: object, script = '/bundle.js'): string {
  return `<!doctype html><meta charset="utf-8"><title>volc-ts</title>
<script>window.volcTestConfig = ${JSON.stringify(config)};</script>
<script type="module" src="${script}"></script>`;
}

/** Counts the page's use of fetch, Web Crypto and XMLHttpRequest; runs before any script of the page. */
function countApis(): void {
  const usage = { fetch: 0, subtle: 0, xhr: 0 };
  (window as unknown as { volcTestUsage: typeof usage }).volcTestUsage = usage;
  const fetch = window.fetch.bind(window);
  window.fetch = (...args: Parameters<typeof window.fetch>) => {
    usage.fetch++;
    return fetch(...args);
  };
  const subtle = crypto.subtle as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['digest', 'importKey', 'sign']) {
    const original = subtle[name]!.bind(crypto.subtle);
    subtle[name] = (...args: unknown[]) => {
      usage.subtle++;
      return original(...args);
    };
  }
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: Parameters<typeof open>) {
    usage.xhr++;
    return open.apply(this, args);
  } as typeof open;
}

let mock: MockServer | undefined;
let server: Server | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  const packages = publishedPackages().filter((p) => p.name === '@volc-ts/redis');
  await ensureBuilt(packages);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await mock?.close();
});

// CI (.ci/run installs Chromium) must run this test; a developer machine without Chromium skips it, loudly.
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI)
  throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
if (!haveChromium)
  console.warn(
    `SKIPPED the browser test: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );

describe.runIf(haveChromium)('in a browser', () => {
  it('runs a RedisClient call in headless Chromium against volc-mock, with only fetch and Web Crypto', async () => {
    const { code, inputs } = await bundle('main.ts');
    // The bundle is made of the built packages, not of their sources.
    expect(inputs.some((i) => i.includes('packages/redis/dist/'))).toBe(true);
    expect(inputs.some((i) => i.includes('packages/core/dist/'))).toBe(true);
    expect(inputs.filter((i) => i.includes('/src/'))).toEqual([]);
    console.log(`browser bundle of one RedisClient call: ${(code.length / 1024).toFixed(1)} kB minified`);

    mock = await startMockServer({ port: 0 });
    server = createServer((req, res) => {
      if (req.url === '/bundle.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
      else if (req.url === '/')
        res.writeHead(200, { 'content-type': 'text/html' }).end(page({ endpoint: mock!.url, ...MOCK_CREDENTIALS }));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    const tab = await browser.newPage();
    const pageErrors: string[] = [];
    tab.on('pageerror', (error) => pageErrors.push(error.message));
    await tab.addInitScript(countApis);
    await tab.goto(pageUrl);
    await tab.waitForFunction(
      () => (window as unknown as { volcTestResult?: unknown }).volcTestResult !== undefined,
      undefined,
      { timeout: 15_000 },
    );
    const result = await tab.evaluate(() => (window as unknown as { volcTestResult: unknown }).volcTestResult);
    const usage = await tab.evaluate(() => (window as unknown as { volcTestUsage: unknown }).volcTestUsage);

    expect(pageErrors).toEqual([]);
    expect(result).toEqual({
      ok: true,
      requestId: expect.stringMatching(/\S/),
      total: 1,
      firstBackup: 'b-cn02xmmrp751i9cdzcphjmk4****',
    });
    expect(usage).toMatchObject({ fetch: 1, xhr: 0 });
    expect((usage as { subtle: number }).subtle).toBeGreaterThan(0);

    // The mock saw one signed call, sent by Chromium from the page's origin.
    const calls = mock.requestsFor('DescribeCrossRegionBackups');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      status: 200,
      accessKeyId: MOCK_CREDENTIALS.accessKeyId,
      input: { Scope: 'AccountInstances', PageNumber: 1, PageSize: 10 },
    });
    expect(calls[0]!.headers['user-agent']).toMatch(/Chrome/);
    expect(calls[0]!.headers.origin).toBe(pageUrl.replace(/\/$/, ''));
    expect(calls[0]!.requestId).toBe((result as { requestId: string }).requestId);
  }, 120_000);

  it('bundles only the imported action when the base client and standalone functions are used', async () => {
    const [full, standalone] = await Promise.all([bundle('main.ts'), bundle('standalone.ts')]);
    console.log(
      `standalone action bundle: ${(standalone.code.length / 1024).toFixed(1)} kB minified (full client: ${(full.code.length / 1024).toFixed(1)} kB)`,
    );
    expect(standalone.code).toContain('DescribeCrossRegionBackups');
    // Another action of the package is in the full client's bundle, and not in the standalone one.
    expect(full.code).toContain('ModifyDBInstanceName');
    expect(standalone.code).not.toContain('ModifyDBInstanceName');
    // Every action of the package is in the full client, and no action but the imported one in the standalone.
    const present = (code: string) =>
      redisActions().filter((action) => ['"', "'", '`'].some((q) => code.includes(`${q}${action}${q}`)));
    expect(present(full.code)).toEqual(redisActions());
    expect(present(standalone.code)).toEqual(['DescribeCrossRegionBackups']);
  }, 60_000);
});

/** The page and every chunk of a split build, by name, on loopback; logs what was asked for. */
interface ChunkSite {
  readonly url: string;
  /** Chunk names requested, in order (404s included); each page run empties it first. */
  readonly fetched: string[];
  /** Chunks answered with 404, as after a deploy that removed them. */
  missing: ReadonlySet<string>;
  close(): Promise<void>;
}

async function serveChunks(chunks: readonly Chunk[], config: object): Promise<ChunkSite> {
  const entry = chunks.find((c) => c.entry)!;
  const byName = new Map(chunks.map((c) => [`/${c.name}`, c]));
  const fetched: string[] = [];
  const site = {
    url: '',
    fetched,
    missing: new Set<string>() as ReadonlySet<string>,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page(config, `/${entry.name}`));
      return;
    }
    const chunk = byName.get(req.url ?? '');
    if (chunk) fetched.push(chunk.name);
    if (!chunk || site.missing.has(chunk.name)) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(chunk.contents);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return site;
}

interface PageRun {
  readonly result: { ok: boolean; isError?: boolean; name?: string; code?: unknown; message?: string };
  /** The program's own `isServiceError` check applied to what the call threw. */
  readonly isServiceError: boolean;
  readonly fetched: string[];
  readonly pageErrors: string[];
  readonly unhandled: string[];
}

describe.runIf(haveChromium)('a code-split browser app', () => {
  let chunks: Chunk[] = [];
  let splitMock: MockServer | undefined;
  let site: ChunkSite | undefined;
  let splitBrowser: Browser | undefined;

  beforeAll(async () => {
    chunks = await splitBundle('standalone-run.ts');
    splitMock = await startMockServer({ port: 0 });
    site = await serveChunks(chunks, { endpoint: splitMock.url, ...MOCK_CREDENTIALS });
    splitBrowser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    console.log(
      `code-split standalone program: ${chunks.map((c) => `${c.name} (${c.initial ? 'initial' : 'lazy'}: ${c.label})`).join('; ')}`,
    );
  }, 120_000);

  afterAll(async () => {
    await splitBrowser?.close();
    await site?.close();
    await splitMock?.close();
  });

  /** Loads the page in a fresh context (no cache) and waits for the program's outcome. */
  async function run(): Promise<PageRun> {
    site!.fetched.length = 0;
    const context = await splitBrowser!.newContext();
    try {
      const tab = await context.newPage();
      const pageErrors: string[] = [];
      tab.on('pageerror', (error) => pageErrors.push(error.message));
      await tab.addInitScript(() => {
        const unhandled: string[] = [];
        (window as unknown as { volcUnhandled: string[] }).volcUnhandled = unhandled;
        window.addEventListener('unhandledrejection', (event) => unhandled.push(String(event.reason)));
      });
      await tab.goto(site!.url);
      await tab.waitForFunction(
        () => (window as unknown as { volcTestResult?: unknown }).volcTestResult !== undefined,
        undefined,
        { timeout: 15_000 },
      );
      const entry = `/${chunks.find((c) => c.entry)!.name}`;
      // The same module instance the page ran (same URL), so its check and its classes. A string, so
      // that vitest does not rewrite the import() for Node.
      const outcome = (await tab.evaluate(
        `import(${JSON.stringify(entry)}).then((program) => ({
          result: window.volcTestResult,
          isServiceError: program.isServiceError(window.volcTestError),
          unhandled: window.volcUnhandled,
        }))`,
      )) as Omit<PageRun, 'fetched' | 'pageErrors'>;
      return { ...outcome, fetched: [...site!.fetched], pageErrors };
    } finally {
      await context.close();
    }
  }

  const chunkNamed = (name: string) => chunks.find((c) => c.name === name)!;
  // The chunk of core's failure path (call-failure.ts, imported by on-demand.split.ts on a call's first failure).
  const failureChunks = () => chunks.filter((c) => !c.initial && c.coreModules.includes('call-failure.ts'));
  // The debug log's chunk(s): fetched only when the `debug` level is on, which these programs leave off.
  const debugChunks = () => chunks.filter((c) => !c.initial && c.coreModules.includes('call-debug.ts'));

  it('fetches only the initial chunks and ky for a call that succeeds', async () => {
    splitMock!.reset();
    const { result, fetched, pageErrors, unhandled } = await run();
    console.log(`chunks fetched by a successful call: ${fetched.join(', ')}`);

    expect(pageErrors).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(result).toEqual({
      ok: true,
      requestId: expect.stringMatching(/\S/),
      total: 1,
      firstBackup: 'b-cn02xmmrp751i9cdzcphjmk4****',
    });
    expect(splitMock!.requestsFor('DescribeCrossRegionBackups')).toMatchObject([{ status: 200 }]);

    // Every initial chunk and ky's (imported by the fetch transport on its first send), nothing else
    // than the program, @volc-ts/redis, @volc-ts/core and ky.
    const kyChunks = chunks.filter((c) => !c.initial && holdsKy(c));
    expect(kyChunks.length).toBeGreaterThan(0);
    for (const chunk of [...chunks.filter((c) => c.initial), ...kyChunks]) expect(fetched).toContain(chunk.name);
    const packages = new Set(fetched.flatMap((name) => Object.keys(chunkNamed(name).inputs).map(packageOf)));
    expect([...packages].sort()).toEqual(['@volc-ts/core', '@volc-ts/redis', 'ky', 'the program']);

    const failure = failureChunks();
    expect(failure).toHaveLength(1);
    expect(fetched).not.toContain(failure[0]!.name);
  }, 60_000);

  it('rejects a failing call with the typed error, the same class the program imported', async () => {
    splitMock!.reset();
    splitMock!.failNext('DescribeCrossRegionBackups', { code: 'AccessDenied' });
    const { result, isServiceError, fetched, pageErrors, unhandled } = await run();
    console.log(`chunks fetched by a failing call: ${fetched.join(', ')}`);

    expect(pageErrors).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(result).toMatchObject({ ok: false, isError: true, name: 'VolcServiceError', code: 'AccessDenied' });
    expect(result.message).toContain('AccessDenied');
    expect(result.message).not.toContain(MOCK_CREDENTIALS.secretAccessKey);
    expect(isServiceError).toBe(true);
    expect(splitMock!.requestsFor('DescribeCrossRegionBackups')).toMatchObject([{ status: 403 }]);
    expect(failureChunks()).toHaveLength(1);
    expect(fetched).toContain(failureChunks()[0]!.name);
    expect(debugChunks().length).toBeGreaterThan(0);
    for (const chunk of debugChunks()) expect(fetched).not.toContain(chunk.name);
  }, 60_000);

  it('still rejects with a VolcError naming the call and its status when the lazy chunks other than ky are gone', async () => {
    splitMock!.reset();
    splitMock!.failNext('DescribeCrossRegionBackups', { code: 'AccessDenied' });
    const gone = chunks.filter((c) => !c.initial && !holdsKy(c)).map((c) => c.name);
    site!.missing = new Set(gone);
    try {
      const { result, fetched, pageErrors, unhandled } = await run();
      console.log(
        `lazy chunks answered 404: ${gone.join(', ') || 'none (no lazy chunk but ky)'}; fetched: ${fetched.join(', ')}; ` +
          `the call rejected with ${result.name}: ${result.message}`,
      );
      expect(pageErrors).toEqual([]);
      expect(unhandled).toEqual([]);
      // The failure path's chunk was asked for and could not be loaded: the call still rejects with a
      // VolcError that names the call and its status, and why it could not say more.
      expect(result).toMatchObject({ ok: false, isError: true, name: 'VolcError' });
      expect(fetched).toContain(failureChunks()[0]!.name);
      expect(result.message).toMatch(
        /^redis DescribeCrossRegionBackups \(HTTP 403\) failed, and volc-ts could not load the module that reports failures: .*import/,
      );
    } finally {
      site!.missing = new Set();
    }
  }, 60_000);
});

/** The action names of @volc-ts/redis, read from its operation descriptors (one file per action). */
function redisActions(): string[] {
  const dir = join(ROOT, 'packages/redis/src/operations');
  return readdirSync(dir)
    .map((file) => /\baction: '(\w+)'/.exec(readFileSync(join(dir, file), 'utf8'))?.[1])
    .filter((action): action is string => action !== undefined)
    .sort();
}
