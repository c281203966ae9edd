#!/usr/bin/env node
/**
 * Doc coverage of generated service packages, read from the emitted files (not from the specs), so it
 * counts what a user's editor shows:
 *
 * - actions: the methods of the package's client class (`src/client.ts`) whose TSDoc has a line of text
 *   (tags such as `@returns` alone do not count);
 * - members: the properties of every interface in `src/types.ts` (request and response shapes, nested
 *   ones included) whose TSDoc has a line of text.
 *
 * Usage: node scripts/doc-coverage.mjs [--min <percent>] [--json] [package-dir ...]
 * Without folders it reads every generated package under packages/. With --min, it exits 1 when the
 * actions or members of any package fall below that percentage.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import ts from 'typescript';

/** True when a node's TSDoc holds a line of text before its tags. */
function documented(node) {
  for (const doc of ts.getJSDocCommentsAndTags(node)) {
    if (!ts.isJSDoc(doc)) continue;
    const text = typeof doc.comment === 'string' ? doc.comment : (doc.comment ?? []).map((c) => c.text ?? '').join('');
    if (text.trim() !== '') return true;
  }
  return false;
}

function parse(file) {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** `{ actions: [documented, total], members: [documented, total] }` for one package folder. */
export function coverage(dir) {
  const actions = [0, 0];
  const members = [0, 0];
  const client = parse(join(dir, 'src', 'client.ts'));
  for (const statement of client.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    for (const member of statement.members) {
      if (!ts.isMethodDeclaration(member)) continue;
      actions[1]++;
      if (documented(member)) actions[0]++;
    }
  }
  const types = parse(join(dir, 'src', 'types.ts'));
  for (const statement of types.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member)) continue;
      members[1]++;
      if (documented(member)) members[0]++;
    }
  }
  return { actions, members };
}

function packageDirs(root) {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .sort()
    .map((name) => join(packages, name))
    .filter((dir) => existsSync(join(dir, 'src', 'client.ts')) && existsSync(join(dir, 'src', 'types.ts')));
}

const percent = ([done, total]) => (total === 0 ? 100 : (100 * done) / total);
const cell = (pair) => `${pair[0]}/${pair[1]} (${percent(pair).toFixed(1)}%)`;

function main(argv) {
  const args = [...argv];
  let min;
  let json = false;
  const dirs = [];
  while (args.length > 0) {
    const arg = args.shift();
    if (arg === '--min') min = Number(args.shift());
    else if (arg === '--json') json = true;
    else dirs.push(resolve(arg));
  }
  const root = resolve(import.meta.dirname, '..');
  const rows = (dirs.length > 0 ? dirs : packageDirs(root)).map((dir) => ({ name: basename(dir), ...coverage(dir) }));
  const total = { actions: [0, 0], members: [0, 0] };
  for (const row of rows)
    for (const key of ['actions', 'members']) for (const i of [0, 1]) total[key][i] += row[key][i];
  if (json) process.stdout.write(`${JSON.stringify({ packages: rows, total }, null, 2)}\n`);
  else {
    const width = Math.max(7, ...rows.map((r) => r.name.length));
    console.log(`${'package'.padEnd(width)}  ${'actions'.padEnd(22)}  members`);
    for (const row of rows)
      console.log(`${row.name.padEnd(width)}  ${cell(row.actions).padEnd(22)}  ${cell(row.members)}`);
    console.log(`${'total'.padEnd(width)}  ${cell(total.actions).padEnd(22)}  ${cell(total.members)}`);
  }
  if (min !== undefined) {
    const low = rows.filter((r) => percent(r.actions) < min || percent(r.members) < min);
    if (low.length > 0) {
      console.error(`below ${min}%: ${low.map((r) => r.name).join(', ')}`);
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main(process.argv.slice(2));
