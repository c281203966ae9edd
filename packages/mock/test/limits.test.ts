/**
 * Issue 22 item 2: a long-running mock stays bounded. Request bodies over `maxBodyBytes` (16 MiB by
 * default) are answered 413 with a Volcengine error envelope, and the server stops reading them; the
 * request log keeps the last `maxRecordedRequests` (1000 by default). Loopback only, no timing assertions.
 */
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { describeBackups, REDIS, send, signAndSend, signCall } from './helpers.js';

const repoSpec = fileURLToPath(new URL('../../../spec/', import.meta.url));
const MiB = 1024 * 1024;

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ spec: `${repoSpec}redis.yaml` });
});
afterAll(() => mock.close());

interface Pushed {
  /** The answer as text: status line, headers and body. */
  readonly response: string;
  /** Body bytes the kernel took from this side before the answer came (what the server can have read, at most). */
  readonly accepted: number;
}

/**
 * Sends `head` and then `total` bytes of body over a raw socket, respecting backpressure (a server that
 * stops reading stops the writes), until the whole answer has arrived or the connection closes.
 */
function pushBody(url: string, head: string, total: number, chunked: boolean): Promise<Pushed> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let response = '';
    let accepted = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ response, accepted });
    };
    socket.on('data', (data: Buffer) => {
      response += data.toString('latin1');
      if (answerComplete(response)) finish();
    });
    socket.on('close', finish);
    socket.on('error', () => {});
    socket.write(head);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = (): void => {
      while (!done && sent < total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += piece.length;
        const framed = chunked
          ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')])
          : piece;
        const more = socket.write(framed, (error) => {
          if (!error) accepted += piece.length;
        });
        if (!more) {
          socket.once('drain', pump);
          return;
        }
      }
      if (!done && chunked) socket.write('0\r\n\r\n');
    };
    pump();
  });
}

function answerComplete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end));
  return length !== null && text.length - end - 4 >= Number(length[1]);
}

interface RawAnswer {
  readonly status: number;
  /** The head, lower case. */
  readonly headers: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the mock answered
  readonly json: any;
}

function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0),
    headers: text.slice(0, end).toLowerCase(),
    json: JSON.parse(text.slice(end + 4)),
  };
}

/** The head of a signed JSON POST to DescribeCrossRegionBackups whose body will be `length` bytes. */
function bigHead(length: number | 'chunked'): string {
  const call = signCall(describeBackups({}, { body: '' }));
  const headers: Record<string, string> = { ...call.headers, Host: '127.0.0.1' };
  // The body is not the signed one; the server must refuse it for its size before it looks at the signature.
  delete headers['X-Content-Sha256'];
  if (length === 'chunked') headers['Transfer-Encoding'] = 'chunked';
  else headers['Content-Length'] = String(length);
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `POST ${call.path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

function expectTooLarge(answer: RawAnswer, limit: number): void {
  expect(answer.status).toBe(413);
  expect(answer.headers).toContain('connection: close');
  expect(answer.json.ResponseMetadata).toMatchObject({
    Action: 'DescribeCrossRegionBackups',
    Version: REDIS.version,
    Error: {
      Code: 'RequestEntityTooLarge',
      CodeN: 100021,
      Message: `The request body is larger than the limit of ${limit} bytes.`,
    },
  });
  expect(answer.json.ResponseMetadata.RequestId).toMatch(/^\d{14}[0-9A-F]{20}$/);
}

describe('request bodies', () => {
  it('a 20 MiB body with Content-Length: 413 at once, without reading the body', async () => {
    const total = 20 * MiB;
    const { response, accepted } = await pushBody(mock.url, bigHead(total), total, false);
    expectTooLarge(parseAnswer(response), 16 * MiB);
    // The server stopped reading: the kernel took at most its socket buffers, far from the whole body.
    expect(accepted).toBeLessThan(total / 2);
    const recorded = mock.requests.at(-1);
    expect(recorded).toMatchObject({ status: 413, errorCode: 'RequestEntityTooLarge', body: '' });
  });

  it('a chunked body: 413 once the limit is crossed, and no further reading', async () => {
    const limit = 64 * 1024;
    const small = await startMockServer({ spec: `${repoSpec}redis.yaml`, maxBodyBytes: limit });
    try {
      const total = 20 * MiB;
      const { response, accepted } = await pushBody(small.url, bigHead('chunked'), total, true);
      expectTooLarge(parseAnswer(response), limit);
      expect(accepted).toBeLessThan(total / 2);
      expect(small.requests).toHaveLength(1);
    } finally {
      await small.close();
    }
  });

  it('a body of exactly the limit is read; one byte more is refused', async () => {
    const body = JSON.stringify({ Scope: 'AccountInstances', BackupPointName: 'x' });
    const small = await startMockServer({ spec: `${repoSpec}redis.yaml`, maxBodyBytes: body.length });
    try {
      expect((await signAndSend(small.url, describeBackups({}, { body }))).status).toBe(200);
      const over = await signAndSend(small.url, describeBackups({}, { body: `${body} ` }));
      expect(over.status).toBe(413);
      expect(over.json.ResponseMetadata.Error.Code).toBe('RequestEntityTooLarge');
      expect(small.requests.map((r) => r.status)).toEqual([200, 413]);
    } finally {
      await small.close();
    }
  });

  it('refuses a limit that is not a non-negative integer', async () => {
    await expect(startMockServer({ spec: `${repoSpec}redis.yaml`, maxBodyBytes: -1 })).rejects.toThrow(
      /maxBodyBytes must be a non-negative integer/,
    );
    await expect(startMockServer({ spec: `${repoSpec}redis.yaml`, maxRecordedRequests: 1.5 })).rejects.toThrow(
      /maxRecordedRequests must be a non-negative integer or Infinity/,
    );
  });
});

describe('the request log', () => {
  it('keeps the last 1000 requests by default, however many calls come (2,500 here)', async () => {
    mock.reset();
    const calls = 2_500;
    const signed = (i: number) => signCall(describeBackups({ Scope: 'AccountInstances', BackupPointName: `n${i}` }));
    let next = 0;
    // 16 calls in flight over keep-alive connections; each call is signed once and sent as is.
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < calls - 1) {
          const answer = await send(mock.url, signed(next++));
          expect(answer.status).toBe(200);
        }
      }),
    );
    expect(mock.requests.length).toBe(1000);
    // The last call sent alone is the newest record; the first calls are gone.
    await send(mock.url, signed(calls - 1));
    expect(mock.requests.length).toBe(1000);
    const names = mock.requests.map((r) => r.input?.BackupPointName);
    expect(names.at(-1)).toBe(`n${calls - 1}`);
    expect(new Set(names).size).toBe(1000);
    expect(names).not.toContain('n0');
    expect(mock.requestsFor('DescribeCrossRegionBackups')).toHaveLength(1000);
  }, 60_000);

  it('keeps the last maxRecordedRequests, oldest first; 0 keeps none', async () => {
    const three = await startMockServer({ spec: `${repoSpec}redis.yaml`, maxRecordedRequests: 3 });
    const none = await startMockServer({ spec: `${repoSpec}redis.yaml`, maxRecordedRequests: 0 });
    try {
      for (let i = 0; i < 5; i++) {
        const call = describeBackups({ Scope: 'AccountInstances', BackupPointName: `n${i}` });
        expect((await signAndSend(three.url, call)).status).toBe(200);
        expect((await signAndSend(none.url, call)).status).toBe(200);
      }
      expect(three.requests.map((r) => r.input?.BackupPointName)).toEqual(['n2', 'n3', 'n4']);
      expect(none.requests).toEqual([]);
      three.reset();
      expect(three.requests).toEqual([]);
    } finally {
      await Promise.all([three.close(), none.close()]);
    }
  });
});
