/**
 * The transports on their own, against real servers on 127.0.0.1: everything the client's loop relies on
 * (keep-alive reuse, a reset on a reused connection, refused connections, deadlines before the headers
 * and during the body, abort), redirects never followed, bounded bodies (declared, chunked, gzip bomb),
 * each over node:http and over ky + fetch; then the same rules through the client.
 */
import { brotliCompressSync, createGzip, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DeadlineReached,
  defaultTransport,
  TransportError,
  VolcClient,
  VolcNetworkError,
  VolcRedirectError,
  VolcResponseTooLargeError,
  type HttpRequest,
  type HttpTransport,
} from '../src/index.js';
import { createFetchTransport } from '../src/transport/fetch.js';
import { describeThings } from './helpers/operations.js';
import { credentials, SecretWatch, SESSION_TOKEN, sessionCredentials } from './helpers/secrets.js';
import { sendEnvelope, startServer, type Handler, type TestServer } from './helpers/server.js';

const TRANSPORTS: readonly { name: string; make: () => HttpTransport }[] = [
  { name: 'node:http', make: () => defaultTransport({ proxy: false }) },
  { name: 'fetch, called directly', make: () => defaultTransport({ fetch: (input, init) => fetch(input, init) }) },
  // What browsers use (default.browser.ts): held to the same rules.
  { name: 'ky over fetch', make: () => createFetchTransport((input, init) => fetch(input, init)) },
];

const watch = new SecretWatch();
let server: TestServer;
/** A second origin, standing for whatever host a redirect names. */
let elsewhere: TestServer;
/** Client-side port of the connection each request came on, in order. */
let ports: number[] = [];

const envelope: Handler = (request, response) => {
  ports.push(response.socket?.remotePort ?? -1);
  sendEnvelope(response, request, { result: { Items: ['x'] }, requestId: 'rid-ok' });
};

beforeAll(async () => {
  server = await startServer(envelope);
  elsewhere = await startServer(envelope);
});
afterEach(() => {
  server.requests.length = 0;
  elsewhere.requests.length = 0;
  ports = [];
  server.setHandler(envelope);
});
afterAll(async () => {
  await server.close();
  await elsewhere.close();
  watch.assertClean();
});

const post = (extra: Partial<HttpRequest> = {}): HttpRequest => ({
  url: `${server.url}/?Action=DescribeThings&Version=2020-12-07`,
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: '{}',
  timeout: 5000,
  ...extra,
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    watch.error(error);
    return error;
  }
  throw new Error('expected a rejection');
}

/** A handler that sends `total` bytes of zeros gzip-compressed, as fast as the socket takes them. */
function gzipBomb(total: number, sent: { bytes: number }): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    const gzip = createGzip();
    gzip.on('data', (chunk: Buffer) => (sent.bytes += chunk.length));
    gzip.pipe(response);
    const zeros = Buffer.alloc(1024 * 1024);
    let written = 0;
    const pump = () => {
      while (written < total && !response.destroyed) {
        written += zeros.length;
        if (!gzip.write(zeros)) return void gzip.once('drain', pump);
      }
      gzip.end();
    };
    response.on('close', () => gzip.destroy());
    pump();
  };
}

describe('node:http: the request line and Host of URLs it parses itself or through URL', () => {
  // A plain URL (the client's) skips new URL(); others (a dot segment, characters to encode) are parsed:
  // the server must see what URL would have sent either way.
  const cases = [
    ['/?Action=DescribeThings&Version=2020-12-07', '/', 'Action=DescribeThings&Version=2020-12-07'],
    ['/a/b?X=%2F&Y=1', '/a/b', 'X=%2F&Y=1'],
    ['/a/./b/../c?X=1', '/a/c', 'X=1'],
    ["/?X='a b'", '/', 'X=%27a%20b%27'],
  ] as const;
  it.each(cases)('%s', async (suffix, path, rawQuery) => {
    server.setHandler((request, response) => sendEnvelope(response, request, { result: {} }));
    const send = TRANSPORTS[0]!.make();
    const port = new URL(server.url).port;
    // Twice: the first request parses the origin, the second reuses it.
    for (const _ of [1, 2]) await send(post({ url: `${server.url}${suffix}` }));
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.path).toBe(path);
      expect(request.rawQuery).toBe(rawQuery);
      expect(request.headers.host).toBe(`127.0.0.1:${port}`);
    }
  });
});

for (const { name, make } of TRANSPORTS) {
  describe(`transport over ${name}`, () => {
    it('returns status, headers and the whole body, reusing one kept-alive connection', async () => {
      const send = make();
      for (let i = 0; i < 3; i++) {
        const response = await send(post());
        expect(response.status).toBe(200);
        expect(response.headers.get('CONTENT-TYPE')).toBe('application/json');
        expect(JSON.parse(response.text)).toMatchObject({ Result: { Items: ['x'] } });
      }
      expect(ports).toHaveLength(3);
      // undici may open a second connection while it releases the first; node:http's agent never does.
      expect(new Set(ports).size).toBeLessThanOrEqual(name === 'node:http' ? 1 : 2);
    });

    it('decodes gzip, deflate and br bodies', async () => {
      const payload = JSON.stringify({
        ResponseMetadata: { RequestId: 'rid-gz' },
        Result: { Text: '中文 '.repeat(2000) },
      });
      const send = make();
      for (const [encoding, encode] of [
        ['gzip', gzipSync],
        ['deflate', deflateSync],
        ['br', brotliCompressSync],
      ] as const) {
        server.setHandler((_request, response) => {
          response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding });
          response.end(encode(payload));
        });
        expect((await send(post())).text, encoding).toBe(payload);
      }
    });

    it('sends nothing when the signal has already aborted', async () => {
      const controller = new AbortController();
      const reason = new Error('before');
      controller.abort(reason);
      expect(await rejection(make()(post({ signal: controller.signal })))).toBe(reason);
      expect(server.requests).toHaveLength(0);
    });

    it('fails a reset on a reused connection as a network error whose request may have been sent', async () => {
      const send = make();
      await send(post());
      server.setHandler((_request, response) => void response.socket?.destroy());
      const error = await rejection(send(post()));
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ kind: 'network', requestSent: true });
      if (name === 'node:http') expect(error).toMatchObject({ reusedConnection: true });
    });

    it('tells that a refused connection sent nothing', async () => {
      const closed = await startServer(envelope);
      await closed.close();
      const error = await rejection(make()(post({ url: `${closed.url}/` })));
      expect(error).toBeInstanceOf(TransportError);
      expect(error).toMatchObject({ kind: 'network', requestSent: false, code: 'ECONNREFUSED' });
    });

    it('rejects with DeadlineReached when the headers are late, and when the body stalls', async () => {
      // Answers after 1 s: the 150 ms deadline must come first. Both timers run in this process, the
      // client's set first and due first, so the order holds however slow the machine is.
      server.setHandler((request, response) => {
        const timer = setTimeout(() => sendEnvelope(response, request, { result: {} }), 1000);
        response.on('close', () => clearTimeout(timer));
      });
      expect(await rejection(make()(post({ timeout: 150 })))).toBeInstanceOf(DeadlineReached);

      let closed = false;
      server.setHandler((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
        response.write('{"ResponseMetadata":');
        response.on('close', () => (closed = true));
      });
      expect(await rejection(make()(post({ timeout: 200 })))).toBeInstanceOf(DeadlineReached);
      await expect.poll(() => closed).toBe(true);
    });

    it("rejects with the signal's reason when aborted mid-request", async () => {
      server.setHandler(() => {});
      const controller = new AbortController();
      const reason = new Error('stop');
      setTimeout(() => controller.abort(reason), 50);
      expect(await rejection(make()(post({ signal: controller.signal })))).toBe(reason);
    });

    for (const status of [301, 302, 307, 308]) {
      it(`refuses a ${status} redirect, naming the Location's origin, and sends nothing there`, async () => {
        server.setHandler((_request, response) => {
          response.writeHead(status, { Location: `${elsewhere.url}/steal?token=x` });
          response.end();
        });
        const error = await rejection(make()(post({ headers: { 'X-Security-Token': SESSION_TOKEN } })));
        expect(error).toBeInstanceOf(TransportError);
        expect(error).toMatchObject({ kind: 'redirect', status, locationOrigin: elsewhere.url });
        expect(elsewhere.requests).toHaveLength(0);
      });
    }

    it('stops at maxResponseBytes: declared, chunked, and after decompression', async () => {
      const send = make();
      server.setHandler((_request, response) => {
        response.writeHead(200, { 'Content-Length': String(2 * 1024 * 1024) });
        response.write(Buffer.alloc(1024));
      });
      expect(await rejection(send(post({ maxResponseBytes: 1024 * 1024 })))).toMatchObject({
        kind: 'too-large',
        limit: 1024 * 1024,
        status: 200,
      });

      server.setHandler((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' }); // chunked, no length
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const timer = setInterval(() => response.write(chunk), 1);
        response.on('close', () => clearInterval(timer));
      });
      expect(await rejection(send(post({ maxResponseBytes: 256 * 1024 })))).toMatchObject({
        kind: 'too-large',
        limit: 256 * 1024,
      });

      // 4 GiB of zeros gzip to about 4 MB: reading must stop at the limit, long before.
      const sent = { bytes: 0 };
      server.setHandler(gzipBomb(4 * 1024 ** 3, sent));
      const before = process.memoryUsage();
      expect(await rejection(send(post({ maxResponseBytes: 1024 * 1024 })))).toMatchObject({ kind: 'too-large' });
      // How early the read stopped is measured in bytes the server got out, not in time.
      const after = process.memoryUsage();
      expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(
        128 * 1024 * 1024,
      );
      expect(sent.bytes).toBeLessThan((4 * 1024 ** 3) / 100);
    });
  });

  describe(`client over ${name}`, () => {
    const client = (config: ConstructorParameters<typeof VolcClient>[1] = {}) =>
      new VolcClient(
        { service: 'redis', global: false },
        { endpoint: server.url, credentials, transport: make(), retryDelays: { baseDelay: 5 }, ...config },
      );

    it('throws VolcRedirectError for a 307 once, without retrying or re-sending the body or token elsewhere', async () => {
      server.setHandler((_request, response) => {
        response.writeHead(307, { Location: `${elsewhere.url}/` });
        response.end();
      });
      const error = await rejection(
        client({ credentials: sessionCredentials }).send(describeThings, { InstanceId: 'r-1' }),
      );
      expect(error).toBeInstanceOf(VolcRedirectError);
      expect(error).toMatchObject({ status: 307, locationOrigin: elsewhere.url, retryable: false });
      expect((error as Error).message).toContain(`HTTP 307 with a redirect to ${elsewhere.url}`);
      expect(server.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    });

    it('refuses an https -> http downgrade the same way', async () => {
      server.setHandler((_request, response) => {
        response.writeHead(301, { Location: 'http://downgraded.example/' });
        response.end();
      });
      const error = await rejection(client().send(describeThings, {}));
      expect(error).toMatchObject({ name: 'VolcRedirectError', locationOrigin: 'http://downgraded.example' });
    });

    it('throws VolcResponseTooLargeError once, with the gateway request id, not retried', async () => {
      server.setHandler((_request, response) => {
        response.writeHead(500, { 'Content-Length': String(1024 * 1024), 'X-Tt-Logid': 'rid-big' });
        response.end(Buffer.alloc(1024 * 1024));
      });
      const error = await rejection(client({ maxResponseBytes: 1000 }).send(describeThings, {}));
      expect(error).toBeInstanceOf(VolcResponseTooLargeError);
      expect(error).toMatchObject({ limit: 1000, status: 500, requestId: 'rid-big', retryable: false });
      expect(server.requests).toHaveLength(1);
    });

    it('reports requestSent on network errors: false for a refused connection', async () => {
      const closed = await startServer(envelope);
      await closed.close();
      const error = await rejection(client({ endpoint: closed.url, maxAttempts: 1 }).send(describeThings, {}));
      expect(error).toBeInstanceOf(VolcNetworkError);
      expect(error).toMatchObject({ requestSent: false, code: 'ECONNREFUSED' });
    });
  });
}

// Issue 22 item 10: node:http and fetch (undici) must read the same bytes the same way. Each case is sent
// to both; the outcome (status and text, or the kind of failure) must be equal, and equal to what is expected.
describe('the same answer over node:http and fetch', () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  const json = (text: string) => Buffer.from(text);
  const nested = (times: number, payload: string) =>
    Array.from({ length: times }).reduce<Buffer>((bytes) => gzipSync(bytes), Buffer.from(payload));
  type Outcome = { status: number; text: string } | { failed: string; requestSent: boolean };
  const cases: readonly {
    name: string;
    status: number;
    headers: Record<string, string>;
    body: Buffer;
    expected: Outcome;
  }[] = [
    {
      name: 'a 500 with gzip and an empty body',
      status: 500,
      headers: { 'Content-Encoding': 'gzip' },
      body: Buffer.alloc(0),
      expected: { status: 500, text: '' },
    },
    {
      name: 'a 503 with deflate and an empty body',
      status: 503,
      headers: { 'Content-Encoding': 'deflate' },
      body: Buffer.alloc(0),
      expected: { status: 503, text: '' },
    },
    {
      name: 'a 502 with br and an empty body',
      status: 502,
      headers: { 'Content-Encoding': 'br' },
      body: Buffer.alloc(0),
      expected: { status: 502, text: '' },
    },
    {
      name: 'a 204 with gzip',
      status: 204,
      headers: { 'Content-Encoding': 'gzip' },
      body: Buffer.alloc(0),
      expected: { status: 204, text: '' },
    },
    {
      name: 'a UTF-8 BOM before a 200 body',
      status: 200,
      headers: {},
      body: Buffer.concat([BOM, json('{"a":1}')]),
      expected: { status: 200, text: '{"a":1}' },
    },
    {
      name: 'a UTF-8 BOM before a 400 body',
      status: 400,
      headers: {},
      body: Buffer.concat([BOM, json('{"e":2}')]),
      expected: { status: 400, text: '{"e":2}' },
    },
    {
      name: 'a BOM inside a gzip body',
      status: 200,
      headers: { 'Content-Encoding': 'gzip' },
      body: gzipSync(Buffer.concat([BOM, json('{"a":3}')])),
      expected: { status: 200, text: '{"a":3}' },
    },
    {
      name: 'two BOMs (only the first is dropped)',
      status: 200,
      headers: {},
      body: Buffer.concat([BOM, BOM, json('{}')]),
      expected: { status: 200, text: '\ufeff{}' },
    },
    {
      name: 'a truncated gzip body',
      status: 200,
      headers: { 'Content-Encoding': 'gzip' },
      body: gzipSync('{"a":1234567890}').subarray(0, 15),
      expected: { status: 200, text: '{"a"' },
    },
    {
      name: 'raw deflate (no zlib header)',
      status: 200,
      headers: { 'Content-Encoding': 'deflate' },
      body: deflateRawSync('{"a":4}'),
      expected: { status: 200, text: '{"a":4}' },
    },
    {
      name: 'two codings (gzip, br)',
      status: 200,
      headers: { 'Content-Encoding': 'gzip, br' },
      body: brotliCompressSync(gzipSync('{"a":5}')),
      expected: { status: 200, text: '{"a":5}' },
    },
    {
      name: 'five codings',
      status: 200,
      headers: { 'Content-Encoding': 'gzip,gzip,gzip,gzip,gzip' },
      body: nested(5, '{"a":6}'),
      expected: { status: 200, text: '{"a":6}' },
    },
    {
      name: 'six codings (refused)',
      status: 200,
      headers: { 'Content-Encoding': 'gzip,gzip,gzip,gzip,gzip,gzip' },
      body: nested(6, '{}'),
      expected: { failed: 'network', requestSent: true },
    },
    {
      name: 'an unknown coding after gzip (left as is)',
      status: 200,
      headers: { 'Content-Encoding': 'gzip, identity' },
      body: gzipSync('{}'),
      expected: { status: 200, text: gzipSync('{}').toString('utf8') },
    },
    {
      name: 'an upper-case coding',
      status: 200,
      headers: { 'Content-Encoding': ' GZIP ' },
      body: gzipSync('{"a":7}'),
      expected: { status: 200, text: '{"a":7}' },
    },
    {
      name: 'a body that is not gzip',
      status: 200,
      headers: { 'Content-Encoding': 'gzip' },
      body: json('not gzip'),
      expected: { failed: 'network', requestSent: true },
    },
  ];

  async function outcome(send: HttpTransport): Promise<Outcome> {
    try {
      const { status, text } = await send(post({ method: 'GET', body: undefined }));
      return { status, text };
    } catch (error) {
      expect(error).toBeInstanceOf(TransportError);
      const { kind, requestSent } = error as TransportError;
      return { failed: kind, requestSent };
    }
  }

  it.each(cases)('$name', async ({ status, headers, body, expected }) => {
    server.setHandler((_request, response) => {
      response.writeHead(status, headers);
      response.end(body);
    });
    const [node, overFetch, overKy] = [
      await outcome(TRANSPORTS[0]!.make()),
      await outcome(TRANSPORTS[1]!.make()),
      await outcome(TRANSPORTS[2]!.make()),
    ];
    expect({ node, overFetch, overKy }).toEqual({ node: expected, overFetch: expected, overKy: expected });
  });

  for (const { name, make } of TRANSPORTS) {
    it(`gives the client the same errors over ${name}: a BOM keeps a 400's code, an empty gzip 500 keeps its status`, async () => {
      const client = new VolcClient(
        { service: 'redis', global: false },
        { endpoint: server.url, credentials, transport: make(), retryDelays: { baseDelay: 1 } },
      );
      server.setHandler((request, response) => {
        response.writeHead(400, { 'Content-Type': 'application/json' });
        response.end(
          Buffer.concat([
            BOM,
            json(
              JSON.stringify({
                ResponseMetadata: {
                  RequestId: 'rid-bom',
                  Action: request.query.get('Action'),
                  Error: { Code: 'InvalidParameter', Message: 'bad' },
                },
              }),
            ),
          ]),
        );
      });
      expect(await rejection(client.send(describeThings, {}))).toMatchObject({
        name: 'VolcServiceError',
        code: 'InvalidParameter',
        requestId: 'rid-bom',
        status: 400,
      });

      server.setHandler((request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(
          Buffer.concat([
            BOM,
            json(
              JSON.stringify({
                ResponseMetadata: { RequestId: 'rid-ok', Action: request.query.get('Action') },
                Result: { Total: 3 },
              }),
            ),
          ]),
        );
      });
      expect(await client.send(describeThings, {})).toEqual({ Total: 3 });

      server.requests.length = 0;
      server.setHandler((_request, response) => {
        response.writeHead(500, { 'Content-Encoding': 'gzip', 'X-Tt-Logid': 'rid-500' });
        response.end();
      });
      const error = await rejection(client.send(describeThings, {}));
      expect(error).toMatchObject({ name: 'VolcResponseError', status: 500, requestId: 'rid-500', retryable: true });
      expect((error as Error).message).toContain('empty body');
      expect(server.requests).toHaveLength(3);
    });
  }
});

describe('node:http transport', () => {
  it('fails a request it cannot build (a header value with a line break) as kind request, nothing sent', async () => {
    const error = await rejection(
      defaultTransport({ proxy: false })(post({ headers: { 'X-Bad': 'a\r\nInjected: 1' } })),
    );
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'request', requestSent: false });
    expect(server.requests).toHaveLength(0);
  });
});

describe('client with a transport of its own', () => {
  it('uses it, passing the attempt timeout and the body limit, and still refuses a 3xx it returns', async () => {
    const seen: HttpRequest[] = [];
    const transport: HttpTransport = async (request) => {
      seen.push(request);
      return { status: 302, headers: new Headers({ Location: 'https://elsewhere.example/x' }), text: '' };
    };
    const client = new VolcClient(
      { service: 'redis', global: false },
      { credentials, transport, timeout: 1234, maxResponseBytes: 4321 },
    );
    const error = await rejection(client.send(describeThings, {}));
    expect(error).toMatchObject({
      name: 'VolcRedirectError',
      status: 302,
      locationOrigin: 'https://elsewhere.example',
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', timeout: 1234, maxResponseBytes: 4321 });
    expect(seen[0]!.url).toBe('https://redis.cn-beijing.volcengineapi.com/?Action=DescribeThings&Version=2020-12-07');
  });

  it('rejects a bad maxResponseBytes at construction', () => {
    expect(() => new VolcClient({ service: 'redis', global: false }, { credentials, maxResponseBytes: 0 })).toThrow(
      /maxResponseBytes must be a positive integer/,
    );
  });
});
