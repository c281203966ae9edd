/**
 * Region names are written into the host (`redis.{region}.volcengineapi.com`) and the signing scope, so
 * a region must be one DNS label: anything else could send a signed request to another host.
 */
import { closest } from './suggest.js';

/**
 * Regions Volcengine documents, used only to suggest a fix for a typo; a region missing here is still
 * accepted when it is a valid label (new regions open all the time).
 */
export const KNOWN_REGIONS: readonly string[] = [
  'cn-beijing',
  'cn-shanghai',
  'cn-guangzhou',
  'cn-hongkong',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'cn-beijing-autodriving',
  'cn-shanghai-autodriving',
  'cn-beijing-selfdrive',
];

// One DNS label (RFC 1123), lower case as Volcengine writes regions: letters, digits, inner hyphens, 1-63 long.
const REGION_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The known region closest to `region` (after lower-casing and trimming), if one is close enough to be a typo. */
export function nearestRegion(region: string): string | undefined {
  const normalized = region
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  return closest(normalized, KNOWN_REGIONS, 2);
}

/** Why `region` cannot be used, or undefined when it can. */
export function regionProblem(region: unknown): string | undefined {
  if (typeof region !== 'string') return `must be a string (got ${region === null ? 'null' : typeof region})`;
  if (REGION_LABEL.test(region)) return undefined;
  if (region === '') return 'must not be empty';
  return 'must be one host label: lower-case letters, digits and inner hyphens, at most 63 characters, as in cn-beijing';
}

/**
 * Returns `region` when it is a valid region name; nothing is trimmed or changed.
 *
 * @param source where the value came from, for the message: `region` (the option) or `VOLCENGINE_REGION`
 * @throws {RangeError} `Invalid region "cn beijing" (from region): must be one host label ...; did you mean "cn-beijing"?`
 */
export function checkRegion(region: string, source = 'region'): string {
  const problem = regionProblem(region);
  if (problem === undefined) return region;
  const shown =
    typeof region === 'string'
      ? JSON.stringify(region.length > 80 ? `${region.slice(0, 80)}...` : region)
      : String(region);
  const suggestion = typeof region === 'string' ? nearestRegion(region) : undefined;
  throw new RangeError(
    `Invalid region ${shown} (from ${source}): ${problem}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
  );
}
