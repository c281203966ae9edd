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
function run(
  args: string[],
  until: RegExp,
  env: Record<string, string> = {},
): Promise<{ output: string; child: ChildProcess }> {
  const proc = spawn(tsx, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
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

  it('takes the body and request-log limits from flags or the environment, and prints them', async () => {
    const redis = fileURLToPath(new URL('../../../spec/redis.yaml', import.meta.url));
    const { output } = await run(
      ['--port', '0', '--spec', redis, '--max-body-bytes', '200', '--quiet'],
      /Point a client/,
      {
        VOLC_MOCK_MAX_BODY_BYTES: '5',
        VOLC_MOCK_MAX_RECORDED_REQUESTS: '7',
      },
    );
    expect(output).toContain('Request bodies up to 200 bytes; the last 7 requests are recorded');
    const url = /listening on (\S+)/.exec(output)?.[1] ?? '';
    expect((await signAndSend(url, describeBackups(SEED_SAMPLE))).status).toBe(200);
    const big = await signAndSend(url, describeBackups({ ...SEED_SAMPLE, BackupPointName: 'x'.repeat(200) }));
    expect(big.status).toBe(413);
    expect(big.json.ResponseMetadata.Error.Code).toBe('RequestEntityTooLarge');
  });

  it('exits with a message for a bad limit', async () => {
    await expect(run(['--max-body-bytes', '1.5'], /never/)).rejects.toThrow(
      /--max-body-bytes must be a non-negative integer \(got 1\.5\)/,
    );
    await expect(run([], /never/, { VOLC_MOCK_MAX_RECORDED_REQUESTS: 'lots' })).rejects.toThrow(
      /VOLC_MOCK_MAX_RECORDED_REQUESTS must be a non-negative integer or Infinity \(got lots\)/,
    );
  });

  it('exits with a message for a bad port', async () => {
    await expect(run(['--port', 'abc'], /never/)).rejects.toThrow(/--port must be a port number/);
  });
});
