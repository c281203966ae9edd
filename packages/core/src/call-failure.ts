/**
 * Everything a call needs only once something went wrong: mapping a failed exchange or an error answer to
 * its typed error, the retry decision (backoff, Retry-After, idempotency, deadlines), the clock
 * correction after InvalidTimestamp, and the wording of validation and credentials problems.
 *
 * client.ts imports this module on the first failure, so a program whose calls succeed never loads it and
 * a browser bundle carries it as a chunk of its own, fetched on demand.
 */
import type { CallContext, ClientState, FailedAttempt } from './call.js';
import { checkCredentials } from './credentials/static.js';
import { sameCredentials, type Credentials } from './credentials/types.js';
import { VolcAbortError } from './errors/abort-error.js';
import { CREDENTIALS_REJECTED_CODES, NON_RETRYABLE_NETWORK_CODES } from './errors/codes.js';
import { VolcCredentialsError } from './errors/credentials-error.js';
import { VolcNetworkError } from './errors/network-error.js';
import { VolcRedirectError } from './errors/redirect-error.js';
import { VolcRequestError } from './errors/request-error.js';
import { VolcResponseTooLargeError } from './errors/response-too-large-error.js';
import { VolcServiceError } from './errors/service-error.js';
import { VolcTimeoutError } from './errors/timeout-error.js';
import { formatIssue, redactIssue, VolcValidationError } from './errors/validation-error.js';
import { isVolcErrorLike } from './errors/volc-error.js';
import { afterResponse, runHooks } from './hook-runners.js';
import { loadCallDebug } from './debug-on-demand.js';
import { clockOffsetFrom } from './clock.js';
import { decideRetry, parseRetryAfter, shouldCorrectClock, type RetryPolicy } from './retry.js';
import { envelopeError, gatewayRequestId } from './transport/envelope-error.js';
import { echoedForms, secretValuesOf, withoutKnownSecrets } from './known-secrets.js';
import { isLocalRequestError, mayHaveSent } from './transport/sent.js';
import { abortable, DeadlineReached } from './transport/signals.js';
import { errorCode, isRedirectStatus, redirectError, TransportError } from './transport/types.js';
import type { ValidationIssue } from './validate.js';

/**
 * Throws `VolcValidationError` for the issues an input's validator found. Without `strictMembers`,
 * unknown members are a warning, not an error: they are logged, and a call with no other issue goes on.
 * Values outside a suggested list are always only a warning.
 */
export function acceptIssues(state: ClientState, action: string, issues: ValidationIssue[]): void {
  const strict = state.config.strictMembers;
  const remaining: ValidationIssue[] = [];
  for (const issue of issues) {
    // A warning quotes the value, unless the member looks secret.
    if (issue.warning) state.log.log('warn', `${action}: ${formatIssue(redactIssue(issue))}`);
    else if (issue.unknownMember && !strict)
      state.log.log('warn', `${action}: ${formatIssue(issue)} (sent anyway; strictMembers refuses it)`);
    else remaining.push(issue);
  }
  if (remaining.length > 0) throw new VolcValidationError(remaining, action);
}

// A UTF-16 code unit of a surrogate pair without its other half.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where a lone surrogate sits in an input, as a validation issue (`Filter.Values[1]`), depth first; undefined if nowhere. */
function loneSurrogateIssue(
  value: unknown,
  path: string,
  depth = 0,
  seen = new WeakSet<object>(),
): ValidationIssue | undefined {
  const issue = (at: string, text: string, what: string): ValidationIssue => {
    const index = text.search(LONE_SURROGATE);
    const unit = text.charCodeAt(index).toString(16).toUpperCase();
    return {
      path: at,
      rule: 'encoding',
      message:
        `${what} a lone surrogate (U+${unit} at position ${index + 1}), half of a character that UTF-8 cannot ` +
        'encode; it is refused rather than replaced',
    };
  };
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? issue(path, value, 'contains') : undefined;
  // Each object once: a cyclic input (which is why serializing it failed) or a shared one is walked once.
  if (typeof value !== 'object' || value === null || depth > 64 || seen.has(value)) return undefined;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = loneSurrogateIssue(item, `${path}[${index}]`, depth + 1, seen);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (LONE_SURROGATE.test(key)) return issue(at, key, 'the member name holds');
    const found = loneSurrogateIssue(item, at, depth + 1, seen);
    if (found) return found;
  }
  return undefined;
}

/** Throws a `VolcValidationError` naming the first member of `input` that holds a lone surrogate, if any. */
export function refuseLoneSurrogate(action: string, input: unknown): void {
  const issue = loneSurrogateIssue(input, '');
  if (issue) throw new VolcValidationError([issue], action);
}

/**
 * The error for an input its serializer could not encode: a `VolcValidationError` naming the member with a
 * lone surrogate (`encodeURIComponent` throws a bare `URIError`), an SDK error as it is, else a
 * `VolcRequestError`. Nothing was sent.
 */
export function serializationFailure(service: string, action: string, input: unknown, error: unknown): Error {
  const issue = loneSurrogateIssue(input, '');
  if (issue) return new VolcValidationError([issue], action);
  if (isVolcErrorLike(error)) return error;
  const name = error instanceof Error ? error.name : typeof error;
  return new VolcRequestError({
    action,
    service,
    problem: `the input could not be serialized (${name})`,
    cause: error,
  });
}

/** Throws the `VolcCredentialsError` that says what is wrong with credentials `credentialsSendable` refused. */
export function refuseCredentials(credentials: Credentials, source: string): void {
  checkCredentials(credentials, source);
}

/** The error for a credentials provider that failed: the caller's abort, an SDK error as is, or a `VolcCredentialsError`. */
export function credentialsFailure(state: ClientState, call: CallContext, error: unknown): Error {
  if (call.signal?.aborted && error === call.signal.reason) return callError(state, call, error, error);
  if (isVolcErrorLike(error)) return error;
  return new VolcCredentialsError(
    [{ source: 'credentials provider', reason: error instanceof Error ? error.message.slice(0, 120) : 'failed' }],
    { cause: error },
  );
}

/** Says on an error that its call may have been applied: `outcomeUnknown: true` and a sentence in the message. */
function markOutcomeUnknown(error: Error): void {
  Object.defineProperty(error, 'outcomeUnknown', {
    value: true,
    enumerable: true,
    configurable: true,
    writable: false,
  });
  error.message +=
    '. The outcome is unknown: the request may have been processed, and this action is not safe to repeat, ' +
    'so it was not retried. Check its effect before calling again';
}

/**
 * Decides what follows a failed attempt. Throws the call's error when it is over; otherwise waits out the
 * backoff (or corrects the clock) and resolves to the number of attempts to count so far: `attempt`, or
 * `attempt - 1` after a clock correction, which is not a retry.
 */
export async function afterFailedAttempt(
  state: ClientState,
  call: CallContext,
  failed: FailedAttempt,
  attempt: number,
): Promise<number> {
  const { operation, maxAttempts, totalTimeout } = call;
  const { action } = operation;
  const { service } = state.config;
  const response = 'response' in failed ? failed.response : undefined;
  const error =
    'response' in failed
      ? await responseError(state, call, failed)
      : callError(state, call, failed.reason, failed.cause);
  const { hooked } = call;
  if (hooked?.hooks.afterResponse && 'response' in failed) {
    const requestId = (error as { requestId?: unknown }).requestId;
    const id = typeof requestId === 'string' && requestId !== '' ? requestId : undefined;
    await afterResponse(hooked, hooked.hooks.afterResponse, attempt, failed.response, id, failed.elapsed, error);
  }

  if (await refreshedRejectedCredentials(state, call, error)) return attempt - 1;

  if (response && shouldCorrectClock(error, call.clockCorrected)) {
    const offset = clockOffsetFrom(response.headers.get('date'), Date.now());
    if (offset !== undefined) {
      call.clockCorrected = true;
      state.clockOffset = offset;
      state.log.log(
        'warn',
        `${service} ${action}: InvalidTimestamp; the local clock is off by ${offset} ms; corrected, trying once more`,
      );
      return attempt - 1;
    }
    state.log.log(
      'warn',
      `${service} ${action}: InvalidTimestamp with no usable Date header (missing, unreadable or implausible); the clock is not corrected`,
    );
  }

  const retryAfter = response ? parseRetryAfter((name) => response.headers.get(name), Date.now()) : undefined;
  const remaining = totalTimeout === undefined ? undefined : totalTimeout - (Date.now() - call.started);
  const policy: RetryPolicy = maxAttempts === state.retry.maxAttempts ? state.retry : { ...state.retry, maxAttempts };
  const decision = decideRetry(
    {
      error,
      attempt,
      idempotent: operation.idempotent === true,
      ...(retryAfter !== undefined ? { retryAfter } : {}),
      ...(remaining !== undefined ? { remaining } : {}),
    },
    policy,
  );
  if (!decision.retry) {
    if (decision.outcomeUnknown) markOutcomeUnknown(error);
    state.log.log(
      'debug',
      `${service} ${action} failed after ${attempt} attempt(s) (${decision.reason}): ${error.message}`,
    );
    throw error;
  }
  state.log.log(
    'info',
    `${service} ${action}: retrying in ${decision.delay} ms (attempt ${attempt + 1} of ${maxAttempts}) after: ${error.message}`,
  );
  if (hooked?.hooks.beforeRetry) {
    const context = { call: hooked.call, attempt, delay: decision.delay, error };
    await runHooks('beforeRetry', hooked.hooks.beforeRetry, context, hooked.call);
  }
  try {
    await sleep(decision.delay, call.signal);
  } catch (reason) {
    throw callError(state, call, reason, error);
  }
  return attempt;
}

/**
 * After the service refused the call's credentials (`InvalidAccessKey`, `InvalidSecretToken`, an expired
 * token): asks the provider once, telling every cache on the way to drop them. True when it gave other
 * credentials, to try with (an extra attempt, not a retry); false when the call should fail as it is.
 */
async function refreshedRejectedCredentials(state: ClientState, call: CallContext, error: Error): Promise<boolean> {
  const source = state.credentials;
  const rejected = call.credentials;
  if (!(error instanceof VolcServiceError) || !CREDENTIALS_REJECTED_CODES.has(error.code)) return false;
  if (call.credentialsRefreshed || !rejected || typeof source !== 'function') return false;
  call.credentialsRefreshed = true;
  let fresh: Credentials;
  try {
    const refreshing = source({ rejected });
    fresh = await (call.signal ? abortable(refreshing, call.signal) : refreshing);
  } catch {
    return false;
  }
  if (sameCredentials(fresh, rejected)) return false;
  state.log.log(
    'info',
    `${state.config.service} ${call.operation.action}: ${error.code}; the credentials were refused, trying once with new ones`,
  );
  return true;
}

/** The typed error for an answer that was not a success: a redirect, a service error, an unreadable body. */
async function responseError(
  state: ClientState,
  call: CallContext,
  failed: Extract<FailedAttempt, { response: unknown }>,
): Promise<Error> {
  const { url, signing } = failed;
  // What the server said, with every known secret it may echo (the session token in a proxy's HTML page,
  // a password in an error Message) replaced before any of it reaches an error or a log line.
  const secrets = [call.credentials?.secretAccessKey, call.credentials?.sessionToken, ...secretValuesOf(call.input)];
  const response = withoutKnownSecrets(failed.response, echoedForms(secrets));
  const { action, version } = call.operation;
  const { service } = state.config;
  // A transport brought by the user may have no rule of its own against redirects.
  if (isRedirectStatus(response.status)) {
    const redirect = redirectError(response.status, response.headers, url);
    return callError(state, call, redirect, redirect);
  }
  const error = envelopeError(response, { action, version, service, retryableCodes: state.retryableCodes });
  // The debug log is asked for only when its level is on: a failure at the default level loads nothing more.
  const debug = state.log.enabled('debug') ? await loadCallDebug().catch(() => undefined) : undefined;
  if (debug) {
    debug.logResponse(state.log, service, action, response.status, failed.elapsed, error.requestId);
    if (signing && error instanceof VolcServiceError && error.code === 'SignatureDoesNotMatch')
      debug.logSignature(state.log, signing);
  }
  return error;
}

/** The error for an exchange that did not complete: the caller's abort, a deadline, or a network failure. */
export function callError(state: ClientState, call: CallContext, reason: unknown, cause: unknown): Error {
  const { action } = call.operation;
  const { service } = state.config;
  if (call.callerSignal?.aborted && reason === call.callerSignal.reason)
    return new VolcAbortError({ action, service, cause: reason });
  if (reason instanceof DeadlineReached)
    return new VolcTimeoutError({ kind: reason.scope, timeout: reason.ms, action, service, cause: reason });
  if (reason instanceof TransportError && reason.kind === 'redirect') {
    return new VolcRedirectError({
      status: reason.status ?? 0,
      locationOrigin: reason.locationOrigin,
      action,
      service,
      cause: reason,
    });
  }
  if (reason instanceof TransportError && reason.kind === 'too-large') {
    return new VolcResponseTooLargeError({
      limit: reason.limit ?? state.config.maxResponseBytes,
      status: reason.status ?? 0,
      requestId: gatewayRequestId(reason.headers),
      action,
      service,
      cause: reason,
    });
  }
  const transport = reason instanceof TransportError ? reason : undefined;
  const code = errorCode(cause);
  if (transport?.kind === 'request' || isLocalRequestError(cause)) {
    // Built here, not sent: the transport's message may quote the value, so only the code is named.
    return new VolcRequestError({
      action,
      service,
      problem: `the transport refused it (${code ?? 'invalid request'})`,
    });
  }
  // https to a plain-HTTP port fails the TLS handshake the same way every time: no retry, and a fix.
  const plainHttp = state.config.endpointSchemeAssumed === true && tlsMetPlainHttp(cause);
  return new VolcNetworkError({
    action,
    service,
    cause,
    retryable: !plainHttp && !NON_RETRYABLE_NETWORK_CODES.has(code ?? ''),
    ...(plainHttp ? { hint: plainHttpHint(state.config.endpoint, state.config.path) } : {}),
    requestSent: transport ? transport.requestSent : mayHaveSent(cause),
    reusedConnection: transport?.reusedConnection ?? false,
  });
}

/**
 * True when a TLS handshake failed because the server spoke plain HTTP: OpenSSL reads the server's
 * `HTTP/1.1 400` as a record of an unknown version (node:http: EPROTO with "wrong version number";
 * fetch: ERR_SSL_WRONG_VERSION_NUMBER in the cause).
 */
function tlsMetPlainHttp(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') return true;
    if (code === 'EPROTO' && /wrong version number|packet length too long/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

function plainHttpHint(endpoint: string, path: string): string {
  const http = `${endpoint.replace(/^https:/, 'http:')}${path === '/' ? '' : path.replace(/\/$/, '')}`;
  return `The endpoint has no scheme, so https was used; the server answered plain HTTP: write ${http}`;
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
