import { environmentValue } from "./environment.js";

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

/** `KIRIM_LOG` where there is a `process` (Node, Bun, Deno's compatibility layer); a runtime that denies it reads none. */
export function logLevelFromEnvironment(): string | undefined {
  return environmentValue("KIRIM_LOG");
}

/** The logger's methods, one per level but "off". */
export const LOGGER_METHODS = LOG_LEVELS.slice(1) as (keyof KirimLogger)[];

/** A logger that never throws into a call: logging must not change what a call does. */
export function safeLogger(logger: KirimLogger): KirimLogger {
  const guard =
    (level: keyof KirimLogger) =>
    (message: string): void => {
      try {
        logger[level](message);
      } catch {
        // A broken logger loses its line, not the call.
      }
    };
  return Object.fromEntries(LOGGER_METHODS.map((level) => [level, guard(level)])) as unknown as KirimLogger;
}
