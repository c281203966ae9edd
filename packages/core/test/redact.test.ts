/**
 * The redaction rules one by one: which names and headers count as secret, every form of text they are
 * removed from, and the bounds (nesting depth, shortest echoed secret, cut length) exactly at their edges.
 */
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../src/transport/types.js';
import { echoedForms, redactKnownSecrets, secretValuesOf, withoutKnownSecrets } from '../src/known-secrets.js';
import { capText, isSecretField, REDACTED, redactBodyText } from '../src/redact.js';
import {
  isSecretHeader,
  redactCanonicalRequest,
  redactHeaders,
  redactQueryText,
  redactValue,
} from '../src/redact-log.js';

/** `{ a: { a: ... leaf } }` with the leaf `levels` objects deep (depth `levels` as redactValue counts it). */
function nest(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** The leaf of {@link nest}'s shape. */
function leafOf(value: unknown, levels: number): unknown {
  let current = value;
  for (let i = 0; i < levels; i++) current = (current as { a: unknown }).a;
  return current;
}

describe('isSecretField', () => {
  it.each([
    'Password',
    'password',
    'PASSWORD',
    'DbPasswd',
    'Passphrase',
    'SecretKey',
    'ClientSecret',
    'PrivateKey',
    'Private_Key',
    'private-key',
    'SessionToken',
    'Session_Token',
    'SecurityToken',
    'Security-Token',
    'AccessToken',
    'access_token',
    'AuthToken',
    'Auth.Token',
    'OidcToken',
    'OIDC_Token',
    'Credential',
    'Credentials',
    'Token',
    'token',
    'SK',
    'ak',
  ])('treats %s as secret', (name) => {
    expect(isSecretField(name)).toBe(true);
  });

  it.each([
    'Name',
    'ClientToken',
    'NextToken',
    'Tokens',
    'TokenCount',
    'Disk',
    'Skip',
    'Akamai',
    'Kafka',
    'Pass',
    'PrivateIp',
    'KeyName',
    'AccessKeyId',
    '',
  ])('treats %s as an ordinary field', (name) => {
    expect(isSecretField(name)).toBe(false);
  });

  it('looks at the last member of a path only', () => {
    expect(isSecretField('Accounts[0].Password')).toBe(true);
    expect(isSecretField('Auth.SecretKey')).toBe(true);
    expect(isSecretField('Password.Length')).toBe(false);
    expect(isSecretField('Passwords[3]')).toBe(false);
    // Empty segments (a trailing dot or bracket) are not the last member.
    expect(isSecretField('Auth.Password.')).toBe(true);
  });
});

describe('secret headers', () => {
  it.each(['Authorization', 'X-Security-Token', 'Cookie', 'Set-Cookie', 'Proxy-Authorization', 'COOKIE'])(
    'redacts %s',
    (name) => {
      expect(isSecretHeader(name)).toBe(true);
      expect(redactHeaders({ [name]: 'value', Accept: 'application/json' })).toEqual({
        [name]: REDACTED,
        Accept: 'application/json',
      });
    },
  );

  it.each(['X-Date', 'Content-Type', 'X-Request-Id', 'Host', 'Cookies-Enabled'])('keeps %s', (name) => {
    expect(isSecretHeader(name)).toBe(false);
  });
});

describe('redactValue', () => {
  it('replaces secret members at any depth and in arrays, and keeps the rest', () => {
    expect(
      redactValue({ Name: 'n', Password: 'p', Users: [{ AccessToken: 't', Id: 1 }, 'plain'], Auth: { SK: 's' } }),
    ).toEqual({
      Name: 'n',
      Password: REDACTED,
      Users: [{ AccessToken: REDACTED, Id: 1 }, 'plain'],
      Auth: { SK: REDACTED },
    });
  });

  it('replaces a secret member whatever its value', () => {
    expect(redactValue({ Credential: { Id: 'x' }, Token: 42 })).toEqual({ Credential: REDACTED, Token: REDACTED });
  });

  it('keeps values 32 levels deep and replaces what lies deeper', () => {
    expect(leafOf(redactValue(nest(32, 'kept')), 32)).toBe('kept');
    expect(leafOf(redactValue(nest(33, 'kept')), 33)).toBe(REDACTED);
  });

  it('copies instead of changing the input, and keeps a `__proto__` member as a member', () => {
    const input = JSON.parse('{"__proto__":{"Password":"p","Name":"n"}}') as object;
    const out = redactValue(input) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ Password: REDACTED, Name: 'n' });
    expect(JSON.stringify(input)).toBe('{"__proto__":{"Password":"p","Name":"n"}}');
  });
});

describe('redactQueryText', () => {
  it('replaces the values of secret keys and keeps every other pair as written', () => {
    expect(redactQueryText('Action=Login&Password=hunter2&Name=a%20b&flag')).toBe(
      `Action=Login&Password=${REDACTED}&Name=a%20b&flag`,
    );
  });

  it('decodes a key to judge it and writes it back as it was', () => {
    expect(redactQueryText('Pass%77ord=x&Users.1.Secret%4Bey=y')).toBe(
      `Pass%77ord=${REDACTED}&Users.1.Secret%4Bey=${REDACTED}`,
    );
  });

  it('judges a key it cannot decode as written', () => {
    expect(redactQueryText('%E0%A4%A=1&Token%=2')).toBe(`%E0%A4%A=1&Token%=2`);
    expect(redactQueryText('Password%=2')).toBe(`Password%=${REDACTED}`);
    expect(redactQueryText('%ZZPassword=2')).toBe(`%ZZPassword=${REDACTED}`);
  });

  it('splits a pair at its first equals sign', () => {
    expect(redactQueryText('Token=a=b&Name=c=d')).toBe(`Token=${REDACTED}&Name=c=d`);
  });
});

describe('redactBodyText', () => {
  it('replaces secret string members and keeps the others and the layout', () => {
    expect(redactBodyText('{"SecretAccessKey":"abc", "Name" : "n", "Password" :\t"p\\"q"}')).toBe(
      `{"SecretAccessKey":"${REDACTED}", "Name" : "n", "Password" :\t"${REDACTED}"}`,
    );
  });

  it('covers a value cut off before its closing quote', () => {
    expect(redactBodyText('{"Name":"x","SessionToken":"abc')).toBe(`{"Name":"x","SessionToken":"${REDACTED}`);
  });

  it('reads names with escapes and one-letter names', () => {
    expect(redactBodyText('{"a\\"b":"1","sk":"2","k":"3"}')).toBe(`{"a\\"b":"1","sk":"${REDACTED}","k":"3"}`);
  });

  it('reads a name up to 128 characters long', () => {
    const name = `${'x'.repeat(120)}Password`;
    expect(redactBodyText(`{"${name}":"v"}`)).toBe(`{"${name}":"${REDACTED}"}`);
  });
});

describe('redactCanonicalRequest', () => {
  it('redacts secret query values on the third line and the security token header', () => {
    const canonical = [
      'POST',
      '/',
      'Action=Login&Password=p',
      'host:example.com',
      'x-security-token:tok',
      'x-date:20240101T000000Z',
      '',
      'host;x-date;x-security-token',
      'hash',
    ].join('\n');
    expect(redactCanonicalRequest(canonical).split('\n')).toEqual([
      'POST',
      '/',
      `Action=Login&Password=${REDACTED}`,
      'host:example.com',
      `x-security-token:${REDACTED}`,
      'x-date:20240101T000000Z',
      '',
      'host;x-date;x-security-token',
      'hash',
    ]);
  });

  it('leaves text of fewer than three lines as it is', () => {
    expect(redactCanonicalRequest('GET\n/')).toBe('GET\n/');
  });
});

describe('capText', () => {
  it('keeps text up to the limit and cuts what is longer, saying how long it was', () => {
    expect(capText('abcd', 4)).toBe('abcd');
    expect(capText('abcde', 4)).toBe('abcd… (cut, 5 characters)');
  });

  it('never leaves the high half of a surrogate pair at the end', () => {
    expect(capText('ab\u{1F600}cd', 3)).toBe('ab… (cut, 6 characters)');
    expect(capText('ab\ud800\udc00cd', 3)).toBe('ab… (cut, 6 characters)');
    expect(capText('ab\udbff\udfffcd', 3)).toBe('ab… (cut, 6 characters)');
    // Not a high surrogate: kept.
    expect(capText('ab\ud7ffcd', 3)).toBe('ab\ud7ff… (cut, 5 characters)');
    expect(capText('ab\udc00cd', 3)).toBe('ab\udc00… (cut, 5 characters)');
  });
});

describe('echoedForms and redactKnownSecrets', () => {
  it('gives each secret as sent, JSON-escaped and percent-encoded, longest first', () => {
    expect(echoedForms(['pa"ss wo/rd'])).toEqual(['pa%22ss%20wo%2Frd', 'pa\\"ss wo/rd', 'pa"ss wo/rd']);
  });

  it('leaves out values shorter than 8 characters and values that are not strings', () => {
    expect(echoedForms(['1234567', undefined, '12345678'])).toEqual(['12345678']);
  });

  it('keeps the other forms of a secret that cannot be percent-encoded', () => {
    expect(echoedForms(['\ud800abcdefgh'])).toEqual(['\\ud800abcdefgh', '\ud800abcdefgh']);
  });

  it('replaces every occurrence of every form', () => {
    const forms = echoedForms(['my secret value']);
    expect(redactKnownSecrets('a my secret value b my%20secret%20value c my secret value', forms)).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED}`,
    );
    expect(redactKnownSecrets('nothing here', forms)).toBe('nothing here');
  });
});

describe('secretValuesOf', () => {
  it('collects the string values of secret members at any depth, once per object', () => {
    const shared = { Password: 'p1' };
    const input = { Name: 'n', Users: [shared, shared, { Token: 't1', Inner: { PrivateKey: 'k1' } }], Password: 7 };
    expect(secretValuesOf(input)).toEqual(['p1', 't1', 'k1']);
  });

  it('looks into a secret member that is not a string', () => {
    expect(secretValuesOf({ Credential: { SecretKey: 's1', Id: 'i' } })).toEqual(['s1']);
  });

  it('survives a cycle and stops below 32 levels', () => {
    const cyclic: Record<string, unknown> = { Password: 'p' };
    cyclic.self = cyclic;
    expect(secretValuesOf(cyclic)).toEqual(['p']);
    expect(secretValuesOf(nest(32, { Password: 'deep' }))).toEqual(['deep']);
    expect(secretValuesOf(nest(33, { Password: 'deeper' }))).toEqual([]);
    expect(secretValuesOf('Password')).toEqual([]);
    expect(secretValuesOf(null)).toEqual([]);
  });
});

describe('withoutKnownSecrets', () => {
  const response: HttpResponse = {
    status: 403,
    headers: { get: (name: string) => (name === 'x-echo' ? 'value my secret value' : null) },
    text: 'body my secret value',
  };

  it('returns the response itself when there is nothing to look for', () => {
    expect(withoutKnownSecrets(response, [])).toBe(response);
  });

  it('replaces the secrets in the body and in header values, keeping the status and absent headers', () => {
    const cleaned = withoutKnownSecrets(response, echoedForms(['my secret value']));
    expect(cleaned.status).toBe(403);
    expect(cleaned.text).toBe(`body ${REDACTED}`);
    expect(cleaned.headers.get('x-echo')).toBe(`value ${REDACTED}`);
    expect(cleaned.headers.get('x-other')).toBeNull();
  });
});
