/**
 * Names derived from action and member names. Acronyms stay readable:
 * DescribeDBInstances -> describeDBInstances (method), describe-db-instances (file).
 */

/**
 * Method name: the leading capital run is lowered, keeping the capital that starts the next word
 * (`DBInstance` -> `dbInstance`); a run ended by a digit is lowered whole (`URL2VIDGetResult` ->
 * `url2VIDGetResult`).
 */
export function methodName(action: string): string {
  const lead = /^[A-Z]+(?=[A-Z][a-z]|\d|$)|^[A-Z]/.exec(action)?.[0] ?? '';
  return lead.toLowerCase() + action.slice(lead.length);
}

/**
 * File name: words split at case changes, lower-cased, joined with dashes. An acronym's plural stays
 * one word (`ListGatewayLBs` -> `list-gateway-lbs`, not `l-bs`), and so is `IPv6`.
 */
export function kebabName(action: string): string {
  return action
    .replace(/IPv(\d)/g, 'Ipv$1')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z](?!s(?:[A-Z0-9-]|$))[a-z])/g, '$1-$2')
    .toLowerCase();
}

/**
 * The interface that holds the members of a shape whose cross-member rules are part of its request
 * type (`DescribeBackupsRequest` -> `DescribeBackupsRequestMembers`); lint refuses a schema of that name.
 */
export function membersName(shape: string): string {
  return `${shape}Members`;
}

/**
 * Constant name for a module-level value: PageSize -> PAGE_SIZE. A member name that is no identifier
 * gives one too: `PodsConfig.PodNetworkMode` -> PODS_CONFIG_POD_NETWORK_MODE, `2xx` -> _2XX.
 */
export function constantName(name: string): string {
  const constant = kebabName(name)
    .replace(/[^A-Za-z0-9_$]+/g, '_')
    .toUpperCase();
  return /^[0-9]/.test(constant) ? `_${constant}` : constant;
}

/** Verbs that name actions which only read. A verb counts when a capital, a digit or the end follows. */
export const READ_VERBS = [
  'Describe',
  'Desc',
  'List',
  'Get',
  'Query',
  'Check',
  'Search',
  'Show',
  'Preview',
  'Count',
  'Inspect',
  'Lookup',
];

const READ_ACTION = new RegExp(`^(?:${READ_VERBS.join('|')})(?=[A-Z0-9]|$)`);

/** Whether an action's name says it only reads: `DescribeInstances`, `ListUsers`, `GetPolicy`. */
export function isReadAction(name: string): boolean {
  return READ_ACTION.test(name);
}
