// A private npm registry for the release test: Verdaccio on 127.0.0.1 and a free port, storage in the
// folder given as the first argument, no uplinks (a package it was not given is a 404, never a fetch
// from the internet), no web UI. Prints one line, `volc-registry listening on <url>`, and runs until
// it gets SIGTERM or SIGINT.
//
//   node test/helpers/local-registry.mjs <storage-dir>
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runServer } from 'verdaccio';

const storage = process.argv[2];
if (!storage) throw new Error('usage: node local-registry.mjs <storage-dir>');
mkdirSync(join(storage, 'packages'), { recursive: true });

const config = {
  self_path: join(storage, 'config.yaml'),
  storage: join(storage, 'packages'),
  uplinks: {},
  packages: { '**': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' } },
  auth: { htpasswd: { file: join(storage, 'htpasswd'), max_users: 10 } },
  web: { enable: false },
  log: { type: 'stdout', format: 'pretty', level: 'error' },
  max_body_size: '50mb',
};

const server = await runServer(config);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`volc-registry listening on http://127.0.0.1:${port}/`);
});
// close() alone waits for every open connection to end: a client still publishing (a release the test
// gave up on) or holding a keep-alive socket would keep the registry up, and the test's afterAll waiting.
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
