import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { specFiles } from '@volc-ts/spec';

/** One spec file as it was at the base: where it came from (for messages) and its text. */
export interface BaseSpec {
  /** `main:spec/redis.yaml` for a git ref, the file path otherwise. */
  readonly label: string;
  readonly text: string;
}

const isSpecName = (name: string) => name.endsWith('.yaml') || name.endsWith('.yml');

/**
 * The specs to compare against. `base` is a spec file, a directory of specs, or a git ref (a tag,
 * branch or commit); for a ref, the specs are read from the same place as `spec` at that commit
 * (`git show <ref>:spec/redis.yaml`), so a spec that did not exist there simply has no base.
 */
export function readBaseSpecs(base: string, spec: string, cwd = process.cwd()): BaseSpec[] {
  const path = resolve(cwd, base);
  if (existsSync(path)) {
    return specFiles(path).map((file) => ({ label: file, text: readFileSync(file, 'utf8') }));
  }
  const specPath = resolve(cwd, spec);
  const isDirectory = existsSync(specPath) && statSync(specPath).isDirectory();
  const gitDir = isDirectory ? specPath : dirname(specPath);
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: gitDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });

  try {
    git('rev-parse', '--verify', '--quiet', `${base}^{commit}`);
  } catch {
    throw new Error(`--base ${base}: not a spec file, a directory or a git commit`);
  }
  // `ls-tree` names files relative to the working directory, which is the spec directory here.
  const names = isDirectory
    ? git('ls-tree', '--name-only', base, '--', '.')
        .split('\n')
        .filter((name) => name && isSpecName(name))
        .sort()
    : [basename(specPath)];
  const prefix = git('rev-parse', '--show-prefix').trim();
  const specs: BaseSpec[] = [];
  for (const name of names) {
    const label = `${base}:${prefix}${name}`;
    try {
      specs.push({ label, text: git('show', `${base}:./${name}`) });
    } catch {
      // The file did not exist at the base: a new spec.
    }
  }
  return specs;
}
