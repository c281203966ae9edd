/** The browser build's crypto backend: Web Crypto only (see backend.ts). */
import { webCryptoBackend, type CryptoBackend } from './crypto.js';

let selected: CryptoBackend | undefined;

/** Web Crypto, chosen once on first use (never at import time). */
export function defaultCryptoBackend(): CryptoBackend {
  return (selected ??= webCryptoBackend());
}
