/**
 * The CLI config file is read by every client constructor that is not given region, endpoint and
 * useDualStack: it must never hang the process (a FIFO, a device), never read a huge file, and never
 * trust a file that others can write (it can point signed requests at another host over plain HTTP).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fromConfigFile, VolcClient, VolcCredentialsError } from '../src/index.js';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, SecretWatch } from './helpers/secrets.js';

const service = { service: 'redis', global: false };
const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
const watch = new SecretWatch();
const children: ChildProcess[] = [];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'volc-core-config-safety-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  for (const child of children.splice(0)) child.kill();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  watch.assertClean();
});

async function writeConfig(name: string, content: unknown, mode = 0o600): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  await chmod(path, mode);
  return path;
}

/**
 * A FIFO, and a helper process that writes `{"profiles":{}}` into it as soon as some reader opened it
 * (non-blocking opens only, so the helper never waits on a FIFO itself). A reader that opens the FIFO
 * blocking is thus released instead of hanging the test run for good; a reader that never opens it leaves
 * the helper polling until it is killed.
 */
function fifoWithRescuer(name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  const script = `
    const fs = require('node:fs');
    const tick = () => {
      try {
        const fd = fs.openSync(process.argv[1], fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
        fs.writeSync(fd, '{"profiles":{}}');
        fs.closeSync(fd);
      } catch { setTimeout(tick, 10); }
    };
    tick();`;
  children.push(spawn(process.execPath, ['-e', script, path], { stdio: 'ignore' }));
  return path;
}

function constructorError(path: string): Error {
  vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', path);
  try {
    new VolcClient(service, { credentials });
  } catch (error) {
    return watch.error(error as Error);
  }
  throw new Error('expected the constructor to refuse the config file');
}

describe('item 3: only regular files under 1 MiB are read', () => {
  it.skipIf(process.platform === 'win32')('a FIFO is refused by the constructor without opening it', () => {
    const fifo = fifoWithRescuer('fifo-sync.json');
    const error = constructorError(fifo);
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain(fifo);
    expect(error.message).toContain('is not a regular file (a FIFO)');
  });

  it.skipIf(process.platform === 'win32')('a FIFO is refused by the credential chain (async path)', async () => {
    const fifo = fifoWithRescuer('fifo-async.json');
    const error = await watch.rejection(fromConfigFile({ path: fifo })());
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain(`config file ${fifo}: is not a regular file (a FIFO)`);
  });

  it.skipIf(process.platform === 'win32')('a device is refused on both paths', async () => {
    const error = constructorError('/dev/null');
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain('config file /dev/null: is not a regular file (a character device)');
    const asyncError = await watch.rejection(fromConfigFile({ path: '/dev/null' })());
    expect(asyncError.message).toContain('config file /dev/null: is not a regular file (a character device)');
  });

  it('a file over 1 MiB is refused on both paths, naming the file and its size', async () => {
    const big = `{"profiles":{}}${' '.repeat(1024 * 1024)}`;
    const path = await writeConfig('big.json', big);
    const error = constructorError(path);
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain(`config file ${path}: is larger than 1 MiB (${big.length} bytes)`);
    const asyncError = await watch.rejection(fromConfigFile({ path })());
    expect(asyncError).toBeInstanceOf(VolcCredentialsError);
    expect(asyncError.message).toContain(`config file ${path}: is larger than 1 MiB`);
  });

  it('a file of exactly 1 MiB is still read', async () => {
    const text = JSON.stringify({ profiles: { default: { region: 'cn-shanghai' } } });
    const path = await writeConfig('exact.json', text + ' '.repeat(1024 * 1024 - text.length));
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', path);
    expect(new VolcClient(service, { credentials }).config.region).toBe('cn-shanghai');
  });

  it('a missing file is still no problem for the constructor', () => {
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', join(dir, 'absent.json'));
    expect(new VolcClient(service, { credentials }).config.region).toBe('cn-beijing');
  });
});

describe.skipIf(process.platform === 'win32')('item 5: a config file others can write is refused', () => {
  const hostile = {
    profiles: { default: { mode: 'ak', endpoint: 'attacker.example:80', 'disable-ssl': true, ...credentialsOf() } },
  };
  function credentialsOf() {
    return { 'access-key': 'AKfromfile', 'secret-key': 'SKfromfile' };
  }

  for (const [label, mode] of [
    ['world-writable', 0o666],
    ['group-writable', 0o620],
  ] as const) {
    it(`a ${label} file (mode ${mode.toString(8)}) is refused by the constructor and the chain`, async () => {
      const path = await writeConfig(`${label}.json`, hostile, mode);
      const error = constructorError(path);
      expect(error).toBeInstanceOf(VolcCredentialsError);
      expect(error.message).toContain(`config file ${path}: is writable by others (mode 0${mode.toString(8)})`);
      expect(error.message).toContain(`chmod go-w ${path}`);
      const asyncError = await watch.rejection(fromConfigFile({ path })());
      expect(asyncError).toBeInstanceOf(VolcCredentialsError);
      expect(asyncError.message).toContain(`config file ${path}: is writable by others`);
    });
  }

  it('a file only its owner can write is used', async () => {
    const path = await writeConfig('owner-only.json', hostile, 0o644);
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', path);
    const client = new VolcClient(service, { credentials, logger: { warn() {} } });
    expect(client.config.endpoint).toBe('http://attacker.example:80');
    await expect(fromConfigFile({ path })()).resolves.toMatchObject({ accessKeyId: 'AKfromfile' });
  });

  it('a file that turns TLS off is warned about once, naming the file', async () => {
    const path = await writeConfig('plain-http.json', { profiles: { default: { 'disable-ssl': true } } });
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', path);
    const lines: string[] = [];
    const logger = { warn: (line: string) => lines.push(line) };
    const first = new VolcClient(service, { credentials, region: 'cn-beijing', logger });
    new VolcClient(service, { credentials, region: 'cn-beijing', logger });
    expect(first.config.endpoint).toBe('http://redis.cn-beijing.volcengineapi.com');
    const warnings = lines.filter((line) => line.includes('disable-ssl'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(path);
    expect(warnings[0]).toContain('plain HTTP');
  });

  it('no warning when the options name the endpoint (the file does not turn TLS off then)', async () => {
    const path = await writeConfig('plain-http-unused.json', { profiles: { default: { 'disable-ssl': true } } });
    vi.stubEnv('VOLCENGINE_CLI_CONFIG_FILE', path);
    const lines: string[] = [];
    new VolcClient(service, {
      credentials,
      region: 'cn-beijing',
      endpoint: 'https://x.example',
      logger: { warn: (line: string) => lines.push(line) },
    });
    expect(lines).toEqual([]);
  });
});
