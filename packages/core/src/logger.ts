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

/** How many distinct messages the console sink remembers; older ones may be written again after that. */
const REMEMBERED = 1000;
const written = new Set<string>();

/**
 * Where warnings and errors go when a client is given no logger: `console.warn` and `console.error`,
 * each distinct message once per process, so a loop of calls with the same typo says it once.
 */
export const consoleOnce: Logger = {
  warn: (message) => writeOnce('warn', message),
  error: (message) => writeOnce('error', message),
};

function writeOnce(at: 'warn' | 'error', message: string): void {
  const key = `${at} ${message}`;
  if (written.has(key)) return;
  if (written.size >= REMEMBERED) written.delete(written.values().next().value as string);
  written.add(key);
  const console_ = (globalThis as { console?: Partial<Record<'warn' | 'error', (line: string) => void>> }).console;
  console_?.[at]?.(message);
}

/**
 * Wraps the client's logger. `undefined` (no option) writes warnings and errors to the console once per
 * distinct message ({@link consoleOnce}); `null` logs nothing.
 */
export function createLevelLogger(option: Logger | null | undefined, level: LogLevel): LevelLogger {
  const logger = option === null ? undefined : (option ?? consoleOnce);
  // The console sink has no debug or info: those need a logger of the user's.
  const effective: LogLevel = !logger ? 'off' : logger === consoleOnce && RANK[level] < RANK.warn ? 'warn' : level;
  const threshold = RANK[effective];
  return {
    level: effective,
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
