/**
 * `ErrorEnvelope`: the body of the spec's error responses, its `Error` schema when it has one, else Kirim's
 * `{ error?: { … } }` envelope with every field optional (generated/client.ts decides which).
 */
export type { ErrorEnvelope, KnownErrorCode } from "../generated/client.js";
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
