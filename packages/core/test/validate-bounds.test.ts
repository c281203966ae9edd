/**
 * Every bound of the validation helpers exactly on its edge (a length, a byte count, a number, an item
 * count: equal passes, one past fails), what each check returns, that one broken rule is reported once,
 * and how values are shown in messages.
 */
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../src/index.js';
import {
  checkArray,
  checkBoolean,
  checkDateTime,
  checkDependentRequired,
  checkEnum,
  checkGreaterThan,
  checkInteger,
  checkMembers,
  checkNumber,
  checkObject,
  checkRequired,
  checkString,
  checkSuggested,
  describeValue,
  INT32,
  isPlainObject,
  memberPath,
  own,
  utf8Length,
} from '../src/validate.js';

/** Runs one check; its return value and the issues it wrote as `path: message`. */
function check(run: (issues: ValidationIssue[]) => unknown): { ok: unknown; issues: string[] } {
  const issues: ValidationIssue[] = [];
  const ok = run(issues);
  return { ok, issues: issues.map((i) => `${i.path}: ${i.message}`) };
}
const passes = { ok: true, issues: [] };

describe('describeValue', () => {
  it('quotes strings and cuts them after 40 characters', () => {
    expect(describeValue('a'.repeat(40))).toBe(`"${'a'.repeat(40)}"`);
    expect(describeValue('a'.repeat(41))).toBe(`"${'a'.repeat(40)}..."`);
    expect(describeValue('say "hi"')).toBe('"say \\"hi\\""');
  });

  it.each([
    [[1], 'an array'],
    [null, 'null'],
    [{ a: 1 }, 'an object'],
    [1.5, '1.5'],
    [undefined, 'undefined'],
    [true, 'true'],
    [12n, '12'],
  ])('shows %o as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });
});

describe('paths and members', () => {
  it('joins paths with a dot, except below the root', () => {
    expect(memberPath('', 'A')).toBe('A');
    expect(memberPath('A', 'B')).toBe('A.B');
    expect(memberPath('L[0]', 'B')).toBe('L[0].B');
  });

  it('reads own members only', () => {
    expect(own({ a: 1 }, 'a')).toBe(1);
    expect(own({}, 'toString')).toBeUndefined();
    expect(own(Object.create({ inherited: 1 }) as Record<string, unknown>, 'inherited')).toBeUndefined();
  });

  it('counts only non-null, non-array objects as objects', () => {
    expect([{}, [], null, 'x', 0].map(isPlainObject)).toEqual([true, false, false, false, false]);
    expect(check((i) => checkObject(i, 'O', {}))).toEqual(passes);
    expect(check((i) => checkObject(i, 'O', []))).toEqual({
      ok: false,
      issues: ['O: must be an object (got an array)'],
    });
    expect(check((i) => checkObject(i, 'O', null))).toEqual({ ok: false, issues: ['O: must be an object (got null)'] });
  });
});

describe('checkRequired and checkDependentRequired', () => {
  it('reports every missing or undefined member, and accepts null and inherited names only when own', () => {
    const object = { A: null, B: undefined, C: 0 } as Record<string, unknown>;
    expect(check((i) => checkRequired(i, 'P', object, ['A', 'B', 'C', 'D', 'constructor'])).issues).toEqual([
      'P.B: is required',
      'P.D: is required',
      'P.constructor: is required',
    ]);
    expect(check((i) => checkRequired(i, '', object, ['D'], 'Kind is Square')).issues).toEqual([
      'D: is required when Kind is Square',
    ]);
  });

  it('asks for the needed members only when the member is set', () => {
    expect(check((i) => checkDependentRequired(i, 'W', { To: 1 }, 'From', ['To', 'Zone'])).issues).toEqual([]);
    expect(check((i) => checkDependentRequired(i, 'W', { From: 1, To: 2 }, 'From', ['To', 'Zone'])).issues).toEqual([
      'W.Zone: is required when From is set',
    ]);
    expect(check((i) => checkDependentRequired(i, '', { From: undefined }, 'From', ['To'])).issues).toEqual([]);
  });
});

describe('checkString', () => {
  it('refuses a non-string and passes any string without rules', () => {
    expect(check((i) => checkString(i, 'S', 5))).toEqual({ ok: false, issues: ['S: must be a string (got 5)'] });
    expect(check((i) => checkString(i, 'S', ''))).toEqual(passes);
    expect(check((i) => checkString(i, 'S', 'x', {}))).toEqual(passes);
  });

  it('holds minLength and maxLength inclusive', () => {
    expect(check((i) => checkString(i, 'S', 'ab', { minLength: 2, maxLength: 2 }))).toEqual(passes);
    expect(check((i) => checkString(i, 'S', 'a', { minLength: 2 }))).toEqual({
      ok: false,
      issues: ['S: must be at least 2 characters long (got "a")'],
    });
    expect(check((i) => checkString(i, 'S', 'abc', { maxLength: 2 }))).toEqual({
      ok: false,
      issues: ['S: must be at most 2 characters long (got "abc")'],
    });
    expect(check((i) => checkString(i, 'S', '', { maxLength: 0 }))).toEqual(passes);
    expect(check((i) => checkString(i, 'S', 'a', { maxLength: 0 })).issues).toEqual([
      'S: must be at most 0 characters long (got "a")',
    ]);
  });

  it('holds minBytes and maxBytes inclusive, counting UTF-8', () => {
    // 'é' is 2 bytes, '名' 3, '😀' 4.
    expect(check((i) => checkString(i, 'S', 'éé', { minBytes: 4, maxBytes: 4 }))).toEqual(passes);
    expect(check((i) => checkString(i, 'S', 'éé', { minBytes: 5 }))).toEqual({
      ok: false,
      issues: ['S: must be at least 5 bytes in UTF-8 (got 4)'],
    });
    expect(check((i) => checkString(i, 'S', 'éé', { maxBytes: 3 }))).toEqual({
      ok: false,
      issues: ['S: must be at most 3 bytes in UTF-8 (got 4)'],
    });
    expect(check((i) => checkString(i, 'S', 'aaaa', { maxBytes: 3 })).issues).toEqual([
      'S: must be at most 3 bytes in UTF-8 (got 4)',
    ]);
    expect(check((i) => checkString(i, 'S', 'aaa', { maxBytes: 3 }))).toEqual(passes);
    expect(check((i) => checkString(i, 'S', '名', { maxBytes: 2 })).issues).toEqual([
      'S: must be at most 2 bytes in UTF-8 (got 3)',
    ]);
    expect(check((i) => checkString(i, 'S', '😀', { minBytes: 4, maxBytes: 4 }))).toEqual(passes);
    expect(check((i) => checkString(i, 'S', '', { minBytes: 1 })).issues).toEqual([
      'S: must be at least 1 byte in UTF-8 (got 0)',
    ]);
  });

  it('holds the pattern', () => {
    expect(check((i) => checkString(i, 'S', 'abc', { pattern: /^[a-z]+$/ }))).toEqual(passes);
    expect(check((i) => checkString(i, 'S', 'aBc', { pattern: /^[a-z]+$/ }))).toEqual({
      ok: false,
      issues: ['S: must match ^[a-z]+$ (got "aBc")'],
    });
  });

  it('reports the first broken rule only', () => {
    const rules = { minLength: 3, maxLength: 4, minBytes: 3, maxBytes: 4, pattern: /^[a-z]+$/ };
    expect(check((i) => checkString(i, 'S', 'A', rules)).issues).toEqual([
      'S: must be at least 3 characters long (got "A")',
    ]);
    expect(check((i) => checkString(i, 'S', 'ABCDE', rules)).issues).toEqual([
      'S: must be at most 4 characters long (got "ABCDE")',
    ]);
    expect(check((i) => checkString(i, 'S', 'ééé', { minBytes: 7, pattern: /^x$/ })).issues).toEqual([
      'S: must be at least 7 bytes in UTF-8 (got 6)',
    ]);
    expect(check((i) => checkString(i, 'S', 'ééé', { maxBytes: 5, pattern: /^x$/ })).issues).toEqual([
      'S: must be at most 5 bytes in UTF-8 (got 6)',
    ]);
  });

  it('refuses two lone low surrogates (6 bytes) under a 5-byte limit', () => {
    expect(check((i) => checkString(i, 'S', '\udc00\udc00', { maxBytes: 5 })).issues).toEqual([
      'S: must be at most 5 bytes in UTF-8 (got 6)',
    ]);
  });
});

describe('utf8Length', () => {
  it.each([
    ['\u007f', 1],
    ['\u0080', 2],
    ['\u07ff', 2],
    ['\u0800', 3],
    ['\ud7ff', 3],
    ['\ud800\udc00', 4],
    ['\udbff\udfff', 4],
    ['\ud800\ud800', 6],
    ['\udbff\ue000', 6],
    ['\ud800\udbff\udc00', 7],
    ['\ud7ff\udc00', 6],
    // A low half never starts a pair: the second one is not swallowed.
    ['\udc00\udc00', 6],
    ['\ud800a', 4],
    ['a\ud800', 4],
    ['\ue000', 3],
  ])('counts %j as %i bytes, as TextEncoder does', (value, bytes) => {
    expect(utf8Length(value)).toBe(bytes);
    expect(new TextEncoder().encode(value).length).toBe(bytes);
  });
});

describe('checkEnum and checkSuggested', () => {
  it('takes only listed strings and names the list', () => {
    expect(check((i) => checkEnum(i, 'E', 'B', ['A', 'B']))).toEqual(passes);
    expect(check((i) => checkEnum(i, 'E', 'C', ['A', 'B']))).toEqual({
      ok: false,
      issues: ['E: must be one of A, B (got "C")'],
    });
    expect(check((i) => checkEnum(i, 'E', 1, ['A']))).toEqual({ ok: false, issues: ['E: must be a string (got 1)'] });
  });

  it('warns about a value outside a suggested list, shows six values at most, and passes it', () => {
    const six = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'];
    const warnings = (value: unknown, list: string[]) => {
      const issues: ValidationIssue[] = [];
      expect(checkSuggested(issues, 'K', value, list)).toBe(true);
      return issues;
    };
    expect(warnings('Two', six)).toEqual([]);
    expect(warnings(5, six)).toEqual([]);
    expect(warnings('Tow', six)).toEqual([
      {
        path: 'K',
        rule: 'enum',
        message:
          'is not one of the values the spec lists (One, Two, Three, Four, Five, Six); did you mean Two? (got "Tow"; sent as given)',
        warning: true,
      },
    ]);
    expect(warnings('Unrelated', [...six, 'Seven'])[0]?.message).toBe(
      'is not one of the values the spec lists (One, Two, Three, Four, Five, Six, ...) (got "Unrelated"; sent as given)',
    );
  });
});

describe('numbers', () => {
  it('refuses what is not a finite number', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, '1', null, 1n])
      expect(check((i) => checkNumber(i, 'N', value)).ok).toBe(false);
    expect(check((i) => checkNumber(i, 'N', Number.NaN)).issues).toEqual(['N: must be a finite number (got NaN)']);
    expect(check((i) => checkNumber(i, 'N', 1.5))).toEqual(passes);
  });

  it('holds minimum and maximum inclusive', () => {
    const rules = { minimum: 1, maximum: 10 };
    expect(check((i) => checkNumber(i, 'N', 1, rules))).toEqual(passes);
    expect(check((i) => checkNumber(i, 'N', 10, rules))).toEqual(passes);
    expect(check((i) => checkNumber(i, 'N', 0.5, rules))).toEqual({ ok: false, issues: ['N: must be >= 1 (got 0.5)'] });
    expect(check((i) => checkNumber(i, 'N', 10.5, rules))).toEqual({
      ok: false,
      issues: ['N: must be <= 10 (got 10.5)'],
    });
  });

  it('holds exclusiveMinimum and exclusiveMaximum exclusive', () => {
    const rules = { exclusiveMinimum: 0, exclusiveMaximum: 1 };
    expect(check((i) => checkNumber(i, 'N', 0.5, rules))).toEqual(passes);
    expect(check((i) => checkNumber(i, 'N', 0, rules))).toEqual({ ok: false, issues: ['N: must be > 0 (got 0)'] });
    expect(check((i) => checkNumber(i, 'N', 1, rules))).toEqual({ ok: false, issues: ['N: must be < 1 (got 1)'] });
  });

  it('reports one bound at a time, minimum first', () => {
    expect(check((i) => checkNumber(i, 'N', 5, { minimum: 6, maximum: 4 })).issues).toEqual([
      'N: must be >= 6 (got 5)',
    ]);
    expect(check((i) => checkNumber(i, 'N', 5, { maximum: 4, exclusiveMinimum: 5 })).issues).toEqual([
      'N: must be <= 4 (got 5)',
    ]);
    expect(check((i) => checkNumber(i, 'N', 5, { exclusiveMinimum: 5, exclusiveMaximum: 5 })).issues).toEqual([
      'N: must be > 5 (got 5)',
    ]);
  });

  it('takes integers as numbers without a fraction or as bigints, within int32 when asked', () => {
    expect(check((i) => checkInteger(i, 'I', 3))).toEqual(passes);
    expect(check((i) => checkInteger(i, 'I', 9007199254740993n))).toEqual(passes);
    expect(check((i) => checkInteger(i, 'I', 1.5))).toEqual({ ok: false, issues: ['I: must be an integer (got 1.5)'] });
    expect(check((i) => checkInteger(i, 'I', '3')).ok).toBe(false);
    expect(check((i) => checkInteger(i, 'I', Number.NaN)).ok).toBe(false);
    expect(check((i) => checkInteger(i, 'I', 2147483647, INT32))).toEqual(passes);
    expect(check((i) => checkInteger(i, 'I', -2147483648, INT32))).toEqual(passes);
    expect(check((i) => checkInteger(i, 'I', 2147483648, INT32)).issues).toEqual([
      'I: must be <= 2147483647 (got 2147483648)',
    ]);
    expect(check((i) => checkInteger(i, 'I', -2147483649n, INT32)).issues).toEqual([
      'I: must be >= -2147483648 (got -2147483649)',
    ]);
    expect(check((i) => checkInteger(i, 'I', 5n, { maximum: 5 }))).toEqual(passes);
  });

  it('takes booleans only as booleans', () => {
    expect(check((i) => checkBoolean(i, 'B', false))).toEqual(passes);
    expect(check((i) => checkBoolean(i, 'B', 'false'))).toEqual({
      ok: false,
      issues: ['B: must be a boolean (got "false")'],
    });
  });
});

describe('checkArray', () => {
  it('refuses a non-array and passes any array without rules', () => {
    expect(check((i) => checkArray(i, 'L', { length: 0 }))).toEqual({
      ok: false,
      issues: ['L: must be an array (got an object)'],
    });
    expect(check((i) => checkArray(i, 'L', [1, 1]))).toEqual(passes);
  });

  it('holds minItems and maxItems inclusive, reporting both when both break', () => {
    expect(check((i) => checkArray(i, 'L', [1, 2], { minItems: 2, maxItems: 2 }))).toEqual(passes);
    expect(check((i) => checkArray(i, 'L', [1], { minItems: 2 })).issues).toEqual([
      'L: must have at least 2 items (got 1)',
    ]);
    expect(check((i) => checkArray(i, 'L', [1, 2, 3], { maxItems: 2 })).issues).toEqual([
      'L: must have at most 2 items (got 3)',
    ]);
    expect(check((i) => checkArray(i, 'L', [1, 1], { maxItems: 1, uniqueItems: true })).issues).toEqual([
      'L: must have at most 1 item (got 2)',
      'L: must not repeat items',
    ]);
  });

  it('compares items by their JSON for uniqueItems, and only when asked', () => {
    expect(check((i) => checkArray(i, 'L', [{ a: 1 }, { a: 1 }], { uniqueItems: true })).issues).toEqual([
      'L: must not repeat items',
    ]);
    expect(check((i) => checkArray(i, 'L', [1, '1', { a: 2 }], { uniqueItems: true }))).toEqual(passes);
    expect(check((i) => checkArray(i, 'L', [1, 1], { uniqueItems: false }))).toEqual(passes);
  });

  it('returns true once the value is an array, even with broken rules (items are still checked)', () => {
    expect(check((i) => checkArray(i, 'L', [], { minItems: 1 })).ok).toBe(true);
  });
});

describe('checkDateTime', () => {
  const allowed = 'a UTC time as yyyy-MM-ddTHH:mm:ssZ (fractions of a second allowed)';

  it.each([
    '2024-01-01T00:00:00Z',
    '2024-12-31T23:59:59Z',
    '2024-02-29T12:00:00Z',
    '2024-06-30T12:00:00.5Z',
    '2024-09-09T19:09:09.123456Z',
  ])('takes %s', (value) => {
    expect(check((i) => checkDateTime(i, 'T', value))).toEqual(passes);
  });

  it.each([
    '2024-13-01T00:00:00Z',
    '2024-00-01T00:00:00Z',
    '2024-01-32T00:00:00Z',
    '2024-01-00T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:60:00Z',
    '2024-01-01T00:00:60Z',
    '2024-01-01T00:00:00',
    '2024-01-01T00:00:00+08:00',
    '2024-01-01T00:00:00.Z',
    ' 2024-01-01T00:00:00Z',
    '2024-01-01T00:00:00Z ',
    '24-01-01T00:00:00Z',
    // ISO's expanded year, which Date.parse reads (its characters 8-9 happen to be the day).
    '+002024-01-01T00:00:00Z',
  ])('refuses %s naming the form', (value) => {
    expect(check((i) => checkDateTime(i, 'T', value))).toEqual({
      ok: false,
      issues: [`T: must be ${allowed} (got "${value}")`],
    });
  });

  it('reports a non-string as a broken `type` rule, as checkEnum does', () => {
    for (const run of [
      (issues: ValidationIssue[]) => checkDateTime(issues, 'T', 5),
      (issues: ValidationIssue[]) => checkEnum(issues, 'E', 5, ['A']),
    ]) {
      const issues: ValidationIssue[] = [];
      run(issues);
      expect(issues.map((issue) => issue.rule)).toEqual(['type']);
    }
  });

  it('refuses a day the month does not have', () => {
    for (const value of ['2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-04-31T00:00:00Z'])
      expect(check((i) => checkDateTime(i, 'T', value)).issues).toEqual([`T: must be ${allowed} (got "${value}")`]);
  });

  it('refuses a non-string and applies the pattern and string rules after the form', () => {
    expect(check((i) => checkDateTime(i, 'T', 5))).toEqual({ ok: false, issues: ['T: must be a string (got 5)'] });
    expect(check((i) => checkDateTime(i, 'T', '2024-01-01T00:00:00Z', { pattern: /^2025/ }))).toEqual({
      ok: false,
      issues: ['T: must be a UTC time matching ^2025 (got "2024-01-01T00:00:00Z")'],
    });
    expect(check((i) => checkDateTime(i, 'T', '2024-01-01T00:00:00.123Z', { maxLength: 20 }))).toEqual({
      ok: false,
      issues: ['T: must be at most 20 characters long (got "2024-01-01T00:00:00.123Z")'],
    });
    expect(check((i) => checkDateTime(i, 'T', '2024-01-01T00:00:00Z', { maxLength: 20, fractions: true }))).toEqual(
      passes,
    );
    expect(check((i) => checkDateTime(i, 'T', '2024-01-01T00:00:00Z', { pattern: /^2024/g }))).toEqual(passes);
  });
});

describe('checkMembers', () => {
  const known = new Set(['PageSize', 'PageNumber', 'constructor']);

  it('reports undeclared members with the nearest name when one is near, skipping undefined ones', () => {
    const issues: ValidationIssue[] = [];
    checkMembers(issues, 'Q', { PageSize: 1, PageSzie: 2, Unrelated: 3, Missing: undefined }, known);
    expect(issues).toEqual([
      {
        path: 'Q.PageSzie',
        rule: 'unknownMember',
        message: 'is not a member the spec declares; did you mean PageSize?',
        unknownMember: true,
      },
      { path: 'Q.Unrelated', rule: 'unknownMember', message: 'is not a member the spec declares', unknownMember: true },
    ]);
  });

  it('refuses an undeclared prototype name as an error and accepts a declared one', () => {
    const issues: ValidationIssue[] = [];
    checkMembers(issues, '', JSON.parse('{"__proto__":1,"constructor":2}') as Record<string, unknown>, known);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('__proto__');
    expect(issues[0]?.unknownMember).toBeUndefined();
  });
});

describe('checkGreaterThan', () => {
  const compare = (object: Record<string, unknown>) =>
    check((i) => checkGreaterThan(i, 'W', object, 'To', 'From')).issues;

  it('refuses an equal or smaller value, and takes a greater one', () => {
    expect(compare({ From: 5, To: 6 })).toEqual([]);
    expect(compare({ From: 5, To: 5 })).toEqual(['W.To: must be greater than From (5) (got 5)']);
    expect(compare({ From: '2024-01-01T00:00:01Z', To: '2024-01-01T00:00:01.5Z' })).toEqual([]);
    expect(compare({ From: '2024-01-01T00:00:01Z', To: '2024-01-01T00:00:01.000Z' })).toEqual([
      'W.To: must be later than From ("2024-01-01T00:00:01Z") (got "2024-01-01T00:00:01.000Z")',
    ]);
  });

  it('skips absent values, values that broke their own rule, and a number against a time', () => {
    expect(compare({ To: 1 })).toEqual([]);
    expect(compare({ From: 1 })).toEqual([]);
    expect(compare({ From: 5, To: Number.NaN })).toEqual([]);
    expect(compare({ From: Number.POSITIVE_INFINITY, To: 1 })).toEqual([]);
    expect(compare({ From: 'soon', To: '2024-01-01T00:00:00Z' })).toEqual([]);
    expect(compare({ From: 0, To: '1970-01-01T00:00:00Z' })).toEqual([]);
    expect(compare({ From: '1970-01-01T00:00:01Z', To: 0 })).toEqual([]);
    expect(compare({ From: 5n, To: 4n })).toEqual([]);
  });
});
