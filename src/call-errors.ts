// What the client adds to the error a call rejects with, knowing the call: how many attempts it made, and a hint
// when a 404 does not look like the API's.
import { type KirimApiError, KirimError } from "./errors.js";

/** Sets `attempts` on a KirimError (other errors, such as the caller's abort reason, are left as they are). */
export function withAttempts(error: unknown, attempts: number): unknown {
  if (!(error instanceof KirimError)) return error;
  (error as { attempts: number }).attempts = attempts;
  if (attempts > 1) error.message += ` (${attempts} attempts)`;
  return error;
}

/**
 * A 404 without the API's error body most likely comes from another server than the API (a wrong `baseUrl`, a proxy's
 * path), since the API answers an unknown id with its JSON error: the message says so.
 */
export function withBaseUrlHint(error: KirimApiError, baseUrl: string): KirimApiError {
  if (error.status === 404 && error.code === undefined && error.type === undefined)
    error.message += `; the API answers an unknown id with its JSON error body, so check baseUrl (${baseUrl})`;
  return error;
}
