/**
 * Commands in the docs work as written: every command of a fenced `sh` block in README.md,
 * CONTRIBUTING.md and docs/*.md is run word for word by .ci/run, or by a named test or script (which
 * must contain the given text), or is listed below with the reason it is not run. An entry whose command
 * left the docs fails too, so the lists stay true. `npx --yes pnpm@10.34.8 <x>` is written `pnpm <x>`
 * here, as .ci/run defines it.
 *
 * Also: every `pnpm <name>` the docs mention is a script of package.json, a bin of the workspace or one
 * of the few pnpm commands meant, and no script is named after a pnpm built-in that would shadow it
 * (`pnpm docs` opens a web page instead of running a script named docs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/packages.js';

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** Commands a test or script runs, with the text that shows it in that file. */
const RUN_BY: Record<string, { file: string; shows: string }> = {
  'pnpm pack:local redis mock': { file: 'test/install-local.test.ts', shows: "'pack:local', 'redis', 'mock'" },
  'npm pkg set overrides.@volc-ts/core=file:/path/to/volc-ts/artifacts/tarballs/volc-ts-core-0.1.0.tgz overrides.@volc-ts/spec=file:/path/to/volc-ts/artifacts/tarballs/volc-ts-spec-0.1.0.tgz':
    { file: 'test/install-local.test.ts', shows: "['pkg', 'set', ...Object.entries(install.overrides)" },
  'npm install /path/to/volc-ts/artifacts/tarballs/volc-ts-redis-0.1.0.tgz /path/to/volc-ts/artifacts/tarballs/volc-ts-mock-0.1.0.tgz':
    {
      file: 'test/install-local.test.ts',
      shows: "['install', '--ignore-scripts', '--no-audit', '--no-fund', ...install.packages]",
    },
  'pnpm build': { file: 'package.json', shows: '"test": "pnpm build && ' },
  'npx tsc -p tsconfig.json --noEmit': { file: 'package.json', shows: '"typecheck": "tsc -p tsconfig.json --noEmit"' },
  'pnpm --filter @volc-ts/core run build': {
    file: 'package.json',
    shows: '"build": "pnpm --filter @volc-ts/core run build && ',
  },
};

/** Commands not run as written, and why that is acceptable. */
const NOT_RUN: Record<string, string> = {
  'pnpm install':
    '.ci/run installs with `pnpm install --frozen-lockfile` on its clean clone, the same install that also fails on a stale lockfile',
  'pnpm all':
    'its three steps run apart: generate as `check:generated` (the same generate, compared instead of written), build inside `pnpm test`, and `pnpm demo`',
  'pnpm generate':
    'rewrites every package; .ci/run runs `check:generated`, the same generate compared with the committed packages',
  'npx vitest run generator/test/golden.test.ts': 'one file of the vitest run inside `pnpm test`',
  'pnpm volc-gen check':
    '`check:generated` loads and checks every spec with the same rules before it compares anything',
  'pnpm volc-gen generate --spec spec/redis.yaml': 'the first step of `pnpm one redis`, which .ci/run runs',
  'pnpm volc-gen sources go /tmp/go-sdk --commit <sha> --date <commit date>':
    'needs a checkout of the official Go SDK, which CI does not have; generator/test/sources-go.test.ts runs the same code on fixture service folders',
  'pnpm volc-gen sync':
    'rewrites the specs; test/conformance.test.ts checks its committed result against the source facts, and generator/test/sync.test.ts runs it on a fixture',
  'node scripts/build-services.mjs redis':
    '`pnpm one redis` (in .ci/run) runs it with --check; `pnpm build` runs it for every package',
};

/** The pnpm commands the docs may name besides scripts and bins: those that do what they say. */
const PNPM_COMMANDS = new Set(['install', 'exec', 'run', 'test', '--filter', '-r']);
/** pnpm built-ins that a script of the same name would not win against (test, start, stop, restart run scripts). */
const PNPM_BUILTINS = [
  'add',
  'audit',
  'bin',
  'config',
  'create',
  'dedupe',
  'deploy',
  'dlx',
  'docs',
  'doctor',
  'env',
  'exec',
  'fetch',
  'home',
  'import',
  'init',
  'install',
  'licenses',
  'link',
  'list',
  'ls',
  'outdated',
  'pack',
  'patch',
  'prune',
  'publish',
  'rebuild',
  'remove',
  'root',
  'server',
  'setup',
  'store',
  'unlink',
  'update',
  'why',
  'version',
  'view',
  'info',
  'login',
  'logout',
  'search',
  'repo',
  'bugs',
  'help',
  'cache',
  'approve-builds',
  'self-update',
];

const normalize = (line: string) =>
  line
    .replace(/\s+#.*$/, '')
    .replaceAll('npx --yes pnpm@10.34.8 ', 'pnpm ')
    .trim();

/** Each command of the fenced sh blocks of a doc (a line may hold several, joined by &&). */
function fencedCommands(doc: string): string[] {
  const text = readFileSync(join(ROOT, doc), 'utf8');
  return [...text.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)].flatMap((m) =>
    m[1]!
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
      .flatMap((line) =>
        normalize(line)
          .split(' && ')
          .map((c) => c.trim()),
      ),
  );
}

/** The commands .ci/run runs, one per line, with its `pnpm` function and `pnpm run` written as the docs do. */
function ciCommands(): Set<string> {
  const text = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  return new Set(
    text
      .split('\n')
      .map((line) => normalize(line).replace(/^pnpm run /, 'pnpm '))
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}

const byDoc = new Map(DOCS.map((doc) => [doc, fencedCommands(doc)]));
const all = [...new Set([...byDoc.values()].flat())];

describe('commands in the docs', () => {
  it('are found', () => {
    expect(all).toContain('pnpm test');
    expect(all).toContain('pnpm pack:local redis mock');
  });

  it('each is run by .ci/run, by a named test or script, or listed with a reason', () => {
    const ci = ciCommands();
    const unaccounted = all.filter((command) => !ci.has(command) && !RUN_BY[command] && !NOT_RUN[command]);
    expect(unaccounted).toEqual([]);
  });

  it.each(Object.entries(RUN_BY))('%s is in %o', (_, { file, shows }) => {
    expect(readFileSync(join(ROOT, file), 'utf8')).toContain(shows);
  });

  it('lists only commands the docs still show, and none that .ci/run runs as written', () => {
    const ci = ciCommands();
    for (const command of [...Object.keys(RUN_BY), ...Object.keys(NOT_RUN)]) {
      expect(all, command).toContain(command);
      expect(ci.has(command), `${command} is in .ci/run: drop it from the lists`).toBe(false);
    }
  });

  it('every `pnpm <name>` in the docs is a script, a workspace bin or a pnpm command that does what it says', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts);
    const bins = ['volc-gen'];
    const named = DOCS.flatMap((doc) =>
      [...readFileSync(join(ROOT, doc), 'utf8').matchAll(/(?:^|`)(?:npx --yes )?pnpm(?:@[\d.]+)? ([\w:-]+)/gm)].map(
        (m) => `${doc}: ${m[1]!}`,
      ),
    );
    expect(named.length).toBeGreaterThan(20);
    const unknown = named.filter((entry) => {
      const name = entry.split(': ')[1]!;
      return !scripts.includes(name) && !bins.includes(name) && !PNPM_COMMANDS.has(name);
    });
    expect(unknown).toEqual([]);
  });

  it('no script is named after a pnpm built-in that would run instead of it', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts);
    expect(scripts.filter((name) => PNPM_BUILTINS.includes(name))).toEqual([]);
    expect(scripts).toContain('api-docs');
  });
});
