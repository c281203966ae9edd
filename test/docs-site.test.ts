/**
 * The API reference as a reader uses it: the TypeDoc site (docs/build.mjs, `pnpm api-docs`) is served on
 * loopback and opened in headless Chromium; the search box finds `describeCrossRegionBackups`, and the
 * page it leads to shows the method's summary, the rules its input must follow, the example and the
 * errors; the request type's page (a type alias over its Members interface and rule unions) shows its
 * rules and its members' docs and constraints, as the Members interface's own page does. A screenshot of the method
 * is kept as artifacts/api-reference-describeCrossRegionBackups.png.
 *
 * Uses docs/api when it holds a reference of @volc-ts/redis newer than the sources (`.ci/run` builds it
 * for core and redis first), or the site VOLC_DOCS_SITE names (a full `pnpm api-docs` build, say);
 * otherwise builds the reference of core and redis into a temp folder. Needs Chromium like
 * test/browser.test.ts (skipped with a warning without it, except under CI).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/packages.js';

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
const SCREENSHOT = join(ROOT, 'artifacts/api-reference-describeCrossRegionBackups.png');
/** The method's own panel on the RedisClient page (TypeDoc: a member section headed by its anchor). */
const METHOD = 'section.tsd-member:has(> h3#describecrossregionbackups)';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

let site = '';
let scratch = '';
let server: Server | undefined;
let browser: Browser | undefined;
let tab: Page | undefined;
let baseUrl = '';

function newestMtime(path: string): number {
  const stat = statSync(path);
  return stat.isDirectory()
    ? Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
    : stat.mtimeMs;
}

/** docs/api when it documents redis and is newer than what it is built from; undefined otherwise. */
function prebuiltSite(): string | undefined {
  const dir = join(ROOT, 'docs/api');
  const index = join(dir, 'modules/_volc-ts_redis.html');
  if (!existsSync(index)) return undefined;
  const inputs = ['packages/core/src', 'packages/redis/src', 'docs/build.mjs', 'docs/typedoc-plugin.mjs'].map((p) =>
    newestMtime(join(ROOT, p)),
  );
  return statSync(index).mtimeMs > Math.max(...inputs) ? dir : undefined;
}

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI)
  throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
if (!haveChromium)
  console.warn(
    `SKIPPED the API reference test: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );

beforeAll(async () => {
  if (!haveChromium) return;
  site = process.env.VOLC_DOCS_SITE ?? prebuiltSite() ?? '';
  if (!site) {
    scratch = mkdtempSync(join(tmpdir(), 'volc-docs-site-'));
    site = join(scratch, 'api');
    await promisify(execFile)(process.execPath, [join(ROOT, 'docs/build.mjs'), '--out', site, 'core', 'redis'], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
  }
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(site, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(site) || !existsSync(file) || statSync(file).isDirectory()) res.writeHead(404).end();
    else
      res
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  tab = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.runIf(haveChromium)('API reference site', () => {
  it('finds describeCrossRegionBackups by search; its page shows summary, rules, example and errors', async () => {
    const page = tab!;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(baseUrl);
    await page.click('#tsd-search-trigger');
    await page.fill('#tsd-search-input', 'describeCrossRegionBackups');
    const results = page.locator('#tsd-search-results li a');
    await results.first().waitFor({ timeout: 15_000 });
    const hits = await results.evaluateAll((links) =>
      links.map((a) => ({ text: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })),
    );
    const method = hits.find((h) => /RedisClient\.html#describecrossregionbackups$/.test(h.href));
    expect(method, JSON.stringify(hits)).toBeDefined();

    await page.locator(`#tsd-search-results a[href="${method!.href}"]`).click();
    await page.waitForURL(/RedisClient\.html#describecrossregionbackups$/);
    const section = page.locator(METHOD);
    await section.scrollIntoViewIfNeeded();
    const text = (await section.innerText()).replace(/\s+/g, ' ');
    // Summary, example and errors from the generated TSDoc.
    expect(text).toContain('Query the list of cross-region backup files.');
    expect(text).toMatch(/Example.*client\.describeCrossRegionBackups\(\{/);
    expect(text).toMatch(/Throws VolcValidationError: the input breaks a spec rule, nothing is sent/);
    expect(text).toMatch(/VolcServiceError: Volcengine answers with an error, code is a RedisErrorCode/);
    // The input's rules, on the method's own page: those that tie members together (the generated
    // summary, compile-time and run-time apart), and each member's own constraints in the plugin's
    // Rules section, read from the request's Members interface behind the type alias.
    expect(text).toContain(
      'Rules the compiler checks (this type accepts only inputs that keep them): StartTime requires EndTime.',
    );
    expect(text).toContain('InstanceId is required when Scope is OneInstance or not set.');
    expect(text).toContain(
      'Rules checked at run time, before the request is sent: EndTime must be later than StartTime (types cannot compare values).',
    );
    const rules = (await section.locator('.tsd-tag-rules').innerText()).replace(/\s+/g, ' ');
    expect(rules).toMatch(/^Rules Checked before anything is sent .*from DescribeCrossRegionBackupsRequest:/);
    expect(rules).toMatch(/PageSize: Integer \(int32[^)]*\), from 1 to 100\. .*Required when PageNumber is set/);
    expect(rules).toMatch(/EndTime: String, a UTC time written yyyy-MM-ddTHH:mm:ssZ\. Pattern: \^\\d\{4\}/);

    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await section.screenshot({ path: SCREENSHOT });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    // The site is self-contained: the browser asked nothing of any other host.
    expect(requests.filter((url) => !url.startsWith(baseUrl))).toEqual([]);
  }, 120_000);

  /** Each member with its description and constraints, and the closed enum as a union. */
  function expectMemberDocs(text: string) {
    expect(text).toMatch(/PageSize\?: number/);
    expect(text).toContain('Number of records per page, from 1 to 100.');
    expect(text).toContain('Required when PageNumber is set.');
    expect(text).toMatch(/Integer \(int32[^)]*\), from 1 to 100\./);
    // TypeScript orders a union's members its own way.
    const scope = /Scope\?: ("\w+"(?: \| "\w+")*)/.exec(text)?.[1]?.split(' | ').sort();
    expect(scope).toEqual(['"AccountInstances"', '"DestroyedInstances"', '"OneInstance"']);
    expect(text).toMatch(/Default\s*"OneInstance"/);
  }

  it('documents the request type: its rules, and each member with its description and constraints', async () => {
    const page = tab!;
    await page.locator(`${METHOD} .tsd-signature a:text-is("DescribeCrossRegionBackupsRequest")`).first().click();
    await page.waitForURL(/DescribeCrossRegionBackupsRequest\.html/);
    // A type alias over the Members interface and the rule unions: its page lists the members itself.
    const text = (await page.locator('.col-content').innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Filters and paging for the cross-region backup list.');
    expect(text).toContain('PageNumber requires PageSize.');
    const members = (await page.locator('.tsd-tag-members').innerText()).replace(/\s+/g, ' ');
    expect(members).toMatch(/^Members Every member of DescribeCrossRegionBackupsRequestMembers:/);
    expectMemberDocs(members);

    // The Members interface, one click on, is a regular interface page with the same docs.
    await page.locator('.tsd-tag-members a:text-is("DescribeCrossRegionBackupsRequestMembers")').click();
    await page.waitForURL(/DescribeCrossRegionBackupsRequestMembers\.html/);
    expectMemberDocs((await page.locator('.col-content').innerText()).replace(/\s+/g, ' '));
  }, 60_000);
});
