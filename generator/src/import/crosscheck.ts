/**
 * Where the official Node and Go SDKs disagree about a service (../shared/catalog/go-crosscheck.json),
 * the import decides and records the decision and its reason in the spec as `x-volc-crosscheck`, so a
 * reader sees both facts and can overrule the choice. The rule for every case: never refuse what the
 * server may accept.
 *
 * - Signing name (3 services): the catalog's, which is the Node SDK's (`auto_scaling`, `efs`, `emr`).
 *   Either is defensible; the Node SDK's name comes from the per-action metadata its code generator
 *   writes from the API definition, and it is the name the catalog's actions, hosts and package
 *   names were taken with, so the spec stays one consistent source. A wrong name fails every call,
 *   so this is recorded where a person reviewing the spec sees it.
 * - Method or body (4 actions): the Node SDK's, for the same reason (its method, content type and input
 *   shape come from one definition); the Go SDK's variant is recorded.
 * - A member required in only one SDK: left optional (a request without it may be valid), the
 *   disagreement recorded on the schema. The crosscheck file lists only examples of these, so only
 *   those are recorded.
 * - Go `min`/`max` tags: not imported (the catalog does not carry them); validators check nothing the
 *   specs do not state.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isRecord } from './catalog.js';

export interface CrosscheckNote {
  readonly subject: string;
  readonly node: string;
  readonly go: string;
  readonly chosen: string;
  readonly reason: string;
}

export interface Crosscheck {
  /** Notes for the root of the spec (the signing name). */
  readonly service: readonly CrosscheckNote[];
  /** Notes per action (method or body). */
  readonly actions: ReadonlyMap<string, CrosscheckNote>;
  /** Per shape: members required by one SDK only, with which one. */
  readonly required: ReadonlyMap<string, ReadonlyMap<string, 'node' | 'go'>>;
}

export const SIGNING_REASON =
  "The Node SDK's name, from the per-action metadata generated from the API definition; the catalog's actions and hosts use it too.";
export const METHOD_REASON =
  "The Node SDK's method and body, generated with the action's input shape from one API definition; the catalog's input shape matches it.";
export const REQUIRED_REASON =
  'Required in one SDK only: left optional, since the server may accept a request without it.';

export const NO_CROSSCHECK: Crosscheck = { service: [], actions: new Map(), required: new Map() };

/** The crosscheck facts for one package, from go-crosscheck.json beside the catalog file (if any). */
export function readCrosscheck(catalogFile: string, pkg: string): Crosscheck {
  const file = join(dirname(catalogFile), 'go-crosscheck.json');
  if (!existsSync(file)) return NO_CROSSCHECK;
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!isRecord(data)) return NO_CROSSCHECK;

  const service: CrosscheckNote[] = [];
  for (const match of Array.isArray(data.packageMatches) ? data.packageMatches : []) {
    if (
      isRecord(match) &&
      match.node === pkg &&
      typeof match.nodeService === 'string' &&
      typeof match.goService === 'string' &&
      match.nodeService !== match.goService
    ) {
      service.push({
        subject: 'signing name',
        node: match.nodeService,
        go: match.goService,
        chosen: match.nodeService,
        reason: SIGNING_REASON,
      });
    }
  }

  const actions = new Map<string, CrosscheckNote>();
  for (const line of stringList(data.methodOrBodyMismatch)) {
    // "arkclaw: UpdateClawOmniInstance: node POST json, go GET query"
    const m = /^([^:]+): (\w+): node (.+), go (.+)$/.exec(line);
    if (m && m[1] === pkg)
      actions.set(m[2]!, { subject: 'method and body', node: m[3]!, go: m[4]!, chosen: m[3]!, reason: METHOD_REASON });
  }

  const required = new Map<string, Map<string, 'node' | 'go'>>();
  const mismatch = isRecord(data.requiredMismatch) ? data.requiredMismatch : {};
  for (const line of stringList(mismatch.examples)) {
    // "alb.DeleteRulesRequest.RuleIds: node optional, go required"
    const m = /^([^.]+)\.(\w+)\.(\w+): node (required|optional), go (required|optional)$/.exec(line);
    if (!m || m[1] !== pkg || m[4] === m[5]) continue;
    const members = required.get(m[2]!) ?? new Map<string, 'node' | 'go'>();
    members.set(m[3]!, m[4] === 'required' ? 'node' : 'go');
    required.set(m[2]!, members);
  }
  return { service, actions, required };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
