/** A semver bump: what a change to a spec means for the package generated from it. */
export type BumpLevel = 'major' | 'minor' | 'patch';

/** One difference between two versions of a spec, and the bump it calls for. */
export interface SpecChange {
  readonly level: BumpLevel;
  /** Where the change is, from the user's side: an action, `Action input Field.Sub`, a type, an error code. */
  readonly where: string;
  readonly message: string;
}

const RANK: Record<BumpLevel | 'none', number> = { none: 0, patch: 1, minor: 2, major: 3 };

/** The larger of two bumps; `none` when both are. */
export function maxLevel(a: BumpLevel | 'none', b: BumpLevel | 'none'): BumpLevel | 'none' {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The bump to release for a package now at `version`. From 1.0.0 on it is `level`; before 1.0.0 it
 * moves one place right (major -> minor, minor -> patch), the way npm's caret ranges read 0.x versions
 * (`^0.1.0` takes 0.1.x only): users on `^0.y.z` get new actions from `npm update`, never a breaking change.
 */
export function releaseLevel(level: BumpLevel | 'none', version: string | undefined): BumpLevel | 'none' {
  if (!version?.startsWith('0.')) return level;
  return level === 'major' ? 'minor' : level === 'minor' ? 'patch' : level;
}

/** The bump a list of changes calls for: the largest of them, or `none` for no change. */
export function levelOf(changes: readonly SpecChange[]): BumpLevel | 'none' {
  return changes.reduce<BumpLevel | 'none'>((level, change) => maxLevel(level, change.level), 'none');
}

/** Changes sorted largest bump first, then by place, with exact repeats removed. */
export function sortChanges(changes: readonly SpecChange[]): SpecChange[] {
  const seen = new Map<string, SpecChange>();
  for (const change of changes) {
    const key = `${change.where}\n${change.message}`;
    const known = seen.get(key);
    if (!known || RANK[change.level] > RANK[known.level]) seen.set(key, change);
  }
  return [...seen.values()].sort(
    (a, b) => RANK[b.level] - RANK[a.level] || a.where.localeCompare(b.where) || a.message.localeCompare(b.message),
  );
}
