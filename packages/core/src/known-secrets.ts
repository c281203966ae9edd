/**
 * Secret values a server may echo back (a session token quoted in a proxy's HTML page, a password in an
 * error Message), found and replaced in server text before any of it is kept.
 */
import { isSecretField, REDACTED } from './redact.js';
import type { HttpResponse } from './transport/types.js';

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
