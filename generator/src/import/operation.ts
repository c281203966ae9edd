/** One catalog action as an OpenAPI path item: `/?Action=<Name>&Version=<version>` with one operation. */
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Catalog, CatalogAction, CatalogShape } from './catalog.js';
import { isIdempotentAction } from './idempotency.js';
import { detectPagination, type Pagination } from './pagination.js';
import { schemaRef, type Schema } from './schema.js';
import { summaryFromName } from './summary.js';

export function actionPath(action: CatalogAction): string {
  return `/?Action=${action.name}&Version=${action.version}`;
}

/** The x-volc-* members an imported operation may carry (documented in spec/README.md). */
interface VolcOperationExtensions {
  'x-volc-query'?: 'flattened';
  'x-volc-pagination'?: Pagination;
  'x-volc-idempotency-token'?: string;
  'x-volc-idempotent'?: boolean;
  'x-volc-crosscheck'?: unknown;
}

/** Typed against openapi-types, so the compiler checks that what the importer writes is an OpenAPI operation. */
type Operation = OpenAPIV3_1.OperationObject<VolcOperationExtensions>;

export interface ImportedOperation {
  /** The path item: `{ post: {...} }` or `{ get: {...} }`. */
  readonly pathItem: Schema;
  /** Shapes the operation refers to directly. */
  readonly shapes: readonly string[];
  readonly pagination?: Pagination;
}

export function actionOperation(catalog: Catalog, action: CatalogAction): ImportedOperation {
  const input = shapeOf(catalog, action.input);
  const outputShape = shapeOf(catalog, action.output);
  // An empty Result shape adds nothing a reader can use; the Result stays a free-form object.
  const output = outputShape && Object.keys(outputShape.members).length > 0 ? outputShape : undefined;
  const pagination = detectPagination(input, output);
  const shapes = [input && action.input, output && action.output].filter((name): name is string => !!name);

  const operation: Operation = { operationId: action.name, summary: summaryFromName(action.name) };
  if (action.method === 'GET') operation['x-volc-query'] = 'flattened';
  if (pagination) operation['x-volc-pagination'] = pagination;
  const token = input?.members.ClientToken;
  if (token && 'type' in token && token.type === 'string') operation['x-volc-idempotency-token'] = 'ClientToken';
  operation['x-volc-idempotent'] = isIdempotentAction(action.name, input);

  if (input && action.method === 'GET') {
    operation.parameters = [
      {
        name: 'Input',
        in: 'query',
        required: input.required.some((name) => name in input.members),
        style: 'form',
        explode: true,
        schema: schemaRef(action.input!),
      },
    ];
  } else if (input) {
    operation.requestBody = { required: true, content: { [bodyType(action)]: { schema: schemaRef(action.input!) } } };
  }

  operation.responses = {
    '200': {
      description: 'Success.',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['ResponseMetadata'],
            properties: {
              ResponseMetadata: schemaRef('ResponseMetadata'),
              Result: output ? schemaRef(action.output!) : { type: 'object' },
            },
          },
        },
      },
    },
    default: { $ref: '#/components/responses/Error' },
  };

  const method = action.method === 'GET' ? 'get' : 'post';
  return { pathItem: { [method]: operation as unknown as Schema }, shapes, ...(pagination ? { pagination } : {}) };
}

function bodyType(action: CatalogAction): string {
  if (action.contentType === 'application/json' || action.contentType === 'application/x-www-form-urlencoded') {
    return action.contentType;
  }
  throw new Error(`action ${action.name}: POST with content type ${action.contentType} is not supported`);
}

function shapeOf(catalog: Catalog, name: string | null | undefined): CatalogShape | undefined {
  return name ? catalog.shapes[name] : undefined;
}
