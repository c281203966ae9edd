/**
 * The official SDKs' signers behind one call shape, on the shared vector.
 *
 * - `@volcengine/openapi` exports its `Signer` class; it signs by mutating a request object, so every
 *   call gets a fresh one, as its Service does per request.
 * - `@volcengine/sdk-core` does not export its signer (its `exports` map hides everything but the
 *   client). The package ships its TypeScript sources, and its signing middleware calls
 *   `signRequest` from `src/utils/signer.ts`; that very module is loaded here by file path (tsx
 *   compiles it), so the function timed is the one its client runs.
 */
import { fileURLToPath } from 'node:url';
import { Signer } from '@volcengine/openapi';
import type * as SdkCoreSignerModule from '../node_modules/@volcengine/sdk-core/dist/esm/utils/signer.js';
import { ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, SERVICE, SIGNING_VECTOR } from './fixtures.js';

/** Signs the vector at `date` and returns the Authorization header value. */
export type VectorSigner = (date: Date) => string;

export function openapiSigner(): VectorSigner {
  return (date) => {
    const request = {
      region: REGION,
      method: SIGNING_VECTOR.method,
      pathname: SIGNING_VECTOR.path,
      params: { ...SIGNING_VECTOR.query },
      headers: { Host: SIGNING_VECTOR.host } as Record<string, string>,
      body: SIGNING_VECTOR.body,
    };
    new Signer(request, SERVICE).addAuthorization({ accessKeyId: ACCESS_KEY_ID, secretKey: SECRET_ACCESS_KEY }, date);
    return request.headers.Authorization!;
  };
}

const SDK_CORE_SIGNER_SOURCE = new URL('../node_modules/@volcengine/sdk-core/src/utils/signer.ts', import.meta.url);

export async function sdkCoreSigner(): Promise<VectorSigner> {
  const module = (await import(SDK_CORE_SIGNER_SOURCE.href)) as typeof SdkCoreSignerModule;
  return (date) =>
    module.signRequest({
      method: SIGNING_VECTOR.method,
      uri: SIGNING_VECTOR.path,
      query: { ...SIGNING_VECTOR.query },
      headers: {},
      body: SIGNING_VECTOR.body,
      region: REGION,
      serviceName: SERVICE,
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      host: SIGNING_VECTOR.host,
      // The middleware lets it take the clock itself; the formatting is the same function.
      timestamp: module.getDateTime(date),
    }).authorization;
}

/** Where the sdk-core signer source lives, for the report. */
export const sdkCoreSignerPath = fileURLToPath(SDK_CORE_SIGNER_SOURCE);
