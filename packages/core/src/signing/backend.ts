/** Picks the signer's crypto backend: node:crypto where the host offers it, Web Crypto elsewhere. */
import { nodeBuiltin } from '../runtime.js';
import { createNodeBackend, webCryptoBackend, type CryptoBackend, type NodeCryptoLike } from './crypto.js';

let selected: CryptoBackend | undefined;

/** The fastest backend this host offers, chosen once on first use (never at import time). */
export function defaultCryptoBackend(): CryptoBackend {
  if (selected) return selected;
  const nodeCrypto = nodeBuiltin<NodeCryptoLike>('node:crypto');
  selected =
    nodeCrypto && typeof nodeCrypto.createHmac === 'function' ? createNodeBackend(nodeCrypto) : webCryptoBackend();
  return selected;
}
