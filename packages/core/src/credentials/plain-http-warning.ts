/**
 * The warning for a CLI profile that turns TLS off (`disable-ssl`). Only a host with CLI config files can
 * meet one: the browser build's client-defaults.browser.ts has no profile, and no copy of this module.
 */
import { createLevelLogger, type Logger, type LogLevel } from '../logger.js';

/** Config files whose `disable-ssl` was warned about; each is named once per process. */
const warnedPlainHttp = new Set<string>();

/**
 * Says once per file that a CLI profile turns TLS off: requests, signatures and session tokens then travel
 * in plain HTTP. Through the client's logger when it has one (at its level), else as a process warning (as
 * Node does for `NODE_TLS_REJECT_UNAUTHORIZED=0`).
 */
export function warnPlainHttp(path: string, logger: Logger | null | undefined, level: LogLevel): void {
  // `logger: null` turns warnings off, this one too.
  if (logger === null || level === 'off' || warnedPlainHttp.has(path)) return;
  warnedPlainHttp.add(path);
  const message =
    `the CLI config file ${path} sets disable-ssl: requests (with their signatures and session tokens) go out ` +
    'in plain HTTP, readable and changeable on the way. Remove disable-ssl, or pass `endpoint` to choose';
  if (logger) {
    createLevelLogger(logger, level).log('warn', message);
    return;
  }
  const emit = (globalThis as { process?: { emitWarning?: (message: string, type: string) => void } }).process
    ?.emitWarning;
  if (typeof emit === 'function') emit.call((globalThis as { process?: unknown }).process, message, 'VolcTsWarning');
}
