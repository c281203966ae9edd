import { ERROR_KIND, hasErrorKind, VolcError } from './volc-error.js';

/**
 * The request could not be built on this machine: a header value no HTTP message may carry, an invalid
 * URL. Nothing was sent, and another attempt would fail the same way, so it is never retried. The message
 * names the part (the header name), never its value.
 */
export class VolcRequestError extends VolcError {
  static override readonly [ERROR_KIND]: string = 'VolcRequestError';

  readonly action: string;
  readonly service: string;

  constructor(init: { action: string; service: string; problem: string; cause?: unknown }) {
    super(`${init.service} ${init.action}: the request could not be built, nothing was sent: ${init.problem}`, {
      cause: init.cause,
    });
    this.name = 'VolcRequestError';
    this.action = init.action;
    this.service = init.service;
  }
}

/** Narrows an unknown error to a {@link VolcRequestError}, from this or any other copy of `@volc-ts/core`. */
export function isVolcRequestError(error: unknown): error is VolcRequestError {
  return hasErrorKind(error, 'VolcRequestError');
}

// RFC 9110 field-name token, and a field value: visible ASCII, obs-text, space and tab inside; no CR, LF or NUL.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The first header that no HTTP message may carry, described without its value, or undefined when all
 * can be sent. Checked before sending, so a bad value never reaches the transport (whose own error would
 * quote it).
 */
export function invalidHeader(headers: Readonly<Record<string, string>>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) return `header name ${JSON.stringify(name.slice(0, 40))} is not a valid HTTP token`;
    if (!HEADER_VALUE.test(value)) {
      const index = [...value].findIndex((c) => !HEADER_VALUE.test(c));
      const code = value.codePointAt(index)!.toString(16).toUpperCase().padStart(4, '0');
      return `the value of header ${name} contains character U+${code} at position ${index + 1}, which HTTP header values cannot carry`;
    }
  }
  return undefined;
}
