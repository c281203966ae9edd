#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { MOCK_CREDENTIALS } from './credentials.js';
import { startMockServer } from './server.js';

const USAGE = `Usage: volc-mock [--port 8787] [--host 127.0.0.1] [--spec <dir-or-file>]... [--access-key <id> --secret-key <key>] [--quiet]

Runs a local Volcengine-compatible endpoint built from the volc-ts specs.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      spec: { type: 'string', multiple: true },
      'access-key': { type: 'string' },
      'secret-key': { type: 'string' },
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
  const credentials =
    values['access-key'] && values['secret-key']
      ? { accessKeyId: values['access-key'], secretAccessKey: values['secret-key'] }
      : MOCK_CREDENTIALS;

  const mock = await startMockServer({
    port,
    host: values.host,
    credentials,
    ...(values.spec ? { spec: values.spec } : {}),
    ...(values.quiet ? {} : { onRequest: (line: string) => console.log(line) }),
  });

  // The key pair below opens nothing but this mock; printing it is the point.
  console.log(`volc-mock listening on ${mock.url}`);
  console.log(`  ${mock.actionCount} actions of ${mock.services.length} services`);
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
