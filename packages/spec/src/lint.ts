import type { Diagnostic } from './diagnostics.js';
import { SpecError } from './diagnostics.js';
import { diagnosticAt, type JsonPath, type SpecDocument } from './read.js';
import { kebabName, membersName, methodName } from './names.js';
import type { ActionModel, ServiceModel, ShapeModel, TypeModel, WaiterModel } from './model/types.js';

/**
 * Rules that OpenAPI tools cannot know: they need our naming scheme or the meaning of our extensions.
 * Throws a SpecError with every finding.
 */
export function lintServiceModel(model: ServiceModel, doc: SpecDocument): void {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (path, rule, message, hint, key = false) => {
    diagnostics.push(diagnosticAt(doc, path, rule, message, hint, key));
  };

  const methods = new Map<string, ActionModel>();
  const files = new Map<string, ActionModel>();
  for (const action of model.actions) {
    const method = methodName(action.name);
    const clash = methods.get(method) ?? files.get(kebabName(action.name));
    if (clash) {
      report(
        action.path.slice(0, 2),
        'duplicate-method',
        `actions ${clash.name} and ${action.name} would both become ${method}() / ${kebabName(action.name)}.ts`,
        'rename one of the actions or remove the duplicate path',
        true,
      );
    }
    methods.set(method, action);
    files.set(kebabName(action.name), action);
    lintPagination(model, action, report);
    lintIdempotencyToken(model, action, report);
  }
  for (const shape of model.shapes.values()) {
    // A shape with cross-member rules is emitted as `<Name>Members` plus a type that adds the rules.
    const members = membersName(shape.name);
    if ((shape.dependentRequired.length > 0 || shape.conditionals.length > 0) && model.shapes.has(members)) {
      report(
        model.shapes.get(members)!.path,
        'name-clash',
        `schema ${members} has the name generated for the members of ${shape.name}, which has conditional rules`,
        `rename ${members}`,
        true,
      );
    }
    for (const property of shape.properties) {
      if (property.default === undefined) continue;
      const problem = defaultProblem(property.type, property.default);
      if (problem) {
        report(
          [...property.path, 'default'],
          'default-breaks-rule',
          `the default ${JSON.stringify(property.default)} of ${shape.name}.${property.name} ${problem}`,
          "make the default a value the member accepts, or fix the member's rules",
        );
      }
    }
  }
  for (const waiter of model.waiters ?? []) lintWaiter(model, waiter, report);
  if (model.exampleAction && !model.actions.some((a) => a.name === model.exampleAction)) {
    report(
      ['x-volc-service', 'example'],
      'example-action',
      `x-volc-service.example names ${model.exampleAction}, which is not an action of this spec`,
      'name a read-only action (Describe/List/Get) of this spec',
    );
  }
  if (diagnostics.length > 0) throw new SpecError(diagnostics);
}

/**
 * Why a `default` is not a value its member accepts, or undefined when it is. A default documents what the
 * server assumes; one the validator would refuse means the spec contradicts itself.
 */
export function defaultProblem(type: TypeModel, value: unknown): string | undefined {
  switch (type.kind) {
    case 'string': {
      if (typeof value !== 'string') return 'is not a string';
      if (type.const !== undefined && value !== type.const)
        return `is not the member's const value ${JSON.stringify(type.const)}`;
      if (type.enum && !type.enum.includes(value)) return `is not one of its enum values (${type.enum.join(', ')})`;
      if (type.minLength !== undefined && value.length < type.minLength)
        return `is shorter than its minLength ${type.minLength}`;
      if (type.maxLength !== undefined && value.length > type.maxLength)
        return `is longer than its maxLength ${type.maxLength}`;
      if (type.minBytes !== undefined && utf8Length(value) < type.minBytes)
        return `is shorter than its x-volc-min-bytes ${type.minBytes} (${utf8Length(value)} bytes in UTF-8)`;
      if (type.maxBytes !== undefined && utf8Length(value) > type.maxBytes)
        return `is longer than its x-volc-max-bytes ${type.maxBytes} (${utf8Length(value)} bytes in UTF-8)`;
      if (type.pattern !== undefined && !new RegExp(type.pattern, 'u').test(value))
        return `does not match its pattern ${type.pattern}`;
      return undefined;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'is not a number';
      if (type.kind === 'integer' && !Number.isInteger(value)) return 'is not an integer';
      if (type.minimum !== undefined && value < type.minimum) return `is below its minimum ${type.minimum}`;
      if (type.maximum !== undefined && value > type.maximum) return `is above its maximum ${type.maximum}`;
      if (type.exclusiveMinimum !== undefined && value <= type.exclusiveMinimum)
        return `is not above its exclusiveMinimum ${type.exclusiveMinimum}`;
      if (type.exclusiveMaximum !== undefined && value >= type.exclusiveMaximum)
        return `is not below its exclusiveMaximum ${type.exclusiveMaximum}`;
      return undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'is not a boolean';
    case 'array': {
      if (!Array.isArray(value)) return 'is not an array';
      if (type.minItems !== undefined && value.length < type.minItems)
        return `has fewer items than its minItems ${type.minItems}`;
      if (type.maxItems !== undefined && value.length > type.maxItems)
        return `has more items than its maxItems ${type.maxItems}`;
      for (const item of value) {
        const problem = defaultProblem(type.items, item);
        if (problem) return `has an item that ${problem}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

type Report = (path: JsonPath, rule: string, message: string, hint?: string, key?: boolean) => void;

function member(model: ServiceModel, shapeName: string | undefined, name: string): TypeModel | undefined {
  const shape: ShapeModel | undefined = shapeName ? model.shapes.get(shapeName) : undefined;
  return shape?.properties.find((p) => p.name === name)?.type;
}

function lintPagination(model: ServiceModel, action: ActionModel, report: Report): void {
  const pagination = action.pagination;
  if (!pagination) return;
  const at = [...action.path, 'x-volc-pagination'];
  const expect = (
    side: 'input' | 'output',
    field: string | undefined,
    kinds: readonly TypeModel['kind'][],
    key: string,
  ) => {
    if (field === undefined) return;
    const shapeName = side === 'input' ? action.input : action.output;
    const type = member(model, shapeName, field);
    if (!type || !kinds.includes(type.kind)) {
      const what = kinds.join(' or ');
      report(
        [...at, key],
        'pagination-field',
        `x-volc-pagination.${key} names ${field}, but the ${side} (${shapeName ?? 'none'}) has no ${what} member of that name`,
        `add ${field} to ${shapeName ?? `the ${side} schema`} or fix the name`,
      );
    }
  };
  if (pagination.style === 'page-number') {
    expect('input', pagination.pageNumber, ['integer', 'number'], 'pageNumber');
    expect('input', pagination.pageSize, ['integer', 'number'], 'pageSize');
    expect('output', pagination.total, ['integer', 'number'], 'total');
  } else if (pagination.style === 'token') {
    expect('input', pagination.inputToken, ['string'], 'inputToken');
    expect('output', pagination.outputToken, ['string'], 'outputToken');
    expect('input', pagination.pageSize, ['integer', 'number'], 'pageSize');
  } else {
    expect('input', pagination.offset, ['integer', 'number'], 'offset');
    expect('input', pagination.limit, ['integer', 'number'], 'limit');
    expect('output', pagination.total, ['integer', 'number'], 'total');
  }
  expect('output', pagination.items, ['array'], 'items');
}

function lintIdempotencyToken(model: ServiceModel, action: ActionModel, report: Report): void {
  if (action.idempotencyToken === undefined) return;
  if (member(model, action.input, action.idempotencyToken)?.kind !== 'string') {
    report(
      [...action.path, 'x-volc-idempotency-token'],
      'idempotency-token',
      `x-volc-idempotency-token names ${action.idempotencyToken}, which is not a string member of the input`,
    );
  }
}

/** A string's length in UTF-8 bytes, as the server's Go code counts it. */
function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}

/**
 * A waiter must poll an action of the spec, take only members of its input (every required one among them),
 * read a status member that the action's result has (string or number, through lists with `[]`), and
 * name only values that member's enum allows, when it has one.
 */
function lintWaiter(model: ServiceModel, waiter: WaiterModel, report: Report): void {
  const at = (key: string) => [...waiter.path, key];
  const action = model.actions.find((a) => a.name === waiter.action);
  if (!action) {
    report(
      at('action'),
      'waiter-action',
      `waiter ${waiter.name}: action ${waiter.action} is not an action of this spec`,
      'name the Describe/List/Get action that returns the status',
    );
    return;
  }
  const inputShape = action.input ? model.shapes.get(action.input) : undefined;
  for (const name of waiter.input) {
    if (!inputShape?.properties.some((p) => p.name === name)) {
      report(
        at('input'),
        'waiter-input',
        `waiter ${waiter.name}: input member ${name} is not a member of ${action.input ?? `${action.name}'s input (it takes none)`}`,
      );
    }
  }
  const missing = (inputShape?.required ?? []).filter((name) => !waiter.input.includes(name));
  if (missing.length > 0) {
    report(
      at('input'),
      'waiter-input',
      `waiter ${waiter.name}: ${action.name} requires ${missing.join(', ')}, which the waiter's input leaves out`,
      `add ${missing.join(', ')} to input`,
    );
  }
  let shape: ShapeModel | undefined = action.output ? model.shapes.get(action.output) : undefined;
  let leaf: TypeModel | undefined;
  let walked = action.output ?? 'the result';
  for (const [index, segment] of waiter.statusPath.entries()) {
    const each = segment.endsWith('[]');
    const name = each ? segment.slice(0, -2) : segment;
    let type = shape?.properties.find((p) => p.name === name)?.type;
    const problem = !type
      ? `${walked} has no member ${name}`
      : each && type.kind !== 'array'
        ? `${walked}.${name} is not a list, but the path reads it with []`
        : !each && type.kind === 'array'
          ? `${walked}.${name} is a list: write ${name}[] to read its items`
          : undefined;
    if (problem || !type) {
      report(at('status'), 'waiter-status', `waiter ${waiter.name}: status ${waiter.status}: ${problem}`);
      return;
    }
    if (type.kind === 'array') type = type.items;
    walked = `${walked}.${segment}`;
    if (index === waiter.statusPath.length - 1) {
      leaf = type;
      break;
    }
    shape = type.kind === 'ref' ? model.shapes.get(type.name) : undefined;
  }
  if (!leaf || !['string', 'integer', 'number'].includes(leaf.kind)) {
    report(
      at('status'),
      'waiter-status',
      `waiter ${waiter.name}: status ${waiter.status} must lead to a string or number member (got ${leaf?.kind ?? 'nothing'})`,
    );
    return;
  }
  const allowed =
    leaf.kind === 'string' ? (leaf.enum ?? (leaf.const !== undefined ? [leaf.const] : undefined)) : undefined;
  for (const key of ['success', 'failure', 'retry'] as const) {
    for (const value of waiter[key]) {
      const bad =
        allowed && !allowed.includes(value)
          ? `is not one of the values of ${waiter.status} (${allowed.join(', ')})`
          : leaf.kind !== 'string' && !Number.isFinite(Number(value))
            ? `is not a number, and ${waiter.status} is one`
            : undefined;
      if (bad) report(at(key), 'waiter-value', `waiter ${waiter.name}: ${key} value ${JSON.stringify(value)} ${bad}`);
    }
  }
}
