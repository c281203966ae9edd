/**
 * The errors the mock answers with. Codes, CodeN values and statuses 100001-100014 follow Volcengine's
 * published gateway table. The others are not in a public table we could read; their CodeN values are
 * chosen to sit next to them, and their statuses follow what clients see from the service.
 */
export interface ErrorCodeInfo {
  readonly codeN: number;
  readonly status: number;
  /** Default message; `%s` is replaced by the detail given when the error is raised. */
  readonly message: string;
}

export const ERROR_CODES = {
  UndefinedError: { codeN: 100001, status: 500, message: 'Undefined Internal Error. Pls Contact With Admin.' },
  MissingParameter: { codeN: 100002, status: 400, message: 'The request is missing %s parameter.' },
  MissingAuthenticationToken: { codeN: 100003, status: 401, message: 'Request is missing Authentication Token.' },
  MissingRequestInfo: { codeN: 100004, status: 400, message: 'The request is missing %s information.' },
  MissingSignature: { codeN: 100005, status: 401, message: 'The request is missing signature.' },
  InvalidTimestamp: { codeN: 100006, status: 403, message: 'The Signature of the request is expired. %s' },
  ServiceNotFound: { codeN: 100007, status: 404, message: 'This service[%s] not found.' },
  InvalidActionOrVersion: { codeN: 100008, status: 404, message: 'Could not find operation %s.' },
  InvalidAccessKey: { codeN: 100009, status: 401, message: 'The accesskey [%s] included in the request is invalid.' },
  SignatureDoesNotMatch: {
    codeN: 100010,
    status: 401,
    message:
      'The request signature we calculated does not match the signature you provided. Check your Secret Access Key and signing method. Consult the service documentation for details. %s',
  },
  LackPolicy: { codeN: 100012, status: 403, message: 'Request was rejected because of lack of policy.' },
  AccessDenied: { codeN: 100013, status: 403, message: 'User is not authorized to perform: %s.' },
  InternalError: { codeN: 100014, status: 500, message: 'Service has some internal Error. Pls Contact With Admin.' },
  InternalServiceError: {
    codeN: 100015,
    status: 502,
    message: 'Service has some internal Error. Pls Contact With Admin.',
  },
  InternalServiceTimeout: { codeN: 100016, status: 504, message: 'Service timed out while processing the request.' },
  ServiceUnavailableTemp: {
    codeN: 100017,
    status: 503,
    message: 'Service is temporarily unavailable, please retry later.',
  },
  FlowLimitExceeded: { codeN: 100018, status: 429, message: 'Request was denied due to request throttling.' },
  InvalidAuthorization: {
    codeN: 100019,
    status: 400,
    message: 'Invalid Authorization header, Pls check authorization header. %s',
  },
  InvalidParameter: { codeN: 100020, status: 400, message: 'The parameter %s is invalid.' },
  RequestEntityTooLarge: {
    codeN: 100021,
    status: 413,
    message: 'The request body is larger than the limit of %s bytes.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type KnownErrorCode = keyof typeof ERROR_CODES;

/** Looks up a code; an unknown code (a service-specific one from a test) gets 400 and CodeN 0. */
export function errorInfo(code: string): ErrorCodeInfo {
  return (
    (Object.hasOwn(ERROR_CODES, code) ? (ERROR_CODES as Record<string, ErrorCodeInfo>)[code] : undefined) ?? {
      codeN: 0,
      status: 400,
      message: `The request failed with ${code}.`,
    }
  );
}

/** An error the request pipeline raises; the server turns it into a Volcengine error envelope. */
export class MockServiceError extends Error {
  readonly code: string;
  readonly codeN: number;
  readonly status: number;

  constructor(code: string, detail = '', overrides: { status?: number; codeN?: number; message?: string } = {}) {
    const info = errorInfo(code);
    super(overrides.message ?? info.message.replace('%s', detail).trim());
    this.name = 'MockServiceError';
    this.code = code;
    this.codeN = overrides.codeN ?? info.codeN;
    this.status = overrides.status ?? info.status;
  }
}
