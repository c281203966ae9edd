import type { CallContext, ClientState, FailedAttempt, OperationInfo } from './call.js';
import {
  positiveInteger,
  positiveMs,
  resolveClientConfig,
  type CallOptions,
  type ClientConfig,
  type ResolvedClientConfig,
} from './config.js';
import { credentialsSendable } from './credentials/sendable.js';
import type { Credentials, CredentialsProvider } from './credentials/types.js';
import { recordCallFacts, VolcError } from './errors/volc-error.js';
import { ASYNC_DISPOSE, ClientLifecycle } from './lifecycle.js';
import type { HookedCall } from './hook-runners.js';
import { addHooks, normalizeHooks, type HookLists } from './hooks.js';
import { createLevelLogger } from './logger.js';
import { credentialSource } from './credential-source.js';
import { loadCallDebug, loadCallFailure, loadHookRunners, loadUuid } from './on-demand.js';
import type { Operation, SerializedRequest, ServiceInfo } from './operation.js';
import { prototypeNameIssues } from './prototype-names.js';
import { KNOWN_REGIONS, nearestRegion } from './region.js';
import { signingTime } from './clock.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import { signRequestDetailed, signRequestDetailedSync, type SignatureDetails } from './signing/sign-request.js';
import { leaseDefaultTransport } from './transport/default.js';
import { attachMetadata, successOf, type ResponseMetadata, type WithMetadata } from './transport/envelope.js';
import { abortable, withDeadline } from './transport/signals.js';
import { isRedirectStatus, type HttpRequest, type HttpResponse, type HttpTransport } from './transport/types.js';

declare global {
  // Declared as TypeScript's esnext.disposable lib and @types/node declare it, so that the type of
  // `[Symbol.asyncDispose]` below compiles for users whose lib and types have neither (ES2022 + DOM).
  interface SymbolConstructor {
    readonly asyncDispose: unique symbol;
  }
}

type AttemptOutcome =
  | { readonly ok: true; readonly result: object; readonly metadata: ResponseMetadata }
  | FailedAttempt;

/** The idempotency token an input carries, when the action has one. */
function tokenOf(operation: OperationInfo, input: unknown): string | undefined {
  const member = operation.idempotencyToken;
  if (!member || typeof input !== 'object' || input === null || !Object.hasOwn(input, member)) return undefined;
  const value = (input as Record<string, unknown>)[member];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

type FailurePath = Awaited<ReturnType<typeof loadCallFailure>>;
let failurePath: Promise<FailurePath> | undefined;

/**
 * The failure path (call-failure.ts), asked for on the first failure: a call that succeeds never runs it,
 * and in the browser build a page fetches it as a chunk of its own only when a call fails. When it cannot
 * be loaded (a page gone offline, a deploy that removed the chunk), the call fails with a `VolcError`
 * saying so.
 */
async function loadFailurePath(what: string): Promise<FailurePath> {
  try {
    return await (failurePath ??= loadCallFailure());
  } catch (error) {
    failurePath = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new VolcError(`${what} failed, and volc-ts could not load the module that reports failures: ${reason}`, {
      cause: error,
    });
  }
}

type DebugLog = Awaited<ReturnType<typeof loadCallDebug>>;
let debugLog: Promise<DebugLog> | undefined;

/** The debug log (call-debug.ts), asked for when the `debug` level is on; undefined if it cannot be loaded. */
function loadDebugLog(): Promise<DebugLog | undefined> {
  debugLog ??= loadCallDebug();
  return debugLog.catch(() => undefined);
}

/**
 * The runtime behind every generated service client: validates, serializes, signs, sends through its
 * transport (node:http on Node, ky over fetch elsewhere),
 * parses the envelope, maps errors and retries. One instance per service and configuration; it is
 * safe to share across concurrent calls. Clients with the same transport settings share one connection
 * pool; {@link VolcClient.destroy} gives this client's share back.
 */
export class VolcClient {
  readonly config: ResolvedClientConfig;
  readonly #credentials: CredentialsProvider | Credentials;
  readonly #send: HttpTransport;
  readonly #state: ClientState;
  readonly #checkedCredentials = new WeakSet<Credentials>();
  readonly #lifecycle: ClientLifecycle;
  /** Same as {@link VolcClient.destroy}, awaited: `await using client = new RedisClient()`. */
  declare readonly [Symbol.asyncDispose]: () => Promise<void>;
  /** `hooks` of the config as lists, once; undefined when there are none, so calls skip every hook point. */
  readonly #hooks: HookLists | undefined;

  constructor(service: ServiceInfo, config: ClientConfig = {}) {
    this.config = resolveClientConfig(service, config);
    const { region, maxAttempts, logLevel } = this.config;
    this.#credentials = credentialSource(config.credentials);
    this.#hooks = normalizeHooks(config.hooks, 'hooks');
    // A transport given is the caller's to close; the default one is a share of a pool.
    const lease = config.transport
      ? undefined
      : leaseDefaultTransport({
          ...(config.fetch ? { fetch: config.fetch } : {}),
          ...(config.proxy !== undefined ? { proxy: config.proxy } : {}),
          ...(config.maxSockets !== undefined ? { maxSockets: config.maxSockets } : {}),
        });
    this.#send = config.transport ?? lease!.transport;
    this.#lifecycle = new ClientLifecycle(this.config.service, lease?.release);
    const log = createLevelLogger(config.logger, logLevel);
    const nearest = KNOWN_REGIONS.includes(region) ? undefined : nearestRegion(region);
    if (nearest)
      log.log('warn', `region "${region}" is not one this SDK knows; did you mean "${nearest}"? (sent as given)`);
    this.#state = {
      config: this.config,
      log,
      retry: { ...DEFAULT_RETRY_POLICY, ...config.retryDelays, maxAttempts },
      retryableCodes: service.retryableCodes,
      clockOffset: 0,
      credentials: this.#credentials,
    };
  }

  /**
   * Ends the client: calls made after it reject with a `VolcError` (nothing sent, not retried); calls
   * already running end as they would have, retries included. Once they have settled, the client's share
   * of its connection pool is given back, and the last client sharing the pool closes its connections.
   * A `transport` given in the options is never closed. Calling it again returns the same promise.
   *
   * @returns resolves when this client's calls have settled and its pool share is released; never rejects
   */
  destroy(): Promise<void> {
    return this.#lifecycle.destroy();
  }

  static {
    // A method under the runtime's Symbol.asyncDispose (or Node's registered one where it has none yet).
    Object.defineProperty(VolcClient.prototype, ASYNC_DISPOSE, {
      value(this: VolcClient) {
        return this.destroy();
      },
      writable: true,
      configurable: true,
    });
  }

  /** Clock correction in ms currently applied to signatures (non-zero after an InvalidTimestamp). */
  get clockOffset(): number {
    return this.#state.clockOffset;
  }

  /**
   * Calls one action and resolves to its `Result` with `$metadata` attached.
   *
   * Validation runs first (unless `validate: false`) and throws `VolcValidationError` before any I/O.
   * An `idempotencyToken` member left empty gets a random UUID that every retry reuses.
   *
   * @throws {VolcValidationError} the input breaks the spec's rules, or has a member named `__proto__`, `constructor` or `prototype` that the spec does not declare (checked even with `validate: false`)
   * @throws {VolcServiceError} the service returned an error
   * @throws {VolcResponseError} the response could not be understood
   * @throws {VolcNetworkError} the request did not complete (`requestSent` tells whether it may have reached the server)
   * @throws {VolcRedirectError} the endpoint answered 3xx (never followed)
   * @throws {VolcResponseTooLargeError} the body exceeded `maxResponseBytes`
   * @throws {VolcTimeoutError} an attempt or the call ran out of time
   * @throws {VolcAbortError} `options.signal` aborted
   * @throws {VolcCredentialsError} no credentials could be found, or they cannot be sent (a line break in a key)
   * @throws {VolcRequestError} the transport refused to build the request (an invalid URL, say); nothing was sent
   * @throws {VolcError} the client was destroyed ({@link VolcClient.destroy}); nothing was sent
   *
   * Every error thrown after validation carries `attempts`, `duration` (ms) and, for actions with an
   * idempotency token, the `clientToken` sent; an ambiguous failure of an action that is not safe to repeat
   * carries `outcomeUnknown: true` and is not retried.
   *
   * With hooks (the client's, then `options.hooks`), a hook that throws fails the call with a `VolcError`
   * naming the hook, and `onError` hooks see (and may replace) the error thrown.
   */
  send<I, O>(operation: Operation<I, O>, input: I, options: CallOptions = {}): Promise<WithMetadata<O>> {
    // Not async: a call without hooks costs no promise more than #call's own.
    if (this.#hooks === undefined && options.hooks === undefined)
      return this.#call(operation, input, options, undefined);
    return this.#callWithHooks(operation, input, options);
  }

  async #callWithHooks<I, O>(operation: Operation<I, O>, input: I, options: CallOptions): Promise<WithMetadata<O>> {
    const hooks = addHooks(this.#hooks, normalizeHooks(options.hooks, 'options.hooks'));
    if (hooks === undefined) return this.#call(operation, input, options, undefined);
    const { service, region, host, endpoint } = this.config;
    const { action, version } = operation;
    const call = { service, action, version, region, host, endpoint, started: Date.now(), state: {} };
    const hooked: HookedCall = { hooks, call, run: await loadHookRunners() };
    try {
      return await this.#call(operation, input, options, hooked);
    } catch (error) {
      throw await hooked.run.errorAfterHooks(hooked, error);
    }
  }

  async #call<I, O>(
    operation: Operation<I, O>,
    input: I,
    options: CallOptions,
    hooked: HookedCall | undefined,
  ): Promise<WithMetadata<O>> {
    this.#lifecycle.refuseIfDestroyed(operation.action);
    const validated = this.config.validate && operation.validate ? operation.validate(input) : undefined;
    let issues = validated ?? [];
    // Validated or not, never a member named __proto__, constructor or prototype that the spec does not declare.
    const named = prototypeNameIssues(input, operation.validate, validated);
    if (named.length > 0)
      issues = [...issues, ...named.filter((n) => !issues.some((i) => i.path === n.path && i.message === n.message))];
    if (issues.length > 0) (await this.#failurePath(operation)).acceptIssues(this.#state, operation.action, issues);
    const started = Date.now();
    const prepared = await this.#withIdempotencyToken(operation, input);
    const clientToken = tokenOf(operation, prepared);
    let call: CallContext | undefined;
    try {
      const request = await this.#serialize(operation, prepared);
      call = this.#callContext(operation, prepared, request, options, started, hooked);
      const running = call;
      return await this.#lifecycle.run(operation.action, () => this.#run<O>(running));
    } catch (error) {
      throw recordCallFacts(error as Error, {
        attempts: call?.sent ?? 0,
        duration: Date.now() - started,
        ...(clientToken ? { clientToken } : {}),
      });
    }
  }

  /**
   * The request to sign. A lone surrogate in a string (which `encodeURIComponent` refuses with a bare
   * `URIError`, and a JSON body would carry escaped for the server to replace) is a `VolcValidationError`
   * naming the member; nothing is sent.
   */
  async #serialize(
    operation: OperationInfo & Pick<Operation<never, unknown>, 'serialize'>,
    input: unknown,
  ): Promise<SerializedRequest> {
    try {
      const request = operation.serialize(operation, input as never);
      // JSON.stringify writes a lone surrogate as `\udXXX` (the server would replace it): the body is searched
      // for that text only, and the input is walked only when it is there.
      if (request.body?.includes('\\ud'))
        (await this.#failurePath(operation)).refuseLoneSurrogate(operation.action, input);
      return request;
    } catch (error) {
      throw (await this.#failurePath(operation)).serializationFailure(
        this.config.service,
        operation.action,
        input,
        error,
      );
    }
  }

  /** The failure path; `failed` names the failure if the module cannot be loaded (a status, never a body). */
  #failurePath(operation: OperationInfo, failed?: FailedAttempt): Promise<FailurePath> {
    const status = failed && 'response' in failed ? ` (HTTP ${failed.response.status})` : '';
    return loadFailurePath(`${this.config.service} ${operation.action}${status}`);
  }

  #callContext(
    operation: OperationInfo,
    input: unknown,
    request: SerializedRequest,
    options: CallOptions,
    started: number,
    hooked: HookedCall | undefined,
  ): CallContext {
    return {
      operation,
      input,
      request,
      callerSignal: options.signal,
      signal: undefined,
      attemptTimeout: positiveMs(options.timeout, 'timeout') ?? this.config.timeout,
      maxAttempts: positiveInteger(options.maxAttempts, 'maxAttempts', this.#state.retry.maxAttempts),
      totalTimeout: positiveMs(options.totalTimeout, 'totalTimeout') ?? this.config.totalTimeout,
      started,
      sent: 0,
      clockCorrected: false,
      credentials: undefined,
      credentialsRefreshed: false,
      hooked,
    };
  }

  /** The input, or a copy with a new token; the UUID module is loaded only by an action that needs one. */
  async #withIdempotencyToken(operation: OperationInfo, input: unknown): Promise<unknown> {
    const member = operation.idempotencyToken;
    if (!member || typeof input !== 'object' || input === null) return input;
    const current = (input as Record<string, unknown>)[member];
    if (current !== undefined && current !== null && current !== '') return input;
    // A copy: the caller's object is never changed.
    return { ...input, [member]: (await loadUuid()).randomUUID() };
  }

  /** Attempts until one succeeds; after a failure, the failure path throws or says to try again. */
  async #run<O>(call: CallContext): Promise<WithMetadata<O>> {
    // Covers credentials, attempts and backoff. Without a total deadline it is the caller's signal as given.
    const deadline = withDeadline(call.callerSignal, call.totalTimeout, 'total');
    call.signal = deadline.signal;
    try {
      for (let attempt = 1; ; attempt++) {
        const { signal } = call;
        const outcome: AttemptOutcome = signal?.aborted
          ? { ok: false, reason: signal.reason, cause: signal.reason }
          : await this.#attempt(call, attempt);
        if (outcome.ok) return attachMetadata<O>(outcome.result, outcome.metadata);
        const failure = await this.#failurePath(call.operation, outcome);
        attempt = await failure.afterFailedAttempt(this.#state, call, outcome, attempt);
      }
    } finally {
      deadline.dispose();
    }
  }

  /** One signed attempt: resolves credentials, signs with a fresh X-Date, sends, reads. Never retries. */
  async #attempt(call: CallContext, attempt: number): Promise<AttemptOutcome> {
    const { operation, request, signal, hooked } = call;
    const { action } = operation;
    const { service, maxResponseBytes } = this.config;
    const added = hooked?.hooks.beforeRequest
      ? await hooked.run.beforeRequest(hooked, hooked.hooks.beforeRequest, attempt, request.method, request.queryString)
      : undefined;
    const queryString = added === undefined ? request.queryString : added.queryString;
    if (!operation.unsigned) {
      // Static credentials already checked need no await: the usual call signs at once.
      const source = this.#credentials;
      call.credentials =
        typeof source !== 'function' && this.#checkedCredentials.has(source)
          ? source
          : await this.#resolveCredentials(call);
    }
    let signing: SignatureDetails | undefined;
    if (call.credentials) {
      const signable = {
        method: request.method,
        host: this.config.host,
        path: this.config.path,
        canonicalQuery: queryString,
        ...(added !== undefined ? { headers: added.headers } : {}),
        ...(request.body !== undefined ? { body: request.body } : {}),
      };
      const scope = {
        service,
        region: this.config.signingRegion,
        date: signingTime(Date.now(), this.#state.clockOffset),
      };
      // node:crypto signs synchronously; Web Crypto (browsers, workers) through promises.
      signing =
        signRequestDetailedSync(signable, call.credentials, scope) ??
        (await signRequestDetailed(signable, call.credentials, scope));
    }
    const headers =
      added && hooked
        ? hooked.run.withAddedHeaders(this.#headers(request, signing), added.headers)
        : this.#headers(request, signing);
    const url = `${this.config.endpoint}${this.config.path}?${queryString}`;
    const { log } = this.#state;
    const debug = log.enabled('debug') ? await loadDebugLog() : undefined;
    debug?.logRequest(log, call, headers, url, attempt);

    const sentAt = Date.now();
    call.sent++;
    let response: HttpResponse;
    try {
      const httpRequest: HttpRequest = {
        url,
        method: request.method,
        headers,
        timeout: call.attemptTimeout,
        maxResponseBytes,
      };
      if (request.body !== undefined) (httpRequest as { body?: string }).body = request.body;
      if (signal) (httpRequest as { signal?: AbortSignal }).signal = signal;
      response = await this.#send(httpRequest);
    } catch (cause) {
      return { ok: false, reason: signal?.aborted ? signal.reason : cause, cause };
    }
    const context = { action, version: operation.version, service };
    const success = isRedirectStatus(response.status) ? undefined : successOf(response, context);
    const elapsed = Date.now() - sentAt;
    if (!success) return { ok: false, response, url, signing, elapsed };
    debug?.logResponse(log, service, action, response.status, elapsed, success.metadata.RequestId);
    if (hooked?.hooks.afterResponse)
      await hooked.run.afterResponse(
        hooked,
        hooked.hooks.afterResponse,
        attempt,
        response,
        success.metadata.RequestId,
        elapsed,
      );
    return { ok: true, ...success };
  }

  async #resolveCredentials(call: CallContext): Promise<Credentials> {
    const source = this.#credentials;
    if (typeof source !== 'function') return this.#checked(call, source, 'static');
    const { signal } = call;
    let credentials: Credentials;
    try {
      credentials = await (signal ? abortable(source(), signal) : source());
    } catch (error) {
      throw (await this.#failurePath(call.operation)).credentialsFailure(this.#state, call, error);
    }
    return this.#checked(call, credentials, 'credentials provider');
  }

  /**
   * Credentials as resolved, once checked: a missing part or a character no header may carry (a trailing
   * newline, a wrapped token) is a `VolcCredentialsError` naming the source, before anything is signed.
   * Each credentials object is checked once; providers return the same object until they refresh.
   */
  async #checked(call: CallContext, credentials: Credentials, source: string): Promise<Credentials> {
    if (this.#checkedCredentials.has(credentials)) return credentials;
    if (!credentialsSendable(credentials))
      (await this.#failurePath(call.operation)).refuseCredentials(credentials, source);
    this.#checkedCredentials.add(credentials);
    return credentials;
  }

  #headers(request: SerializedRequest, signing: SignatureDetails | undefined): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (signing) for (const name in signing.headers) headers[name] = signing.headers[name]!;
    if (request.contentType) headers['Content-Type'] = request.contentType;
    if (this.config.userAgent) headers['User-Agent'] = this.config.userAgent;
    return headers;
  }
}
