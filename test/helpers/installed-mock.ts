import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface InstalledMock {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the `volc-mock` bin installed in `project`'s node_modules on a free port. */
export function startInstalledMock(project: string): Promise<InstalledMock> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(join(project, 'node_modules/.bin/volc-mock'), ['--port', '0', '--quiet'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`volc-mock did not start in 20 s:\n${output}`)), 20_000);
    const close = () => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGTERM');
      // SIGKILL if it has not exited 5 s later: a test hook never waits on it.
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      return exited.finally(() => clearTimeout(kill));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, close });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`volc-mock exited with ${code}:\n${output}`));
    });
  });
}
