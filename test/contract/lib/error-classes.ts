// The error class the client must throw for each status (client/README.md's table), written out here rather than read
// from src/errors.ts, so the contract tests check the client against the documented mapping, not against itself.
import {
  AuthenticationError,
  EntitlementError,
  InternalServerError,
  KirimApiError,
  NotFoundError,
  RateLimitError,
  ValidationError,
} from "../../../src/index.ts";

const byStatus: Record<number, new (...args: never[]) => KirimApiError> = {
  401: AuthenticationError,
  402: EntitlementError,
  404: NotFoundError,
  422: ValidationError,
  429: RateLimitError,
};

export function expectedErrorClass(status: number): new (...args: never[]) => KirimApiError {
  return byStatus[status] ?? (status >= 500 ? InternalServerError : KirimApiError);
}
