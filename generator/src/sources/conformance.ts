/**
 * The specs checked against the official sources' committed facts (sources/): every action of every
 * source is in a spec, and for every action the spec's version, signing name, method and body, and
 * each member's wire name, type and required flag either agree with every source that states them
 * or carry a recorded decision (`x-volc-crosscheck`). Nothing here is read from the specs to build
 * what they are checked against.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { SourceName } from './facts.js';
import { groupSources, methodText, serviceKey } from './sync.js';
import {
  actionStarts,
  conditionallyRequired,
  requiredByPolicy,
  factsKind,
  isJson,
  listedAction,
  kindsAgree,
  SOURCES,
  specActions,
  specKind,
  walkMembers,
} from './walk.js';

type Json = Record<string, unknown>;

export interface Disagreement {
  /** `spec/kafka.yaml`, or the source file for an action no spec has. */
  readonly file: string;
  readonly action?: string;
  readonly what: string;
}

export interface ConformanceResult {
  readonly disagreements: Disagreement[];
  /** Actions compared, and members compared with at least one source. */
  readonly actions: number;
  readonly members: number;
  /** Per source: actions it states, and how many of them a spec has. */
  readonly coverage: Record<SourceName, { actions: number; inSpecs: number }>;
  /**
   * Actions a source lists without a method or body and no spec has (only the CLI knows them, and
   * how to call them cannot be established from facts): for the coverage table, never guessed.
   */
  readonly uncallable: { file: string; action: string; reason: string }[];
}

export function checkConformance(specDir: string, sourcesDir: string): ConformanceResult {
  const groups = groupSources(sourcesDir);
  const disagreements: Disagreement[] = [];
  const coverage = Object.fromEntries(
    SOURCES.map((s) => [s, { actions: 0, inSpecs: 0 }]),
  ) as ConformanceResult['coverage'];
  let actions = 0;
  let members = 0;
  const matched = new Set<string>();
  const uncallable: { file: string; action: string; reason: string }[] = [];

  for (const name of readdirSync(specDir).filter((n) => n.endsWith('.yaml'))) {
    const file = join(specDir, name);
    const spec = parse(readFileSync(file, 'utf8')) as Json;
    const service = String((spec['x-volc-service'] as Json | undefined)?.name ?? '');
    const version = String((spec.info as Json | undefined)?.version ?? '');
    const key = serviceKey(service, version);
    const group = groups.get(key);
    if (!group) continue;
    matched.add(key);
    const fail = (what: string, action?: string) => disagreements.push({ file, ...(action ? { action } : {}), what });
    const rootNotes = notesOf(spec);
    for (const s of SOURCES) {
      const facts = group[s];
      if (facts && facts.service !== service && rootNotes.get('signing name')?.[s] !== facts.service)
        fail(`signing name: spec ${service}, ${s} ${facts.service}, and no decision recorded`);
    }

    const specList = specActions(spec);
    const inSpec = new Set(specList.map((a) => a.action));
    for (const s of SOURCES) {
      for (const a of group[s]?.actions ?? []) {
        coverage[s].actions++;
        if (inSpec.has(a.name)) coverage[s].inSpecs++;
        else fail(`${s} has the action and the spec does not`, a.name);
      }
      for (const a of group[s]?.uncallable ?? [])
        if (!inSpec.has(a.name)) uncallable.push({ file, action: a.name, reason: a.reason });
    }

    const schemas = ((spec.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
    for (const action of specList) {
      actions++;
      const pathVersion = new URLSearchParams(action.path.slice(action.path.indexOf('?') + 1)).get('Version');
      if (pathVersion !== version) fail(`version: path says ${pathVersion}, info.version ${version}`, action.action);
      const opNotes = notesOf(action.operation);
      const stated: SourceName[] = [];
      for (const s of SOURCES) {
        const listed = listedAction(group[s], action.action);
        if (!listed) continue;
        stated.push(s);
        const a = listed.callable;
        if (!a) continue;
        if (a.version !== version) fail(`version: ${s} says ${a.version}, the spec ${version}`, action.action);
        const theirs = methodText(a.method, a.contentType);
        if (theirs !== methodText(action.method, action.contentType) && opNotes.get('method and body')?.[s] !== theirs)
          fail(
            `method and body: spec ${methodText(action.method, action.contentType)}, ${s} ${theirs}, and no decision recorded`,
            action.action,
          );
      }
      const recorded = action.operation['x-volc-sources'];
      if (JSON.stringify(recorded) !== JSON.stringify(stated))
        fail(
          `x-volc-sources says ${JSON.stringify(recorded)}, the sources that have it are ${JSON.stringify(stated)}`,
          action.action,
        );
      walkMembers(spec, actionStarts(action, group, stated), group, (visit) => {
        members++;
        const where = `${visit.schema}.${visit.name}`;
        if (!visit.property) {
          fail(
            `${where}: stated by ${visit.sources.map((m) => m.source).join(', ')}, missing from the spec${visit.specName ? ` (the spec calls it ${visit.specName})` : ''}`,
            action.action,
          );
          return;
        }
        const notes = notesOf(schemas[visit.schema]);
        if (visit.specName && notes.get(`name ${visit.name}`)?.chosen !== visit.specName)
          fail(
            `${where}: the spec calls it ${visit.specName}, the sources ${visit.name}, and no decision recorded`,
            action.action,
          );
        const kind = specKind(visit.property);
        for (const m of visit.sources) {
          const theirs = factsKind(m.facts);
          if (!kindsAgree(theirs, kind) && notes.get(`type ${visit.name}`)?.[m.source] !== theirs)
            fail(
              `${where}: type ${kind} in the spec, ${theirs} in ${m.source}, and no decision recorded`,
              action.action,
            );
        }
        const required = ((schemas[visit.schema]?.required as string[] | undefined) ?? []).includes(visit.name);
        const requiredBy = visit.sources.filter((m) => m.required).length;
        const policy = requiredByPolicy(requiredBy, visit.sources.length);
        const byRule = conditionallyRequired(schemas[visit.schema]).has(visit.name);
        if (required !== policy && !byRule && !notes.has(`required ${visit.name}`))
          fail(
            `${where}: ${required ? 'required' : 'optional'} in the spec, the policy says ${policy ? 'required' : 'optional'}, and no decision recorded`,
            action.action,
          );
      });
    }
  }
  for (const [key, group] of groups) {
    if (matched.has(key)) continue;
    for (const s of SOURCES) {
      const facts = group[s];
      if (!facts || facts.actions.length === 0) continue;
      coverage[s].actions += facts.actions.length;
      disagreements.push({
        file: join(sourcesDir, s, `${facts.service}-${facts.versions[0]}.json`),
        what: `no spec for ${facts.service} ${facts.versions[0]} (${facts.actions.length} action(s))`,
      });
    }
  }
  for (const [key, group] of groups) {
    if (matched.has(key)) continue;
    for (const s of SOURCES)
      for (const a of group[s]?.uncallable ?? [])
        uncallable.push({ file: `${group[s]!.service} ${group[s]!.versions[0]}`, action: a.name, reason: a.reason });
  }
  return { disagreements, actions, members, coverage, uncallable };
}

/** `x-volc-crosscheck` notes of a root, operation or schema, by subject. */
function notesOf(node: unknown): Map<string, Record<string, string>> {
  const notes = new Map<string, Record<string, string>>();
  const list = isJson(node) ? node['x-volc-crosscheck'] : undefined;
  if (!Array.isArray(list)) return notes;
  for (const note of list)
    if (isJson(note) && typeof note.subject === 'string') notes.set(note.subject, note as Record<string, string>);
  return notes;
}

/** sources/COVERAGE.md: how much of each source the specs hold, and what only the CLI lists uncallably. */
export function renderCoverage(result: ConformanceResult): string {
  const titles: Record<SourceName, string> = { node: 'Node SDK', go: 'Go SDK', cli: 'CLI (callable actions)' };
  const lines = [
    '# Coverage of the official sources',
    '',
    'Generated by `volc-gen sync` from `sources/` and `spec/`; do not edit.',
    '',
    '| Source | Actions | In a spec |',
    '| --- | ---: | ---: |',
    ...SOURCES.map((s) => `| ${titles[s]} | ${result.coverage[s].actions} | ${result.coverage[s].inSpecs} |`),
    '',
    '## Actions only the CLI lists, without a method or body',
    '',
    'The CLI names these actions but its metadata states no method or content type for them, and no other',
    'source has them, so volc-ts does not guess how to call them. They get a method once a source states one.',
    '',
  ];
  if (result.uncallable.length === 0) lines.push('None.');
  // The spec's file name alone, so the table is the same wherever the specs are read from.
  else {
    lines.push('| Service | Action | Why |', '| --- | --- | --- |');
    const rows = result.uncallable.map((u) => ({ ...u, file: basename(u.file) }));
    const sorted = rows.sort((a, b) => (a.file === b.file ? (a.action < b.action ? -1 : 1) : a.file < b.file ? -1 : 1));
    for (const u of sorted) lines.push(`| ${u.file} | ${u.action} | ${u.reason} |`);
  }
  return `${lines.join('\n')}\n`;
}
