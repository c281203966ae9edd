import type { ValidationIssue } from './validate.js';

/** How an action's input travels: a JSON body, a form-encoded body, or the query string. */
export type Protocol = 'json' | 'form' | 'query';

/** An action call turned into HTTP parts, ready to sign and send. Built once per call. */
export interface SerializedRequest {
  readonly method: 'GET' | 'POST';
  /** The exact query string sent: the canonical one, so what is signed is what is read. */
  readonly queryString: string;
  readonly body?: string;
  readonly contentType?: string;
}

/**
 * Turns an input into HTTP parts for one protocol (`serializeJson`, `serializeQuery`, `serializeForm`).
 * An operation names its own, so a bundle carries only the serializers of the actions it calls.
 */
export type RequestSerializer = (
  operation: Pick<Operation<never, unknown>, 'action' | 'version' | 'method'>,
  input: unknown,
) => SerializedRequest;

/**
 * Everything the runtime needs to know about one action. Generated packages export one constant of
 * this type per action; it is plain data, so a bundle carries only the actions it imports.
 */
export interface Operation<Input, Output> {
  /** Wire name of the action, sent as `Action=`. */
  readonly action: string;
  /** API version, sent as `Version=`. */
  readonly version: string;
  readonly method: 'GET' | 'POST';
  /** Read by the debug log and the docs; what goes on the wire is `serialize`'s. */
  readonly protocol: Protocol;
  /** Builds the request's query and body; the one for `protocol`. */
  readonly serialize: RequestSerializer;
  /** Returns every rule the input breaks; an empty list means valid. */
  readonly validate?: (input: Input) => ValidationIssue[];
  /**
   * Name of the input member that carries an idempotency token (usually `ClientToken`). The runtime
   * fills it when the caller left it empty and keeps the same value on every retry.
   */
  readonly idempotencyToken?: string;
  /**
   * Sent without a signature: the spec's operation says `security: []` (STS AssumeRoleWithOIDC, whose
   * OIDC token is the proof). The client resolves no credentials for it.
   */
  readonly unsigned?: boolean;
  /**
   * Whether the action is safe to repeat after an ambiguous failure (attempt timeout, connection reset
   * after sending, 5xx): reads, and writes that carry an idempotency token. From the spec's
   * `x-volc-idempotent`. When absent or false, the client retries only failures where the request surely
   * was not processed, and otherwise raises an error with `outcomeUnknown` set.
   */
  readonly idempotent?: boolean;
  /** Never set; carries the output type for inference. */
  readonly __output?: Output;
}

/** What a generated client tells the runtime about its service. */
export interface ServiceInfo {
  /** Signing name and host prefix, for example `redis`. */
  readonly service: string;
  /** Global services live at `{service}.volcengineapi.com` and sign with region `cn-beijing`. */
  readonly global: boolean;
  /**
   * One host for every region, for a service that has no host of its own in the official endpoint
   * table: `open.volcengineapi.com`, which accepts any service.
   */
  readonly host?: string;
  /** Version of the generated package, for the User-Agent. */
  readonly packageVersion?: string;
  /** Service-specific error codes the spec marks retryable, on top of the common ones. */
  readonly retryableCodes?: readonly string[];
}
