/**
 * The release, as one command: `pnpm release` (run from the workspace root).
 *
 *  1. `changeset version`: applies the pending changesets in .changeset/ (versions, CHANGELOGs, the
 *     ranges of internal dependencies). Nothing pending: nothing changes.
 *  2. `volc-gen generate`: the generated packages embed their version (User-Agent), so they are
 *     regenerated from spec/ with the new versions (skipped when no version changed).
 *  3. Builds every published package whose dist/ is missing or older than its sources. After a full
 *     `pnpm build` (as in CI), that is only what steps 1 and 2 changed.
 *  4. `changeset publish`: publishes every package whose version the registry does not have yet, with
 *     pnpm (which turns `workspace:` ranges into versions), and tags each one in git.
 *
 * The registry is npm's unless `npm_config_registry` names another; changesets reads that variable,
 * not .npmrc, to decide where to look, so set the variable for any other registry. The token comes
 * from .npmrc, as for `npm publish`. Commit the version changes and push the tags afterwards.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, publishedPackages, ROOT } from '../test/helpers/packages.js';

const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

function step(title: string, command: string, args: string[]): void {
  console.log(`\n> ${title}: ${[command.replace(`${ROOT}/`, ''), ...args].join(' ')}`);
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });
}

const versions = () =>
  publishedPackages()
    .map((p) => `${p.name}@${p.manifest.version}`)
    .join(' ');
const before = versions();
step('apply the pending changesets', bin('changeset'), ['version']);
if (versions() === before) console.log('\n> no version changed: the generated packages stay as they are');
else step('regenerate the service packages', bin('tsx'), ['generator/src/cli.ts', 'generate']);
console.log('\n> build the packages whose dist/ is missing or stale');
const built = await ensureBuilt(publishedPackages());
console.log(built.length > 0 ? `built ${built.join(', ')}` : 'every dist/ is up to date');
step('publish the versions the registry does not have', bin('changeset'), ['publish']);
