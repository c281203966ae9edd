/**
 * An Ajv (JSON Schema 2020-12) validator for one request schema of a spec, compiled from the same
 * document the generator reads. OpenAPI annotations Ajv does not know (`example`, `x-volc-*`) are
 * declared as annotations; `x-volc-greater-than` is implemented (as `checkGreaterThan` in core does:
 * both present, both parse, value later than the sibling it names).
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface SpecDocument {
  components: { schemas: Record<string, unknown> };
}

/** Every `x-*` key used anywhere in a schema tree. */
function extensionKeys(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) extensionKeys(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      extensionKeys(value, found);
    }
  }
  return found;
}

const comparable = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : Number.NaN);

export function compileAjv(specPath: string, schemaName: string, options: { allErrors: boolean }): ValidateFunction {
  const document = parse(readFileSync(specPath, 'utf8')) as SpecDocument;
  // OpenAPI keeps schemas under components; JSON Schema under $defs. Rewrite the refs to match.
  const defs = JSON.parse(
    JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'),
  ) as Record<string, unknown>;
  const ajv = new Ajv2020({
    allErrors: options.allErrors,
    strict: true, // Valid JSON Schema that Ajv's strict mode lints against: `then: { required: [InstanceId] }` names a property defined beside it.
    strictRequired: false,
  });
  addFormats(ajv);
  ajv.addKeyword('example');
  for (const key of extensionKeys(defs)) {
    if (key === 'x-volc-greater-than') continue;
    ajv.addKeyword(key);
  }
  ajv.addKeyword({
    keyword: 'x-volc-greater-than',
    schemaType: 'string',
    validate: (sibling: string, data: unknown, _parent: unknown, context?: { parentData?: unknown }) => {
      const bound = (context?.parentData as Record<string, unknown> | undefined)?.[sibling];
      if (data === undefined || bound === undefined) return true;
      const a = comparable(data);
      const b = comparable(bound);
      return Number.isNaN(a) || Number.isNaN(b) || a > b;
    },
  });
  ajv.addSchema({ $id: 'https://bench.local/spec', $defs: defs });
  return ajv.compile({ $ref: `https://bench.local/spec#/$defs/${schemaName}` });
}
