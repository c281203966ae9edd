/** Case names and result shapes of lib/cpu-floor-worker.ts, for measures/9-cpu-vs-floor.ts to read. */
export const FLOOR_HTTP = 'floor: node:http keep-alive + minimal signer + JSON.parse';
export const OURS_HTTP = 'volc-ts RedisClient (node:http)';
export const FLOOR_FETCH = 'floor: fetch + minimal signer + response.json()';
export const OURS_FETCH = 'volc-ts RedisClient, fetch option (fetch called directly)';
export const OURS_KY = 'volc-ts RedisClient, ky over fetch (the browser transport)';
export const SDK_CORE = '@volcengine/sdk-core Client (axios)';

export interface CpuResult {
  readonly name: string;
  readonly inFlight: number;
  /** Median CPU µs per call. */
  readonly cpuUs: number;
  readonly spread: number;
  readonly calls: number;
}

export interface WorkerOutput {
  readonly node: string;
  readonly results: CpuResult[];
}
