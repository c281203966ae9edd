import { describe, expect, it } from 'vitest';
import { flattenQuery } from '../src/flatten.js';
import { serializeForm, serializeJson, serializeQuery } from '../src/internal.js';

describe('flattenQuery', () => {
  it('dots nested members and numbers list items from 1', () => {
    expect(
      flattenQuery({
        InstanceIds: ['i-1', 'i-2'],
        Filter: { Name: 'zone', Values: ['a', 'b'] },
        Tags: [
          { Key: 'k1', Value: 'v1' },
          { Key: 'k2', Value: 'v2' },
        ],
        PageSize: 10,
        DryRun: false,
        Skip: undefined,
        Nothing: null,
        When: new Date('2025-01-02T03:04:05Z'),
      }),
    ).toEqual([
      ['InstanceIds.1', 'i-1'],
      ['InstanceIds.2', 'i-2'],
      ['Filter.Name', 'zone'],
      ['Filter.Values.1', 'a'],
      ['Filter.Values.2', 'b'],
      ['Tags.1.Key', 'k1'],
      ['Tags.1.Value', 'v1'],
      ['Tags.2.Key', 'k2'],
      ['Tags.2.Value', 'v2'],
      ['PageSize', '10'],
      ['DryRun', 'false'],
      ['When', '2025-01-02T03:04:05.000Z'],
    ]);
  });

  it('numbers nested lists', () => {
    expect(flattenQuery({ M: [['a'], ['b', 'c']] })).toEqual([
      ['M.1.1', 'a'],
      ['M.2.1', 'b'],
      ['M.2.2', 'c'],
    ]);
  });

  it('returns nothing for no input and refuses a non-object', () => {
    expect(flattenQuery(undefined)).toEqual([]);
    expect(() => flattenQuery(['a'])).toThrow(TypeError);
    expect(() => flattenQuery('a')).toThrow(TypeError);
  });
});

describe('the serializer of each protocol', () => {
  const op = { action: 'DescribeThings', version: '2020-01-01' } as const;

  it('json: POST body, Action and Version in the query', () => {
    const r = serializeJson({ ...op, method: 'POST' }, { Name: 'a b', Ids: [1, 2] });
    expect(r).toEqual({
      method: 'POST',
      queryString: 'Action=DescribeThings&Version=2020-01-01',
      body: '{"Name":"a b","Ids":[1,2]}',
      contentType: 'application/json',
    });
  });

  it('json: an absent input is sent as {}', () => {
    expect(serializeJson({ ...op, method: 'POST' }, undefined).body).toBe('{}');
  });

  it('query: GET with the input flattened into an RFC 3986 query, no body', () => {
    const r = serializeQuery({ ...op, method: 'GET' }, { Name: 'a b*', Ids: ['x', 'y'], Action: 'Sneaky' });
    expect(r.method).toBe('GET');
    expect(r.body).toBeUndefined();
    expect(r.queryString).toBe('Action=DescribeThings&Ids.1=x&Ids.2=y&Name=a%20b%2A&Version=2020-01-01');
  });

  it('form: POST with the flattened input urlencoded', () => {
    const r = serializeForm({ ...op, method: 'POST' }, { Name: 'a&b=c', Tags: [{ Key: 'k' }] });
    expect(r.queryString).toBe('Action=DescribeThings&Version=2020-01-01');
    expect(r.body).toBe('Name=a%26b%3Dc&Tags.1.Key=k');
    expect(r.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(r.body))).toEqual({ Name: 'a&b=c', 'Tags.1.Key': 'k' });
  });
});

describe('each protocol serializer, called directly', () => {
  const op = { action: 'DescribeThings', version: '2020-01-01' } as const;

  it('each writes its own protocol: a JSON body, a flattened query, a form body', () => {
    const small = { Ids: ['x'], Count: 12345678901234567890n };
    expect(serializeJson({ ...op, method: 'POST' }, small).body).toBe('{"Ids":["x"],"Count":12345678901234567890}');
    expect(serializeQuery({ ...op, method: 'GET' }, small)).toEqual({
      method: 'GET',
      queryString: 'Action=DescribeThings&Count=12345678901234567890&Ids.1=x&Version=2020-01-01',
    });
    expect(serializeForm({ ...op, method: 'POST' }, small).body).toBe('Ids.1=x&Count=12345678901234567890');
  });
});
