/** Percent-encoding, hex and date formats used by the signer. Pure functions; no I/O. */

/** Query parameters as `signRequest` accepts them. `undefined` values are skipped. */
export type QueryInput = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

const RESERVED_BY_RFC3986 = /[!'()*]/g;

/**
 * RFC 3986 percent-encoding: everything except `A-Z a-z 0-9 - _ . ~` is escaped, a space becomes
 * `%20`. `encodeURIComponent` leaves `!'()*` alone, so those are escaped here as the Volcengine
 * signers do.
 */
export function uriEscape(value: string): string {
  return encodeURIComponent(value).replace(RESERVED_BY_RFC3986, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function collectQuery(query: QueryInput): Map<string, string[]> {
  const collected = new Map<string, string[]>();
  const add = (key: string, values: readonly string[]) => {
    const existing = collected.get(key);
    if (existing) existing.push(...values);
    else collected.set(key, [...values]);
  };
  if (query instanceof URLSearchParams) {
    for (const [key, value] of query) add(key, [value]);
  } else {
    for (const key of Object.keys(query)) {
      const value = query[key];
      if (value === undefined || value === null) continue;
      add(key, typeof value === 'string' ? [value] : value);
    }
  }
  return collected;
}

/**
 * The canonical query string: keys sorted by their raw form (UTF-16 order), keys and values
 * RFC 3986 encoded, a repeated key emitting its encoded values in sorted order. The client also
 * sends exactly this string on the wire, so what is signed is what the server reads.
 */
export function canonicalQueryString(query: QueryInput | undefined): string {
  if (!query) return '';
  const collected = collectQuery(query);
  const parts: string[] = [];
  for (const key of [...collected.keys()].sort()) {
    const escapedKey = uriEscape(key);
    if (escapedKey === '') continue;
    const values = (collected.get(key) ?? []).map(uriEscape).sort();
    // An empty list still yields `key=`, as the official signer does.
    parts.push(values.length === 0 ? `${escapedKey}=` : values.map((v) => `${escapedKey}=${v}`).join('&'));
  }
  return parts.join('&');
}

const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_BYTES[bytes[i]!];
  return out;
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the `X-Date` format. */
export function formatXDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** Collapses runs of whitespace and trims, as header values are canonicalized. */
export function canonicalHeaderValue(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
