/** Percent-encoding, hex and date formats used by the signer. Pure functions (one memo); no I/O. */

/** Query parameters as `signRequest` accepts them. `undefined` values are skipped. */
export type QueryInput = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

const RESERVED_BY_RFC3986 = /[!'()*]/g;
/** Strings made only of RFC 3986 unreserved characters, which encode to themselves. */
const UNRESERVED_ONLY = /^[\w.~-]*$/;

/**
 * RFC 3986 percent-encoding: everything except `A-Z a-z 0-9 - _ . ~` is escaped, a space becomes
 * `%20`. `encodeURIComponent` leaves `!'()*` alone, so those are escaped here as the Volcengine
 * signers do.
 */
export function uriEscape(value: string): string {
  // Most keys and values (Action, Version, ids, numbers) need no escaping; a test is cheaper than encoding.
  if (UNRESERVED_ONLY.test(value)) return value;
  return encodeURIComponent(value).replace(
    RESERVED_BY_RFC3986,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

type QueryRecord = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Groups repeated keys of `URLSearchParams` (or any key/value pairs) into a record of arrays. */
export function groupParams(params: Iterable<readonly [string, string]>): QueryRecord {
  // No prototype, so a key such as `__proto__` is an ordinary key.
  const grouped: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [key, value] of params) (grouped[key] ??= []).push(value);
  return grouped;
}

/**
 * The canonical query string: keys sorted by their raw form (UTF-16 order), keys and values
 * RFC 3986 encoded, a repeated key emitting its encoded values in sorted order. The client also
 * sends exactly this string on the wire, so what is signed is what the server reads.
 */
export function canonicalQueryString(query: QueryInput | undefined): string {
  if (!query) return '';
  const record = query instanceof URLSearchParams ? groupParams(query) : query;
  let out = '';
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    const escapedKey = uriEscape(key);
    if (escapedKey === '') continue;
    let pairs: string;
    if (typeof value === 'string') pairs = `${escapedKey}=${uriEscape(value)}`;
    // An empty list still yields `key=`, as the official signer does.
    else if (value.length === 0) pairs = `${escapedKey}=`;
    else
      pairs = value
        .map(uriEscape)
        .sort()
        .map((v) => `${escapedKey}=${v}`)
        .join('&');
    out = out === '' ? pairs : `${out}&${pairs}`;
  }
  return out;
}

const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX_BYTES[bytes[i]!];
  return out;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : `${n}`);
// Signatures made within one second share their X-Date; remembering the last one skips the formatting.
let lastSecond = Number.NaN;
let lastXDate = '';

/** `YYYYMMDDTHHMMSSZ` in UTC, the `X-Date` format. */
export function formatXDate(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (Number.isNaN(second)) throw new RangeError('formatXDate: invalid date');
  if (second !== lastSecond) {
    // Built from the UTC fields: several times cheaper than `toISOString()` and two regex passes.
    lastXDate =
      `${String(date.getUTCFullYear()).padStart(4, '0')}${twoDigits(date.getUTCMonth() + 1)}${twoDigits(date.getUTCDate())}` +
      `T${twoDigits(date.getUTCHours())}${twoDigits(date.getUTCMinutes())}${twoDigits(date.getUTCSeconds())}Z`;
    lastSecond = second;
  }
  return lastXDate;
}

/** Collapses runs of whitespace and trims, as header values are canonicalized. */
export function canonicalHeaderValue(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
