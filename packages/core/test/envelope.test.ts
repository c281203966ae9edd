import { describe, expect, it } from 'vitest';
import { VolcResponseError, VolcServiceError } from '../src/index.js';
import { attachMetadata } from '../src/transport/envelope.js';
import { parseEnvelope } from '../src/transport/envelope-error.js';

const context = { action: 'DescribeThings', version: '2020-01-01', service: 'redis' };
function response(status: number, text: string, headers: Record<string, string> = {}) {
  return { status, text, headers: new Headers(headers) };
}
const meta = {
  RequestId: 'rid-1',
  Action: 'DescribeThings',
  Version: '2020-01-01',
  Service: 'redis',
  Region: 'cn-beijing',
};

describe('parseEnvelope', () => {
  it('returns Result and metadata on success', () => {
    const parsed = parseEnvelope(
      response(200, JSON.stringify({ ResponseMetadata: meta, Result: { Total: 1 } })),
      context,
    );
    expect(parsed).toEqual({ ok: true, result: { Total: 1 }, metadata: meta });
  });

  it('treats an absent or null Result as {}', () => {
    for (const body of [{ ResponseMetadata: meta }, { ResponseMetadata: meta, Result: null }]) {
      expect(parseEnvelope(response(200, JSON.stringify(body)), context)).toMatchObject({ ok: true, result: {} });
    }
  });

  it.each([200, 400, 429, 500])('maps ResponseMetadata.Error with HTTP %i to VolcServiceError', (status) => {
    const body = {
      ResponseMetadata: { ...meta, Error: { Code: 'InvalidParameter', CodeN: 100004, Message: 'PageSize is invalid' } },
    };
    const parsed = parseEnvelope(response(status, JSON.stringify(body)), context);
    expect(parsed.ok).toBe(false);
    const error = (parsed as { error: VolcServiceError }).error;
    expect(error).toBeInstanceOf(VolcServiceError);
    expect(error).toMatchObject({
      code: 'InvalidParameter',
      codeN: 100004,
      serverMessage: 'PageSize is invalid',
      requestId: 'rid-1',
      status,
      action: 'DescribeThings',
      service: 'redis',
    });
    expect(error.message).toBe(
      `InvalidParameter: PageSize is invalid (redis DescribeThings, HTTP ${status}, RequestId rid-1)`,
    );
  });

  it('sets retryable from the tables', () => {
    const make = (code: string, status: number) =>
      (
        parseEnvelope(
          response(status, JSON.stringify({ ResponseMetadata: { ...meta, Error: { Code: code, Message: '' } } })),
          context,
        ) as { error: VolcServiceError }
      ).error;
    expect(make('FlowLimitExceeded', 200).retryable).toBe(true);
    expect(make('InvalidParameter', 400).retryable).toBe(false);
    expect(make('Whatever', 503).retryable).toBe(true);
  });

  it('gives an HTML 502 page a VolcResponseError with status and excerpt', () => {
    const html = `<html>\n<head><title>502 Bad Gateway</title></head>\n<body>${'x'.repeat(500)}</body></html>`;
    const parsed = parseEnvelope(response(502, html, { 'x-tt-logid': 'log-123' }), context);
    const error = (parsed as { error: VolcResponseError }).error;
    expect(error).toBeInstanceOf(VolcResponseError);
    expect(error).toMatchObject({ status: 502, requestId: 'log-123', retryable: true });
    expect(error.bodyExcerpt.startsWith('<html> <head><title>502 Bad Gateway</title></head>')).toBe(true);
    expect(error.bodyExcerpt.length).toBeLessThanOrEqual(203);
    expect(error.message).toContain('HTTP 502');
    expect(error.message).toContain('body is not valid JSON');
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('keeps the request id found in truncated JSON', () => {
    const text = JSON.stringify({ ResponseMetadata: meta, Result: { Items: [1, 2, 3] } }).slice(0, 90);
    const error = (parseEnvelope(response(200, text), context) as { error: VolcResponseError }).error;
    expect(error).toBeInstanceOf(VolcResponseError);
    expect(error).toMatchObject({ status: 200, requestId: 'rid-1', retryable: false });
  });

  it('rejects JSON without ResponseMetadata, an empty body and a non-object Result', () => {
    const cases: [number, string, string][] = [
      [200, '{"Result":{}}', 'no ResponseMetadata'],
      [200, '[]', 'no ResponseMetadata'],
      [200, '', 'empty body'],
      [200, JSON.stringify({ ResponseMetadata: meta, Result: 'text' }), 'Result is a string, not an object'],
      [503, JSON.stringify({ ResponseMetadata: meta }), 'HTTP 503 without ResponseMetadata.Error'],
    ];
    for (const [status, text, reason] of cases) {
      const parsed = parseEnvelope(response(status, text), context);
      expect(parsed.ok).toBe(false);
      expect((parsed as { error: Error }).error).toBeInstanceOf(VolcResponseError);
      expect((parsed as { error: Error }).error.message).toContain(reason);
    }
  });

  // Issue 12 item 5: an Error without a usable Code used to resolve as a success on HTTP 200.
  it.each([
    ['an empty Code', { Code: '', Message: '' }],
    ['only CodeN', { CodeN: 100013, Message: 'quota exceeded' }],
    ['a null Code', { Code: null, Message: 'x' }],
    ['a numeric Code', { Code: 100013, Message: 'x' }],
    ['an empty object', {}],
    ['a string instead of an object', 'denied'],
  ])('reports an Error with %s on a 2xx as a service error (UnknownError)', (_, error) => {
    const parsed = parseEnvelope(
      response(200, JSON.stringify({ ResponseMetadata: { ...meta, Error: error }, Result: { A: 1 } })),
      context,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatchObject({
      name: 'VolcServiceError',
      code: 'UnknownError',
      requestId: 'rid-1',
      status: 200,
      retryable: false,
    });
  });

  it('keeps CodeN and the message of an Error without a Code', () => {
    const parsed = parseEnvelope(
      response(
        200,
        JSON.stringify({ ResponseMetadata: { ...meta, Error: { CodeN: 100013, Message: 'quota exceeded' } } }),
      ),
      context,
    );
    expect(parsed.ok ? undefined : parsed.error).toMatchObject({
      code: 'UnknownError',
      codeN: 100013,
      serverMessage: 'quota exceeded',
    });
  });

  // Issue 22 item 7: an answer about another action, or a Result of the wrong JSON kind, is not a success.
  it.each([
    [
      'another action',
      { ResponseMetadata: { ...meta, Action: 'DeleteEverything' }, Result: { Total: 1 } },
      'DeleteEverything',
    ],
    ['an Action that is not a string', { ResponseMetadata: { ...meta, Action: 42 }, Result: {} }, 'Action'],
    ['an array Result', { ResponseMetadata: meta, Result: [1, 2] }, 'Result is an array'],
    ['a number Result', { ResponseMetadata: meta, Result: 7 }, 'Result is a number'],
    ['a boolean Result', { ResponseMetadata: meta, Result: false }, 'Result is a boolean'],
  ])('refuses a 200 with %s as a VolcResponseError with the request id', (_, body, reason) => {
    const parsed = parseEnvelope(response(200, JSON.stringify(body)), context);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toBeInstanceOf(VolcResponseError);
    expect(parsed.error).toMatchObject({ status: 200, requestId: 'rid-1', retryable: false, action: 'DescribeThings' });
    expect(parsed.error.message).toContain(reason);
  });

  it('names the called action and the one answered', () => {
    const body = { ResponseMetadata: { ...meta, Action: 'DeleteEverything' }, Result: {} };
    const parsed = parseEnvelope(response(200, JSON.stringify(body)), context);
    expect(parsed.ok ? '' : parsed.error.message).toContain(
      'ResponseMetadata.Action is "DeleteEverything", not the action called (DescribeThings)',
    );
  });

  it.each([
    ['no Action', { RequestId: 'rid-1', Version: '2020-01-01' }],
    ['an empty Action', { ...meta, Action: '' }],
    ['a null Action', { ...meta, Action: null }],
    ['the Action in another case', { ...meta, Action: 'describethings' }],
  ])('accepts a success with %s (services that fill the metadata their own way)', (_, metadata) => {
    for (const body of [
      { ResponseMetadata: metadata, Result: { Total: 1 } },
      { ResponseMetadata: metadata },
      { ResponseMetadata: metadata, Result: null },
    ]) {
      const parsed = parseEnvelope(response(200, JSON.stringify(body)), context);
      expect(parsed.ok, JSON.stringify(body)).toBe(true);
      expect(parsed.ok && parsed.metadata.RequestId).toBe('rid-1');
    }
  });

  it('treats a null Error as no error', () => {
    const parsed = parseEnvelope(
      response(200, JSON.stringify({ ResponseMetadata: { ...meta, Error: null }, Result: { A: 1 } })),
      context,
    );
    expect(parsed.ok).toBe(true);
  });
});

describe('attachMetadata', () => {
  it('adds a non-enumerable, read-only $metadata', () => {
    const result = attachMetadata<{ A: number }>({ A: 1 }, meta);
    expect(result.$metadata.RequestId).toBe('rid-1');
    expect(Object.keys(result)).toEqual(['A']);
    expect(JSON.stringify(result)).toBe('{"A":1}');
    expect({ ...result }).toEqual({ A: 1 });
    expect(() => {
      (result as { $metadata: unknown }).$metadata = {};
    }).toThrow(TypeError);
  });
});
