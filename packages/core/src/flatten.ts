/**
 * Flattens an input object into query or form pairs the way Volcengine's query protocol expects:
 * nested members joined with dots (`Filter.Name`), list items numbered from 1 (`Tags.1.Key`).
 * `undefined` and `null` are skipped; booleans become `true`/`false`; dates become ISO strings; a `bigint`
 * (an int64 beyond 2^53) is written with all its digits. Own enumerable members only, as in JSON.
 *
 * @example
 * flattenQuery({ InstanceIds: ['a', 'b'], Tag: { Key: 'k' } })
 * // [['InstanceIds.1', 'a'], ['InstanceIds.2', 'b'], ['Tag.Key', 'k']]
 */
export function flattenQuery(input: unknown): [string, string][] {
  const pairs: [string, string][] = [];
  const visit = (prefix: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(`${prefix}.${index + 1}`, item);
      });
      return;
    }
    if (value instanceof Date) {
      pairs.push([prefix, value.toISOString()]);
      return;
    }
    if (typeof value === 'object') {
      for (const [key, member] of Object.entries(value)) visit(prefix === '' ? key : `${prefix}.${key}`, member);
      return;
    }
    pairs.push([prefix, String(value)]);
  };
  if (input === undefined || input === null) return pairs;
  if (typeof input !== 'object' || Array.isArray(input) || input instanceof Date) {
    throw new TypeError('flattenQuery: input must be an object');
  }
  visit('', input);
  return pairs;
}
