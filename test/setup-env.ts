import { afterEach } from 'vitest';

/**
 * Runs before every test file (vitest `setupFiles`). Tests never leave this machine: the ECS instance
 * role step of the default chain is switched off, so nothing ever sends a packet to the metadata address
 * 100.96.0.96, and the CLI config file points at a path that does not exist, so a developer's own
 * ~/.volcengine/config.json never leaks into a test. Tests that need either set them per test.
 */
process.env.VOLCENGINE_ECS_METADATA_DISABLED = 'true';
process.env.VOLCENGINE_CLI_CONFIG_FILE = '/nonexistent/volc-ts-tests/config.json';
delete process.env.VOLCENGINE_ECS_METADATA_ENDPOINT;
delete process.env.VOLCENGINE_OIDC_ROLE_TRN;
delete process.env.VOLCENGINE_OIDC_TOKEN_FILE;
// Files the tests write get the permissions the volcengine CLI gives its config (no write for group or
// others), whatever the machine's umask: a group-writable CLI config file is refused, as ssh does.
try {
  process.umask(0o022);
} catch {
  // worker threads cannot set the umask; vitest runs its files in child processes (forks)
}

// The SDK writes warnings to console.warn when a client has no logger. A test that provokes one must pass
// a logger (or `logger: null`) so the suite's output stays quiet; this fails the test that forgot.
const consoleWarnings: string[] = [];
const consoleWarn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('[volc-ts] ')) consoleWarnings.push(args[0]);
  consoleWarn(...args);
};
afterEach(() => {
  const written = consoleWarnings.splice(0);
  if (written.length > 0)
    throw new Error(
      `volc-ts wrote to console.warn; pass a logger (or logger: null) in this test:\n${written.join('\n')}`,
    );
});
