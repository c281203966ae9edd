/**
 * The validation helpers' messages (one per broken rule, forms instead of regular expressions, plurals)
 * and unknown members: a warning through the logger by default, an error under `strictMembers`.
 */
import { describe, expect, it, vi } from 'vitest';
import { VolcClient, VolcValidationError, type Operation, type ValidationIssue } from '../src/index.js';
import {
  checkArray,
  checkBoolean,
  checkDateTime,
  checkDependentRequired,
  checkEnum,
  checkInteger,
  checkNumber,
  checkRequired,
  checkSuggested,
  checkGreaterThan,
  checkMembers,
  checkObject,
  checkString,
  closestName,
  serializeJson,
  utf8Length,
  serializeQuery,
} from '../src/internal.js';
import { PROTOTYPE_NAME_MESSAGE, prototypeNameIssues } from '../src/prototype-names.js';

function run(check: (issues: ValidationIssue[]) => void): string[] {
  const issues: ValidationIssue[] = [];
  check(issues);
  return issues.map((i) => `${i.path}: ${i.message}`);
}

describe('messages', () => {
  it('count characters and items in the singular and the plural', () => {
    expect(run((i) => checkString(i, 'A', '', { minLength: 1 }))).toEqual([
      'A: must be at least 1 character long (got "")',
    ]);
    expect(run((i) => checkString(i, 'A', 'abc', { maxLength: 2 }))).toEqual([
      'A: must be at most 2 characters long (got "abc")',
    ]);
    expect(run((i) => checkArray(i, 'L', [], { minItems: 1 }))).toEqual(['L: must have at least 1 item (got 0)']);
    expect(run((i) => checkArray(i, 'L', [1, 2, 3], { maxItems: 2 }))).toEqual([
      'L: must have at most 2 items (got 3)',
    ]);
  });

  it('count UTF-8 bytes for byte bounds, inclusive, with the count in the message', () => {
    expect(run((i) => checkString(i, 'N', 'a', { minBytes: 2 }))).toEqual([
      'N: must be at least 2 bytes in UTF-8 (got 1)',
    ]);
    expect(run((i) => checkString(i, 'N', '', { minBytes: 1 }))).toEqual([
      'N: must be at least 1 byte in UTF-8 (got 0)',
    ]);
    expect(run((i) => checkString(i, 'N', 'é', { minBytes: 2, maxBytes: 2 }))).toEqual([]);
    // 43 characters, 129 bytes: within a maxLength of 128, beyond a maxBytes of 128.
    const name = '名'.repeat(43);
    expect(run((i) => checkString(i, 'Name', name, { maxLength: 128, maxBytes: 128 }))).toEqual([
      'Name: must be at most 128 bytes in UTF-8 (got 129)',
    ]);
    expect(run((i) => checkString(i, 'Name', name.slice(1), { maxBytes: 126 }))).toEqual([]);
  });

  it('count UTF-8 bytes as TextEncoder does, without encoding: pairs are 4, lone surrogates 3 (sent as U+FFFD)', () => {
    const samples = [
      '',
      'a',
      '\u007f',
      '\u0080',
      '\u07ff',
      '\u0800',
      '\uffff',
      '😀',
      'a😀b',
      '\ud800',
      '\udc00x',
      '\ude00\ud83d',
      '😀\ud83d',
    ];
    for (const sample of samples)
      expect(utf8Length(sample), JSON.stringify(sample)).toBe(new TextEncoder().encode(sample).length);
  });

  it('name the form of a time, with or without fractions of a second, never a regular expression', () => {
    const pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/u;
    expect(run((i) => checkDateTime(i, 'T', '2024-08-22 07:51'))).toEqual([
      'T: must be a UTC time as yyyy-MM-ddTHH:mm:ssZ (fractions of a second allowed) (got "2024-08-22 07:51")',
    ]);
    expect(run((i) => checkDateTime(i, 'T', '2024-08-22T07:51:09.250Z'))).toEqual([]);
    expect(run((i) => checkDateTime(i, 'T', '2024-08-22T07:51:09.250Z', { pattern, fractions: false }))).toEqual([
      'T: must be a UTC time as yyyy-MM-ddTHH:mm:ssZ, without fractions of a second (got "2024-08-22T07:51:09.250Z")',
    ]);
    expect(run((i) => checkDateTime(i, 'T', '2024-08-22', { pattern, fractions: false }))).toEqual([
      'T: must be a UTC time as yyyy-MM-ddTHH:mm:ssZ, without fractions of a second (got "2024-08-22")',
    ]);
    expect(run((i) => checkDateTime(i, 'T', '2024-08-22T07:51:09Z', { pattern, fractions: false }))).toEqual([]);
  });

  it('do not compare values that broke their own rule (no cascade)', () => {
    const compare = (StartTime: unknown, EndTime: unknown) =>
      run((i) => checkGreaterThan(i, '', { StartTime, EndTime }, 'EndTime', 'StartTime'));
    // V8's Date.parse reads "2024-08-22 07:51", but the validator already rejected it as a time.
    expect(compare('2024-08-22 09:00', '2024-08-22 07:51')).toEqual([]);
    expect(compare('2024-08-22T09:00:00Z', 5)).toEqual([]);
    expect(compare('2024-08-22T09:00:00Z', '2024-08-22T07:51:00Z')).toEqual([
      'EndTime: must be later than StartTime ("2024-08-22T09:00:00Z") (got "2024-08-22T07:51:00Z")',
    ]);
    expect(run((i) => checkGreaterThan(i, '', { Budget: 5, MaxBudget: 4 }, 'MaxBudget', 'Budget'))).toEqual([
      'MaxBudget: must be greater than Budget (5) (got 4)',
    ]);
  });
});

describe('the rule of an issue', () => {
  const rules = (check: (issues: ValidationIssue[]) => void) => {
    const issues: ValidationIssue[] = [];
    check(issues);
    return issues.map((i) => `${i.path}: ${i.rule}`);
  };

  it('names, for each check, the keyword of the rule broken, whatever the message says', () => {
    const cases: [(issues: ValidationIssue[]) => void, string][] = [
      [(i) => checkRequired(i, 'F', {}, ['InstanceId']), 'F.InstanceId: required'],
      [(i) => checkRequired(i, '', {}, ['InstanceId'], 'Scope is OneInstance'), 'InstanceId: required'],
      [(i) => checkDependentRequired(i, '', { StartTime: 't' }, 'StartTime', ['EndTime']), 'EndTime: required'],
      [(i) => checkObject(i, 'O', []), 'O: type'],
      [(i) => checkString(i, 'S', 5), 'S: type'],
      [(i) => checkNumber(i, 'N', Number.NaN), 'N: type'],
      [(i) => checkInteger(i, 'N', 1.5), 'N: type'],
      [(i) => checkBoolean(i, 'B', 'true'), 'B: type'],
      [(i) => checkArray(i, 'L', 'a'), 'L: type'],
      [(i) => checkDateTime(i, 'T', '2024-08-22'), 'T: format'],
      [(i) => checkDateTime(i, 'T', '2024-08-22T07:51:09Z', { pattern: /^2025/ }), 'T: pattern'],
      [(i) => checkEnum(i, 'E', 'Everything', ['OneInstance']), 'E: enum'],
      [(i) => checkSuggested(i, 'E', 'Everything', ['OneInstance']), 'E: enum'],
      [(i) => checkString(i, 'S', '', { minLength: 1 }), 'S: minLength'],
      [(i) => checkString(i, 'S', 'ab', { maxLength: 1 }), 'S: maxLength'],
      [(i) => checkString(i, 'S', 'a', { minBytes: 2 }), 'S: minBytes'],
      [(i) => checkString(i, 'S', 'é', { maxBytes: 1 }), 'S: maxBytes'],
      [(i) => checkString(i, 'S', 'a', { pattern: /^b$/ }), 'S: pattern'],
      [(i) => checkInteger(i, 'N', 0, { minimum: 1 }), 'N: minimum'],
      [(i) => checkInteger(i, 'N', 101, { maximum: 100 }), 'N: maximum'],
      [(i) => checkNumber(i, 'N', 0, { exclusiveMinimum: 0 }), 'N: exclusiveMinimum'],
      [(i) => checkNumber(i, 'N', 1, { exclusiveMaximum: 1 }), 'N: exclusiveMaximum'],
      [(i) => checkArray(i, 'L', [], { minItems: 1 }), 'L: minItems'],
      [(i) => checkArray(i, 'L', [1, 2], { maxItems: 1 }), 'L: maxItems'],
      [(i) => checkArray(i, 'L', [1, 1], { uniqueItems: true }), 'L: uniqueItems'],
      [(i) => checkGreaterThan(i, '', { A: 1, B: 2 }, 'A', 'B'), 'A: greaterThan'],
      [(i) => checkMembers(i, '', { PageSzie: 1 }, new Set(['PageSize'])), 'PageSzie: unknownMember'],
      [(i) => checkMembers(i, '', JSON.parse('{"__proto__":1}'), new Set(['PageSize'])), '__proto__: prototypeName'],
    ];
    for (const [check, expected] of cases) expect(rules(check)).toEqual([expected]);
  });
});

describe('unknown members', () => {
  const known = new Set(['PageSize', 'PageNumber', 'InstanceId']);

  it('suggest the nearest known name for a typo, a swap or another case', () => {
    expect(closestName('PageSzie', known)).toBe('PageSize');
    expect(closestName('pagesize', known)).toBe('PageSize');
    expect(closestName('PageNumbr', known)).toBe('PageNumber');
    expect(closestName('InstanceIds', known)).toBe('InstanceId');
    expect(closestName('Region', known)).toBeUndefined();
  });

  it('are issues marked unknownMember, with the hint in the message', () => {
    const issues: ValidationIssue[] = [];
    const input: Record<string, unknown> = { PageSzie: 10, Region: 'x', PageNumber: 1, Skipped: undefined };
    checkMembers(issues, 'Filter', input, known);
    expect(issues).toEqual([
      {
        path: 'Filter.PageSzie',
        rule: 'unknownMember',
        message: 'is not a member the spec declares; did you mean PageSize?',
        unknownMember: true,
      },
      {
        path: 'Filter.Region',
        rule: 'unknownMember',
        message: 'is not a member the spec declares',
        unknownMember: true,
      },
    ]);
  });
});

describe('the client and unknown members', () => {
  const validate = (input: unknown): ValidationIssue[] => {
    const issues: ValidationIssue[] = [];
    if (checkObject(issues, '', input)) checkMembers(issues, '', input, new Set(['PageSize']));
    return issues;
  };
  const operation: Operation<Record<string, unknown>, { Ok?: boolean }> = {
    action: 'ListThings',
    version: '2020-01-01',
    method: 'POST',
    protocol: 'json',
    serialize: serializeJson,
    validate,
  };
  const setup = (strictMembers?: boolean) => {
    const sent: string[] = [];
    const warnings: string[] = [];
    const fetch = async (request: Request | string | URL, init?: RequestInit) => {
      sent.push(request instanceof Request ? await request.text() : String(init?.body ?? ''));
      return new Response(
        JSON.stringify({ ResponseMetadata: { RequestId: 'rid-1', Action: 'ListThings' }, Result: { Ok: true } }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    };
    const client = new VolcClient(
      { service: 'things', global: false },
      {
        endpoint: 'http://127.0.0.1:9',
        credentials: { accessKeyId: 'AKLTtest', secretAccessKey: 'c2VjcmV0' },
        fetch: fetch as typeof globalThis.fetch,
        logger: { warn: (message: string) => warnings.push(message) },
        maxAttempts: 1,
        ...(strictMembers === undefined ? {} : { strictMembers }),
      },
    );
    return { client, sent, warnings };
  };

  it('by default logs a warning with the hint and sends the call', async () => {
    const { client, sent, warnings } = setup();
    const result = await client.send(operation, { PageSzie: 10 });
    expect(result.Ok).toBe(true);
    expect(sent).toEqual(['{"PageSzie":10}']);
    expect(warnings).toEqual([
      '[volc-ts] ListThings: PageSzie: is not a member the spec declares; did you mean PageSize? (sent anyway; strictMembers refuses it)',
    ]);
  });

  it('with strictMembers refuses the call before anything is sent', async () => {
    const { client, sent, warnings } = setup(true);
    const error = await client.send(operation, { PageSzie: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcValidationError);
    expect((error as VolcValidationError).issues).toEqual([
      {
        path: 'PageSzie',
        rule: 'unknownMember',
        message: 'is not a member the spec declares; did you mean PageSize?',
        unknownMember: true,
      },
    ]);
    expect(sent).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe('members named __proto__, constructor or prototype (issue 22 item 1)', () => {
  // A spec that declares PageSize and, as hostile.yaml does, a member named constructor; Tags is a closed
  // shape; Labels is a map (additionalProperties); anything else is unknown.
  const tagKnown = new Set(['Key', 'Value']);
  const validate = (input: unknown): ValidationIssue[] => {
    const issues: ValidationIssue[] = [];
    if (!checkObject(issues, '', input)) return issues;
    checkMembers(issues, '', input, new Set(['PageSize', 'constructor', 'Tags', 'Labels']));
    const tags = input.Tags;
    if (Array.isArray(tags)) {
      for (const [index, tag] of tags.entries())
        if (checkObject(issues, `Tags[${index}]`, tag)) checkMembers(issues, `Tags[${index}]`, tag, tagKnown);
    }
    return issues;
  };
  const operationFor = (protocol: 'json' | 'query', withValidator = true): Operation<unknown, { Ok?: boolean }> => ({
    action: 'ListThings',
    version: '2020-01-01',
    method: protocol === 'json' ? 'POST' : 'GET',
    protocol,
    serialize: protocol === 'json' ? serializeJson : serializeQuery,
    ...(withValidator ? { validate } : {}),
  });
  const setup = (config: { validate?: boolean; strictMembers?: boolean } = {}) => {
    const sent: string[] = [];
    const warnings: string[] = [];
    const fetch = async (request: Request | string | URL, init?: RequestInit) => {
      const url = request instanceof Request ? request.url : String(request);
      sent.push(`${url} ${request instanceof Request ? await request.text() : String(init?.body ?? '')}`);
      return new Response(
        JSON.stringify({ ResponseMetadata: { RequestId: 'rid-1', Action: 'ListThings' }, Result: { Ok: true } }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    };
    const client = new VolcClient(
      { service: 'things', global: false },
      {
        endpoint: 'http://127.0.0.1:9',
        credentials: { accessKeyId: 'AKLTtest', secretAccessKey: 'c2VjcmV0' },
        fetch: fetch as typeof globalThis.fetch,
        logger: { warn: (message: string) => warnings.push(message) },
        maxAttempts: 1,
        ...config,
      },
    );
    return { client, sent, warnings };
  };
  const refusal = async (client: VolcClient, operation: Operation<unknown, unknown>, input: unknown) => {
    const error = await client.send(operation, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcValidationError);
    return (error as VolcValidationError).issues.map((issue) => issue.path);
  };

  it('refuses an own __proto__ member (JSON.parse makes one) before anything is sent, even without strictMembers', async () => {
    const { client, sent, warnings } = setup();
    const input = JSON.parse('{"PageSize":1,"__proto__":{"polluted":"x"}}');
    const error = await client.send(operationFor('json'), input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VolcValidationError);
    expect((error as VolcValidationError).issues).toEqual([
      {
        path: '__proto__',
        rule: 'prototypeName',
        message:
          'is not a member the spec declares, and a member named __proto__, constructor or prototype is sent only when the spec declares it',
      },
    ]);
    expect((error as VolcValidationError).message).toContain('__proto__');
    expect(sent).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('refuses them at any depth: in closed shapes, below unknown members, in maps and list items', async () => {
    const { client, sent } = setup();
    const input = JSON.parse(
      '{"prototype":1,"Tags":[{"Key":"k","constructor":"c"}],"Labels":{"__proto__":"x"},"Extra":[{"a":{"prototype":{}}}]}',
    );
    expect(await refusal(client, operationFor('json'), input)).toEqual([
      'prototype',
      'Tags[0].constructor',
      'Labels.__proto__',
      'Extra[0].a.prototype',
    ]);
    expect(sent).toEqual([]);
  });

  it('refuses them with validation off, with or without a validator, and for the query protocol', async () => {
    const input = JSON.parse('{"PageSize":1,"__proto__":{"polluted":"x"}}');
    for (const withValidator of [true, false]) {
      const { client, sent } = setup({ validate: false });
      expect(await refusal(client, operationFor('json', withValidator), input)).toEqual(['__proto__']);
      expect(await refusal(client, operationFor('query', withValidator), input)).toEqual(['__proto__']);
      expect(sent).toEqual([]);
    }
  });

  it('sends a member the spec declares under such a name, validation on or off', async () => {
    for (const config of [{}, { validate: false }, { strictMembers: true }]) {
      const { client, sent, warnings } = setup(config);
      await client.send(operationFor('json'), JSON.parse('{"constructor":"c","PageSize":1}'));
      await client.send(operationFor('query'), JSON.parse('{"constructor":"c"}'));
      expect(sent.map((line) => line.split(' ')[1])).toEqual(['{"constructor":"c","PageSize":1}', '']);
      expect(sent[1]).toContain('constructor=c');
      expect(warnings).toEqual([]);
    }
    // An inherited member is not sent and not looked at.
    const { client, sent } = setup();
    await client.send(operationFor('json'), { PageSize: 1 });
    expect(sent.map((line) => line.split(' ')[1])).toEqual(['{"PageSize":1}']);
  });

  it('a name declared in one object is not declared in another', async () => {
    const { client } = setup({ validate: false });
    expect(
      await refusal(client, operationFor('json'), JSON.parse('{"constructor":"c","Tags":[{"constructor":"x"}]}')),
    ).toEqual(['Tags[0].constructor']);
  });

  it('counts what a validator built on another copy of core declares (a service package bundling its own core)', async () => {
    vi.resetModules();
    const other = (await import('../src/internal.js')) as typeof import('../src/internal.js');
    expect(other.checkMembers).not.toBe(checkMembers);
    const foreign = (input: unknown): ValidationIssue[] => {
      const issues: ValidationIssue[] = [];
      if (other.checkObject(issues, '', input))
        other.checkMembers(issues, '', input, new Set(['PageSize', 'constructor']));
      return issues;
    };
    const operation = { ...operationFor('json'), validate: foreign };
    for (const config of [{}, { validate: false }]) {
      const { client, sent } = setup(config);
      await client.send(operation, JSON.parse('{"constructor":"c","PageSize":1}'));
      expect(sent.map((line) => line.split(' ')[1])).toEqual(['{"constructor":"c","PageSize":1}']);
      expect(await refusal(client, operation, JSON.parse('{"constructor":"c","__proto__":{}}'))).toEqual(['__proto__']);
    }
    // The validator's result still reads as its broken rules: none.
    expect(foreign(JSON.parse('{"constructor":"c"}'))).toEqual([]);
    expect(Object.keys(foreign(JSON.parse('{"constructor":"c"}')))).toEqual([]);
  });

  it('walks a cyclic input once (it cannot be sent, but the check must end), and writes paths as validators do', () => {
    const input: Record<string, unknown> = JSON.parse('{"A":[{"B":{"constructor":1}}]}');
    input.Self = input;
    (input.A as unknown[]).push(input);
    expect(prototypeNameIssues(input)).toEqual([
      { path: 'A[0].B.constructor', rule: 'prototypeName', message: PROTOTYPE_NAME_MESSAGE },
    ]);
    expect(prototypeNameIssues({ A: [1, { B: undefined }], C: null })).toEqual([]);
    // A member set to undefined is not sent, so it is not refused.
    expect(prototypeNameIssues({ constructor: undefined })).toEqual([]);
  });
});
