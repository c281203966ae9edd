/** The browser build's sent.ts: fetch errors carry no code, so any failure may have sent the request. */
export function mayHaveSent(_cause: unknown): boolean {
  return true;
}

/** The browser build's sent.ts: fetch reports no local error codes. */
export function isLocalRequestError(_cause: unknown): boolean {
  return false;
}
