/** One request the mock received, as it went over the wire, and how it was answered. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received, for example `/?Action=X&Version=Y`. */
  readonly url: string;
  readonly path: string;
  /** Query parameters; a repeated key holds a list. */
  readonly query: Readonly<Record<string, string | string[]>>;
  /** Headers by lower-case name. They include Authorization and any X-Security-Token, as sent. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body, decoded as UTF-8. */
  readonly body: string;
  readonly receivedAt: Date;
  action?: string;
  version?: string;
  service?: string;
  region?: string;
  /** Access key ID of the signature, when there was one. */
  accessKeyId?: string;
  /** The input as the mock read it (JSON body, or un-flattened query/form), once parsed. */
  input?: Record<string, unknown>;
  /** Status answered; undefined for a dropped connection. */
  status?: number;
  /** `Error.Code` answered, if the answer was an error. */
  errorCode?: string;
  requestId?: string;
  /** Set when a fault was applied to this request. */
  fault?: boolean;
}
