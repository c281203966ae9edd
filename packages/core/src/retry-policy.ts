/** How a client retries: attempts and backoff bounds (retry.ts decides, the client's options set them). */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  /** Backoff base for transient failures, ms. */
  readonly baseDelay: number;
  /** Backoff base for throttling, ms; larger, since the server asked us to slow down. */
  readonly throttlingBaseDelay: number;
  /** Cap of one backoff, ms. */
  readonly maxDelay: number;
  /** A `Retry-After` longer than this is ignored in favour of backoff, ms. */
  readonly maxRetryAfter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelay: 200,
  throttlingBaseDelay: 1_000,
  maxDelay: 20_000,
  maxRetryAfter: 60_000,
};
