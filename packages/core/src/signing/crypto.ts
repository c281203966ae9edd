/**
 * SHA-256 and HMAC-SHA256 for the signer, over two backends with one contract:
 * - `node:crypto` when the host exposes it through `process.getBuiltinModule` (Node, Bun, Deno), which
 *   is synchronous and several times faster than Web Crypto for small inputs;
 * - Web Crypto (`globalThis.crypto.subtle`) everywhere else: browsers, workers, edge runtimes.
 * Neither is imported statically, so bundles for the browser never see `node:crypto`. The choice is made
 * in backend.ts (backend.browser.ts in the browser build: Web Crypto only).
 */
import { toHex } from './encoding.js';

export interface CryptoBackend {
  readonly name: 'node' | 'webcrypto';
  sha256Hex(data: string | Uint8Array): Promise<string>;
  /**
   * HMAC-SHA256 of `stringToSign`, hex, under the signing key derived from the secret for
   * (date, region, service). Derived keys are cached per (secret, date, region, service).
   */
  signHex(secret: string, day: string, region: string, service: string, stringToSign: string): Promise<string>;
  /**
   * The same two operations without a promise, when the backend computes synchronously (node:crypto): the
   * client signs with these and pays no microtask per hash.
   */
  readonly sync?: {
    sha256Hex(data: string | Uint8Array): string;
    signHex(secret: string, day: string, region: string, service: string, stringToSign: string): string;
  };
}

/** Hex SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

// Enough for many clients and regions; a day change makes old keys useless anyway.
const MAX_CACHED_KEYS = 64;

/** A Map that forgets its oldest entry when full. */
class BoundedCache<V> {
  readonly #entries = new Map<string, V>();
  get(key: string): V | undefined {
    return this.#entries.get(key);
  }
  set(key: string, value: V): void {
    if (this.#entries.size >= MAX_CACHED_KEYS) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
  }
  delete(key: string): void {
    this.#entries.delete(key);
  }
}

function cacheKey(secret: string, day: string, region: string, service: string): string {
  return `${day}\n${region}\n${service}\n${secret}`;
}

/** The part of `node:crypto` the signer uses, typed structurally so no Node types leak into d.ts. */
export interface NodeCryptoLike {
  /** One-shot hash (Node >= 20.12): several times faster than `createHash` for small inputs. */
  hash?(algorithm: 'sha256', data: string | Uint8Array, outputEncoding: 'hex'): string;
  createHash(algorithm: 'sha256'): { update(data: string | Uint8Array): { digest(encoding: 'hex'): string } };
  createHmac(
    algorithm: 'sha256',
    key: string | Uint8Array,
  ): { update(data: string): { digest(): Uint8Array; digest(encoding: 'hex'): string } };
}

export function createNodeBackend(crypto: NodeCryptoLike): CryptoBackend {
  const keys = new BoundedCache<Uint8Array>();
  const hmac = (key: string | Uint8Array, data: string) => crypto.createHmac('sha256', key).update(data).digest();
  const sha256Hex = crypto.hash
    ? (data: string | Uint8Array) => crypto.hash!('sha256', data, 'hex')
    : (data: string | Uint8Array) => crypto.createHash('sha256').update(data).digest('hex');
  // The last key used, checked before the cache: a client signs with one (secret, day, region, service)
  // all day, so the usual call builds no cache key string.
  let last: { secret: string; day: string; region: string; service: string; key: Uint8Array } | undefined;
  const signHex = (secret: string, day: string, region: string, service: string, stringToSign: string) => {
    let key: Uint8Array | undefined;
    if (last && last.secret === secret && last.day === day && last.region === region && last.service === service)
      key = last.key;
    else {
      const id = cacheKey(secret, day, region, service);
      key = keys.get(id);
      if (!key) {
        key = hmac(hmac(hmac(hmac(secret, day), region), service), 'request');
        keys.set(id, key);
      }
      last = { secret, day, region, service, key };
    }
    return crypto.createHmac('sha256', key).update(stringToSign).digest('hex');
  };
  return {
    name: 'node',
    async sha256Hex(data) {
      return sha256Hex(data);
    },
    async signHex(secret, day, region, service, stringToSign) {
      return signHex(secret, day, region, service, stringToSign);
    },
    sync: { sha256Hex, signHex },
  };
}

export function createWebCryptoBackend(subtle: SubtleCrypto): CryptoBackend {
  const encoder = new TextEncoder();
  const keys = new BoundedCache<Promise<CryptoKey>>();
  const importHmacKey = (raw: Uint8Array<ArrayBuffer>) =>
    subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const hmac = async (key: Uint8Array<ArrayBuffer>, data: string) =>
    new Uint8Array(await subtle.sign('HMAC', await importHmacKey(key), encoder.encode(data)));
  const derive = async (secret: string, day: string, region: string, service: string) => {
    const kDate = await hmac(encoder.encode(secret), day);
    const kSigning = await hmac(await hmac(await hmac(kDate, region), service), 'request');
    return importHmacKey(kSigning);
  };
  return {
    name: 'webcrypto',
    async sha256Hex(data) {
      // Copying also turns a view over a SharedArrayBuffer into one Web Crypto accepts.
      const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
      return toHex(new Uint8Array(await subtle.digest('SHA-256', bytes)));
    },
    async signHex(secret, day, region, service, stringToSign) {
      const id = cacheKey(secret, day, region, service);
      let key = keys.get(id);
      if (!key) {
        key = derive(secret, day, region, service);
        keys.set(id, key);
        // A failed derivation must not poison the cache.
        key.catch(() => keys.delete(id));
      }
      return toHex(new Uint8Array(await subtle.sign('HMAC', await key, encoder.encode(stringToSign))));
    },
  };
}

/** The Web Crypto backend of this host, or an error that says why there is none. */
export function webCryptoBackend(): CryptoBackend {
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!subtle) {
    throw new Error('volc-ts: no Web Crypto here (globalThis.crypto.subtle); browsers offer it only on https pages');
  }
  return createWebCryptoBackend(subtle);
}
