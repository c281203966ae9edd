/**
 * fromProfile and fromOIDC read the CLI config file and the token file through core's file rules: a FIFO
 * must not hang them, a huge file is not read, and a config file others can write is refused (issue 22,
 * items 3 and 5), in the legacy assume-role mode too.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { VolcCredentialsError } from '@volc-ts/core';
import { fromOIDC, fromProfile } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'volc-cp-files-'));
/** A profile in the legacy assume-role mode (read by core's fromConfigFile, behind fromProfile). */
const LEGACY = JSON.stringify({
  profiles: {
    default: { mode: 'assume-role', 'role-trn': 'trn:iam::1:role/R', 'access-key': 'AKfile', 'secret-key': 'SKfile' },
  },
});
/** STS on a loopback port nothing listens on: were a file read and used, the call would fail there. */
const stsConfig = { endpoint: 'http://127.0.0.1:9', maxAttempts: 1 };
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A FIFO, and a helper process that writes `content` into it as soon as a reader opened it (non-blocking
 * opens only): a reader that opens it blocking is released instead of hanging the test run.
 */
function fifoWithRescuer(name: string, content: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  const script = `
    const fs = require('node:fs');
    const tick = () => {
      try {
        const fd = fs.openSync(process.argv[1], fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
        fs.writeSync(fd, process.argv[2]);
        fs.closeSync(fd);
      } catch { setTimeout(tick, 10); }
    };
    tick();`;
  children.push(spawn(process.execPath, ['-e', script, path, content], { stdio: 'ignore' }));
  return path;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: Error) => error,
  );
}

describe.skipIf(process.platform === 'win32')('files read by the explicit providers', () => {
  it('fromOIDC: a token file that is a FIFO is refused, not waited on', async () => {
    const tokenFile = fifoWithRescuer('token-fifo', 'jwt-from-the-fifo');
    const error = await rejection(
      fromOIDC({ roleTrn: 'trn:iam::1:role/R', tokenFile, endpoint: stsConfig.endpoint })(),
    );
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain(`token file ${tokenFile} is not a regular file (a FIFO)`);
  });

  it('fromProfile: a config file that is a FIFO is refused', async () => {
    const path = fifoWithRescuer('config-fifo.json', LEGACY);
    const error = await rejection(fromProfile({ path, stsConfig })());
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain(`config file ${path}: is not a regular file (a FIFO)`);
  });

  it('fromProfile: a config file over 1 MiB is refused', async () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, `${LEGACY}${' '.repeat(1024 * 1024)}`, { mode: 0o600 });
    const error = await rejection(fromProfile({ path, stsConfig })());
    expect(error.message).toContain(`config file ${path}: is larger than 1 MiB`);
  });

  it('fromProfile: a config file others can write is refused, even in the legacy assume-role mode', async () => {
    const path = join(dir, 'shared.json');
    writeFileSync(path, LEGACY);
    chmodSync(path, 0o666);
    const error = await rejection(fromProfile({ path, stsConfig })());
    expect(error).toBeInstanceOf(VolcCredentialsError);
    expect(error.message).toContain(`config file ${path}: is writable by others (mode 0666)`);
  });
});
