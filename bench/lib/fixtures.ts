/**
 * The fixed inputs every benchmark shares: the public signing vector of issue 3, the call input,
 * the envelope the local server answers with, and the seed action's sample request.
 */

/** Public example key pair (not a real account). */
export const ACCESS_KEY_ID = 'AKLTexampleaccesskeyid000000000000';
export const SECRET_ACCESS_KEY = 'WkdFeGFtcGxlU2VjcmV0S2V5MDAwMDAwMDAwMDAwMDAwMA==';

export const SERVICE = 'redis';
export const REGION = 'cn-beijing';
export const ACTION = 'DescribeCrossRegionBackups';
export const VERSION = '2020-12-07';

/** The typical Redis POST, signed at a fixed time so every signer must produce the same signature. */
export const SIGNING_VECTOR = {
  method: 'POST',
  host: 'redis.cn-beijing.volcengineapi.com',
  path: '/',
  query: { Action: ACTION, Version: VERSION },
  body: '{"InstanceId":"redis-cnlfabcdef123456","PageNumber":1,"PageSize":10,"Scope":"OneInstance"}',
  date: new Date('2025-01-02T03:04:05Z'),
  expectedSignature: '3986b07e2cc9e60122646ab9fbf8d0c22340118afb94dced48ef31462f73c625',
} as const;

/** The input of every client call; serializes to the vector's body. */
export const CALL_INPUT = {
  InstanceId: 'redis-cnlfabcdef123456',
  PageNumber: 1,
  PageSize: 10,
  Scope: 'OneInstance',
} as const;

/** The seed sample of the spec (its `example`), used for the validation benchmark. */
export const SEED_SAMPLE = {
  Scope: 'AccountInstances',
  PageNumber: 1,
  PageSize: 10,
  BackupPointName: 'testbackup',
} as const;

/** What the local server answers to every request: a successful DescribeCrossRegionBackups. */
export const ENVELOPE = JSON.stringify({
  ResponseMetadata: {
    RequestId: '20250102030405BENCH0000000000000000',
    Action: ACTION,
    Version: VERSION,
    Service: SERVICE,
    Region: REGION,
  },
  Result: {
    Total: 1,
    Backups: [
      {
        BackupPointId: 'b-cn02xmmrp751i9cdzcphjmk4****',
        BackupPointName: 'testbackup',
        BackupStrategy: 'ManualBackup',
        BackupType: 'Full',
        InstanceId: 'redis-cnlfabcdef123456',
        SourceRegion: 'cn-beijing',
        TargetRegion: 'cn-shanghai',
        StartTime: '2025-04-14T12:58:19Z',
        EndTime: '2025-04-14T13:31:17Z',
        Size: 486040,
        Status: 'Available',
        TTL: 7,
      },
    ],
  },
});

/** The signature hex out of an `Authorization` header value. */
export function signatureOf(authorization: string | undefined): string {
  return /Signature=([0-9a-f]+)/.exec(authorization ?? '')?.[1] ?? '(none)';
}
