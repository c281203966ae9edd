/** Counting what an install put on disk. */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Footprint {
  /** Installed packages (directories with a package.json directly under a node_modules). */
  readonly packages: string[];
  readonly files: number;
  /** Sum of file sizes (apparent size). */
  readonly bytes: number;
  /** Bytes of each package's own files (nested node_modules count for the nested package). */
  readonly bytesByPackage: ReadonlyMap<string, number>;
}

const PACKAGE_IN_PATH = /node_modules\/((?:@[^/]+\/)?[^/@.][^/]*)/g;

function walk(dir: string, visit: (path: string, size: number) => void): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, visit);
    else if (entry.isFile()) visit(path, lstatSync(path).size);
  }
}

/** What is installed under `nodeModules`, nested node_modules included; npm's own lock file excluded. */
export function footprint(nodeModules: string): Footprint {
  const packages: string[] = [];
  let files = 0;
  let bytes = 0;
  const bytesByPackage = new Map<string, number>();
  walk(nodeModules, (path, size) => {
    if (path.endsWith('node_modules/.package-lock.json')) return;
    files++;
    bytes += size;
    const owner = [...path.matchAll(PACKAGE_IN_PATH)].pop()?.[1];
    if (owner) bytesByPackage.set(owner, (bytesByPackage.get(owner) ?? 0) + size);
    const match = /node_modules\/((?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/.exec(path);
    if (match) packages.push(match[1]!);
  });
  return { packages: packages.sort(), files, bytes, bytesByPackage };
}
