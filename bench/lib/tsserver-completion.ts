/**
 * A cold editor: spawns a fresh tsserver, opens one file and asks for completions at a position,
 * as an editor does when a user types `client.` right after opening a project. Reports the time
 * from spawn to the completion answer and the server's CPU time and peak memory at that moment
 * (from /proc, Linux; NaN elsewhere).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ColdCompletion {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssKb: number;
  readonly entries: number;
}

/** utime + stime of a live process in ms, and its peak RSS in KB (VmHWM). */
function procUsage(pid: number): { cpuMs: number; maxRssKb: number } {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime is 14th, stime 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { cpuMs: ticks * 10, maxRssKb: hwm ? Number(hwm[1]) : Number.NaN };
  } catch {
    return { cpuMs: Number.NaN, maxRssKb: Number.NaN };
  }
}

/**
 * `line` and `offset` are 1-based, as tsserver counts them; the completion is asked right there.
 * Rejects when the server exits or gives no completion within `timeoutMs`.
 */
export function coldCompletion(
  tsserver: string,
  file: string,
  line: number,
  offset: number,
  timeoutMs = 120_000,
): Promise<ColdCompletion> {
  const started = performance.now();
  const server = spawn(process.execPath, [tsserver, '--disableAutomaticTypingAcquisition'], {
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const send = (seq: number, command: string, args: object) =>
    server.stdin.write(`${JSON.stringify({ seq, type: 'request', command, arguments: args })}\n`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.kill();
      reject(new Error(`tsserver gave no completion within ${timeoutMs} ms`));
    }, timeoutMs);
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`tsserver exited (${code}) before answering`));
    });
    let buffered = Buffer.alloc(0);
    server.stdout.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      // Messages are `Content-Length: N\r\n\r\n` and N bytes of JSON.
      for (;;) {
        const headerEnd = buffered.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/.exec(buffered.subarray(0, headerEnd).toString())?.[1]);
        if (buffered.length < headerEnd + 4 + length) return;
        const message = JSON.parse(buffered.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as {
          type: string;
          request_seq?: number;
          success?: boolean;
          message?: string;
          body?: { entries?: unknown[] };
        };
        buffered = buffered.subarray(headerEnd + 4 + length);
        if (message.type !== 'response' || message.request_seq !== 2) continue;
        const wallMs = performance.now() - started;
        const usage = procUsage(server.pid!);
        clearTimeout(timer);
        server.removeAllListeners('exit');
        server.kill();
        if (!message.success) reject(new Error(`completionInfo failed: ${message.message}`));
        else resolve({ wallMs, ...usage, entries: message.body?.entries?.length ?? 0 });
        return;
      }
    });
    send(1, 'open', { file });
    send(2, 'completionInfo', { file, line, offset });
  });
}
