#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { MOCK_CREDENTIALS } from './credentials.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_RECORDED_REQUESTS, startMockServer } from './server.js';

const USAGE = `Usage: volc-mock [--port 8787] [--host 127.0.0.1] [--spec <dir-or-file>]... [--access-key <id> --secret-key <key>]
                 [--max-body-bytes ${DEFAULT_MAX_BODY_BYTES}] [--max-recorded-requests ${DEFAULT_MAX_RECORDED_REQUESTS}] [--quiet]

Runs a local Volcengine-compatible endpoint built from the volc-ts specs.

  --max-body-bytes <n>         larger request bodies are answered 413 (env VOLC_MOCK_MAX_BODY_BYTES)
  --max-recorded-requests <n>  requests kept in memory, the newest; 0 none, Infinity all
                               (env VOLC_MOCK_MAX_RECORDED_REQUESTS)`;

/** A limit from its flag, else its environment variable, else undefined (the server's default). */
function limit(flag: string, value: string | undefined, env: string, infinite: boolean): number | undefined {
  const [text, source] = value !== undefined ? [value, `--${flag}`] : [process.env[env], env];
  if (text === undefined || text === '') return undefined;
  const n = infinite && text === 'Infinity' ? Number.POSITIVE_INFINITY : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isNaN(n) || !(Number.isSafeInteger(n) || n === Number.POSITIVE_INFINITY))
    throw new Error(`${source} must be a non-negative integer${infinite ? ' or Infinity' : ''} (got ${text})`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      spec: { type: 'string', multiple: true },
      'access-key': { type: 'string' },
      'secret-key': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      'max-recorded-requests': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number (got ${values.port})`);
  if (!!values['access-key'] !== !!values['secret-key']) throw new Error('--access-key and --secret-key go together');
  const maxBodyBytes = limit('max-body-bytes', values['max-body-bytes'], 'VOLC_MOCK_MAX_BODY_BYTES', false);
  const maxRecordedRequests = limit(
    'max-recorded-requests',
    values['max-recorded-requests'],
    'VOLC_MOCK_MAX_RECORDED_REQUESTS',
    true,
  );
  const credentials =
    values['access-key'] && values['secret-key']
      ? { accessKeyId: values['access-key'], secretAccessKey: values['secret-key'] }
      : MOCK_CREDENTIALS;

  const mock = await startMockServer({
    port,
    host: values.host,
    credentials,
    ...(values.spec ? { spec: values.spec } : {}),
    ...(maxBodyBytes !== undefined ? { maxBodyBytes } : {}),
    ...(maxRecordedRequests !== undefined ? { maxRecordedRequests } : {}),
    ...(values.quiet ? {} : { onRequest: (line: string) => console.log(line) }),
  });

  // The key pair below opens nothing but this mock; printing it is the point.
  console.log(`volc-mock listening on ${mock.url}`);
  console.log(`  ${mock.actionCount} actions of ${mock.services.length} services`);
  const kept = maxRecordedRequests ?? DEFAULT_MAX_RECORDED_REQUESTS;
  console.log(
    `  Request bodies up to ${maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES} bytes; ${kept === Number.POSITIVE_INFINITY ? 'every request is' : `the last ${kept} requests are`} recorded`,
  );
  console.log('  Credentials this mock accepts (test-only values, not a real key):');
  console.log(`    VOLCENGINE_ACCESS_KEY=${mock.credentials.accessKeyId}`);
  console.log(`    VOLCENGINE_SECRET_KEY=${mock.credentials.secretAccessKey}`);
  console.log(
    `  Point a client at it: new RedisClient({ region: 'cn-beijing', endpoint: '${mock.url}', credentials })`,
  );

  const stop = () => {
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`volc-mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
