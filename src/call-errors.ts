// What the client adds to the error a call rejects with, knowing the call: how many attempts it made.
import { KirimError } from "./errors.js";

/** Sets `attempts` on a KirimError (other errors, such as the caller's abort reason, are left as they are). */
export function withAttempts(error: unknown, attempts: number): unknown {
  if (!(error instanceof KirimError)) return error;
  (error as { attempts: number }).attempts = attempts;
  if (attempts > 1) error.message += ` (${attempts} attempts)`;
  return error;
}
