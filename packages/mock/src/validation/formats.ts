import type { Format } from 'ajv';

// UTC only, as Volcengine asks: yyyy-MM-ddTHH:mm:ssZ, optionally with fractional seconds.
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?Z$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function integerWithin(min: number, max: number): Format {
  return { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= min && n <= max };
}

/** The `format` values the spec uses, with the meaning Volcengine gives them. */
export const FORMATS: Record<string, Format> = {
  'date-time': { type: 'string', validate: (s: string) => DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)) },
  date: { type: 'string', validate: (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) },
  int32: integerWithin(-2147483648, 2147483647),
  uint32: integerWithin(0, 4294967295),
  // JSON numbers past 2^53 lose precision anyway; the range check still catches absurd values.
  // biome-ignore lint/correctness/noPrecisionLoss: JSON numbers arrive as doubles; these are the nearest doubles to the bounds
  int64: integerWithin(-9223372036854775808, 9223372036854775807),
  // biome-ignore lint/correctness/noPrecisionLoss: as above
  uint64: integerWithin(0, 18446744073709551615),
  float: { type: 'number', validate: (n: number) => Number.isFinite(n) },
  double: { type: 'number', validate: (n: number) => Number.isFinite(n) },
};

/** How a broken format reads in an error message. */
export function formatRule(format: string): string {
  switch (format) {
    case 'date-time':
      return 'must be a UTC time as yyyy-MM-ddTHH:mm:ssZ';
    case 'date':
      return 'must be a date as yyyy-MM-dd';
    case 'int32':
      return 'must be a 32-bit integer';
    case 'uint32':
      return 'must be an unsigned 32-bit integer';
    case 'int64':
      return 'must be a 64-bit integer';
    case 'uint64':
      return 'must be an unsigned 64-bit integer';
    default:
      return `must be a ${format}`;
  }
}
