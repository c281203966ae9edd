/**
 * Hooks: functions a client or a call is given to run at fixed points of a call (before each attempt is
 * signed, after each response, before each retry, on the final error). Each hook gets a context object it
 * may change in place; a hook may be async, and the call waits for it.
 *
 * Hooks are normalised once (a client's when it is made): a client without hooks keeps `undefined` and
 * its calls run no code from here. What runs them is hook-runners.ts, loaded when a call has hooks.
 */
import type { ResponseHeaders } from './transport/types.js';

/** A hook: one function, given the context of its point in the call. Its return value is ignored. */
export type Hook<Context> = (context: Context) => void | Promise<void>;

/** What every hook of one call is told about the call. The same object for every hook of the call. */
export interface HookCall {
  /** Signing name of the service, such as `redis`. */
  readonly service: string;
  /** Action name, such as `DescribeDBInstances`. */
  readonly action: string;
  /** API version of the action, such as `2020-12-07`. */
  readonly version: string;
  /** Region of the client, such as `cn-beijing`. */
  readonly region: string;
  /** Host the request goes to (with a port when it is not the scheme's default). */
  readonly host: string;
  /** Origin the request goes to, such as `https://redis.cn-beijing.volcengineapi.com`. */
  readonly endpoint: string;
  /** When the call started, `Date.now()` in ms. */
  readonly started: number;
  /**
   * Free for hooks to keep what one call's hooks share (a span, a timer): starts empty, one per call. Use
   * a symbol or a prefixed name as the key, so hooks of different libraries do not meet.
   */
  readonly state: Record<string | symbol, unknown>;
}

/** Context of `beforeRequest`, once per attempt, before the request is signed. */
export interface BeforeRequestContext {
  /** The call this hook runs for (the same object for every hook of the call). */
  readonly call: HookCall;
  /** Attempt number, 1 for the first (a re-sign after a clock correction or new credentials repeats it). */
  readonly attempt: number;
  /** HTTP method of the action. */
  readonly method: 'GET' | 'POST';
  /**
   * Headers to add to this attempt, empty at first. They are signed with the rest (except
   * `User-Agent`, which is never signed) and replace the SDK's `Accept` or `User-Agent` of the same name.
   * Headers the signature or the body depend on (`Authorization`, `Host`, `X-Date`, `X-Content-Sha256`,
   * `X-Security-Token`, `Content-Type`, `Content-Length`) are refused.
   */
  readonly headers: Record<string, string>;
  /**
   * Query members to add to this attempt, empty at first; signed with the rest. A member the request
   * already has (`Action`, `Version`, or an input member sent in the query) is refused.
   */
  readonly query: Record<string, string>;
}

/** Context of `afterResponse`, once per response received (success or not; not when no answer came). */
export interface AfterResponseContext {
  /** The call this hook runs for (the same object for every hook of the call). */
  readonly call: HookCall;
  /** Attempt number of the request answered, 1 for the first. */
  readonly attempt: number;
  /** HTTP status. */
  readonly status: number;
  /** Response headers, read with `get(name)` (any case). */
  readonly headers: ResponseHeaders;
  /** `ResponseMetadata.RequestId` of the answer, when it has one. */
  readonly requestId: string | undefined;
  /** Time from sending the request to the parsed answer, in ms. */
  readonly elapsed: number;
  /** The typed error this answer means (`VolcServiceError`, ...); undefined for a success. */
  readonly error: Error | undefined;
}

/** Context of `beforeRetry`, once per retry, before its backoff wait. */
export interface BeforeRetryContext {
  /** The call this hook runs for (the same object for every hook of the call). */
  readonly call: HookCall;
  /** The attempt that failed; the retry will be attempt + 1. */
  readonly attempt: number;
  /** How long the client waits before the retry, in ms. */
  readonly delay: number;
  /** Why the attempt failed. */
  readonly error: Error;
}

/** Context of `onError`, once, with the error the call is about to throw. */
export interface ErrorContext {
  /** The call this hook runs for (the same object for every hook of the call). */
  readonly call: HookCall;
  /** The error the call throws. A hook may replace it: the call then throws the new value. */
  error: Error;
}

/**
 * Hooks of a client (`ClientConfig.hooks`) or of one call (`CallOptions.hooks`, run after the client's).
 * Each point takes one function or a list, run in order; a hook that throws fails the call with a
 * `VolcError` naming the hook (its error is the `cause`).
 */
export interface Hooks {
  /** Before each attempt is signed: add headers or query members (signed with the rest). */
  beforeRequest?: Hook<BeforeRequestContext> | readonly Hook<BeforeRequestContext>[];
  /** After each response: status, headers, request ID, time in ms, attempt. */
  afterResponse?: Hook<AfterResponseContext> | readonly Hook<AfterResponseContext>[];
  /** Before each retry: the failed attempt, the backoff delay in ms and the error. */
  beforeRetry?: Hook<BeforeRetryContext> | readonly Hook<BeforeRetryContext>[];
  /** Once, with the error the call throws (validation errors included); may replace it. */
  onError?: Hook<ErrorContext> | readonly Hook<ErrorContext>[];
}

export type HookName = keyof Hooks;
const HOOK_NAMES: readonly HookName[] = ['beforeRequest', 'afterResponse', 'beforeRetry', 'onError'];

/** Hooks as the client keeps them: a non-empty list per point, or the point left out. */
export type HookLists = {
  readonly [Name in HookName]?: readonly Extract<NonNullable<Hooks[Name]>, readonly unknown[]>[number][];
};

/**
 * The hooks of an option as lists, or undefined when there are none.
 * @throws {TypeError} a hook that is not a function
 */
export function normalizeHooks(hooks: Hooks | undefined, where: string): HookLists | undefined {
  if (hooks === undefined || hooks === null) return undefined;
  const lists: Record<string, readonly unknown[]> = {};
  let any = false;
  for (const name of HOOK_NAMES) {
    const given: unknown = hooks[name];
    if (given === undefined) continue;
    const list: unknown[] = Array.isArray(given) ? [...given] : [given];
    list.forEach((hook, index) => {
      if (typeof hook !== 'function')
        throw new TypeError(
          `${where}.${name}${Array.isArray(given) ? `[${index}]` : ''} must be a function (got ${typeof hook})`,
        );
    });
    if (list.length === 0) continue;
    lists[name] = Object.freeze(list);
    any = true;
  }
  return any ? Object.freeze(lists as HookLists) : undefined;
}

/** A call's hooks: the client's, then the call's. */
export function addHooks(client: HookLists | undefined, call: HookLists | undefined): HookLists | undefined {
  if (!call) return client;
  if (!client) return call;
  const merged: Record<string, readonly unknown[]> = {};
  for (const name of HOOK_NAMES) {
    const both = [...(client[name] ?? []), ...(call[name] ?? [])];
    if (both.length > 0) merged[name] = both;
  }
  return merged as HookLists;
}
