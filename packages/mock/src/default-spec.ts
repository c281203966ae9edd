import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the specs are when no `spec` option is given: `VOLC_MOCK_SPEC` if set; else, running from
 * source (`packages/mock/src`), the repository's `spec/`; else, running from the published build
 * (`dist/`), the `spec/` copied next to it at build time.
 */
export function defaultSpecDir(): string {
  const fromEnv = process.env.VOLC_MOCK_SPEC;
  if (fromEnv) return fromEnv;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates =
    basename(here) === 'src' ? [resolve(here, '../../../spec'), resolve(here, '../spec')] : [resolve(here, '../spec')];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`No spec directory found (looked in ${candidates.join(', ')}); pass the spec option.`);
  return found;
}
