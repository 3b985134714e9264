import { isRecord } from "./is-record.js";

/** Each level logs what the ones before it log, and more. */
export const LOG_LEVELS = ["off", "error", "warn", "info", "debug"] as const;

export type KirimLogLevel = (typeof LOG_LEVELS)[number];

/** `console` fits; so does any logger with these four methods (pino, winston, a test's recorder). */
export interface KirimLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * The logger's four methods, each guarded so that it never throws into a call (logging must not change what a call
 * does). Throws `refusal` when one is not a function.
 */
export function safeLogger(logger: unknown, refusal: string): KirimLogger {
  const methods = LOG_LEVELS.slice(1).map((level) => {
    const method: unknown = isRecord(logger) ? logger[level] : undefined;
    if (typeof method !== "function") throw new TypeError(refusal);
    return [
      level,
      (message: string) => {
        try {
          method.call(logger, message);
        } catch {
          // A broken logger loses its line, not the call.
        }
      },
    ];
  });
  return Object.fromEntries(methods) as KirimLogger;
}
