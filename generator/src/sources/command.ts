/**
 * `volc-gen sources <source> <path>` (write a source's facts under sources/) and `volc-gen sync`
 * (bring the specs up to date from them), with their printing.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkConformance, renderCoverage } from './conformance.js';
import type { SourceName } from './facts.js';
import { writeSourceFacts } from './io.js';
import { readNodeCatalog } from './node.js';
import { type SpecReport, syncSpecs } from './sync.js';

export interface SourcesCommandOptions {
  readonly out?: string;
  readonly commit?: string;
  readonly date?: string;
}

/** `volc-gen sources node <catalog dir>`: the Node SDK's catalog as source facts. */
export async function nodeSourcesCommand(catalogDir: string, options: SourcesCommandOptions): Promise<string> {
  const started = performance.now();
  const out = options.out ?? join('sources', 'node');
  const index = JSON.parse(readFileSync(join(catalogDir, 'index.json'), 'utf8')) as {
    source: { repo: string; commit: string; commitDate: string };
  };
  const all = await readNodeCatalog(catalogDir);
  const written = writeSourceFacts(
    out,
    { repo: index.source.repo, commit: index.source.commit, commitDate: index.source.commitDate },
    all,
  );
  // The official endpoint table: the hosts of services that a new spec is created for.
  const endpoints = join(catalogDir, 'endpoints.json');
  if (existsSync(endpoints)) {
    mkdirSync(out, { recursive: true });
    copyFileSync(endpoints, join(out, 'endpoints.json'));
  }
  const actions = written.files.reduce((n, f) => n + f.actions, 0);
  return `node: ${written.files.length} service version(s), ${actions} action(s) -> ${out} in ${Math.round(performance.now() - started)} ms`;
}

export interface SyncCommandOptions {
  readonly spec?: string;
  readonly sources?: string;
  readonly only?: readonly string[];
  readonly check?: boolean;
}

/** `volc-gen sync`: what changed, per spec; a line per spec that changed. */
export async function syncCommand(options: SyncCommandOptions): Promise<{ report: string; changed: number }> {
  const started = performance.now();
  const result = await syncSpecs({
    ...(options.spec ? { specDir: options.spec } : {}),
    ...(options.sources ? { sourcesDir: options.sources } : {}),
    ...(options.only ? { only: options.only } : {}),
    ...(options.check ? { check: true } : {}),
  });
  const lines = result.specs.filter((r) => r.changed).map(describe);
  const changed = lines.length;
  // The coverage table: what each source has, and what only the CLI lists without a way to call it.
  if (!options.check) {
    const coverage = checkConformance(options.spec ?? 'spec', options.sources ?? 'sources');
    writeFileSync(join(options.sources ?? 'sources', 'COVERAGE.md'), renderCoverage(coverage));
    lines.push(`${coverage.uncallable.length} action(s) only the CLI lists without a method: sources/COVERAGE.md`);
  }
  lines.push(
    `${options.check ? 'would change' : 'changed'} ${changed} of ${result.specs.length} spec(s) in ${Math.round(performance.now() - started)} ms`,
  );
  return { report: lines.join('\n'), changed };
}

function describe(r: SpecReport): string {
  const parts: string[] = [];
  for (const [source, names] of Object.entries(r.actionsAdded) as [SourceName, string[]][]) {
    parts.push(`+${names.length} action(s) from ${source}`);
  }
  if (r.membersAdded) parts.push(`+${r.membersAdded} member(s)`);
  if (r.renamed.length)
    parts.push(
      `${r.renamed.length} renamed (${r.renamed.slice(0, 3).join(', ')}${r.renamed.length > 3 ? ', ...' : ''})`,
    );
  if (r.requiredMade) parts.push(`${r.requiredMade} made required`);
  if (r.requiredDropped) parts.push(`${r.requiredDropped} made optional`);
  if (r.boundsAdded) parts.push(`${r.boundsAdded} bound(s)`);
  if (r.precisionAdded) parts.push(`${r.precisionAdded} number format(s)`);
  if (r.enumValuesAdded) parts.push(`${r.enumValuesAdded} enum value(s)`);
  if (r.typesChanged.length)
    parts.push(`${r.typesChanged.length} type(s) changed (${r.typesChanged.slice(0, 2).join(', ')})`);
  if (r.notesAdded) parts.push(`${r.notesAdded} crosscheck note(s)`);
  if (parts.length === 0) parts.push('provenance only');
  return `${r.created ? 'created' : 'updated'} ${r.file} [${r.sources.join(', ')}]: ${parts.join('; ')}`;
}
