/**
 * Redaction rules shared by the logger and the errors. Secrets never leave the SDK in text: not in
 * log lines, not in error messages.
 */
import type { HttpResponse } from './transport/types.js';

export const REDACTED = '[redacted]';

/** Headers whose values are secret or derived from a secret. */
const SECRET_HEADERS = new Set(['authorization', 'x-security-token', 'cookie', 'set-cookie', 'proxy-authorization']);

/**
 * Field names whose values are treated as secrets wherever they appear (request bodies, query
 * parameters, validation messages): passwords, secret keys, tokens other than idempotency tokens,
 * private keys and credentials.
 */
const SECRET_FIELD =
  /pass(word|wd|phrase)|secret|private.?key|session.?token|security.?token|access.?token|auth.?token|oidc.?token|credential|^token$|^(sk|ak)$/i;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

/** True for a field path such as `Accounts[0].Password` or `Auth.SecretKey`. */
export function isSecretField(path: string): boolean {
  const last =
    path
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? path;
  return SECRET_FIELD.test(last);
}

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeader(name) ? REDACTED : value;
  return out;
}

/** A deep copy of a JSON-like value with secret fields replaced; used before logging a body. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines own properties, so a `__proto__` key stays a key.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, isSecretField(key) ? REDACTED : redactValue(item, depth + 1)]),
    );
  }
  return value;
}

/** Redacts the values of secret-looking keys in `a=1&b=2` text (query strings, form bodies). */
export function redactQueryText(text: string): string {
  return text
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let key = pair.slice(0, eq);
      try {
        key = decodeURIComponent(key);
      } catch {
        // keep the raw key
      }
      return isSecretField(key) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
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

/** Masks secrets in a canonical request before it is logged. */
export function redactCanonicalRequest(canonical: string): string {
  const lines = canonical.split('\n');
  if (lines[2] !== undefined) lines[2] = redactQueryText(lines[2]);
  return lines.map((line) => (line.startsWith('x-security-token:') ? `x-security-token:${REDACTED}` : line)).join('\n');
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

/** Shorter values are not treated as secrets to find in text (they would match ordinary words). */
const MIN_ECHOED_SECRET = 8;

/**
 * The forms in which a server may echo secret values back: as sent, percent-encoded (a query or form body
 * quoted back) and JSON-escaped; longest first. Values under 8 characters are left out.
 */
export function echoedForms(secrets: Iterable<string | undefined>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_ECHOED_SECRET) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    try {
      forms.add(encodeURIComponent(secret));
    } catch {
      // a lone surrogate cannot be percent-encoded, nor was it sent that way
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every known secret value in server text (an error body, a header) by `[redacted]`: redaction by
 * member name cannot see a token a proxy quotes in an HTML page or a service quotes in its message.
 *
 * @param forms from {@link echoedForms}
 */
export function redactKnownSecrets(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** The string values of secret-looking members of an input (`Password`, `OIDCToken`), at any depth up to 32. */
export function secretValuesOf(
  value: unknown,
  found: string[] = [],
  depth = 0,
  seen = new WeakSet<object>(),
): string[] {
  if (typeof value !== 'object' || value === null || depth > 32 || seen.has(value)) return found;
  seen.add(value);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && isSecretField(key)) found.push(item);
    else secretValuesOf(item, found, depth + 1, seen);
  }
  return found;
}

/** A response whose body and header values have every form of the known secrets replaced, before any of it is kept. */
export function withoutKnownSecrets(response: HttpResponse, forms: readonly string[]): HttpResponse {
  if (forms.length === 0) return response;
  return {
    status: response.status,
    headers: {
      get(name: string) {
        const value = response.headers.get(name);
        return value === null ? null : redactKnownSecrets(value, forms);
      },
    },
    text: redactKnownSecrets(response.text, forms),
  };
}
