/**
 * Redaction rules shared by the logger and the errors. Secrets never leave the SDK in text: not in
 * log lines, not in error messages. This module holds what the error classes need; the debug log's forms
 * are in redact-log.ts and the search for echoed secret values in known-secrets.ts, so that a browser
 * bundle whose first chunks carry the error classes does not carry those too.
 */

export const REDACTED = '[redacted]';

/**
 * Field names whose values are treated as secrets wherever they appear (request bodies, query
 * parameters, validation messages): passwords, secret keys, tokens other than idempotency tokens,
 * private keys and credentials.
 */
const SECRET_FIELD =
  /pass(word|wd|phrase)|secret|private.?key|session.?token|security.?token|access.?token|auth.?token|oidc.?token|credential|^token$|^(sk|ak)$/i;

/** True for a field path such as `Accounts[0].Password` or `Auth.SecretKey`. */
export function isSecretField(path: string): boolean {
  const last =
    path
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? path;
  return SECRET_FIELD.test(last);
}

// `"Name": "value"` in JSON text, the value possibly cut off (a truncated body).
const JSON_STRING_MEMBER = /"((?:[^"\\]|\\.){1,128})"(\s*:\s*)"(?:[^"\\]|\\.)*("?)/g;

/**
 * Redacts secret-looking members of a response body before any of it reaches a message or a log line:
 * `{"SecretAccessKey":"..."}` -> `{"SecretAccessKey":"[redacted]"}`. Works on text, so truncated or
 * otherwise broken JSON is covered too.
 */
export function redactBodyText(text: string): string {
  return text.replace(JSON_STRING_MEMBER, (member, name: string, colon: string, close: string) =>
    isSecretField(name) ? `"${name}"${colon}"${REDACTED}${close}` : member,
  );
}

/**
 * Server text kept in an error or a log line, cut to `limit` characters: `<first characters>… (cut, 10485760
 * characters)`. Never splits a surrogate pair.
 */
export function capText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}… (cut, ${text.length} characters)`;
}
