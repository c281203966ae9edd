/**
 * JSON with exact int64 values. `JSON.parse` turns an integer beyond 2^53 into the nearest double
 * (`9007199254740993` becomes `...992`) and `JSON.stringify` refuses a `bigint`. Here an integer that a
 * number cannot hold exactly is read as a `bigint`, and a `bigint` is written as a plain JSON integer, so
 * such values round-trip digit for digit. Every other value is read and written exactly as by `JSON`.
 */

// Integers with 16 or more digits are the only ones that can exceed 2^53 (9007199254740992 has 16). This
// looks for one in a value position; digits inside strings (request ids, timestamps) rarely match, so the
// slower scan below runs only for bodies that may hold such an integer.
const LONG_INTEGER = /[:[,]\s*-?\d{16,}\s*[,}\]]/;

/** A JSON string (kept as it is) or a whole number token, fraction and exponent included. */
const STRING_OR_NUMBER = /"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*/g;

/**
 * Parses JSON text like `JSON.parse`, except that integers beyond `Number.MAX_SAFE_INTEGER` (2^53 - 1) in
 * magnitude become `bigint`s holding the exact value.
 *
 * @throws {SyntaxError} the text is not JSON (as `JSON.parse`)
 */
export function parseJson(text: string): unknown {
  if (!LONG_INTEGER.test(text)) return JSON.parse(text);
  // Each unsafe integer becomes a string marked with a prefix no server string can carry unnoticed
  // (a random nonce), and the reviver turns exactly those strings into bigints.
  const mark = `\u0000int64-${Math.random().toString(36).slice(2)}:`;
  const escapedMark = JSON.stringify(mark).slice(1, -1);
  let found = false;
  const rewritten = text.replace(STRING_OR_NUMBER, (token) => {
    if (!/^-?\d{16,}$/.test(token) || Number.isSafeInteger(Number(token))) return token;
    found = true;
    return `"${escapedMark}${token}"`;
  });
  if (!found) return JSON.parse(text);
  return JSON.parse(rewritten, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(mark) ? BigInt(value.slice(mark.length)) : value,
  );
}

/**
 * Serializes like `JSON.stringify`, except that a `bigint` is written as a JSON integer with all its digits
 * (where `JSON.stringify` throws).
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError) || !/bigint/i.test(error.message)) throw error;
  }
  const mark = `\u0000int64-${Math.random().toString(36).slice(2)}:`;
  const escapedMark = JSON.stringify(mark).slice(1, -1);
  const text = JSON.stringify(value, (_key, member: unknown) =>
    typeof member === 'bigint' ? `${mark}${member.toString()}` : member,
  );
  return text.split(`"${escapedMark}`).reduce((out, part) => out + part.replace(/^(-?\d+)"/, '$1'));
}
