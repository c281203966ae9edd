/**
 * Names derived from action and member names. Acronyms stay readable:
 * DescribeDBInstances -> describeDBInstances (method), describe-db-instances (file).
 */

/** Method name: the leading capital run is lowered, keeping the capital that starts the next word. */
export function methodName(action: string): string {
  const lead = /^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/.exec(action)?.[0] ?? '';
  return lead.toLowerCase() + action.slice(lead.length);
}

/** File name: words split at case changes, lower-cased, joined with dashes. */
export function kebabName(action: string): string {
  return action
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** Constant name for a module-level value: PageSize -> PAGE_SIZE. */
export function constantName(name: string): string {
  return kebabName(name).replace(/-/g, '_').toUpperCase();
}
