/**
 * What the request loop (client.ts) shares with its failure path (call-failure.ts) and its debug log
 * (call-debug.ts): types only.
 */
import type { ResolvedClientConfig } from './config.js';
import type { LevelLogger } from './logger.js';
import type { Operation } from './operation.js';
import type { RetryPolicy } from './retry.js';
import type { SignatureDetails } from './signing/sign-request.js';
import type { SerializedRequest } from './operation.js';
import type { Credentials, CredentialsProvider } from './credentials/types.js';
import type { HttpResponse } from './transport/types.js';
import type { HookedCall } from './hook-runners.js';

/** What the request loop needs from an operation; its input type plays no part. */
export type OperationInfo = Pick<
  Operation<never, unknown>,
  'action' | 'version' | 'method' | 'protocol' | 'idempotencyToken' | 'idempotent' | 'unsigned'
>;

/** A client's settings and the state its calls share. */
export interface ClientState {
  readonly config: ResolvedClientConfig;
  readonly log: LevelLogger;
  readonly retry: RetryPolicy;
  /** Codes the service's spec marks retryable, beyond the common table. */
  readonly retryableCodes: readonly string[] | undefined;
  /** Milliseconds to add to the local clock, learned from an InvalidTimestamp response. */
  clockOffset: number;
  /** Where the client's credentials come from: fixed keys, or a (caching) provider. */
  readonly credentials: CredentialsProvider | Credentials;
}

/** What the attempts of one call share. */
export interface CallContext {
  readonly operation: OperationInfo;
  /** The input as sent (with a generated idempotency token), for the debug log. */
  readonly input: unknown;
  readonly request: SerializedRequest;
  /** `signal` of the call options. */
  readonly callerSignal: AbortSignal | undefined;
  /** The caller's signal limited by the total deadline; undefined when there are neither. Set when the call starts. */
  signal: AbortSignal | undefined;
  /** Limit of the whole call in ms, if any. */
  readonly totalTimeout: number | undefined;
  readonly attemptTimeout: number;
  readonly maxAttempts: number;
  /** Start of the call (`Date.now()`). */
  readonly started: number;
  /** Requests handed to the transport so far. */
  sent: number;
  /** Whether this call already corrected the clock once (it does so at most once). */
  clockCorrected: boolean;
  /**
   * The credentials the last attempt was signed with: their secret and token are replaced wherever the
   * server echoes them in text an error keeps.
   */
  credentials: Credentials | undefined;
  /** Whether this call already fetched new credentials after the service refused its own (at most once). */
  credentialsRefreshed: boolean;
  /** The call's hooks and what they are told about it; undefined when it has none. */
  readonly hooked: HookedCall | undefined;
}

/**
 * An attempt that brought no result: the exchange did not complete (`reason`: the transport's error, the
 * caller's abort or a deadline), or the answer was not a success (`response`).
 */
export type FailedAttempt =
  | { readonly ok: false; readonly reason: unknown; readonly cause: unknown }
  | {
      readonly ok: false;
      readonly response: HttpResponse;
      readonly url: string;
      readonly signing: SignatureDetails | undefined;
      /** Time from sending to the parsed answer, in ms. */
      readonly elapsed: number;
    };
