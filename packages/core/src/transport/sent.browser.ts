/** The browser build's sent.ts: fetch errors carry no code, so any failure may have sent the request. */
export function mayHaveSent(_cause: unknown): boolean {
  return true;
}
