import { SpecError } from '../diagnostics.js';
import type { SpecDocument } from '../read.js';
import { buildActions } from './actions.js';
import { BuildContext, isObject } from './context.js';
import { errorCodes, waiters } from './extensions.js';
import { componentShapes } from './schemas.js';
import { serviceHeader } from './service.js';
import type { ServiceModel } from './types.js';

/**
 * Turns one spec document into a service model: the root (service.ts), the shapes of
 * `components.schemas` (schemas.ts), the actions of `paths` (actions.ts), the `x-volc-*` extensions
 * on the way (extensions.ts). Collects every problem it finds and throws them together as a
 * SpecError, so a user fixes a spec in one pass instead of one error per run.
 */
export function buildServiceModel(doc: SpecDocument): ServiceModel {
  const ctx = new BuildContext(doc);
  const header = serviceHeader(ctx);
  componentShapes(ctx);
  const root = isObject(doc.data) ? doc.data : {};
  const actions = buildActions(ctx, root.paths);
  const model: ServiceModel = {
    file: doc.file,
    ...header,
    actions,
    shapes: new Map([...ctx.shapes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    errors: errorCodes(ctx, root['x-volc-errors'], ['x-volc-errors']),
  };
  const declared = waiters(ctx, root['x-volc-waiters'], ['x-volc-waiters']);
  if (declared.length > 0) Object.assign(model, { waiters: declared });
  if (ctx.diagnostics.length > 0) throw new SpecError(ctx.diagnostics);
  return model;
}
