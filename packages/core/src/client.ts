import {
  credentialSource,
  positiveInteger,
  positiveMs,
  resolveClientConfig,
  type CallOptions,
  type ClientConfig,
  type ResolvedClientConfig,
} from './config.js';
import { checkCredentials } from './credentials/static.js';
import type { Credentials, CredentialsProvider } from './credentials/types.js';
import { VolcAbortError } from './errors/abort-error.js';
import { VolcCredentialsError } from './errors/credentials-error.js';
import { NON_RETRYABLE_NETWORK_CODES } from './errors/codes.js';
import { VolcNetworkError } from './errors/network-error.js';
import { VolcRedirectError } from './errors/redirect-error.js';
import { VolcResponseTooLargeError } from './errors/response-too-large-error.js';
import { VolcServiceError } from './errors/service-error.js';
import { VolcTimeoutError } from './errors/timeout-error.js';
import { formatIssue, VolcValidationError } from './errors/validation-error.js';
import { invalidHeader, VolcRequestError } from './errors/request-error.js';
import { isVolcErrorLike, recordCallFacts } from './errors/volc-error.js';
import { createLevelLogger, type LevelLogger } from './logger.js';
import type { Operation, ServiceInfo } from './operation.js';
import { redactCanonicalRequest, redactHeaders, redactQueryText, redactValue } from './redact.js';
import { KNOWN_REGIONS, nearestRegion } from './region.js';
import {
  clockOffsetFrom,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  shouldCorrectClock,
  signingTime,
  type RetryPolicy,
} from './retry.js';
import { signRequestDetailed, type SignatureDetails } from './signing/sign-request.js';
import { attachMetadata, parseEnvelope, type ResponseMetadata, type WithMetadata } from './transport/envelope.js';
import { defaultTransport } from './transport/default.js';
import { isLocalRequestError, mayHaveSent } from './transport/sent.js';
import {
  errorCode,
  isRedirectStatus,
  redirectError,
  TransportError,
  type HttpResponse,
  type HttpTransport,
} from './transport/types.js';
import { serializeRequest, type SerializedRequest } from './transport/serialize.js';
import { abortable, DeadlineReached, sleep, withDeadline } from './transport/signals.js';
import { randomUUID } from './uuid.js';
import type { ValidationIssue } from './validate.js';

/** What the request loop needs from an operation; its input type plays no part. */
type OperationInfo = Pick<
  Operation<never, unknown>,
  'action' | 'version' | 'method' | 'protocol' | 'idempotencyToken' | 'idempotent' | 'unsigned'
>;

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
  Object.defineProperty(error, 'outcomeUnknown', {
    value: true,
    enumerable: true,
    configurable: true,
    writable: false,
  });
  error.message = `${error.message}. ${OUTCOME_UNKNOWN}`;
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
    this.config = resolveClientConfig(service, config);
    const { region, maxAttempts, logLevel } = this.config;
    this.#retryableCodes = service.retryableCodes;
    this.#credentials = credentialSource(config.credentials);
    this.#send =
      config.transport ??
      defaultTransport({
        ...(config.fetch ? { fetch: config.fetch } : {}),
        ...(config.proxy !== undefined ? { proxy: config.proxy } : {}),
      });
    this.#log = createLevelLogger(config.logger, logLevel);
    const nearest = KNOWN_REGIONS.includes(region) ? undefined : nearestRegion(region);
    if (nearest)
      this.#log.log('warn', `region "${region}" is not one this SDK knows; did you mean "${nearest}"? (sent as given)`);
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
      throw recordCallFacts(error as Error, {
        attempts: call?.sent ?? 0,
        duration: Date.now() - started,
        ...(clientToken ? { clientToken } : {}),
      });
    }
  }

  #callContext(
    operation: OperationInfo,
    input: unknown,
    request: SerializedRequest,
    options: CallOptions,
  ): CallContext {
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
      if (issue.unknownMember)
        this.#log.log('warn', `${action}: ${formatIssue(issue)} (sent anyway; strictMembers refuses it)`);
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
            this.#log.log(
              'warn',
              `${service} ${action}: InvalidTimestamp; the local clock is off by ${offset} ms; corrected, trying once more`,
            );
            attempt--; // a clock correction is not a retry
            continue;
          }
          this.#log.log(
            'warn',
            `${service} ${action}: InvalidTimestamp with no usable Date header (missing, unreadable or implausible); the clock is not corrected`,
          );
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
          this.#log.log(
            'debug',
            `${service} ${action} failed after ${attempt} attempt(s) (${decision.reason}): ${error.message}`,
          );
          throw error;
        }
        this.#log.log(
          'info',
          `${service} ${action}: retrying in ${decision.delay} ms (attempt ${attempt + 1} of ${maxAttempts}) after: ${error.message}`,
        );
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
      const requestId = reason.headers?.get('x-tt-logid') ?? reason.headers?.get('x-request-id') ?? undefined;
      return new VolcResponseTooLargeError({
        limit: reason.limit ?? this.config.maxResponseBytes,
        status: reason.status ?? 0,
        requestId,
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

    const parsed = parseEnvelope(response, {
      action,
      version: operation.version,
      service,
      retryableCodes: this.#retryableCodes,
    });
    if (this.#log.enabled('debug')) {
      this.#log.log('debug', `<- HTTP ${response.status} ${service} ${action} in ${Date.now() - sentAt} ms`, {
        requestId: parsed.ok ? parsed.metadata.RequestId : parsed.error.requestId,
      });
    }
    if (parsed.ok) return parsed;
    if (signing && parsed.error instanceof VolcServiceError && parsed.error.code === 'SignatureDoesNotMatch')
      this.#logSignature(signing);
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
      throw new VolcCredentialsError(
        [{ source: 'credentials provider', reason: error instanceof Error ? error.message.slice(0, 120) : 'failed' }],
        {
          cause: error,
        },
      );
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
    this.#log.log(
      'debug',
      `-> ${request.method} ${origin}?${redactQueryText(query)} (${operation.action}, attempt ${attempt} of ${call.maxAttempts})`,
      {
        headers: redactHeaders(headers),
        ...(operation.protocol === 'query' ? {} : { body: redactValue(call.input) }),
      },
    );
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
