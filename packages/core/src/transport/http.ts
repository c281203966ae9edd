/**
 * One HTTP exchange through ky. ky's own retries and timeout are off (the client's loop does both,
 * re-signing every attempt) and HTTP errors do not throw, so error bodies can be parsed.
 * ky is imported on first use: its module runs feature checks (`new Request()`) that cost
 * milliseconds at import time.
 */
import type { KyInstance } from 'ky';

let kyModule: Promise<KyInstance> | undefined;

function loadKy(): Promise<KyInstance> {
  kyModule ??= import('ky').then((module) => module.default);
  return kyModule;
}

export interface HttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal: AbortSignal;
  readonly fetch?: typeof fetch;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The whole body as text (read under the same signal, so a stalled body times out too). */
  readonly text: string;
}

export async function sendHttp(request: HttpRequest): Promise<HttpResponse> {
  const ky = await loadKy();
  const response = await ky(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    signal: request.signal,
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    ...(request.fetch ? { fetch: request.fetch } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}
