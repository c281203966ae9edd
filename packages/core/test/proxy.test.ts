/**
 * Proxies on the Node transport, through a real proxy server (the `proxy` package) on 127.0.0.1: an http
 * endpoint goes through it in absolute form, an https endpoint through a CONNECT tunnel; the far side
 * verifies every signature. Proxies come from the `proxy` option, `HTTP(S)_PROXY` with `NO_PROXY`, and
 * the official SDK's `VOLC_PROXY_*`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProxy } from 'proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { VolcClient, VolcNetworkError, type ClientConfig } from '../src/index.js';
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
        Action: 'DescribeThings',
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
