/**
 * Keeps pnpm-lock.yaml's `importers` in step with the generated packages, so that
 * `pnpm install --frozen-lockfile` works right after `pnpm generate` adds or removes a package.
 * Every generated package has the same single dependency, so its importer entry is fixed text; the
 * rest of the lockfile is left byte for byte.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The importer entry pnpm writes for a package whose only dependency is `@volc-ts/core: workspace:^`. */
function importerEntry(path: string): string {
  return `  ${path}:\n    dependencies:\n      '@volc-ts/core':\n        specifier: workspace:^\n        version: link:../core\n`;
}

/**
 * Adds (or rewrites) the entries of `generated` package folders (`packages/<name>`, relative to the
 * workspace root) and drops entries of `packages/*` folders that no longer have a package.json.
 * Returns the new text, or `undefined` when the lockfile already matches.
 */
export function syncLockfileText(
  text: string,
  generated: readonly string[],
  exists: (path: string) => boolean,
): string | undefined {
  const start = text.indexOf('\nimporters:\n');
  if (start < 0) return undefined;
  const bodyStart = start + '\nimporters:\n'.length;
  const next = text.slice(bodyStart).search(/^\S/m);
  const bodyEnd = next < 0 ? text.length : bodyStart + next;
  const body = text.slice(bodyStart, bodyEnd);

  // Entries start at a two-space key line; each runs until the next one (blank separator lines included).
  const entries = new Map<string, string>();
  const keys = [...body.matchAll(/^ {2}(\S[^\n]*):\n/gm)];
  keys.forEach((match, i) => {
    const end = i + 1 < keys.length ? keys[i + 1]!.index : body.length;
    entries.set(match[1]!, body.slice(match.index, end).replace(/\n+$/, '\n'));
  });
  for (const key of [...entries.keys()]) {
    if (key.startsWith('packages/') && !exists(`${key}/package.json`)) entries.delete(key);
  }
  for (const path of generated) entries.set(path, importerEntry(path));
  const sorted = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const leading = /^\n*/.exec(body)![0];
  const newBody = `${leading}${sorted.map((key) => entries.get(key)!).join('\n')}\n`;
  return newBody === body ? undefined : text.slice(0, bodyStart) + newBody + text.slice(bodyEnd);
}

/**
 * Syncs `<root>/pnpm-lock.yaml` for the generated package folders. With `write` false it only
 * compares. Returns whether the file differs (differed). No lockfile: nothing to do.
 */
export function syncLockfile(root: string, generated: readonly string[], write: boolean): boolean {
  const file = join(root, 'pnpm-lock.yaml');
  if (!existsSync(file)) return false;
  const updated = syncLockfileText(readFileSync(file, 'utf8'), generated, (path) => existsSync(join(root, path)));
  if (updated === undefined) return false;
  if (write) writeFileSync(file, updated);
  return true;
}
