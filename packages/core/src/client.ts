import { cachedCredentials } from './credentials/cache.js';
import { defaultCredentialChain, profileClientSettings } from './credentials/client-defaults.js';
import { checkCredentials } from './credentials/static.js';
import type { Credentials, CredentialsProvider } from './credentials/types.js';
import { resolveEndpoint } from './endpoint.js';
import { VolcAbortError } from './errors/abort-error.js';
import { VolcCredentialsError } from './errors/credentials-error.js';
import { NON_RETRYABLE_NETWORK_CODES } from './errors/codes.js';
import { networkErrorCode, VolcNetworkError } from './errors/network-error.js';
import { VolcRedirectError } from './errors/redirect-error.js';
import { VolcResponseTooLargeError } from './errors/response-too-large-error.js';
import { VolcServiceError } from './errors/service-error.js';
import { VolcTimeoutError } from './errors/timeout-error.js';
import { formatIssue, VolcValidationError } from './errors/validation-error.js';
import { invalidHeader, VolcRequestError } from './errors/request-error.js';
import { isVolcErrorLike, recordCallFacts } from './errors/volc-error.js';
import { createLevelLogger, isLogLevel, type LevelLogger, type Logger, type LogLevel } from './logger.js';
import type { Operation, ServiceInfo } from './operation.js';
import { REDACTED, redactHeaders, redactQueryText, redactValue } from './redact.js';
import { checkRegion, KNOWN_REGIONS, nearestRegion } from './region.js';
import { clockOffsetFrom, decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter, shouldCorrectClock, signingTime, type RetryPolicy } from './retry.js';
import { describeRuntime, isBrowserLike, readEnv } from './runtime.js';
import { signRequestDetailed, type SignatureDetails } from './signing/sign-request.js';
import { attachMetadata, parseEnvelope, type ResponseMetadata, type WithMetadata } from './transport/envelope.js';
import { defaultTransport } from './transport/default.js';
import { isLocalRequestError, mayHaveSent } from './transport/sent.js';
import type { ProxyOption } from './transport/proxy.js';
import { DEFAULT_MAX_RESPONSE_BYTES, isRedirectStatus, redirectError, TransportError, type HttpResponse, type HttpTransport } from './transport/types.js';
import { serializeRequest, type SerializedRequest } from './transport/serialize.js';
import { abortable, DeadlineReached, sleep, withDeadline } from './transport/signals.js';
import { randomUUID } from './uuid.js';
import type { ValidationIssue } from './validate.js';
import { CORE_VERSION } from './version.js';

/** Options of a service client. Every field is optional. */
export interface ClientConfig {
  /**
   * Region such as `cn-beijing`. It must be one host label (lower-case letters, digits, inner hyphens): it
   * becomes part of the host, so anything else throws a `RangeError` here, with the nearest known region
   * when it looks like a typo. @default env `VOLCENGINE_REGION`, else the CLI profile's `region`, else `cn-beijing`
   */
  region?: string;
  /**
   * A key pair or a provider. @default {@link defaultCredentialChain} (environment, OIDC from the
   * environment, the CLI config file, the ECS instance role)
   */
  credentials?: Credentials | CredentialsProvider;
  /**
   * Custom endpoint: `http://127.0.0.1:8787`, or `host[:port]` (https assumed; http when the CLI profile
   * says `disable-ssl`). @default the CLI profile's `endpoint`, else the service's host
   */
  endpoint?: string;
  /**
   * Dual-stack hosts (`*.volcengine-api.com`, IPv4 and IPv6). @default env `VOLC_ENABLE_DUALSTACK`
   * (`true`/`false`), else the CLI profile's `use-dual-stack`, else false
   */
  useDualStack?: boolean;
  /** Attempts per call, the first included; 1 disables retries. @default 3 */
  maxAttempts?: number;
  /**
   * Limit of one attempt in ms (connect, send, read the whole body); beyond 2^31-1 ms (what a timer can
   * wait) there is no limit. @default 30000
   */
  timeout?: number;
  /** Limit of a whole call in ms, retries and backoff included (no limit beyond 2^31-1 ms). @default none */
  totalTimeout?: number;
  /**
   * Send through this `fetch` (with ky) instead of the runtime's default transport, for tests or unusual
   * runtimes. @default node:http on Node, `globalThis.fetch` elsewhere
   */
  fetch?: typeof fetch;
  /**
   * Bring your own transport: one request in, status + headers + body text out ({@link HttpTransport}).
   * It should never follow redirects (a 3xx it returns is refused) and should bound the body. Wins over
   * `fetch` and `proxy`. @default {@link defaultTransport}
   */
  transport?: HttpTransport;
  /**
   * Proxy URL such as `http://user:pass@proxy.internal:3128` (https targets tunnel with CONNECT), or false
   * for direct connections whatever the environment says. Node only.
   * @default from the environment: `VOLC_PROXY_HOST`/`_PORT`/`_PROTOCOL`, else `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` minus `NO_PROXY`
   */
  proxy?: ProxyOption;
  /**
   * Largest response body accepted, in bytes after decompression; a larger one fails with
   * `VolcResponseTooLargeError` (not retried) as soon as the limit is crossed. @default 67108864 (64 MiB)
   */
  maxResponseBytes?: number;
  /** Where log lines go; nothing is logged without one. Secrets are always redacted. */
  logger?: Logger;
  /** Lowest level written to `logger`. @default env `VOLC_TS_LOG`, else 'warn' */
  logLevel?: LogLevel;
  /** Check inputs against the spec's rules before sending. @default true */
  validate?: boolean;
  /**
   * Refuse input members the spec does not declare (`PageSzie`) with a `VolcValidationError`. Off, they
   * are logged as a warning (with a "did you mean" hint) and sent, since the server may know members
   * the SDK does not. Applies only when `validate` is on. @default false
   */
  strictMembers?: boolean;
  /** Backoff tuning in ms. @default { baseDelay: 200, throttlingBaseDelay: 1000, maxDelay: 20000 } */
  retryDelays?: { baseDelay?: number; throttlingBaseDelay?: number; maxDelay?: number };
}

/** Options of one call. */
export interface CallOptions {
  /** Aborts the call (including a pending retry) with a `VolcAbortError`. */
  signal?: AbortSignal;
  /** Limit of one attempt in ms, overriding the client's `timeout`. */
  timeout?: number;
  /** Limit of the whole call in ms, overriding the client's `totalTimeout`. */
  totalTimeout?: number;
  /** Attempts for this call, overriding the client's `maxAttempts`. */
  maxAttempts?: number;
}

/** The client's settings after defaults are applied. Holds no credentials. */
export interface ResolvedClientConfig {
  readonly service: string;
  readonly region: string;
  /** Region used in signatures (`cn-beijing` for global services). */
  readonly signingRegion: string;
  /** Origin requests go to, such as `https://redis.cn-beijing.volcengineapi.com`. */
  readonly endpoint: string;
  readonly host: string;
  readonly path: string;
  readonly maxAttempts: number;
  readonly timeout: number;
  readonly totalTimeout: number | undefined;
  readonly validate: boolean;
  readonly strictMembers: boolean;
  readonly logLevel: LogLevel;
  /** Largest response body accepted, in bytes. */
  readonly maxResponseBytes: number;
  /** `User-Agent` sent, or undefined in browsers (where it cannot be set). */
  readonly userAgent: string | undefined;
}

/** Region used when neither the config nor `VOLCENGINE_REGION` names one. */
export const DEFAULT_REGION = 'cn-beijing';
/** Default limit of one attempt, in ms. */
export const DEFAULT_TIMEOUT = 30_000;

/** What the request loop needs from an operation; its input type plays no part. */
type OperationInfo = Pick<Operation<never, unknown>, 'action' | 'version' | 'method' | 'protocol' | 'idempotencyToken' | 'idempotent' | 'unsigned'>;

/** What the attempts of one call share. */
interface CallContext {
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
  /** Requests handed to the transport so far. */
  sent: number;
}

type AttemptOutcome =
  | { readonly ok: true; readonly result: object; readonly metadata: ResponseMetadata }
  | { readonly ok: false; readonly error: Error; readonly response?: HttpResponse };

function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer (got ${value})`);
  return value;
}

function positiveMs(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(typeof value === 'number' && value > 0)) throw new RangeError(`${name} must be a positive number of milliseconds (got ${value})`);
  return value;
}

/** A provider, or static keys kept as they are: they need no provider call and no race against a signal. */
function credentialSource(credentials: ClientConfig['credentials']): CredentialsProvider | Credentials {
  if (credentials === undefined) return defaultCredentialChain();
  if (typeof credentials === 'function') return cachedCredentials(credentials);
  return { ...credentials };
}

/** The region from the option or `VOLCENGINE_REGION`, checked as a host label (nothing is trimmed). */
function configuredRegion(option: string | undefined, profileRegion: string | undefined): string {
  if (option !== undefined) return checkRegion(option, 'the region option');
  const env = readEnv('VOLCENGINE_REGION');
  if (env !== undefined) return checkRegion(env, 'VOLCENGINE_REGION');
  return profileRegion === undefined ? DEFAULT_REGION : checkRegion(profileRegion, 'the CLI profile\'s region');
}

/** The idempotency token an input carries, when the action has one. */
function tokenOf(operation: OperationInfo, input: unknown): string | undefined {
  const member = operation.idempotencyToken;
  if (!member || typeof input !== 'object' || input === null || !Object.hasOwn(input, member)) return undefined;
  const value = (input as Record<string, unknown>)[member];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const OUTCOME_UNKNOWN =
  'The outcome is unknown: the request may have been processed, and this action is not safe to repeat, so it was not retried. ' +
  'Check its effect before calling again';

/** Says on an error that its call may have been applied: `outcomeUnknown: true` and a sentence in the message. */
function markOutcomeUnknown(error: Error): void {
  Object.defineProperty(error, 'outcomeUnknown', { value: true, enumerable: true, configurable: true, writable: false });
  error.message = `${error.message}. ${OUTCOME_UNKNOWN}`;
}

/** Masks secrets in a canonical request before it is logged. */
function redactCanonicalRequest(canonical: string): string {
  const lines = canonical.split('\n');
  if (lines[2] !== undefined) lines[2] = redactQueryText(lines[2]);
  return lines.map((line) => (line.startsWith('x-security-token:') ? `x-security-token:${REDACTED}` : line)).join('\n');
}

/**
 * The runtime behind every generated service client: validates, serializes, signs, sends through its
 * transport (node:http on Node, ky over fetch elsewhere),
 * parses the envelope, maps errors and retries. One instance per service and configuration; it is
 * safe to share across concurrent calls.
 */
export class VolcClient {
  readonly config: ResolvedClientConfig;
  readonly #credentials: CredentialsProvider | Credentials;
  readonly #send: HttpTransport;
  readonly #log: LevelLogger;
  readonly #retry: RetryPolicy;
  readonly #retryableCodes: readonly string[] | undefined;
  readonly #checkedCredentials = new WeakSet<Credentials>();
  /** Milliseconds to add to the local clock, learned from an InvalidTimestamp response. */
  #clockOffset = 0;

  constructor(service: ServiceInfo, config: ClientConfig = {}) {
    // The CLI profile fills what the options leave out (volcengine-cli's region, endpoint, use-dual-stack, disable-ssl).
    const profile = config.region === undefined || config.endpoint === undefined || config.useDualStack === undefined ? profileClientSettings() : {};
    const region = configuredRegion(config.region, profile.region);
    const dualStackEnv = readEnv('VOLC_ENABLE_DUALSTACK')?.toLowerCase();
    const useDualStack = config.useDualStack ?? (dualStackEnv === 'true' ? true : dualStackEnv === 'false' ? false : profile.useDualStack) ?? false;
    const endpoint = resolveEndpoint({
      service: service.service,
      region,
      global: service.global,
      host: service.host,
      endpoint: config.endpoint ?? profile.endpoint,
      useDualStack,
    });
    // `disable-ssl` applies only where the options did not name an endpoint.
    const url = profile.disableSsl && config.endpoint === undefined ? endpoint.url.replace(/^https:/, 'http:') : endpoint.url;
    const maxAttempts = positiveInteger(config.maxAttempts, 'maxAttempts', DEFAULT_RETRY_POLICY.maxAttempts);
    const envLevel = readEnv('VOLC_TS_LOG');
    const logLevel = config.logLevel ?? (isLogLevel(envLevel) ? envLevel : 'warn');
    this.config = Object.freeze({
      service: service.service,
      region,
      signingRegion: endpoint.signingRegion,
      endpoint: url,
      host: endpoint.host,
      path: endpoint.path,
      maxAttempts,
      timeout: positiveMs(config.timeout, 'timeout') ?? DEFAULT_TIMEOUT,
      totalTimeout: positiveMs(config.totalTimeout, 'totalTimeout'),
      validate: config.validate !== false,
      strictMembers: config.strictMembers === true,
      logLevel,
      maxResponseBytes: positiveInteger(config.maxResponseBytes, 'maxResponseBytes', DEFAULT_MAX_RESPONSE_BYTES),
      userAgent: isBrowserLike()
        ? undefined
        : `volc-ts/${CORE_VERSION} ${service.service}/${service.packageVersion ?? 'unknown'} ${describeRuntime()}`,
    });
    this.#retryableCodes = service.retryableCodes;
    this.#credentials = credentialSource(config.credentials);
    this.#send =
      config.transport ??
      defaultTransport({ ...(config.fetch ? { fetch: config.fetch } : {}), ...(config.proxy !== undefined ? { proxy: config.proxy } : {}) });
    this.#log = createLevelLogger(config.logger, logLevel);
    const nearest = KNOWN_REGIONS.includes(region) ? undefined : nearestRegion(region);
    if (nearest) this.#log.log('warn', `region "${region}" is not one this SDK knows; did you mean "${nearest}"? (sent as given)`);
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...config.retryDelays, maxAttempts };
  }

  /** Clock correction in ms currently applied to signatures (non-zero after an InvalidTimestamp). */
  get clockOffset(): number {
    return this.#clockOffset;
  }

  /**
   * Calls one action and resolves to its `Result` with `$metadata` attached.
   *
   * Validation runs first (unless `validate: false`) and throws `VolcValidationError` before any I/O.
   * An `idempotencyToken` member left empty gets a random UUID that every retry reuses.
   *
   * @throws {VolcValidationError} the input breaks the spec's rules
   * @throws {VolcServiceError} the service returned an error
   * @throws {VolcResponseError} the response could not be understood
   * @throws {VolcNetworkError} the request did not complete (`requestSent` tells whether it may have reached the server)
   * @throws {VolcRedirectError} the endpoint answered 3xx (never followed)
   * @throws {VolcResponseTooLargeError} the body exceeded `maxResponseBytes`
   * @throws {VolcTimeoutError} an attempt or the call ran out of time
   * @throws {VolcAbortError} `options.signal` aborted
   * @throws {VolcCredentialsError} no credentials could be found, or they cannot be sent (a line break in a key)
   * @throws {VolcRequestError} the request could not be built locally (an invalid header value); nothing was sent
   *
   * Every error thrown after validation carries `attempts`, `duration` (ms) and, for actions with an
   * idempotency token, the `clientToken` sent; an ambiguous failure of an action that is not safe to repeat
   * carries `outcomeUnknown: true` and is not retried.
   */
  async send<I, O>(operation: Operation<I, O>, input: I, options: CallOptions = {}): Promise<WithMetadata<O>> {
    if (this.config.validate && operation.validate) {
      const issues = this.#acceptUnknownMembers(operation.action, operation.validate(input));
      if (issues.length > 0) throw new VolcValidationError(issues, operation.action);
    }
    const started = Date.now();
    const prepared = this.#withIdempotencyToken(operation, input);
    const clientToken = tokenOf(operation, prepared);
    let call: CallContext | undefined;
    try {
      const request = serializeRequest(operation, prepared);
      call = this.#callContext(operation, prepared, request, options);
      return await this.#run<O>(call, started);
    } catch (error) {
      throw recordCallFacts(error as Error, { attempts: call?.sent ?? 0, duration: Date.now() - started, ...(clientToken ? { clientToken } : {}) });
    }
  }

  #callContext(operation: OperationInfo, input: unknown, request: SerializedRequest, options: CallOptions): CallContext {
    const maxAttempts = positiveInteger(options.maxAttempts, 'maxAttempts', this.#retry.maxAttempts);
    return {
      operation,
      input,
      request,
      callerSignal: options.signal,
      signal: undefined,
      attemptTimeout: positiveMs(options.timeout, 'timeout') ?? this.config.timeout,
      maxAttempts,
      totalTimeout: positiveMs(options.totalTimeout, 'totalTimeout') ?? this.config.totalTimeout,
      sent: 0,
    };
  }

  /** Without `strictMembers`, unknown members are a warning, not an error: drops them after logging. */
  #acceptUnknownMembers(action: string, issues: ValidationIssue[]): ValidationIssue[] {
    if (this.config.strictMembers || !issues.some((issue) => issue.unknownMember)) return issues;
    for (const issue of issues) {
      if (issue.unknownMember) this.#log.log('warn', `${action}: ${formatIssue(issue)} (sent anyway; strictMembers refuses it)`);
    }
    return issues.filter((issue) => !issue.unknownMember);
  }

  #withIdempotencyToken(operation: OperationInfo, input: unknown): unknown {
    const member = operation.idempotencyToken;
    if (!member || typeof input !== 'object' || input === null) return input;
    const current = (input as Record<string, unknown>)[member];
    if (current !== undefined && current !== null && current !== '') return input;
    // A copy: the caller's object is never changed.
    return { ...input, [member]: randomUUID() };
  }

  async #run<O>(call: CallContext, started: number): Promise<WithMetadata<O>> {
    const { operation, maxAttempts, totalTimeout } = call;
    const { action } = operation;
    const service = this.config.service;
    const policy: RetryPolicy = maxAttempts === this.#retry.maxAttempts ? this.#retry : { ...this.#retry, maxAttempts };
    // Covers credentials, attempts and backoff. Without a total deadline it is the caller's signal as given.
    const deadline = withDeadline(call.callerSignal, totalTimeout, 'total');
    call.signal = deadline.signal;

    try {
      let clockCorrected = false;
      for (let attempt = 1; ; attempt++) {
        if (call.signal?.aborted) throw this.#callError(call, call.signal.reason, call.signal.reason);
        const outcome = await this.#attempt(call, attempt);
        if (outcome.ok) return attachMetadata<O>(outcome.result, outcome.metadata);
        const { error, response } = outcome;

        if (response && shouldCorrectClock(error, clockCorrected)) {
          const offset = clockOffsetFrom(response.headers.get('date'), Date.now());
          if (offset !== undefined) {
            clockCorrected = true;
            this.#clockOffset = offset;
            this.#log.log('warn', `${service} ${action}: InvalidTimestamp; the local clock is off by ${offset} ms; corrected, trying once more`);
            attempt--; // a clock correction is not a retry
            continue;
          }
          this.#log.log('warn', `${service} ${action}: InvalidTimestamp with no usable Date header (missing, unreadable or implausible); the clock is not corrected`);
        }

        const retryAfter = response ? parseRetryAfter((name) => response.headers.get(name), Date.now()) : undefined;
        const remaining = totalTimeout === undefined ? undefined : totalTimeout - (Date.now() - started);
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
          this.#log.log('debug', `${service} ${action} failed after ${attempt} attempt(s) (${decision.reason}): ${error.message}`);
          throw error;
        }
        this.#log.log('info', `${service} ${action}: retrying in ${decision.delay} ms (attempt ${attempt + 1} of ${maxAttempts}) after: ${error.message}`);
        try {
          await sleep(decision.delay, call.signal);
        } catch (reason) {
          throw this.#callError(call, reason, error);
        }
      }
    } finally {
      deadline.dispose();
    }
  }

  /** The error for an exchange that did not complete: the caller's abort, a deadline, or a network failure. */
  #callError(call: CallContext, reason: unknown, cause: unknown): Error {
    const { action } = call.operation;
    const service = this.config.service;
    if (call.callerSignal?.aborted && reason === call.callerSignal.reason) return new VolcAbortError({ action, service, cause: reason });
    if (reason instanceof DeadlineReached) return new VolcTimeoutError({ kind: reason.scope, timeout: reason.ms, action, service, cause: reason });
    if (reason instanceof TransportError && reason.kind === 'redirect') {
      return new VolcRedirectError({ status: reason.status ?? 0, locationOrigin: reason.locationOrigin, action, service, cause: reason });
    }
    if (reason instanceof TransportError && reason.kind === 'too-large') {
      const requestId = reason.headers?.get('x-tt-logid') ?? reason.headers?.get('x-request-id') ?? undefined;
      return new VolcResponseTooLargeError({ limit: reason.limit ?? this.config.maxResponseBytes, status: reason.status ?? 0, requestId, action, service, cause: reason });
    }
    const transport = reason instanceof TransportError ? reason : undefined;
    const code = networkErrorCode(cause);
    if (transport?.kind === 'request' || isLocalRequestError(cause)) {
      // Built here, not sent: the transport's message may quote the value, so only the code is named.
      return new VolcRequestError({ action, service, problem: `the transport refused it (${code ?? 'invalid request'})` });
    }
    return new VolcNetworkError({
      action,
      service,
      cause,
      retryable: !NON_RETRYABLE_NETWORK_CODES.has(code ?? ''),
      requestSent: transport ? transport.requestSent : mayHaveSent(cause),
      reusedConnection: transport?.reusedConnection ?? false,
    });
  }

  /** One signed attempt: resolves credentials, signs with a fresh X-Date, sends, parses. Never retries. */
  async #attempt(call: CallContext, attempt: number): Promise<AttemptOutcome> {
    const { operation, request, signal } = call;
    const { action } = operation;
    const service = this.config.service;
    const signing = operation.unsigned
      ? undefined
      : await signRequestDetailed(
          {
            method: request.method,
            host: this.config.host,
            path: this.config.path,
            canonicalQuery: request.queryString,
            ...(request.body !== undefined ? { body: request.body } : {}),
          },
          await this.#resolveCredentials(call),
          { service, region: this.config.signingRegion, date: signingTime(Date.now(), this.#clockOffset) },
        );
    const headers = this.#headers(request, signing);
    const badHeader = invalidHeader(headers);
    if (badHeader) return { ok: false, error: new VolcRequestError({ action, service, problem: badHeader }) };
    const url = `${this.config.endpoint}${this.config.path}?${request.queryString}`;
    if (this.#log.enabled('debug')) this.#logRequest(call, headers, url, attempt);

    const sentAt = Date.now();
    call.sent++;
    let response: HttpResponse;
    try {
      response = await this.#send({
        url,
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(signal ? { signal } : {}),
        timeout: call.attemptTimeout,
        maxResponseBytes: this.config.maxResponseBytes,
      });
      // A transport brought by the user may have no such rule of its own.
      if (isRedirectStatus(response.status)) throw redirectError(response.status, response.headers, url);
    } catch (cause) {
      return { ok: false, error: this.#callError(call, signal?.aborted ? signal.reason : cause, cause) };
    }

    const parsed = parseEnvelope(response, { action, version: operation.version, service, retryableCodes: this.#retryableCodes });
    if (this.#log.enabled('debug')) {
      this.#log.log('debug', `<- HTTP ${response.status} ${service} ${action} in ${Date.now() - sentAt} ms`, {
        requestId: parsed.ok ? parsed.metadata.RequestId : parsed.error.requestId,
      });
    }
    if (parsed.ok) return parsed;
    if (signing && parsed.error instanceof VolcServiceError && parsed.error.code === 'SignatureDoesNotMatch') this.#logSignature(signing);
    return { ok: false, error: parsed.error, response };
  }

  async #resolveCredentials(call: CallContext): Promise<Credentials> {
    const source = this.#credentials;
    if (typeof source !== 'function') return this.#checked(source, 'static');
    const { signal } = call;
    try {
      return this.#checked(await (signal ? abortable(source(), signal) : source()), 'credentials provider');
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw this.#callError(call, error, error);
      if (isVolcErrorLike(error)) throw error;
      throw new VolcCredentialsError([{ source: 'credentials provider', reason: error instanceof Error ? error.message.slice(0, 120) : 'failed' }], {
        cause: error,
      });
    }
  }

  /**
   * Credentials as resolved, once checked: a missing part or a character no header may carry (a trailing
   * newline, a wrapped token) is a `VolcCredentialsError` naming the source, before anything is signed.
   * Each credentials object is checked once; providers return the same object until they refresh.
   */
  #checked(credentials: Credentials, source: string): Credentials {
    if (this.#checkedCredentials.has(credentials)) return credentials;
    checkCredentials(credentials, source);
    this.#checkedCredentials.add(credentials);
    return credentials;
  }

  #headers(request: SerializedRequest, signing: SignatureDetails | undefined): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json', ...signing?.headers };
    if (request.contentType) headers['Content-Type'] = request.contentType;
    if (this.config.userAgent) headers['User-Agent'] = this.config.userAgent;
    return headers;
  }

  #logRequest(call: CallContext, headers: Record<string, string>, url: string, attempt: number): void {
    const { operation, request } = call;
    const [origin, query = ''] = url.split('?');
    this.#log.log('debug', `-> ${request.method} ${origin}?${redactQueryText(query)} (${operation.action}, attempt ${attempt} of ${call.maxAttempts})`, {
      headers: redactHeaders(headers),
      ...(operation.protocol === 'query' ? {} : { body: redactValue(call.input) }),
    });
  }

  #logSignature(signing: SignatureDetails): void {
    if (!this.#log.enabled('debug')) return;
    this.#log.log(
      'debug',
      `SignatureDoesNotMatch: compare the server's view with what was signed.\n` +
        `Canonical request:\n${redactCanonicalRequest(signing.canonicalRequest)}\nString to sign:\n${signing.stringToSign}`,
    );
  }
}
