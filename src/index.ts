export type { KnownErrorCode } from "../generated/client.js";
export type * from "../generated/schemas.js";
export type { KirimPromise, WithResponse } from "./api-promise.js";
export { createKirimClient, type KirimClient } from "./client.js";
export {
  type AnyKirimApiError,
  AuthenticationError,
  createApiError,
  EntitlementError,
  type ErrorCode,
  InternalServerError,
  KirimApiError,
  type KirimApiErrorInit,
  KirimConnectionError,
  KirimError,
  KirimTimeoutError,
  NotFoundError,
  RateLimitError,
  ValidationError,
} from "./errors.js";
export {
  type KirimAttemptInfo,
  type KirimErrorEvent,
  KirimHookError,
  type KirimHooks,
  type KirimRequestEvent,
  type KirimResponseEvent,
} from "./hooks.js";
export type { KirimLogger, KirimLogLevel } from "./logger.js";
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type KirimClientOptions,
  type KirimFetch,
  type KirimHeadersInit,
  type RequestOptions,
} from "./options.js";
export type { ErrorEnvelope } from "./types.js";
