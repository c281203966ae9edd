/**
 * The generated client and the runtime in a browser: test/browser/main.ts (RedisClient +
 * describeCrossRegionBackups) is bundled with esbuild from the built packages, as a user's bundler
 * would, served on loopback, and run in headless Chromium against volc-mock (CORS on), with the mock's
 * test key pair. The page has only fetch and Web Crypto; the test counts that both were used.
 *
 * Needs Debian's `chromium` (/usr/bin/chromium; CHROMIUM_PATH overrides it): `.ci/run` installs it,
 * locally `apt-get install -y chromium`. Needs built packages like test/pack.test.ts (built if stale).
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { MOCK_CREDENTIALS, startMockServer, type MockServer } from '@volc-ts/mock';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

async function bundle(entry: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [join(ROOT, 'test/browser', entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [builtRedis],
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

/** A page that sets the program's config, then loads the bundle. */
function page(config: object): string {
  return `<!doctype html><meta charset="utf-8"><title>volc-ts</title>
<script>window.volcTestConfig = ${JSON.stringify(config)};</script>
<script type="module" src="/bundle.js"></script>`;
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
    expect(standalone.code.length).toBeLessThan(full.code.length / 2);
  }, 60_000);
});
