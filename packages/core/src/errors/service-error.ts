import { capText } from '../redact.js';
import type { CommonErrorCode } from './codes.js';
import { hasErrorKind, VolcError } from './volc-error.js';

export interface VolcServiceErrorInit<Code extends string> {
  code: Code;
  codeN?: number;
  serverMessage: string;
  requestId: string;
  status: number;
  action: string;
  service: string;
  version?: string;
  region?: string;
  retryable: boolean;
}

/** Characters of the server's message kept in `message`. */
const MESSAGE_LIMIT = 2000;
/** Characters of the code and request id kept in `message`. */
const CODE_LIMIT = 200;

/**
 * The service answered with `ResponseMetadata.Error`, whatever the HTTP status (Volcengine also sends
 * errors with 200). Generated packages narrow `Code` to the codes the spec declares.
 */
export class VolcServiceError<Code extends string = string> extends VolcError {
  protected static override readonly errorKind: string = 'VolcServiceError';

  /** Error code such as `InvalidParameter` or `FlowLimitExceeded`. */
  readonly code: Code;
  /** Numeric code, when the service sends one. */
  readonly codeN: number | undefined;
  /**
   * The service's own message, whole, except that any known secret it echoes (the secret key, the session
   * token, a secret-looking input member) is replaced by `[redacted]`. `message` quotes at most 2000
   * characters of it, marked where cut.
   */
  readonly serverMessage: string;
  readonly requestId: string;
  /** HTTP status of the response (may be 200). */
  readonly status: number;
  readonly action: string;
  readonly service: string;
  readonly version: string | undefined;
  readonly region: string | undefined;
  /** Whether the SDK considers this error worth retrying (it already did, up to `maxAttempts`). */
  readonly retryable: boolean;

  constructor(init: VolcServiceErrorInit<Code>) {
    // Server text is cut in the message (and so in every log line that quotes it); `serverMessage` keeps it whole.
    super(
      `${capText(init.code, CODE_LIMIT)}: ${capText(init.serverMessage, MESSAGE_LIMIT)} ` +
        `(${init.service} ${init.action}, HTTP ${init.status}, RequestId ${capText(init.requestId, CODE_LIMIT) || 'unknown'})`,
    );
    this.name = 'VolcServiceError';
    this.code = init.code;
    this.codeN = init.codeN;
    this.serverMessage = init.serverMessage;
    this.requestId = init.requestId;
    this.status = init.status;
    this.action = init.action;
    this.service = init.service;
    this.version = init.version;
    this.region = init.region;
    this.retryable = init.retryable;
  }
}

/**
 * Narrows an unknown error to a {@link VolcServiceError}. With `codes`, only errors whose code is one of
 * them match.
 *
 * @example
 * try { await client.describeDBInstances({}) }
 * catch (error) {
 *   if (isVolcServiceError(error, ['InvalidInstanceId.NotFound'])) { ... }
 * }
 */
export function isVolcServiceError<C extends string = string>(
  error: unknown,
  codes?: readonly C[],
): error is VolcServiceError<C | CommonErrorCode> {
  if (!hasErrorKind(error, 'VolcServiceError')) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return codes === undefined || (codes as readonly string[]).includes(code);
}
