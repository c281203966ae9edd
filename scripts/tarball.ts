/**
 * An npm-style tarball (`package/...`, gzipped ustar) of a folder that holds an installed package: every
 * file under it except nested node_modules. Entries are sorted and stamped with a fixed time, so the same
 * folder gives the same bytes. npm's own `npm pack <folder>` is not used: it fails on some installed
 * packages (npm 11 exits with "Exit handler never called!" on ajv's folder).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// 1985-10-26, the date npm itself stamps on tarball entries.
const MTIME = 499162500;

function files(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return files(root, path);
      return entry.isFile() || entry.isSymbolicLink() ? [path] : [];
    })
    .sort();
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** The ustar header of a regular file; a path over 100 bytes is split into prefix and name at a '/'. */
function header(path: string, size: number, mode: number): Buffer {
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(path) > 100) {
    const at = [...path.matchAll(/\//g)].map((m) => m.index).find((i) => Buffer.byteLength(path.slice(i + 1)) <= 100);
    if (at === undefined || Buffer.byteLength(path.slice(0, at)) > 155)
      throw new Error(`path too long for a tarball: ${path}`);
    prefix = path.slice(0, at);
    name = path.slice(at + 1);
  }
  const block = Buffer.alloc(512);
  block.write(name, 0, 100);
  block.write(octal(mode, 8), 100);
  block.write(octal(0, 8), 108);
  block.write(octal(0, 8), 116);
  block.write(octal(size, 12), 124);
  block.write(octal(MTIME, 12), 136);
  block.write('        ', 148); // the checksum counts its own field as spaces
  block.write('0', 156);
  block.write('ustar\0' + '00', 257);
  block.write(prefix, 345, 155);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

/** The gzipped tarball of the package in `folder`. */
export function packFolder(folder: string): Buffer {
  const parts: Buffer[] = [];
  for (const path of files(folder)) {
    const full = join(folder, path);
    const data = readFileSync(full);
    const executable = (statSync(full).mode & 0o111) !== 0;
    parts.push(header(`package/${path}`, data.length, executable ? 0o755 : 0o644), data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}
