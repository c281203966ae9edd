/**
 * Independent signature checks for end-to-end tests: what went over the wire is signed again with the
 * official SDK's Signer (@volcengine/openapi), not with our own signer.
 */
import { Signer } from '@volcengine/openapi';
import { expect } from 'vitest';
import { MOCK_CREDENTIALS, type RecordedRequest } from '@volc-ts/mock';

/** Parses `HMAC-SHA256 Credential=AK/date/region/service/request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorization(header: unknown) {
  const match =
    /^HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      String(header),
    );
  expect(match, String(header)).not.toBeNull();
  const [, accessKeyId, , region, service, signedHeaders, signature] = match!;
  return { accessKeyId, region: region!, service: service!, signedHeaders: signedHeaders!.split(';'), signature };
}

/**
 * Signs what went over the wire again with the official SDK's Signer (@volcengine/openapi), with the same
 * X-Date and the same signed headers, and returns its signature: it must equal ours byte for byte.
 */
export function officialSignature(request: RecordedRequest): string {
  const auth = parseAuthorization(request.headers.authorization);
  // The Signer adds X-Date, X-Content-Sha256 and X-Security-Token itself; give it the other signed headers.
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    if (!['x-date', 'x-content-sha256', 'x-security-token'].includes(name))
      headers[name] = String(request.headers[name]);
  }
  const xDate = String(request.headers['x-date']);
  const date = new Date(
    `${xDate.slice(0, 4)}-${xDate.slice(4, 6)}-${xDate.slice(6, 8)}T${xDate.slice(9, 11)}:${xDate.slice(11, 13)}:${xDate.slice(13, 15)}Z`,
  );
  const signed = {
    region: auth.region,
    method: request.method,
    pathname: '/',
    params: { ...request.query },
    headers,
    ...(request.body ? { body: request.body } : {}),
  };
  new Signer(signed, auth.service).addAuthorization(
    { accessKeyId: MOCK_CREDENTIALS.accessKeyId, secretKey: MOCK_CREDENTIALS.secretAccessKey },
    date,
  );
  return parseAuthorization((signed.headers as Record<string, string>).Authorization).signature!;
}
