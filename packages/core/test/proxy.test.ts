/**
 * Proxies on the Node transport, through a real proxy server (the `proxy` package) on 127.0.0.1: an http
 * endpoint goes through it in absolute form, an https endpoint through a CONNECT tunnel; the far side
 * verifies every signature. Proxies come from the `proxy` option, `HTTP(S)_PROXY` with `NO_PROXY`, and
 * the official SDK's `VOLC_PROXY_*`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createProxy } from 'proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VolcClient, VolcError, VolcNetworkError, type ClientConfig } from '../src/index.js';
import { describeThings } from './helpers/operations.js';
import { verifyRequest } from './helpers/reference-signer.js';
import { ACCESS_KEY_ID, credentials, SECRET_ACCESS_KEY } from './helpers/secrets.js';

interface Seen {
  readonly host: string | undefined;
  readonly signedHeaders: string | undefined;
}

/** An endpoint that answers only correctly signed requests; records what it saw. */
function endpointHandler(seen: Seen[]) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const verdict = verifyRequest(
        {
          method: req.method ?? 'GET',
          path: q < 0 ? url : url.slice(0, q),
          rawQuery: q < 0 ? '' : url.slice(q + 1),
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        },
        { [ACCESS_KEY_ID]: SECRET_ACCESS_KEY },
      );
      seen.push({
        host: req.headers.host,
        signedHeaders: /SignedHeaders=([^,]+)/.exec(String(req.headers.authorization))?.[1],
      });
      const metadata = {
        RequestId: 'rid-proxied',
        Action: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)).get('Action'),
        Version: '2020-12-07',
        Service: 'redis',
        Region: 'cn-beijing',
      };
      res.writeHead(verdict.ok ? 200 : 401, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          verdict.ok
            ? { ResponseMetadata: metadata, Result: { Items: ['via'] } }
            : { ResponseMetadata: { ...metadata, Error: { Code: 'SignatureDoesNotMatch', Message: verdict.reason } } },
        ),
      );
    });
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });

const seenHttp: Seen[] = [];
const seenHttps: Seen[] = [];
let httpEndpoint: Server;
let httpsEndpoint: Server;
let proxyServer: Server;
let httpUrl: string;
let httpsUrl: string;
let proxyUrl: string;
let proxyPort: number;
/** What the proxy was asked: `GET http://...` lines for absolute form, `CONNECT host:port` for tunnels. */
const proxied: string[] = [];
let certDir: string;

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), 'volc-proxy-test-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      join(certDir, 'key.pem'),
      '-out',
      join(certDir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  httpEndpoint = createHttpServer(endpointHandler(seenHttp));
  httpsEndpoint = createHttpsServer(
    { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) },
    endpointHandler(seenHttps),
  );
  httpUrl = `http://127.0.0.1:${await listen(httpEndpoint)}`;
  httpsUrl = `https://127.0.0.1:${await listen(httpsEndpoint)}`;
  proxyServer = createProxy(createHttpServer());
  proxyServer.prependListener('request', (req: IncomingMessage) => proxied.push(`${req.method} ${req.url}`));
  proxyServer.prependListener('connect', (req: IncomingMessage) => proxied.push(`CONNECT ${req.url}`));
  proxyPort = await listen(proxyServer);
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
});

afterEach(() => {
  vi.unstubAllEnvs();
  proxied.length = 0;
  seenHttp.length = 0;
  seenHttps.length = 0;
});

afterAll(async () => {
  await Promise.all([close(httpEndpoint), close(httpsEndpoint as unknown as Server), close(proxyServer)]);
  rmSync(certDir, { recursive: true, force: true });
});

/** A client with no proxy variables around it but those the test sets. */
function client(endpoint: string, config: ClientConfig = {}): VolcClient {
  return new VolcClient({ service: 'redis', global: false }, { endpoint, credentials, maxAttempts: 1, ...config });
}

function clearProxyEnv(): void {
  for (const name of [
    'HTTPS_PROXY',
    'https_proxy',
    'HTTP_PROXY',
    'http_proxy',
    'ALL_PROXY',
    'all_proxy',
    'NO_PROXY',
    'no_proxy',
    'VOLC_PROXY_HOST',
    'VOLC_PROXY_PORT',
    'VOLC_PROXY_PROTOCOL',
  ]) {
    vi.stubEnv(name, '');
  }
}

/** The https endpoint's certificate is self-signed; trust it for the duration of `fn` only. */
async function trustingSelfSigned<T>(fn: () => Promise<T>): Promise<T> {
  vi.stubEnv('NODE_TLS_REJECT_UNAUTHORIZED', '0');
  try {
    return await fn();
  } finally {
    vi.stubEnv('NODE_TLS_REJECT_UNAUTHORIZED', '1');
  }
}

describe('proxies on the Node transport', () => {
  it('sends an http endpoint through the proxy option in absolute form; the far side verifies the signature', async () => {
    clearProxyEnv();
    const result = await client(httpUrl, { proxy: proxyUrl }).send(describeThings, { InstanceId: 'r-1' });
    expect(result.Items).toEqual(['via']);
    expect(proxied).toEqual([
      expect.stringMatching(new RegExp(`^POST ${httpUrl}/\\?Action=DescribeThings&Version=2020-12-07$`)),
    ]);
    expect(seenHttp).toEqual([
      { host: httpUrl.slice('http://'.length), signedHeaders: 'host;x-content-sha256;x-date' },
    ]);
  });

  it('tunnels an https endpoint through HTTPS_PROXY with CONNECT', async () => {
    clearProxyEnv();
    vi.stubEnv('HTTPS_PROXY', proxyUrl);
    const result = await trustingSelfSigned(() => client(httpsUrl).send(describeThings, {}));
    expect(result.$metadata.RequestId).toBe('rid-proxied');
    expect(proxied).toEqual([`CONNECT ${httpsUrl.slice('https://'.length)}`]);
    expect(seenHttps).toHaveLength(1);
  });

  it('reads lower-case http_proxy, and honours NO_PROXY', async () => {
    clearProxyEnv();
    vi.stubEnv('http_proxy', proxyUrl);
    await client(httpUrl).send(describeThings, {});
    expect(proxied).toHaveLength(1);

    proxied.length = 0;
    vi.stubEnv('NO_PROXY', 'example.com,127.0.0.1');
    await client(httpUrl).send(describeThings, {});
    expect(proxied).toHaveLength(0);
    expect(seenHttp).toHaveLength(2);
  });

  it("reads the official SDK's VOLC_PROXY_HOST / VOLC_PROXY_PORT / VOLC_PROXY_PROTOCOL", async () => {
    clearProxyEnv();
    vi.stubEnv('VOLC_PROXY_HOST', '127.0.0.1');
    vi.stubEnv('VOLC_PROXY_PORT', String(proxyPort));
    vi.stubEnv('VOLC_PROXY_PROTOCOL', 'http');
    await trustingSelfSigned(() => client(httpsUrl).send(describeThings, {}));
    expect(proxied).toEqual([`CONNECT ${httpsUrl.slice('https://'.length)}`]);
  });

  it('goes direct with proxy: false whatever the environment says', async () => {
    clearProxyEnv();
    vi.stubEnv('HTTP_PROXY', 'http://127.0.0.1:9');
    await client(httpUrl, { proxy: false }).send(describeThings, {});
    expect(proxied).toHaveLength(0);
    expect(seenHttp).toHaveLength(1);
  });

  it('reports an unreachable proxy as a network error that sent nothing, without its credentials', async () => {
    clearProxyEnv();
    const error = await client(httpsUrl, { proxy: 'http://user:proxy-secret@127.0.0.1:9' })
      .send(describeThings, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcNetworkError);
    expect(error).toMatchObject({ requestSent: false, code: 'ECONNREFUSED' });
    expect(String((error as Error).message)).not.toContain('proxy-secret');
  });

  it('rejects a proxy URL that is not http(s) at construction', () => {
    expect(() => client(httpUrl, { proxy: 'socks5://127.0.0.1:1080' })).toThrow(/only http and https proxies/);
    expect(() => client(httpUrl, { proxy: proxyUrl, fetch })).toThrow(/needs the Node transport/);
  });
});

/** Listens on the IPv6 loopback, for `http://[::1]:port` endpoints. */
async function listenV6(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
  return (server.address() as AddressInfo).port;
}

// Issue 22 item 9: what broke proxies: NO_PROXY with IPv6, a % in the password, a bundled app.
describe('proxy details', () => {
  let v6Endpoint: Server;
  let v6Url: string;
  let v6Port: number;
  /** A proxy that wants `Proxy-Authorization: Basic` for user `volc` and the password in `password`. */
  let authProxy: Server;
  let authProxyPort: number;
  const password = { expected: '' };
  const authorizations: (string | undefined)[] = [];

  beforeAll(async () => {
    v6Endpoint = createHttpServer(endpointHandler(seenHttp));
    v6Port = await listenV6(v6Endpoint);
    v6Url = `http://[::1]:${v6Port}`;
    const server = createProxy(createHttpServer()) as Server & {
      authenticate?: (req: IncomingMessage) => boolean;
    };
    server.authenticate = (req) => {
      const header = req.headers['proxy-authorization'];
      authorizations.push(header);
      return header === `Basic ${Buffer.from(`volc:${password.expected}`).toString('base64')}`;
    };
    server.prependListener('request', (req: IncomingMessage) => proxied.push(`${req.method} ${req.url}`));
    server.prependListener('connect', (req: IncomingMessage) => proxied.push(`CONNECT ${req.url}`));
    authProxy = server;
    authProxyPort = await listen(authProxy);
  });
  afterEach(() => {
    authorizations.length = 0;
  });
  afterAll(async () => {
    await Promise.all([close(v6Endpoint), close(authProxy)]);
  });

  it.each(['::1', '[::1]', 'PORT', '0:0:0:0:0:0:0:1', 'example.com, ::1'])(
    'honours NO_PROXY=%s for http://[::1]:port',
    async (noProxy) => {
      clearProxyEnv();
      vi.stubEnv('HTTP_PROXY', proxyUrl);
      vi.stubEnv('NO_PROXY', noProxy === 'PORT' ? `[::1]:${v6Port}` : noProxy);
      const result = await client(v6Url).send(describeThings, {});
      expect(result.Items).toEqual(['via']);
      expect(proxied).toEqual([]);
      expect(seenHttp).toHaveLength(1);
    },
  );

  it('still proxies [::1] when NO_PROXY names it with another port', async () => {
    clearProxyEnv();
    vi.stubEnv('HTTP_PROXY', proxyUrl);
    vi.stubEnv('NO_PROXY', `[::1]:${v6Port === 1 ? 2 : 1},::2`);
    await client(v6Url).send(describeThings, {});
    expect(proxied).toEqual([`POST ${v6Url}/?Action=DescribeThings&Version=2020-12-07`]);
  });

  it.each([
    ['a lone % kept as written', 'volc:50%off%2', '50%off%2'],
    ['percent-escapes decoded', 'volc:p%40ss%25', 'p@ss%'],
  ])('sends a proxy password with %s', async (_, userinfo, expected) => {
    clearProxyEnv();
    password.expected = expected;
    const proxy = `http://${userinfo}@127.0.0.1:${authProxyPort}`;
    const result = await client(httpUrl, { proxy }).send(describeThings, {});
    expect(result.Items).toEqual(['via']);
    expect(proxied).toHaveLength(1);

    vi.stubEnv('HTTPS_PROXY', proxy);
    const tunnelled = await trustingSelfSigned(() => client(httpsUrl).send(describeThings, {}));
    expect(tunnelled.Items).toEqual(['via']);
    expect(proxied).toEqual([expect.stringMatching(/^POST /), `CONNECT ${httpsUrl.slice('https://'.length)}`]);
  });

  it('reports a refused proxy login once, naming the proxy and its answer, never the password', async () => {
    clearProxyEnv();
    password.expected = 'right';
    for (const endpoint of [httpUrl, httpsUrl]) {
      proxied.length = 0;
      const error = await trustingSelfSigned(() =>
        client(endpoint, { proxy: `http://volc:wr%ong-secret@127.0.0.1:${authProxyPort}`, maxAttempts: 3 })
          .send(describeThings, {})
          .catch((e: unknown) => e),
      );
      expect(error, endpoint).toBeInstanceOf(VolcError);
      const message = (error as Error).message;
      expect(message).toContain(`proxy http://127.0.0.1:${authProxyPort}`);
      expect(message).toContain('407');
      expect(JSON.stringify(error)).not.toContain('ong-secret');
      expect(message).not.toContain('ong-secret');
      expect(error).toMatchObject({ retryable: false });
      expect(proxied, endpoint).toHaveLength(1);
    }
  });
});

describe('a proxy variable that cannot be used', () => {
  it('fails the call once, naming the variable and never its credentials', async () => {
    clearProxyEnv();
    vi.stubEnv('ALL_PROXY', 'socks5://volc:socks-secret@127.0.0.1:1080');
    const error = await client(httpUrl, { maxAttempts: 3 })
      .send(describeThings, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcNetworkError);
    expect(error).toMatchObject({ retryable: false, requestSent: false, attempts: 1 });
    expect((error as Error).message).toContain('ALL_PROXY: only http and https proxies are supported (got socks5:)');
    expect((error as Error).message).not.toContain('socks-secret');
    expect(seenHttp).toHaveLength(0);
  });
});

/**
 * A serverless-style single file: esbuild bundles a program with every dependency (platform node, as ES
 * module and as CommonJS), which then runs from a folder with no node_modules, through the proxy the
 * environment names.
 */
describe('a single-file bundle behind a proxy', () => {
  const packages = fileURLToPath(new URL('../../', import.meta.url));
  const program = (endpoint: string) => `
    import { EcsClient } from '@volc-ts/ecs';
    const ecs = new EcsClient({
      endpoint: ${JSON.stringify(endpoint)},
      region: 'cn-beijing',
      credentials: { accessKeyId: ${JSON.stringify(ACCESS_KEY_ID)}, secretAccessKey: ${JSON.stringify(SECRET_ACCESS_KEY)} },
    });
    ecs.describeInstances({ MaxResults: 10 }).then(
      (result) => console.log(JSON.stringify({ ok: result.$metadata.RequestId })),
      (error) => console.log(JSON.stringify({ failed: String(error && error.message), attempts: error && error.attempts })),
    );
  `;

  async function bundleAndRun(format: 'esm' | 'cjs', endpoint: string, env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'volc-bundle-'));
    try {
      const file = join(dir, format === 'esm' ? 'app.mjs' : 'app.cjs');
      await build({
        stdin: { contents: program(endpoint), resolveDir: packages, loader: 'ts' },
        bundle: true,
        platform: 'node',
        format,
        outfile: file,
        logLevel: 'silent',
        plugins: [
          {
            name: 'workspace-sources',
            setup(b) {
              b.onResolve({ filter: /^@volc-ts\/[^/]+$/ }, (args) => ({
                path: `${packages}${args.path.slice('@volc-ts/'.length)}/src/index.ts`,
              }));
              b.onResolve({ filter: /^@volc-ts\/core\/(errors|internal)$/ }, (args) => ({
                path: `${packages}core/src/${args.path.split('/')[2]}.ts`,
              }));
            },
          },
        ],
        nodePaths: [`${packages}core/node_modules`],
      });
      const output = await new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          [file],
          { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 15_000 },
          (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
        ),
      );
      return JSON.parse(output.trim().split('\n').pop()!) as { ok?: string; failed?: string };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  for (const format of ['esm', 'cjs'] as const) {
    it(`works as ${format} with HTTP_PROXY (absolute form) and HTTPS_PROXY (CONNECT)`, async () => {
      expect(await bundleAndRun(format, httpUrl, { HTTP_PROXY: proxyUrl })).toEqual({ ok: 'rid-proxied' });
      expect(proxied).toEqual([expect.stringMatching(new RegExp(`^GET ${httpUrl}/\\?Action=DescribeInstances&`))]);
      expect(
        await bundleAndRun(format, httpsUrl, { HTTPS_PROXY: proxyUrl, NODE_TLS_REJECT_UNAUTHORIZED: '0' }),
      ).toEqual({ ok: 'rid-proxied' });
      expect(proxied).toEqual([expect.anything(), `CONNECT ${httpsUrl.slice('https://'.length)}`]);
    });
  }
});
