/**
 * The seeded rotation that CI's per-package checks use. With 120 packages, checks that cost seconds per
 * package (packing, publint/attw, import timing, README type-checks) cover a fixed core set plus a
 * sample of the generated service packages that changes every day and is reproducible: the seed is
 * env `VOLC_CI_SEED` if set, else today's UTC date as YYYYMMDD. Failing runs print the seed; run again
 * with `VOLC_CI_SEED=<seed>` to get the same sample. Checks that are cheap per package (generate,
 * spec lint, build, type-check) always cover every package.
 */

/** Package folders (under packages/, plus the generator) that every run checks. */
export const CORE_SET = [
  'core',
  'spec',
  'mock',
  'credential-providers',
  'opentelemetry',
  'generator',
  'redis',
  'ecs',
  'iam',
  'sts',
  'vpc',
];

/** How many other service packages each run adds. */
export const ROTATION_SIZE = 6;

/** The seed of this run. */
export function ciSeed() {
  const fromEnv = process.env.VOLC_CI_SEED;
  if (fromEnv && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  return Number(new Date().toISOString().slice(0, 10).replaceAll('-', ''));
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence on every machine. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` items of `items` (sorted first, so the input order does not matter), in sorted order. */
export function seededSample(items, count, seed = ciSeed()) {
  const pool = [...items].sort();
  const next = random(seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count).sort();
}

/** The folder names to check: the core set (those present) plus the day's rotation of the others. */
export function ciSelection(allNames, seed = ciSeed()) {
  const core = CORE_SET.filter((name) => allNames.includes(name));
  const others = allNames.filter((name) => !CORE_SET.includes(name));
  return [...core, ...seededSample(others, ROTATION_SIZE, seed)];
}
