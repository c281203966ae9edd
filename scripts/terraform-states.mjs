#!/usr/bin/env node
/**
 * Reads the resource states the official Terraform provider (github.com/volcengine/terraform-provider-volcengine)
 * waits for, and writes them as facts: sources/terraform/states.json. The waiters' test checks every value
 * a spec's x-volc-waiters names against these facts and the Go SDK's enums, which do not come from the specs.
 *
 *   node scripts/terraform-states.mjs <provider git dir> [--commit <sha>] [--out sources/terraform/states.json]
 *
 * Read as text with git, nothing compiled. Per folder of volcengine/<product>/<resource>/ that has a
 * service_volcengine_*.go: the signing name and version of its getUniversalInfo, the Describe/List actions
 * it names, the states of every `Target: []string{...}` (what it waits for) and `failStates = append(...)`
 * (what stops the wait), and the values its data source documents for a status field ("the value can be
 * `a` or `b`"), each value with the file and line it was read from.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const args = process.argv.slice(2);
const gitDir = args[0];
if (!gitDir) {
  console.error('usage: terraform-states.mjs <provider git dir> [--commit <sha>] [--out <file>]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const git = (...rest) => execFileSync('git', ['--git-dir', gitDir, ...rest], { encoding: 'utf8', maxBuffer: 1 << 28 });
const commit = option('--commit', git('rev-parse', 'HEAD').trim());
const out = option('--out', 'sources/terraform/states.json');
const commitDate = git('show', '-s', '--format=%cI', commit).trim();

const quoted = (text) => [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
const lineAt = (text, index) => text.slice(0, index).split('\n').length;

const files = git('ls-tree', '-r', '--name-only', commit, 'volcengine/').split('\n');
const folders = new Map();
for (const file of files) {
  const m = /^(volcengine\/[^/]+\/[^/]+)\/(service|data_source)_volcengine_[^/]+\.go$/.exec(file);
  if (!m) continue;
  const entry = folders.get(m[1]) ?? { service: [], data: [] };
  entry[m[2] === 'service' ? 'service' : 'data'].push(file);
  folders.set(m[1], entry);
}

const resources = [];
for (const [folder, { service, data }] of [...folders].sort(([a], [b]) => (a < b ? -1 : 1))) {
  if (service.length === 0) continue;
  const states = [];
  const actions = new Set();
  let signing;
  let version;
  for (const file of service) {
    const text = git('show', `${commit}:${file}`);
    signing ??= /ServiceName:\s*"([^"]+)"/.exec(text)?.[1];
    version ??= /Version:\s*"(\d{4}-\d{2}-\d{2})"/.exec(text)?.[1];
    for (const m of text.matchAll(/"((?:Describe|List)[A-Z][A-Za-z0-9]*)"/g)) actions.add(m[1]);
    for (const m of text.matchAll(/Target:\s*\[\]string\{([^}]*)\}/g))
      for (const value of quoted(m[1])) states.push({ value, kind: 'target', at: `${file}:${lineAt(text, m.index)}` });
    for (const m of text.matchAll(/failStates\s*=\s*append\(failStates,([^)]*)\)/g))
      for (const value of quoted(m[1])) states.push({ value, kind: 'failure', at: `${file}:${lineAt(text, m.index)}` });
  }
  for (const file of data) {
    const text = git('show', `${commit}:${file}`);
    for (const m of text.matchAll(/Description:\s*"([^"]*(?:value can be|Valid values)[^"]*)"/gi)) {
      if (!/status|phase/i.test(m[1])) continue;
      for (const v of m[1].matchAll(/`([^`]+)`/g))
        states.push({ value: v[1], kind: 'documented', at: `${file}:${lineAt(text, m.index)}` });
    }
  }
  if (states.length === 0 || !signing) continue;
  resources.push({ folder, service: signing, version: version ?? null, actions: [...actions].sort(), states });
}

mkdirSync(dirname(out), { recursive: true });
const lines = resources.map((r) => `    ${JSON.stringify(r)}`);
writeFileSync(
  out,
  `{\n  "source": "terraform",\n  "repo": "github.com/volcengine/terraform-provider-volcengine",\n  "commit": ${JSON.stringify(commit)},\n  "commitDate": ${JSON.stringify(commitDate)},\n  "resources": [\n${lines.join(',\n')}\n  ]\n}\n`,
);
console.log(`${resources.length} resource folder(s) with states -> ${out}`);
