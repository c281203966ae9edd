/**
 * Generated TypeScript goes through the formatter of the hand-written code: the Biome CLI this package
 * pins, run once over every file of a generate in a temporary folder (a process per file would cost
 * minutes), with the formatter settings of the repository's biome.jsonc. The same input and the same
 * Biome version give the same bytes, so `generate --check` enforces the formatting too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The formatter settings of biome.jsonc (generator/test/format.test.ts keeps the two equal). */
export const BIOME_FORMAT_SETTINGS = {
  formatter: { enabled: true, indentStyle: 'space', indentWidth: 2, lineWidth: 120 },
  javascript: {
    formatter: { quoteStyle: 'single', semicolons: 'always', trailingCommas: 'all', arrowParentheses: 'always' },
  },
} as const;

const FORMATTED = /\.ts$/;

/** The Biome CLI launcher of the pinned @biomejs/biome. */
function biomeBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@biomejs/biome/package.json')), 'bin/biome');
}

/**
 * Formats the TypeScript files of every package in place (other files are left as they are). One Biome
 * run for all of them. @throws when Biome reports a problem (a syntax error is a generator bug)
 */
export function formatPackages(packages: readonly Map<string, string>[]): void {
  const work = mkdtempSync(join(tmpdir(), 'volc-gen-format-'));
  try {
    writeFileSync(
      join(work, 'biome.json'),
      JSON.stringify({
        ...BIOME_FORMAT_SETTINGS,
        // A big service's types.ts passes Biome's default limit of 1 MiB.
        files: { maxSize: 64 * 1024 * 1024 },
        vcs: { enabled: false },
        linter: { enabled: false },
        assist: { enabled: false },
      }),
    );
    const written: { files: Map<string, string>; path: string; target: string }[] = [];
    packages.forEach((files, index) => {
      for (const [path, text] of files) {
        if (!FORMATTED.test(path)) continue;
        const target = join(work, 'src', String(index), path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text);
        written.push({ files, path, target });
      }
    });
    if (written.length === 0) return;
    try {
      execFileSync(
        process.execPath,
        [biomeBin(), 'format', '--write', '--no-errors-on-unmatched', `--config-path=${work}`, join(work, 'src')],
        { cwd: work, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 },
      );
    } catch (error) {
      const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
      throw new Error(`biome format failed on generated code:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`);
    }
    for (const { files, path, target } of written) files.set(path, readFileSync(target, 'utf8'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
