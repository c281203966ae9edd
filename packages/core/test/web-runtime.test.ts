/**
 * Core in a runtime that only has web APIs: the package is bundled for the browser with esbuild and run
 * in a fresh `vm` context that has fetch, Web Crypto, URL, TextEncoder, AbortController and timers, but
 * no `process`, no `require` and no Node modules. The client still signs (with Web Crypto), sends through
 * ky and parses, against the same loopback server; browser-like hosts get no User-Agent.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRequest } from './helpers/reference-signer.js';
import { ACCESS_KEY_ID, credentials, SECRET_ACCESS_KEY, SecretWatch } from './helpers/secrets.js';
import { sendEnvelope, startServer, type TestServer } from './helpers/server.js';

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
const watch = new SecretWatch();
let bundle: string;
let server: TestServer;

type CoreModule = typeof import('../src/index.js');

beforeAll(async () => {
  const result = await build({
    stdin: { contents: "export * from './index.ts';", resolveDir: srcDir, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'VolcCore',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]!.text;
  server = await startServer((request, response) => {
    watch.learnAuthorization(request.headers.authorization);
    const verdict = verifyRequest(request, { [ACCESS_KEY_ID]: SECRET_ACCESS_KEY });
    if (!verdict.ok)
      sendEnvelope(response, request, {
        status: 401,
        error: { Code: 'SignatureDoesNotMatch', Message: String(verdict.reason) },
      });
    else sendEnvelope(response, request, { result: { Echo: JSON.parse(request.body || '{}') as unknown } });
  });
});
afterAll(async () => {
  await server?.close();
  watch.assertClean();
});

function webOnlyContext(extra: Record<string, unknown> = {}): CoreModule & { context: vm.Context } {
  const context = vm.createContext({
    fetch,
    crypto: globalThis.crypto,
    Request,
    Response,
    Headers,
    URL,
    URLSearchParams,
    TextEncoder,
    TextDecoder,
    AbortController,
    AbortSignal,
    DOMException,
    Event,
    EventTarget,
    ReadableStream,
    FormData,
    Blob,
    setTimeout,
    clearTimeout,
    console,
    ...extra,
  });
  vm.runInContext(bundle, context);
  return { ...(context as { VolcCore: CoreModule }).VolcCore, context };
}

describe('web-only runtime', () => {
  it('the browser bundle has no static Node imports', () => {
    expect(bundle).not.toMatch(/\brequire\(\s*["']/);
    expect(bundle).not.toMatch(/from\s*["']node:/);
    expect(bundle).toContain('getBuiltinModule');
  });

  it('signs the issue vector with Web Crypto only', async () => {
    const core = webOnlyContext();
    expect(vm.runInContext('[typeof process, typeof require, typeof Buffer].join()', core.context)).toBe(
      'undefined,undefined,undefined',
    );
    const headers = await core.signRequest(
      {
        method: 'POST',
        host: 'redis.cn-beijing.volcengineapi.com',
        query: { Action: 'DescribeCrossRegionBackups', Version: '2020-12-07' },
        body: '{"InstanceId":"redis-cnlfabcdef123456","PageNumber":1,"PageSize":10,"Scope":"OneInstance"}',
      },
      {
        accessKeyId: 'AKLTexampleaccesskeyid000000000000',
        secretAccessKey: 'WkdFeGFtcGxlU2VjcmV0S2V5MDAwMDAwMDAwMDAwMDAwMA==',
      },
      { service: 'redis', region: 'cn-beijing', date: new Date('2025-01-02T03:04:05Z') },
    );
    expect(headers.Authorization).toMatch(
      /Signature=3986b07e2cc9e60122646ab9fbf8d0c22340118afb94dced48ef31462f73c625$/,
    );
  });

  it('runs a whole call through ky and fetch', async () => {
    const core = webOnlyContext();
    const client = new core.VolcClient({ service: 'redis', global: false }, { endpoint: server.url, credentials });
    const op = {
      action: 'DescribeThings',
      version: '2020-12-07',
      method: 'POST',
      protocol: 'json',
      serialize: core.serializeJson,
    } as const;
    const result = await client.send(op, { PageSize: 5 });
    expect(result).toEqual({ Echo: { PageSize: 5 } });
    expect(server.requests.at(-1)!.headers['user-agent']).toMatch(/^volc-ts\/\S+ redis\/unknown js$/);
  });

  it('sets no User-Agent in a browser-like host, and still reports typed errors', async () => {
    const core = webOnlyContext({ window: { document: {} } });
    const client = new core.VolcClient(
      { service: 'redis', global: false },
      { endpoint: server.url, credentials: { ...credentials, secretAccessKey: 'wrong-secret-for-this-test' } },
    );
    expect(client.config.userAgent).toBeUndefined();
    const op = {
      action: 'DescribeThings',
      version: '2020-12-07',
      method: 'POST',
      protocol: 'json',
      serialize: core.serializeJson,
    } as const;
    const error = await watch.rejection(client.send(op, {}));
    expect(error.name).toBe('VolcServiceError');
    expect((error as { code?: string }).code).toBe('SignatureDoesNotMatch');
    expect(core.isVolcServiceError(error)).toBe(true);
    expect(String(server.requests.at(-1)!.headers['user-agent'] ?? '')).not.toContain('volc-ts');
  });

  it('explains that the config file cannot be read here', async () => {
    const core = webOnlyContext();
    const error = await watch.rejection(core.fromConfigFile()());
    expect(error.name).toBe('VolcCredentialsError');
    expect(error.message).toContain('files cannot be read in this runtime');
  });
});
