/** How the debug log redacts what it prints: headers, bodies, query strings, the canonical request. */
import { isSecretField, REDACTED } from './redact.js';

/** Headers whose values are secret or derived from a secret. */
const SECRET_HEADERS = new Set(['authorization', 'x-security-token', 'cookie', 'set-cookie', 'proxy-authorization']);

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
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

/** Masks secrets in a canonical request before it is logged. */
export function redactCanonicalRequest(canonical: string): string {
  const lines = canonical.split('\n');
  if (lines[2] !== undefined) lines[2] = redactQueryText(lines[2]);
  return lines.map((line) => (line.startsWith('x-security-token:') ? `x-security-token:${REDACTED}` : line)).join('\n');
}
