import { describe, expect, it } from 'vitest';
import { validateCreateWidgetRequest } from './fixtures/mini-expected/src/operations/create-widget.js';
import { validateListWidgetsRequest } from './fixtures/mini-expected/src/operations/list-widgets.js';

// The golden output of the mini fixture, run: each rule of the fixture spec, broken once.
const valid = { Name: 'abc' };
const messages = (input: unknown) => validateCreateWidgetRequest(input).map((i) => `${i.path}: ${i.message}`);

describe('generated validators', () => {
  it('accepts a minimal and a full valid input', () => {
    expect(messages(valid)).toEqual([]);
    expect(
      messages({
        Name: 'abc',
        Size: 10,
        Ratio: 0.5,
        Kind: 'Square',
        Corners: 4,
        Enabled: true,
        Tags: [{ Key: 'k', Value: 'v' }],
        Labels: { a: 'b' },
        Window: { From: '2024-01-01T00:00:00Z', To: '2024-01-02T00:00:00Z' },
        ClientToken: 't',
      }),
    ).toEqual([]);
  });

  it.each([
    [{}, 'Name: is required'],
    [{ Name: 'ABC' }, 'Name: must match ^[a-z]+$ (got "ABC")'],
    [{ Name: '' }, 'Name: must be at least 1 character long (got "")'],
    [{ Name: 'abcdefghi' }, 'Name: must be at most 8 characters long (got "abcdefghi")'],
    [{ Name: 1 }, 'Name: must be a string (got 1)'],
    [{ ...valid, Size: 0 }, 'Size: must be >= 1 (got 0)'],
    [{ ...valid, Size: 11 }, 'Size: must be <= 10 (got 11)'],
    [{ ...valid, Size: 1.5 }, 'Size: must be an integer (got 1.5)'],
    [{ ...valid, Ratio: 0 }, 'Ratio: must be > 0 (got 0)'],
    [{ ...valid, Ratio: Number.NaN }, 'Ratio: must be a finite number (got NaN)'],
    [{ ...valid, Kind: 'Oval' }, 'Kind: must be one of Round, Square (got "Oval")'],
    [{ ...valid, Kind: 'Square' }, 'Corners: is required when Kind is Square'],
    [{ ...valid, Enabled: 'yes' }, 'Enabled: must be a boolean (got "yes")'],
    [{ ...valid, Tags: {} }, 'Tags: must be an array (got an object)'],
    [{ ...valid, Tags: [{}, { Key: 'k' }] }, 'Tags[0].Key: is required'],
    [{ ...valid, Tags: [{ Key: 1 }] }, 'Tags[0].Key: must be a string (got 1)'],
    [
      { ...valid, Tags: [{ Key: 'a' }, { Key: 'b' }, { Key: 'c' }, { Key: 'd' }] },
      'Tags: must have at most 3 items (got 4)',
    ],
    [{ ...valid, Labels: { a: 2 } }, 'Labels.a: must be a string (got 2)'],
    [{ ...valid, Window: { From: '2024-01-01T00:00:00Z' } }, 'Window.To: is required when From is set'],
    [
      { ...valid, Window: { From: '2024-01-01', To: '2024-01-02T00:00:00Z' } },
      'Window.From: must be a UTC time as yyyy-MM-ddTHH:mm:ssZ (fractions of a second allowed) (got "2024-01-01")',
    ],
    [
      { ...valid, Window: { From: '2024-01-02T00:00:00Z', To: '2024-01-01T00:00:00Z' } },
      'Window.To: must be later than From ("2024-01-02T00:00:00Z") (got "2024-01-01T00:00:00Z")',
    ],
    [null, ': must be an object (got null)'],
  ])('rejects %j with "%s"', (input, message) => {
    expect(messages(input)).toEqual([message]);
  });

  it('reports a member the spec does not know, with the nearest known name', () => {
    expect(validateCreateWidgetRequest({ ...valid, Sise: 2 })).toEqual([
      {
        path: 'Sise',
        rule: 'unknownMember',
        message: 'is not a member the spec declares; did you mean Size?',
        unknownMember: true,
      },
    ]);
    expect(messages({ ...valid, Tags: [{ key: 'k' }] })).toEqual([
      'Tags[0].key: is not a member the spec declares; did you mean Key?',
      'Tags[0].Key: is required',
    ]);
    expect(messages({ ...valid, Colour: 'red' })).toEqual(['Colour: is not a member the spec declares']);
    // Not sent, so not reported.
    expect(messages({ ...valid, Sise: undefined })).toEqual([]);
  });

  it('gives one message per broken rule: malformed times are not compared as well', () => {
    expect(messages({ ...valid, Window: { From: '2024-01-02 00:00', To: '2024-01-01 00:00' } })).toEqual([
      'Window.From: must be a UTC time as yyyy-MM-ddTHH:mm:ssZ (fractions of a second allowed) (got "2024-01-02 00:00")',
      'Window.To: must be a UTC time as yyyy-MM-ddTHH:mm:ssZ (fractions of a second allowed) (got "2024-01-01 00:00")',
    ]);
  });

  it('reports every broken rule at once', () => {
    expect(messages({ Size: 0, Kind: 'Oval' })).toHaveLength(3);
  });

  it('checks a condition only when its property is set, if the spec says required', () => {
    // `if: { required: [Kind], ... }`: without Kind the condition does not hold.
    expect(messages({ Name: 'a' })).toEqual([]);
  });

  // x-volc-min-bytes: 2 and x-volc-max-bytes: 12 on Title: UTF-8 bytes, as the server's Go code counts them.
  it.each([
    ['ab', []],
    ['é', []], // one character, two bytes
    ['abcdefghijkl', []],
    ['中文字典', []], // four characters, twelve bytes
    ['😀😀😀', []], // six UTF-16 units, twelve bytes
    ['a', ['Title: must be at least 2 bytes in UTF-8 (got 1)']],
    ['', ['Title: must be at least 2 bytes in UTF-8 (got 0)']],
    ['abcdefghijklm', ['Title: must be at most 12 bytes in UTF-8 (got 13)']],
    ['中文字典a', ['Title: must be at most 12 bytes in UTF-8 (got 13)']],
    ['😀😀😀!', ['Title: must be at most 12 bytes in UTF-8 (got 13)']],
    ['éééééé!', ['Title: must be at most 12 bytes in UTF-8 (got 13)']],
  ])('counts Title %j in UTF-8 bytes', (title, expected) => {
    expect(messages({ ...valid, Title: title })).toEqual(expected);
  });

  it('validates GET inputs too', () => {
    expect(validateListWidgetsRequest({ MaxResults: 51 })).toEqual([
      { path: 'MaxResults', rule: 'maximum', message: 'must be <= 50 (got 51)' },
    ]);
  });
});
