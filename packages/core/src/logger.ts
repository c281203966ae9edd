/**
 * Optional logging. The client writes through a {@link Logger} at or above a level; anything that could
 * carry a secret (Authorization, X-Security-Token, secret-looking body fields) is redacted before a
 * line is made.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** Any object with some of these methods: `console`, pino, winston, ... */
export interface Logger {
  debug?(message: string, ...details: unknown[]): void;
  info?(message: string, ...details: unknown[]): void;
  warn?(message: string, ...details: unknown[]): void;
  error?(message: string, ...details: unknown[]): void;
}

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };

/** The logger the client uses inside: level-filtered, never throws. */
export interface LevelLogger {
  readonly level: LogLevel;
  enabled(level: Exclude<LogLevel, 'off'>): boolean;
  log(level: Exclude<LogLevel, 'off'>, message: string, details?: Record<string, unknown>): void;
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(RANK, value);
}

/** Wraps a user logger; without one, nothing is logged. */
export function createLevelLogger(logger: Logger | undefined, level: LogLevel): LevelLogger {
  const threshold = logger ? RANK[level] : RANK.off;
  return {
    level: logger ? level : 'off',
    enabled: (at) => RANK[at] >= threshold,
    log(at, message, details) {
      if (RANK[at] < threshold || !logger) return;
      const write = logger[at];
      if (typeof write !== 'function') return;
      try {
        if (details === undefined) write.call(logger, `[volc-ts] ${message}`);
        else write.call(logger, `[volc-ts] ${message}`, details);
      } catch {
        // A broken logger must not break a call.
      }
    },
  };
}
