/**
 * The success half of the envelope reader (transport/envelope.ts) against every shape a body can take:
 * status edges, JSON that is null or an array, metadata that is null, an `Error` of any value, the action
 * named in another case or not at all, and the metadata's fallbacks.
 */
import { describe, expect, it } from 'vitest';
import {
  answersAction,
  attachMetadata,
  isObject,
  metadataOf,
  type ResponseMetadata,
  successOf,
  text,
} from '../src/transport/envelope.js';

const context = { action: 'DescribeThings', version: '2020-01-01', service: 'redis' };
const meta = { RequestId: 'rid-1', Action: 'DescribeThings', Version: '2020-01-01', Service: 'redis', Region: 'r1' };

function answer(body: unknown, status = 200) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, text: raw, headers: new Headers() };
}

describe('successOf: status', () => {
  it.each([200, 201, 299])('reads a %i answer', (status) => {
    expect(successOf(answer({ ResponseMetadata: meta, Result: { A: 1 } }, status), context)).toEqual({
      result: { A: 1 },
      metadata: meta,
    });
  });

  it.each([199, 300, 400, 500])('leaves a %i answer to the error path', (status) => {
    expect(successOf(answer({ ResponseMetadata: meta, Result: {} }, status), context)).toBeUndefined();
  });
});

describe('successOf: body shapes that are no success', () => {
  it.each([
    ['invalid JSON', '{"ResponseMetadata":'],
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['a JSON number', '12'],
    ['a JSON array', JSON.stringify([{ ResponseMetadata: meta }])],
    ['no ResponseMetadata', { Result: {} }],
    ['ResponseMetadata: null', { ResponseMetadata: null, Result: {} }],
    ['ResponseMetadata as an array', { ResponseMetadata: [meta], Result: {} }],
    ['ResponseMetadata as a string', { ResponseMetadata: 'ok', Result: {} }],
    ['an Error object', { ResponseMetadata: { ...meta, Error: { Code: 'X', Message: 'm' } } }],
    ['an empty Error object', { ResponseMetadata: { ...meta, Error: {} } }],
    ['an Error that is 0', { ResponseMetadata: { ...meta, Error: 0 } }],
    ['an Error that is an empty string', { ResponseMetadata: { ...meta, Error: '' } }],
    ['an array Result', { ResponseMetadata: meta, Result: [1] }],
    ['a string Result', { ResponseMetadata: meta, Result: 'done' }],
    ['a number Result', { ResponseMetadata: meta, Result: 3 }],
    ['another action', { ResponseMetadata: { ...meta, Action: 'DeleteThings' }, Result: {} }],
    ['a shorter action', { ResponseMetadata: { ...meta, Action: 'DescribeThing' }, Result: {} }],
    ['an action as a number', { ResponseMetadata: { ...meta, Action: 7 }, Result: {} }],
  ])('%s', (_name, body) => {
    expect(successOf(answer(body), context)).toBeUndefined();
  });
});

describe('successOf: successes', () => {
  it.each([
    ['without Result', { ResponseMetadata: meta }],
    ['with Result: null', { ResponseMetadata: meta, Result: null }],
    ['with Error: null', { ResponseMetadata: { ...meta, Error: null }, Result: null }],
  ])('reads an answer %s as an empty result', (_name, body) => {
    const success = successOf(answer(body), context);
    expect(success?.result).toEqual({});
  });

  it.each([
    ['the exact name', 'DescribeThings'],
    ['another case', 'describethings'],
    ['no Action', undefined],
    ['Action: null', null],
    ['an empty Action', ''],
  ])('accepts metadata naming the action by %s', (_name, action) => {
    const body = { ResponseMetadata: { ...meta, Action: action }, Result: { Id: 'x' } };
    expect(successOf(answer(body), context)?.result).toEqual({ Id: 'x' });
  });

  it('fills the metadata from the call where the service left it out', () => {
    const success = successOf(answer({ ResponseMetadata: { RequestId: 'rid-2', Extra: 'e' }, Result: {} }), context);
    expect(success?.metadata).toEqual({
      RequestId: 'rid-2',
      Action: 'DescribeThings',
      Version: '2020-01-01',
      Service: 'redis',
      Region: '',
      Extra: 'e',
    });
  });

  it('reads big integers exactly', () => {
    const success = successOf(answer('{"ResponseMetadata":{},"Result":{"Id":9007199254740993}}'), context);
    expect(success?.result).toEqual({ Id: 9007199254740993n });
  });
});

describe('metadataOf and text', () => {
  it('turns numbers, booleans and bigints into text and drops nested values', () => {
    expect(metadataOf({ RequestId: 12, Action: true, Version: 3n, Service: { a: 1 }, Region: ['x'] }, context)).toEqual(
      {
        RequestId: '12',
        Action: 'true',
        Version: '3',
        Service: 'redis',
        Region: '',
      },
    );
  });

  it('keeps what the service sent over the call context', () => {
    expect(metadataOf({ ...meta, Action: 'Other', Version: 'v2', Service: 's2' }, context)).toMatchObject({
      Action: 'Other',
      Version: 'v2',
      Service: 's2',
    });
  });

  it.each([
    ['a', 'a'],
    [0, '0'],
    [false, 'false'],
    [5n, '5'],
    [null, ''],
    [undefined, ''],
    [{}, ''],
    [[1], ''],
  ])('text(%o) is %j', (value, expected) => {
    expect(text(value)).toBe(expected);
  });
});

describe('answersAction', () => {
  it.each([
    ['DescribeThings', true],
    ['DESCRIBETHINGS', true],
    [undefined, true],
    [null, true],
    ['', true],
    ['DescribeThing', false],
    ['DescribeThingsX', false],
    ['ListThings', false],
    [0, false],
    [false, false],
  ])('%o -> %s', (stated, expected) => {
    expect(answersAction(stated, 'DescribeThings')).toBe(expected);
  });
});

describe('isObject and attachMetadata', () => {
  it('counts only non-null, non-array objects as objects', () => {
    expect([{}, [], null, 'x', 1].map(isObject)).toEqual([true, false, false, false, false]);
  });

  it('adds $metadata as a hidden, read-only but configurable member of the same object', () => {
    const result = { A: 1 };
    const withMeta = attachMetadata<{ A: number }>(result, meta as ResponseMetadata);
    expect(withMeta).toBe(result);
    expect(withMeta.$metadata).toBe(meta);
    expect(Object.getOwnPropertyDescriptor(result, '$metadata')).toEqual({
      value: meta,
      enumerable: false,
      writable: false,
      configurable: true,
    });
    expect(JSON.stringify(withMeta)).toBe('{"A":1}');
  });
});
