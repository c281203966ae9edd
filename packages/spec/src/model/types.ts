/**
 * The normalized service model: what the emitters need, with OpenAPI's variety already resolved.
 * Every node keeps the JSON path it came from, so later checks can point back into the YAML.
 */
import type { JsonPath } from '../read.js';

export type TypeModel =
  | StringType
  | NumberType
  | { readonly kind: 'boolean' }
  | ArrayType
  | { readonly kind: 'map'; readonly values: TypeModel }
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'object' };

export interface StringType {
  readonly kind: 'string';
  readonly enum?: readonly string[];
  /**
   * `x-volc-enum-confirmed: true`: a person confirmed that `enum` is the complete list the server
   * accepts, so requests are typed and validated with exactly these values. Otherwise the list is a
   * suggestion (imported lists come from the official SDK's types, unchecked against the server).
   */
  readonly enumConfirmed?: boolean;
  readonly const?: string;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** `x-volc-min-bytes`: the least length in UTF-8 bytes, inclusive (Go's `len(string)`; `minLength` counts characters). */
  readonly minBytes?: number;
  /** `x-volc-max-bytes`: the greatest length in UTF-8 bytes, inclusive. */
  readonly maxBytes?: number;
}

export interface NumberType {
  readonly kind: 'integer' | 'number';
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

export interface ArrayType {
  readonly kind: 'array';
  readonly items: TypeModel;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}

/** An official source of facts about the API: the Node SDK, the Go SDK, the CLI's metadata. */
export type SourceName = 'node' | 'go' | 'cli';

/**
 * One `x-volc-crosscheck` note: where official sources disagree, what each says, the choice and why.
 * Read for the docs only; notes not in this form are left out.
 */
export interface CrosscheckNote {
  /** What the note is about: `method and body`, `required Zone`, `type Size`, `name Query`, ... */
  readonly subject: string;
  /** What each source says, by source name. */
  readonly stated: Readonly<Partial<Record<SourceName, string>>>;
  readonly chosen?: string;
  readonly reason?: string;
}

export interface Docs {
  readonly summary?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
}

export interface PropertyModel extends Docs {
  readonly name: string;
  readonly type: TypeModel;
  readonly default?: unknown;
  readonly example?: unknown;
  /** `x-volc-greater-than`: this value must be later or larger than the named sibling. */
  readonly greaterThan?: string;
  /** `x-volc-sources`: the official sources that state the member. */
  readonly sources?: readonly SourceName[];
  /** `x-volc-rule-sources`: per rule (`required`, `maximum`, ...), the official sources that state it. */
  readonly ruleSources?: Readonly<Record<string, readonly SourceName[]>>;
  readonly path: JsonPath;
}

/** `if`/`then`: when every condition holds, `thenRequired` must be set. */
export interface ConditionalModel {
  readonly conditions: readonly {
    readonly property: string;
    /** Allowed values (from `const` or `enum`); absent means only presence is tested. */
    readonly values?: readonly (string | number | boolean)[];
    /** From `if.required`: the property must be set for the condition to hold. */
    readonly mustBeSet: boolean;
  }[];
  readonly thenRequired: readonly string[];
  readonly path: JsonPath;
}

export interface ShapeModel extends Docs {
  readonly name: string;
  readonly properties: readonly PropertyModel[];
  readonly required: readonly string[];
  readonly dependentRequired: readonly { readonly property: string; readonly needs: readonly string[] }[];
  readonly conditionals: readonly ConditionalModel[];
  /** `x-volc-crosscheck` of the object schema: disagreements about its members. */
  readonly crosscheck?: readonly CrosscheckNote[];
  /** Type of members beyond `properties` (`additionalProperties`), if any are allowed. */
  readonly additional?: TypeModel;
  readonly path: JsonPath;
}

export type PaginationModel =
  | {
      readonly style: 'page-number';
      readonly pageNumber: string;
      readonly pageSize: string;
      readonly total?: string;
      readonly items: string;
    }
  | {
      readonly style: 'token';
      readonly inputToken: string;
      readonly outputToken: string;
      readonly pageSize?: string;
      readonly items: string;
    }
  | {
      readonly style: 'offset';
      /** Input member counting the items to skip, from 0. */
      readonly offset: string;
      readonly limit: string;
      readonly total?: string;
      readonly items: string;
    };

export interface ErrorCodeModel {
  readonly code: string;
  readonly status?: number;
  readonly description?: string;
  readonly retryable?: boolean;
}

/**
 * One entry of `x-volc-waiters` (root): how to poll a describe action until a resource reaches a state.
 * Checked against the actions and shapes by lint.ts.
 */
export interface WaiterModel {
  /** The waiter's name, PascalCase: `InstanceRunning` becomes `waitUntilInstanceRunning`. */
  readonly name: string;
  readonly description?: string;
  /** The describe action polled. */
  readonly action: string;
  /** Input members of the action the waiter takes (all required in the waiter's input). */
  readonly input: readonly string[];
  /** The status path as written: `Instances[].Status`. */
  readonly status: string;
  /** The path split into member names; a name ending in `[]` is a list whose items are all read. */
  readonly statusPath: readonly string[];
  /** `all`: every status read must be a success value; `any`: one is enough. */
  readonly match: 'all' | 'any';
  readonly success: readonly string[];
  readonly failure: readonly string[];
  /** Values documented as "not yet" (every value that is neither success nor failure keeps the waiter waiting). */
  readonly retry: readonly string[];
  /** What an answer without any status (an empty list) means: `success` for delete waiters. */
  readonly absent: 'success' | 'retry';
  /** Error codes of the describe call that mean success (the resource is gone). */
  readonly successCodes: readonly string[];
  /** Error codes of the describe call that mean "not visible yet": keep waiting. */
  readonly retryCodes: readonly string[];
  /** Pauses between polls and the whole wait, in ms. */
  readonly minDelay: number;
  readonly maxDelay: number;
  readonly maxWaitTime: number;
  readonly path: JsonPath;
}

export interface ActionModel extends Docs {
  readonly name: string;
  readonly version: string;
  readonly httpMethod: 'GET' | 'POST';
  readonly protocol: 'json' | 'form' | 'query';
  /** Name of the input shape, or undefined for an action that takes nothing. */
  readonly input?: string;
  /** Name of the Result shape, or undefined when Result is a free-form object. */
  readonly output?: string;
  readonly pagination?: PaginationModel;
  readonly idempotencyToken?: string;
  /** The operation's `security` is an empty list: sent without a signature. */
  readonly unsigned?: boolean;
  /**
   * `x-volc-idempotent`: safe to repeat after an ambiguous failure (a timeout, a reset after sending, a 5xx).
   * Absent means false: the runtime then retries only failures where the request surely was not processed.
   */
  readonly idempotent: boolean;
  readonly requestExample?: unknown;
  /** The whole response envelope of the example, as the spec gives it. */
  readonly responseExample?: unknown;
  readonly errors: readonly ErrorCodeModel[];
  readonly tags: readonly string[];
  /** `x-volc-sources`: the official sources that have the action. */
  readonly sources?: readonly SourceName[];
  /** `x-volc-crosscheck` of the operation: disagreements about its method and body. */
  readonly crosscheck?: readonly CrosscheckNote[];
  readonly path: JsonPath;
}

export interface ServiceModel {
  readonly file: string;
  /** Signing name and host prefix: `redis`. */
  readonly service: string;
  /** Package folder and npm name suffix: `redis` -> `@volc-ts/redis`. */
  readonly packageName: string;
  /** Prefix of the client class: `Redis` -> `RedisClient`. */
  readonly className: string;
  readonly title: string;
  readonly description?: string;
  readonly version: string;
  readonly global: boolean;
  /** `x-volc-service.host`: one host for every region (`open.volcengineapi.com`), if the service has no own host. */
  readonly host?: string;
  /** `x-volc-service.displayName`: the service as people name it ("RDS for MySQL"). */
  readonly displayName?: string;
  /** `x-volc-service.example`: the read-only action that the package README shows first. */
  readonly exampleAction?: string;
  readonly actions: readonly ActionModel[];
  readonly shapes: ReadonlyMap<string, ShapeModel>;
  readonly errors: readonly ErrorCodeModel[];
  /** `x-volc-waiters`: the service's waiters, in the spec's order (absent or empty when it has none). */
  readonly waiters?: readonly WaiterModel[];
}
