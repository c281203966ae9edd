/**
 * Running hooks: each point's hooks in order, what `beforeRequest` hooks may add, and the `onError` hooks'
 * last word. Only a call with hooks needs this module, so the client loads it on demand (on-demand.ts):
 * a browser page whose calls have no hooks never fetches it.
 */
import { VolcError } from './errors/volc-error.js';
import type {
  AfterResponseContext,
  BeforeRequestContext,
  ErrorContext,
  Hook,
  HookCall,
  HookLists,
  HookName,
} from './hooks.js';
import { canonicalQueryString, groupParams } from './signing/encoding.js';
import type { ResponseHeaders } from './transport/types.js';

/** One call's hooks and what they are told about it. */
export interface HookedCall {
  readonly hooks: HookLists;
  /** The call this hook runs for (the same object for every hook of the call). */
  readonly call: HookCall;
  /** What runs them, loaded once the call turned out to have hooks. */
  readonly run: typeof import('./hook-runners.js');
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
