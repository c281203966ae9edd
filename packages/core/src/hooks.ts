/**
 * Hooks: functions a client or a call is given to run at fixed points of a call (before each attempt is
 * signed, after each response, before each retry, on the final error). Each hook gets a context object it
 * may change in place; a hook may be async, and the call waits for it.
 *
 * Hooks are normalised once (a client's when it is made): a client without hooks keeps `undefined` and
 * its calls run no code from here.
 */
import { VolcError } from './errors/volc-error.js';
import { canonicalQueryString, groupParams } from './signing/encoding.js';
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

/** One call's hooks and what they are told about it. */
export interface HookedCall {
  readonly hooks: HookLists;
  /** The call this hook runs for (the same object for every hook of the call). */
  readonly call: HookCall;
}

/**
 * Runs the hooks of one point in order, each awaited only when it returns a promise.
 * @throws {VolcError} when a hook throws: names the hook, keeps what it threw as `cause`
 */
export async function runHooks<Context>(
  name: HookName,
  hooks: readonly Hook<Context>[],
  context: Context,
  call: HookCall,
): Promise<void> {
  for (let index = 0; index < hooks.length; index++) {
    try {
      const result = hooks[index]!(context);
      if (result !== undefined && typeof (result as Promise<void>).then === 'function') await result;
    } catch (error) {
      throw hookFailure(name, index, hooks.length, call, error);
    }
  }
}

/** The `VolcError` for a hook that threw. Quotes what the hook threw: the application's own text. */
function hookFailure(name: HookName, index: number, count: number, call: HookCall, error: unknown): VolcError {
  const which = count > 1 ? `${name} hook #${index + 1}` : `${name} hook`;
  const reason = error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error).slice(0, 200);
  return new VolcError(`${call.service} ${call.action}: the ${which} threw (${reason})`, { cause: error });
}

/** Header names hooks may not set: the signature and the body depend on them. */
const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'host',
  'x-date',
  'x-content-sha256',
  'x-security-token',
  'content-type',
  'content-length',
]);

/** What `beforeRequest` hooks add to one attempt: headers to sign and send, and the query string to send. */
export interface AttemptAdditions {
  readonly headers: Record<string, string>;
  readonly queryString: string;
}

/**
 * Runs the `beforeRequest` hooks of one attempt and returns what they add, checked.
 * @throws {VolcError} a hook threw, or set a header or query member it may not
 */
export async function beforeRequest(
  hooked: HookedCall,
  hooks: readonly Hook<BeforeRequestContext>[],
  attempt: number,
  method: 'GET' | 'POST',
  queryString: string,
): Promise<AttemptAdditions> {
  const context: BeforeRequestContext = { call: hooked.call, attempt, method, headers: {}, query: {} };
  await runHooks('beforeRequest', hooks, context, hooked.call);
  const refuse = (what: string) =>
    new VolcError(`${hooked.call.service} ${hooked.call.action}: a beforeRequest hook set ${what}`);
  const { headers } = context;
  for (const name in headers) {
    if (RESERVED_HEADERS.has(name.toLowerCase()))
      throw refuse(`the header ${name}, which the signature or the body depends on`);
    const value: unknown = headers[name];
    if (typeof value !== 'string') throw refuse(`the header ${name} to a ${typeof value}, not a string`);
  }
  const added = Object.entries(context.query);
  if (added.length === 0) return { headers, queryString };
  const present = new URLSearchParams(queryString);
  for (const [name, value] of added) {
    if (present.has(name)) throw refuse(`the query member ${name}, which the request already has`);
    if (typeof value !== 'string') throw refuse(`the query member ${name} to a ${typeof value}, not a string`);
  }
  // The canonical (sorted, escaped) form again: the string sent is the string signed.
  return { headers, queryString: canonicalQueryString(groupParams([...present, ...added])) };
}

/**
 * Adds the hooks' headers to an attempt's own (changed in place and returned). An added `Accept` or
 * `User-Agent` replaces the SDK's, whatever its case, so none is sent twice; the other headers the SDK
 * sets are reserved, refused by {@link beforeRequest}.
 */
export function withAddedHeaders(sdk: Record<string, string>, added: Record<string, string>): Record<string, string> {
  for (const name in added) {
    const lower = name.toLowerCase();
    if (lower === 'accept') delete sdk.Accept;
    else if (lower === 'user-agent') delete sdk['User-Agent'];
    sdk[name] = added[name]!;
  }
  return sdk;
}

/**
 * Runs the `afterResponse` hooks of one response.
 * @throws {VolcError} a hook threw
 */
export function afterResponse(
  hooked: HookedCall,
  hooks: readonly Hook<AfterResponseContext>[],
  attempt: number,
  response: { readonly status: number; readonly headers: ResponseHeaders },
  requestId: string | undefined,
  elapsed: number,
  error?: Error,
): Promise<void> {
  const { call } = hooked;
  const { status, headers } = response;
  return runHooks('afterResponse', hooks, { call, attempt, status, headers, requestId, elapsed, error }, call);
}

/**
 * The error a call with hooks throws: what its `onError` hooks leave in `context.error` (the call's own
 * error unless one replaced it), or the `VolcError` naming an `onError` hook that threw.
 */
export async function errorAfterHooks(hooked: HookedCall, error: unknown): Promise<unknown> {
  const hooks = hooked.hooks.onError;
  if (!hooks) return error;
  const context: ErrorContext = { call: hooked.call, error: error as Error };
  await runHooks('onError', hooks, context, hooked.call).catch((failure: unknown) => {
    context.error = failure as Error;
  });
  return context.error;
}
