/**
 * The request loop's debug log, imported by client.ts only when the `debug` level is on. Secrets are
 * redacted: headers by name, body members and query parameters by a secret-looking name.
 */
import type { CallContext } from './call.js';
import type { LevelLogger } from './logger.js';
import { redactCanonicalRequest, redactHeaders, redactQueryText, redactValue } from './redact-log.js';
import type { SignatureDetails } from './signing/sign-request.js';

export function logRequest(
  log: LevelLogger,
  call: CallContext,
  headers: Record<string, string>,
  url: string,
  attempt: number,
): void {
  const { operation, request } = call;
  const [origin, query = ''] = url.split('?');
  log.log(
    'debug',
    `-> ${request.method} ${origin}?${redactQueryText(query)} (${operation.action}, attempt ${attempt} of ${call.maxAttempts})`,
    {
      headers: redactHeaders(headers),
      ...(operation.protocol === 'query' ? {} : { body: redactValue(call.input) }),
    },
  );
}

export function logResponse(
  log: LevelLogger,
  service: string,
  action: string,
  status: number,
  elapsed: number,
  requestId: string | undefined,
): void {
  log.log('debug', `<- HTTP ${status} ${service} ${action} in ${elapsed} ms`, { requestId });
}

/** After SignatureDoesNotMatch: what was signed, to compare with the server's view (the token redacted). */
export function logSignature(log: LevelLogger, signing: SignatureDetails): void {
  log.log(
    'debug',
    `SignatureDoesNotMatch: compare the server's view with what was signed.\n` +
      `Canonical request:\n${redactCanonicalRequest(signing.canonicalRequest)}\nString to sign:\n${signing.stringToSign}`,
  );
}
