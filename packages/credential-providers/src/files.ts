/**
 * Reading the CLI config file and token files with the core's rules: only a regular file of at most 1 MiB
 * is read, its type checked before it is opened (a FIFO or a device is never opened, so nothing can hang),
 * and the config file is refused when others than its owner can write it (POSIX), as ssh refuses its config.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { readFailure } from '@volc-ts/core';

/** Largest config or token file read, in bytes (they hold a few KB). */
const MAX_FILE_BYTES = 1024 * 1024;

/** A file looked at but not read; the message says why (`is not a regular file (a FIFO)`), never its contents. */
class RefusedFile extends Error {}

interface FileStats {
  readonly size: number;
  readonly mode: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
}

function check(stats: FileStats, path: string, ownerOnly: boolean): void {
  if (stats.isDirectory()) throw new RefusedFile('is a directory, not a file');
  if (!stats.isFile())
    throw new RefusedFile(
      `is not a regular file (${stats.isFIFO() ? 'a FIFO' : stats.isCharacterDevice() ? 'a character device' : 'not a file'})`,
    );
  if (stats.size > MAX_FILE_BYTES) throw new RefusedFile(`is larger than 1 MiB (${stats.size} bytes)`);
  if (ownerOnly && process.platform !== 'win32' && (stats.mode & 0o022) !== 0)
    throw new RefusedFile(
      `is writable by others (mode 0${(stats.mode & 0o777).toString(8)}): whoever can write it can send your ` +
        `requests and credentials elsewhere, so it is not used; run \`chmod go-w ${path}\``,
    );
}

/**
 * The text of a small regular file. `ownerOnly` refuses a file others can write (for the CLI config file).
 *
 * @throws {Error} with a message for {@link fileFailure}: a refusal, or the fs error
 */
export async function readSmallFile(path: string, ownerOnly: boolean): Promise<string> {
  check(await stat(path), path, ownerOnly);
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  try {
    check(await handle.stat(), path, ownerOnly);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > MAX_FILE_BYTES) throw new RefusedFile(`is larger than 1 MiB (over ${MAX_FILE_BYTES} bytes)`);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Why a file could not be read, for a message: the refusal, or the core's wording of the fs error. */
export function fileFailure(error: unknown): string {
  return error instanceof RefusedFile ? error.message : readFailure(error);
}
