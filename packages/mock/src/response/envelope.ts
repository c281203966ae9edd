import { randomBytes } from 'node:crypto';

/** `ResponseMetadata` of every answer. */
export interface ResponseMetadata {
  RequestId: string;
  Action: string;
  Version: string;
  Service: string;
  Region: string;
  Error?: { Code: string; CodeN: number; Message: string };
}

/** A request ID shaped like Volcengine's: the UTC time as yyyyMMddHHmmss, then 20 hex digits. */
export function newRequestId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}${randomBytes(10).toString('hex').toUpperCase()}`;
}

export function successEnvelope(metadata: ResponseMetadata, result: unknown): Record<string, unknown> {
  return result === undefined ? { ResponseMetadata: metadata } : { ResponseMetadata: metadata, Result: result };
}

export function errorEnvelope(
  metadata: ResponseMetadata,
  error: { code: string; codeN: number; message: string },
): Record<string, unknown> {
  return { ResponseMetadata: { ...metadata, Error: { Code: error.code, CodeN: error.codeN, Message: error.message } } };
}
