/**
 * fromOIDC sends the token through core's STS path: an STS that quotes it back in an error Message or an
 * HTML page must not put it in the VolcCredentialsError or its causes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VolcCredentialsError } from '@volc-ts/core';
import { fromOIDC } from '../src/index.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.projected-token-that-must-never-leak.c2lnbmF0dXJl';
const dir = mkdtempSync(join(tmpdir(), 'volc-cp-echo-'));
const tokenFile = join(dir, 'token');
writeFileSync(tokenFile, TOKEN);
const servers: Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function echoingSts(status: number, body: (token: string) => string): Promise<string> {
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      res.statusCode = status;
      res.setHeader('content-type', status === 502 ? 'text/html' : 'application/json');
      res.end(body(new URLSearchParams(text).get('OIDCToken') ?? ''));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function everything(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as Record<string, unknown> | undefined; e; e = e.cause as Record<string, unknown> | undefined)
    parts.push(String(e.message), String(e.stack), String(e.bodyExcerpt ?? ''), String(e.serverMessage ?? ''));
  return parts.join('\n');
}

describe('fromOIDC with an STS that echoes the token', () => {
  for (const [label, status, body] of [
    [
      'in an error Message',
      400,
      (token: string) =>
        JSON.stringify({
          ResponseMetadata: { RequestId: 'r', Error: { Code: 'InvalidIdentityToken', Message: `bad token ${token}` } },
        }),
    ],
    ['in an HTML 502', 502, (token: string) => `<html>upstream error for ${token}</html>`],
  ] as const) {
    it(label, async () => {
      const provider = fromOIDC({
        roleTrn: 'trn:iam::2100000000:role/Pod',
        tokenFile,
        endpoint: await echoingSts(status, body),
      });
      const error = await provider().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VolcCredentialsError);
      expect(everything(error)).toContain('[redacted]');
      expect(everything(error)).not.toContain(TOKEN);
    });
  }
});
