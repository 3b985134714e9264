import { causeChain } from "./cause-chain.js";
import { KirimApiError, KirimConnectionError, KirimTimeoutError } from "./errors.js";
import { parseRetryAfterMs } from "./retry-after.js";

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504]);
const INITIAL_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 8_000;
/** A server asking for a longer pause than this is not waited for: the error is thrown instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Connection failures that happen before a single byte of the request is sent. */
const NOTHING_SENT_CODES: ReadonlySet<unknown> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * Retry the statuses that mean "try again" and failed connections (timeouts included), nothing else. An operation
 * that may not be safe to repeat (a PATCH or POST the spec does not mark `x-kirim-idempotent`) is retried only when
 * the server cannot have acted on it: a 429, or a connection that failed before anything was sent.
 */
export function shouldRetry(error: unknown, idempotent = true): boolean {
  if (error instanceof KirimApiError) return idempotent ? RETRYABLE_STATUSES.has(error.status) : error.status === 429;
  if (!(error instanceof KirimConnectionError)) return false;
  return idempotent || (!(error instanceof KirimTimeoutError) && nothingSent(error));
}

/** Whether any error along the `cause` chain says nothing was sent. */
function nothingSent(error: unknown): boolean {
  return causeChain(error).some(
    (cause) => cause instanceof Error && NOTHING_SENT_CODES.has((cause as { code?: unknown }).code),
  );
}

/**
 * Exponential backoff for the retry numbered `retryIndex` (0 for the first retry):
 * min(0.5 s · 2ⁿ, 8 s), shortened by up to 25 % at random so that many clients do not retry in step.
 */
export function backoffDelayMs(retryIndex: number, random: () => number): number {
  const ceiling = Math.min(INITIAL_BACKOFF_MS * 2 ** retryIndex, MAX_BACKOFF_MS);
  return Math.round(ceiling * (1 - random() * 0.25));
}

/**
 * How long to wait before retrying after `error`, or undefined when it must not be retried: not a
 * retryable error, or the server's `Retry-After` exceeds {@link MAX_RETRY_AFTER_MS}.
 */
export function retryDelayMs(
  error: unknown,
  retryIndex: number,
  clock: { now: () => number; random: () => number },
  idempotent = true,
): number | undefined {
  if (!shouldRetry(error, idempotent)) return undefined;
  const retryAfterMs =
    error instanceof KirimApiError ? parseRetryAfterMs(error.headers.get("retry-after"), clock.now()) : undefined;
  if (retryAfterMs === undefined) return backoffDelayMs(retryIndex, clock.random);
  return retryAfterMs <= MAX_RETRY_AFTER_MS ? retryAfterMs : undefined;
}
