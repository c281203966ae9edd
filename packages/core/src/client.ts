import { cachedCredentials, defaultCredentialChain } from './credentials/chain.js';
import { checkedStaticCredentials } from './credentials/static.js';
import type { Credentials, CredentialsProvider } from './credentials/types.js';
import { resolveEndpoint } from './endpoint.js';
import { VolcAbortError } from './errors/abort-error.js';
import { VolcCredentialsError } from './errors/credentials-error.js';
import { NON_RETRYABLE_NETWORK_CODES } from './errors/codes.js';
import { networkErrorCode, VolcNetworkError } from './errors/network-error.js';
import { VolcServiceError } from './errors/service-error.js';
import { VolcTimeoutError } from './errors/timeout-error.js';
import { VolcValidationError } from './errors/validation-error.js';
import { isVolcErrorLike } from './errors/volc-error.js';
import { createLevelLogger, isLogLevel, type LevelLogger, type Logger, type LogLevel } from './logger.js';
import type { Operation, ServiceInfo } from './operation.js';
import { REDACTED, redactHeaders, redactQueryText, redactValue } from './redact.js';
import { clockOffsetFrom, decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfter, shouldCorrectClock, type RetryPolicy } from './retry.js';
import { describeRuntime, isBrowserLike, readEnv } from './runtime.js';
import { signRequestDetailed, type SignatureDetails } from './signing/sign-request.js';
import { attachMetadata, parseEnvelope, type ResponseMetadata, type WithMetadata } from './transport/envelope.js';
import { createHttpSender, type HttpResponse, type HttpSender } from './transport/http.js';
import { serializeRequest, type SerializedRequest } from './transport/serialize.js';
import { abortable, DeadlineReached, sleep, withDeadline } from './transport/signals.js';
import { randomUUID } from './uuid.js';
import { CORE_VERSION } from './version.js';

/** Options of a service client. Every field is optional. */
export interface ClientConfig {
  /** Region such as `cn-beijing`. @default env `VOLCENGINE_REGION`, else `cn-beijing` */
  region?: string;
  /** A key pair or a provider. @default {@link defaultCredentialChain} (environment, then the CLI config file) */
  credentials?: Credentials | CredentialsProvider;
  /** Custom endpoint: `http://127.0.0.1:8787`, or `host[:port]` (https assumed). */
  endpoint?: string;
  /** Dual-stack hosts (`*.volcengine-api.com`, IPv4 and IPv6). @default env `VOLC_ENABLE_DUALSTACK` is `true`, else false */
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
  /** A fetch implementation, for proxies, tests or unusual runtimes. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Where log lines go; nothing is logged without one. Secrets are always redacted. */
  logger?: Logger;
  /** Lowest level written to `logger`. @default env `VOLC_TS_LOG`, else 'warn' */
  logLevel?: LogLevel;
  /** Check inputs against the spec's rules before sending. @default true */
  validate?: boolean;
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
  readonly logLevel: LogLevel;
  /** `User-Agent` sent, or undefined in browsers (where it cannot be set). */
  readonly userAgent: string | undefined;
}

/** Region used when neither the config nor `VOLCENGINE_REGION` names one. */
export const DEFAULT_REGION = 'cn-beijing';
/** Default limit of one attempt, in ms. */
export const DEFAULT_TIMEOUT = 30_000;

/** What the request loop needs from an operation; its input type plays no part. */
type OperationInfo = Pick<Operation<never, unknown>, 'action' | 'version' | 'method' | 'protocol' | 'idempotencyToken'>;

/** What the attempts of one call share. */
interface CallContext {
  readonly operation: OperationInfo;
  /** The input as sent (with a generated idempotency token), for the debug log. */
  readonly input: unknown;
  readonly request: SerializedRequest;
  /** `signal` of the call options. */
  readonly callerSignal: AbortSignal | undefined;
  /** The caller's signal limited by the total deadline; undefined when there are neither. */
  readonly signal: AbortSignal | undefined;
  readonly attemptTimeout: number;
  readonly maxAttempts: number;
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

/** Masks secrets in a canonical request before it is logged. */
function redactCanonicalRequest(canonical: string): string {
  const lines = canonical.split('\n');
  if (lines[2] !== undefined) lines[2] = redactQueryText(lines[2]);
  return lines.map((line) => (line.startsWith('x-security-token:') ? `x-security-token:${REDACTED}` : line)).join('\n');
}

/**
 * The runtime behind every generated service client: validates, serializes, signs, sends through ky,
 * parses the envelope, maps errors and retries. One instance per service and configuration; it is
 * safe to share across concurrent calls.
 */
export class VolcClient {
  readonly config: ResolvedClientConfig;
  readonly #credentials: CredentialsProvider | Credentials;
  readonly #send: HttpSender;
  readonly #log: LevelLogger;
  readonly #retry: RetryPolicy;
  readonly #retryableCodes: readonly string[] | undefined;
  /** Milliseconds to add to the local clock, learned from an InvalidTimestamp response. */
  #clockOffset = 0;

  constructor(service: ServiceInfo, config: ClientConfig = {}) {
    const region = config.region ?? readEnv('VOLCENGINE_REGION') ?? DEFAULT_REGION;
    const useDualStack = config.useDualStack ?? readEnv('VOLC_ENABLE_DUALSTACK')?.toLowerCase() === 'true';
    const endpoint = resolveEndpoint({ service: service.service, region, global: service.global, host: service.host, endpoint: config.endpoint, useDualStack });
    const maxAttempts = positiveInteger(config.maxAttempts, 'maxAttempts', DEFAULT_RETRY_POLICY.maxAttempts);
    const envLevel = readEnv('VOLC_TS_LOG');
    const logLevel = config.logLevel ?? (isLogLevel(envLevel) ? envLevel : 'warn');
    this.config = Object.freeze({
      service: service.service,
      region,
      signingRegion: endpoint.signingRegion,
      endpoint: endpoint.url,
      host: endpoint.host,
      path: endpoint.path,
      maxAttempts,
      timeout: positiveMs(config.timeout, 'timeout') ?? DEFAULT_TIMEOUT,
      totalTimeout: positiveMs(config.totalTimeout, 'totalTimeout'),
      validate: config.validate !== false,
      logLevel,
      userAgent: isBrowserLike()
        ? undefined
        : `volc-ts/${CORE_VERSION} ${service.service}/${service.packageVersion ?? 'unknown'} ${describeRuntime()}`,
    });
    this.#retryableCodes = service.retryableCodes;
    this.#credentials = credentialSource(config.credentials);
    this.#send = createHttpSender(config.fetch);
    this.#log = createLevelLogger(config.logger, logLevel);
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
   * @throws {VolcNetworkError} the request did not complete
   * @throws {VolcTimeoutError} an attempt or the call ran out of time
   * @throws {VolcAbortError} `options.signal` aborted
   * @throws {VolcCredentialsError} no credentials could be found
   */
  async send<I, O>(operation: Operation<I, O>, input: I, options: CallOptions = {}): Promise<WithMetadata<O>> {
    if (this.config.validate && operation.validate) {
      const issues = operation.validate(input);
      if (issues.length > 0) throw new VolcValidationError(issues, operation.action);
    }
    const prepared = this.#withIdempotencyToken(operation, input);
    const request = serializeRequest(operation, prepared);
    return this.#run<O>(operation, prepared, request, options);
  }

  #withIdempotencyToken(operation: OperationInfo, input: unknown): unknown {
    const member = operation.idempotencyToken;
    if (!member || typeof input !== 'object' || input === null) return input;
    const current = (input as Record<string, unknown>)[member];
    if (current !== undefined && current !== null && current !== '') return input;
    // A copy: the caller's object is never changed.
    return { ...input, [member]: randomUUID() };
  }

  async #run<O>(operation: OperationInfo, input: unknown, request: SerializedRequest, options: CallOptions): Promise<WithMetadata<O>> {
    const { action } = operation;
    const service = this.config.service;
    const totalTimeout = positiveMs(options.totalTimeout, 'totalTimeout') ?? this.config.totalTimeout;
    const maxAttempts = positiveInteger(options.maxAttempts, 'maxAttempts', this.#retry.maxAttempts);
    const policy: RetryPolicy = maxAttempts === this.#retry.maxAttempts ? this.#retry : { ...this.#retry, maxAttempts };
    const started = Date.now();
    // Covers credentials, attempts and backoff. Without a total deadline it is the caller's signal as given.
    const deadline = withDeadline(options.signal, totalTimeout, 'total');
    const call: CallContext = {
      operation,
      input,
      request,
      callerSignal: options.signal,
      signal: deadline.signal,
      attemptTimeout: positiveMs(options.timeout, 'timeout') ?? this.config.timeout,
      maxAttempts,
    };

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
        }

        const retryAfter = response ? parseRetryAfter((name) => response.headers.get(name), Date.now()) : undefined;
        const remaining = totalTimeout === undefined ? undefined : totalTimeout - (Date.now() - started);
        const decision = decideRetry(
          { error, attempt, ...(retryAfter !== undefined ? { retryAfter } : {}), ...(remaining !== undefined ? { remaining } : {}) },
          policy,
        );
        if (!decision.retry) {
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
    return new VolcNetworkError({ action, service, cause, retryable: !NON_RETRYABLE_NETWORK_CODES.has(networkErrorCode(cause) ?? '') });
  }

  /** One signed attempt: resolves credentials, signs with a fresh X-Date, sends, parses. Never retries. */
  async #attempt(call: CallContext, attempt: number): Promise<AttemptOutcome> {
    const { operation, request, signal } = call;
    const { action } = operation;
    const service = this.config.service;
    const credentials = await this.#resolveCredentials(call);
    const signing = await signRequestDetailed(
      {
        method: request.method,
        host: this.config.host,
        path: this.config.path,
        canonicalQuery: request.queryString,
        ...(request.body !== undefined ? { body: request.body } : {}),
      },
      credentials,
      { service, region: this.config.signingRegion, date: new Date(Date.now() + this.#clockOffset) },
    );
    const headers = this.#headers(request, signing);
    const url = `${this.config.endpoint}${this.config.path}?${request.queryString}`;
    if (this.#log.enabled('debug')) this.#logRequest(call, headers, url, attempt);

    const sentAt = Date.now();
    let response: HttpResponse;
    try {
      response = await this.#send({
        url,
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(signal ? { signal } : {}),
        timeout: call.attemptTimeout,
      });
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
    if (parsed.error instanceof VolcServiceError && parsed.error.code === 'SignatureDoesNotMatch') this.#logSignature(signing);
    return { ok: false, error: parsed.error, response };
  }

  async #resolveCredentials(call: CallContext): Promise<Credentials> {
    const source = this.#credentials;
    if (typeof source !== 'function') return checkedStaticCredentials(source);
    const { signal } = call;
    try {
      return await (signal ? abortable(source(), signal) : source());
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw this.#callError(call, error, error);
      if (isVolcErrorLike(error)) throw error;
      throw new VolcCredentialsError([{ source: 'credentials provider', reason: error instanceof Error ? error.message.slice(0, 120) : 'failed' }], {
        cause: error,
      });
    }
  }

  #headers(request: SerializedRequest, signing: SignatureDetails): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json', ...signing.headers };
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
