import { request } from 'node:http';
import querystring from 'node:querystring';
import { Signer } from '@volcengine/openapi';

/** A request ready to send: what the official SDK's Signer produced. */
export interface SignedCall {
  method: string;
  /** Path and query, for example `/?Action=X&Version=Y`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface CallSpec {
  method?: 'GET' | 'POST';
  action: string;
  version: string;
  /** Query members besides Action and Version (the input of a GET). */
  query?: Record<string, string | string[]>;
  body?: string;
  contentType?: string;
  service: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  date?: Date;
  /** Extra headers; the official Signer signs every header but a few (content-type, user-agent, ...). */
  headers?: Record<string, string>;
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKLTvolcmockaccesskey', secretAccessKey: 'volc-mock-secret-key' };

/** Signs a call with `@volcengine/openapi`'s Signer, the official SDK's code, not ours. */
export function signCall(spec: CallSpec): SignedCall {
  const credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } =
    spec.credentials ?? TEST_CREDENTIALS;
  const headers: Record<string, string> = { ...(spec.headers ?? {}) };
  if (spec.contentType) headers['Content-Type'] = spec.contentType;
  const requestObj = {
    region: spec.region ?? 'cn-beijing',
    method: spec.method ?? 'POST',
    pathname: '/',
    params: { ...(spec.query ?? {}), Action: spec.action, Version: spec.version },
    headers,
    ...(spec.body !== undefined ? { body: spec.body } : {}),
  };
  const signer = new Signer(requestObj, spec.service);
  signer.addAuthorization(
    {
      accessKeyId: credentials.accessKeyId,
      secretKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    spec.date,
  );
  // The official Service builds its URL with querystring.stringify, so do the same.
  const path = `/?${querystring.stringify(requestObj.params as Record<string, string | string[]>)}`;
  return {
    method: requestObj.method,
    path,
    headers: requestObj.headers as Record<string, string>,
    ...(spec.body !== undefined ? { body: spec.body } : {}),
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the mock answered
  json: any;
}

/** Sends a call over real HTTP with node:http, which (unlike fetch) lets a test set the Host header. */
export function send(baseUrl: string, call: SignedCall): Promise<Answer> {
  const url = new URL(call.path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: call.method, headers: call.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (call.body !== undefined) req.write(call.body);
    req.end();
  });
}

/** Signs with the official Signer and sends. */
export function signAndSend(baseUrl: string, spec: CallSpec): Promise<Answer> {
  return send(baseUrl, signCall(spec));
}

export const REDIS = { service: 'redis', version: '2020-12-07' } as const;

/** A JSON POST to the Redis spec's DescribeCrossRegionBackups with `input`. */
export function describeBackups(input: Record<string, unknown>, extra: Partial<CallSpec> = {}): CallSpec {
  return {
    action: 'DescribeCrossRegionBackups',
    ...REDIS,
    method: 'POST',
    contentType: 'application/json',
    body: JSON.stringify(input),
    ...extra,
  };
}

/** The seed's sample request for DescribeCrossRegionBackups. */
export const SEED_SAMPLE = { Scope: 'AccountInstances', PageNumber: 1, PageSize: 10, BackupPointName: 'testbackup' };
