import { processEnvironment } from "./environment.js";

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

/** The level's place in {@link LOG_LEVELS}: 0 for off, 4 for debug; undefined for any other value. */
export function logLevelRank(level: unknown): number | undefined {
  const rank = LOG_LEVELS.indexOf(level as KirimLogLevel);
  return rank === -1 ? undefined : rank;
}

/** `KIRIM_LOG` where there is a `process` (Node, Bun, Deno's compatibility layer); a runtime that denies it reads none. */
export function logLevelFromEnvironment(): string | undefined {
  try {
    return processEnvironment()?.KIRIM_LOG;
  } catch {
    return undefined;
  }
}

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
  return { debug: guard("debug"), info: guard("info"), warn: guard("warn"), error: guard("error") };
}
