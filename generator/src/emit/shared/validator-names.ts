import type { ServiceModel } from '@volc-ts/spec';
import { canonicalName } from './dedup.js';

/**
 * The exported name of each input validator, by the canonical name of the input's shape. An input that
 * only its own action(s) use keeps `validate<Input>` (`validateDescribeBackupsRequest`). A shape that the
 * inputs of several actions share (twins such as `{ InstanceId }`) gets a validator named after what it
 * holds, not after whichever action came first: its members (`validateInstanceIdInput`,
 * `validateInstanceIdAndZoneIdInput`; past three, `validateInstanceIdAndZoneIdAnd2MoreInput`), with a
 * number when two different shapes have the same member names.
 */
export function validatorNames(model: ServiceModel): ReadonlyMap<string, string> {
  let names = cache.get(model);
  if (!names) {
    names = computeValidatorNames(model);
    cache.set(model, names);
  }
  return names;
}

const cache = new WeakMap<ServiceModel, ReadonlyMap<string, string>>();

function computeValidatorNames(model: ServiceModel): Map<string, string> {
  // The distinct input names behind each canonical input shape.
  const inputs = new Map<string, Set<string>>();
  for (const action of model.actions) {
    if (!action.input) continue;
    const canonical = canonicalName(model, action.input);
    if (!inputs.has(canonical)) inputs.set(canonical, new Set());
    inputs.get(canonical)!.add(action.input);
  }
  const names = new Map<string, string>();
  // Names other exports of the package use: a shared name never takes one of them.
  const taken = new Set(model.actions.flatMap((action) => (action.input ? [`validate${action.input}`] : [])));
  for (const [canonical, names_] of inputs) if (names_.size === 1) names.set(canonical, `validate${canonical}`);
  for (const canonical of [...inputs.keys()].sort()) {
    if (inputs.get(canonical)!.size === 1) continue;
    const base = `validate${membersName(model, canonical)}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    names.set(canonical, name);
  }
  return names;
}

/** `InstanceIdAndZoneIdInput` from a shape's member names, in the spec's order. */
function membersName(model: ServiceModel, shapeName: string): string {
  const members = (model.shapes.get(shapeName)?.properties ?? []).map((p) => pascal(p.name));
  if (members.length === 0) return 'EmptyInput';
  const shown = members.length > 3 ? [...members.slice(0, 2), `${members.length - 2}More`] : members;
  return `${shown.join('And')}Input`;
}

/** A member name as part of an identifier: letters and digits only, first letter upper case. */
function pascal(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(joined) ? `N${joined}` : joined || 'Member';
}
