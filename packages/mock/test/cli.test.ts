import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { describeBackups, SEED_SAMPLE, signAndSend } from './helpers.js';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  child = undefined;
});

/** Starts the bin and collects its output until `until` matches. */
function run(args: string[], until: RegExp): Promise<{ output: string; child: ChildProcess }> {
  const proc = spawn(tsx, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) resolve({ output, child: proc });
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) =>
      until.test(output) ? resolve({ output, child: proc }) : reject(new Error(`exited ${code}: ${output}`)),
    );
  });
}

describe('volc-mock bin', () => {
  it('prints its URL and the test credentials, serves signed calls, logs one line per call, and stops on SIGTERM', async () => {
    const { output, child: proc } = await run(['--port', '0'], /VOLCENGINE_SECRET_KEY=.*\n[\s\S]*Point a client/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toContain('VOLCENGINE_ACCESS_KEY=AKLTvolcmockaccesskey');
    expect(output).toContain('VOLCENGINE_SECRET_KEY=volc-mock-secret-key');
    expect(output).toMatch(/\d{4,} actions of \d{3} services/);

    const logged = new Promise<string>((resolve) =>
      proc.stdout?.on('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    const answer = await signAndSend(url ?? '', describeBackups(SEED_SAMPLE));
    expect(answer.status).toBe(200);
    const line = await logged;
    expect(line).toContain('POST redis DescribeCrossRegionBackups 2020-12-07 -> 200');
    expect(line).not.toContain('Signature=');

    const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('takes other credentials', async () => {
    const { output } = await run(
      ['--port', '0', '--access-key', 'AKLTother', '--secret-key', 'other-secret', '--quiet'],
      /Point a client/,
    );
    expect(output).toContain('VOLCENGINE_ACCESS_KEY=AKLTother');
    const url = /listening on (\S+)/.exec(output)?.[1] ?? '';
    const credentials = { accessKeyId: 'AKLTother', secretAccessKey: 'other-secret' };
    expect((await signAndSend(url, describeBackups(SEED_SAMPLE, { credentials }))).status).toBe(200);
    expect((await signAndSend(url, describeBackups(SEED_SAMPLE))).json.ResponseMetadata.Error.Code).toBe(
      'InvalidAccessKey',
    );
  });

  it('exits with a message for a bad port', async () => {
    await expect(run(['--port', 'abc'], /never/)).rejects.toThrow(/--port must be a port number/);
  });
});
