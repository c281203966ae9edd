/**
 * Warnings by default: without a logger, warn-level messages reach `console.warn`, each distinct message
 * once per process; a logger of the user's replaces the console, and `logger: null` or `logLevel: 'off'`
 * silence them. Every test uses messages of its own (another region, another member name), since the
 * console sink remembers what it wrote for the whole process.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { VolcClient, type ClientConfig, type Logger, type Operation, type ValidationIssue } from '../src/index.js';
import { checkMembers, checkObject, checkString, checkSuggested, serializeJson } from '../src/internal.js';
import { sessionCredentials } from './helpers/secrets.js';
import { sendEnvelope, startServer, type TestServer } from './helpers/server.js';

const service = { service: 'redis', global: false };
const SECRET_VALUE = 'sk-a-secret-the-user-put-in-a-typo-member';

// An operation whose validator knows one member, so any other is an unknown member.
const describeSomething: Operation<Record<string, unknown>, { Total: number }> = {
  action: 'DescribeSomething',
  version: '2020-12-07',
  method: 'POST',
  protocol: 'json',
  serialize: serializeJson,
  idempotent: true,
  validate(input) {
    const issues: ValidationIssue[] = [];
    if (!checkObject(issues, '', input)) return issues;
    checkMembers(issues, '', input, new Set(['PageSize', 'SecretKey', 'Engine', 'Password']));
    // Engine's spec lists values nobody confirmed are all: a suggestion, as volc-gen writes it.
    if (input.Engine !== undefined)
      checkString(issues, 'Engine', input.Engine) &&
        checkSuggested(issues, 'Engine', input.Engine, ['Redis', 'Valkey']);
    if (input.Password !== undefined) checkSuggested(issues, 'Password', input.Password, ['none']);
    return issues;
  },
};

let server: TestServer;
let warn: MockInstance<typeof console.warn>;
let debug: MockInstance<typeof console.debug>;

beforeAll(async () => {
  server = await startServer((request, response) => sendEnvelope(response, request, { result: { Total: 0 } }));
});
afterAll(() => server.close());
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

function client(config: ClientConfig = {}) {
  return new VolcClient(service, { endpoint: server.url, credentials: sessionCredentials, ...config });
}

function warned(): string[] {
  return warn.mock.calls.map((call) => String(call[0]));
}

describe('warnings without a logger', () => {
  it('writes an unknown region to console.warn once, however many clients are made', () => {
    client({ region: 'cn-bejing' });
    client({ region: 'cn-bejing' });
    expect(warned()).toEqual([
      '[volc-ts] region "cn-bejing" is not one this SDK knows; did you mean "cn-beijing"? (sent as given)',
    ]);
    client({ region: 'cn-shangai' });
    expect(warned()).toHaveLength(2);
    expect(warned()[1]).toContain('did you mean "cn-shanghai"?');
  });

  it('writes an unknown member once per distinct message, without its value, and still sends the call', async () => {
    const volc = client();
    const before = server.requests.length;
    for (let i = 0; i < 3; i++) await volc.send(describeSomething, { PageSzie: 10, SecretKye: SECRET_VALUE });
    expect(server.requests.length - before).toBe(3);
    expect(warned()).toEqual([
      '[volc-ts] DescribeSomething: PageSzie: is not a member the spec declares; did you mean PageSize? (sent anyway; strictMembers refuses it)',
      '[volc-ts] DescribeSomething: SecretKye: is not a member the spec declares; did you mean SecretKey? (sent anyway; strictMembers refuses it)',
    ]);
    expect(warn.mock.calls.flat().join('\n')).not.toContain(SECRET_VALUE);
  });

  it('writes a value outside a suggested list once, with the nearest listed value, and still sends the call', async () => {
    const volc = client({ strictMembers: true }); // refuses unknown members, never suggestions
    const before = server.requests.length;
    await volc.send(describeSomething, { Engine: 'Valky' });
    await volc.send(describeSomething, { Engine: 'Valky' });
    await volc.send(describeSomething, { Engine: 'Redis' });
    expect(server.requests.length - before).toBe(3);
    expect(warned()).toEqual([
      '[volc-ts] DescribeSomething: Engine: is not one of the values the spec lists (Redis, Valkey); did you mean Valkey? (got "Valky"; sent as given)',
    ]);
  });

  it('never quotes the value of a secret-looking member in a suggestion warning', async () => {
    await client().send(describeSomething, { Password: SECRET_VALUE });
    expect(warned()).toEqual([
      '[volc-ts] DescribeSomething: Password: is not one of the values the spec lists (none) (got [redacted])',
    ]);
    expect(warn.mock.calls.flat().join('\n')).not.toContain(SECRET_VALUE);
  });

  it('a broken rule next to a suggestion throws only the broken rule, and the suggestion is still written', async () => {
    const error = await client({ strictMembers: true })
      .send(describeSomething, { Engine: 'Memcached', PageSzie: 1 })
      .catch((e: unknown) => e);
    expect((error as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['PageSzie']);
    expect(warned()).toEqual([
      '[volc-ts] DescribeSomething: Engine: is not one of the values the spec lists (Redis, Valkey) (got "Memcached"; sent as given)',
    ]);
  });

  it('writes nothing below warn to the console, even at logLevel debug', async () => {
    await client({ logLevel: 'debug' }).send(describeSomething, { PageSize: 1 });
    expect(debug).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('turning warnings off or elsewhere', () => {
  it('logger: null writes nothing', async () => {
    client({ region: 'cn-guangzho', logger: null });
    await client({ logger: null }).send(describeSomething, { PageSizr: 1 });
    expect(warn).not.toHaveBeenCalled();
  });

  it("logLevel: 'off' writes nothing", async () => {
    client({ region: 'cn-guangzho', logLevel: 'off' });
    await client({ logLevel: 'off' }).send(describeSomething, { PageSizr: 1 });
    expect(warn).not.toHaveBeenCalled();
  });

  it('VOLC_TS_LOG=off writes nothing', async () => {
    vi.stubEnv('VOLC_TS_LOG', 'off');
    try {
      client({ region: 'cn-guangzho' });
      await client().send(describeSomething, { PageSizr: 1 });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it("a logger of the user's gets every warning, and the console none", async () => {
    const lines: string[] = [];
    const logger: Logger = { warn: (message: string) => lines.push(message) };
    client({ region: 'cn-guangzho', logger });
    client({ region: 'cn-guangzho', logger });
    expect(lines).toEqual([
      '[volc-ts] region "cn-guangzho" is not one this SDK knows; did you mean "cn-guangzhou"? (sent as given)',
      '[volc-ts] region "cn-guangzho" is not one this SDK knows; did you mean "cn-guangzhou"? (sent as given)',
    ]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('the turned-off messages above were not remembered: without a logger they are written', () => {
    client({ region: 'cn-guangzho' });
    expect(warned()).toEqual([
      '[volc-ts] region "cn-guangzho" is not one this SDK knows; did you mean "cn-guangzhou"? (sent as given)',
    ]);
  });
});
