export { createKirimClient, type KirimClient } from "./client.js";
export {
  AuthenticationError,
  EntitlementError,
  InternalServerError,
  KirimApiError,
  KirimConnectionError,
  KirimError,
  KirimTimeoutError,
  NotFoundError,
  RateLimitError,
  ValidationError,
  createApiError,
  type ErrorCode,
  type KirimApiErrorInit,
} from "./errors.js";
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type KirimClientOptions,
  type KirimFetch,
  type RequestOptions,
} from "./options.js";
export type { ErrorEnvelope } from "./types.js";
export type * from "../generated/schemas.js";
export type { KnownErrorCode } from "../generated/client.js";
