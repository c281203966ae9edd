/** Starts lib/envelope-server.mjs in a child process on 127.0.0.1 and resolves to its address. */
import { fork } from 'node:child_process';
import { ENVELOPE } from './fixtures.js';

export interface EnvelopeServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `127.0.0.1:<port>` */
  readonly host: string;
  /** Sockets clients have opened to it: in all, open now, and most open at one time. */
  sockets(): Promise<SocketCounts>;
  close(): Promise<void>;
}

export interface SocketCounts {
  readonly opened: number;
  readonly open: number;
  readonly mostOpen: number;
}

export function startEnvelopeServer(): Promise<EnvelopeServer> {
  const child = fork(new URL('./envelope-server.mjs', import.meta.url), [], {
    env: { ...process.env, BENCH_ENVELOPE: ENVELOPE },
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`envelope server exited early (${code})`)));
    child.once('message', (message) => {
      const { port } = message as { port: number };
      const host = `127.0.0.1:${port}`;
      resolve({
        url: `http://${host}`,
        host,
        sockets: () =>
          new Promise<SocketCounts>((answered) => {
            const onMessage = (reply: unknown) => {
              const counts = (reply as { sockets?: SocketCounts }).sockets;
              if (!counts) return;
              child.off('message', onMessage);
              answered(counts);
            };
            child.on('message', onMessage);
            child.send('sockets');
          }),
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.disconnect();
          }),
      });
    });
  });
}
