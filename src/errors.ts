import type { KnownErrorCode } from "../generated/client.js";
import { isRecord } from "./is-record.js";
import { mediaType } from "./media-type.js";
import { parseRetryAfterMs } from "./retry-after.js";

/** What an error body says, from Kirim's `{ error: { … } }` envelope or an RFC 9457 problem. */
interface ErrorDetails {
  type?: string | undefined;
  code?: string | undefined;
  message?: string | undefined;
  /** What the message is prefixed with: the code, else the envelope's type or the problem's title. */
  reason?: string | undefined;
  param?: string | undefined;
  request_id?: string | undefined;
}

/**
 * An error's `code`: one the spec documents (completed by editors, checked in comparisons), or any other string a
 * newer server may send.
 */
export type ErrorCode = KnownErrorCode | (string & {});

const SNIPPET_LENGTH = 200;

/** Base class of every error the Kirim client throws (except the caller's own AbortError). */
export class KirimError extends Error {
  /** How many requests the call made, retries included (set by the client on the error a call rejects with). */
  declare readonly attempts?: number;

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // From the table below rather than new.target.name, which a minifying bundler may rename; a subclass of the
    // caller's own keeps its class name.
    this.name = errorNames.get(new.target) ?? new.target.name;
  }

  /** What `JSON.stringify(error)` writes: `name`, `message` (which an Error keeps out of JSON) and its own fields. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this as object) };
  }
}

/** What {@link createApiError} reads from a response, handed to the class it picks. */
export interface KirimApiErrorInit<TStatus extends number = number> {
  status: TStatus;
  message: string;
  headers: Headers;
  body: unknown;
  type?: string | undefined;
  code?: ErrorCode | undefined;
  param?: string | undefined;
  requestId?: string | undefined;
}

/**
 * The API answered, but not with the documented success. Create through {@link createApiError}.
 * `error instanceof KirimApiError` narrows `error` to {@link AnyKirimApiError}, so a `switch (error.status)` narrows
 * it to the class of each status.
 */
export class KirimApiError<TStatus extends number = number> extends KirimError {
  // Declared only, for the type checker: instanceof itself is JavaScript's.
  declare static readonly [Symbol.hasInstance]: <Class>(
    this: Class,
    value: unknown,
  ) => value is InstanceNarrowed<Class>;
  // Declared, not defined: the constructor copies them from `init`, one statement rather than one per field.
  declare readonly status: TStatus;
  /** The envelope's `error.type`, or the problem's `type` URI. */
  declare readonly type: string | undefined;
  declare readonly code: ErrorCode | undefined;
  declare readonly param: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly headers: Headers;
  /** The parsed JSON body (a problem's whole body included), or the raw text when it was not JSON. */
  declare readonly body: unknown;

  constructor(init: KirimApiErrorInit<TStatus>) {
    const { message, ...fields } = init;
    super(message);
    Object.assign(this, fields);
  }

  /** Without `headers` and `body`: a header (`Set-Cookie`…) or a body may hold what a log must not. */
  override toJSON(): Record<string, unknown> {
    const { headers: _headers, body: _body, ...fields } = super.toJSON();
    return fields;
  }
}

/** 422: the request body was rejected. Do not retry it unchanged. */
export class ValidationError extends KirimApiError<422> {}

/** 401: the API key is missing, unknown or revoked. */
export class AuthenticationError extends KirimApiError<401> {}

/** 402: subscription inactive, quota exceeded, or feature not in the plan. */
export class EntitlementError extends KirimApiError<402> {}

/** 404: no such customer in the API key's team. */
export class NotFoundError extends KirimApiError<404> {}

/** 429: too many requests. `retryAfterMs` is set when the server sent a usable `Retry-After`. */
export class RateLimitError extends KirimApiError<429> {
  declare readonly retryAfterMs: number | undefined;

  // Typed here so that `retryAfterMs` is required; the base constructor copies it.
  constructor(init: KirimApiErrorInit<429> & { retryAfterMs: number | undefined }) {
    super(init);
  }
}

/** Any status ≥ 500. */
export class InternalServerError extends KirimApiError<ServerErrorStatus> {}

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type StatusOf<Text> = Text extends `${infer Status extends number}` ? Status : never;
/** What a `fetch` response's status can be: 200 to 599 (no 1xx reaches the caller, and none above 599 exists). */
type ResponseStatus = StatusOf<`${2 | 3 | 4 | 5}${Digit}${Digit}`>;
/** 500 to 599: an {@link InternalServerError}'s status. */
export type ServerErrorStatus = StatusOf<`5${Digit}${Digit}`>;
/** The statuses that no subclass has, which a plain {@link KirimApiError} has. */
export type OtherApiErrorStatus = Exclude<
  ResponseStatus,
  (
    | ValidationError
    | AuthenticationError
    | EntitlementError
    | NotFoundError
    | RateLimitError
    | InternalServerError
  )["status"]
>;

/**
 * Every error {@link createApiError} makes, one class per status (a plain {@link KirimApiError} for the statuses no
 * subclass has): `switch (error.status)` narrows it, `case 429` to a {@link RateLimitError}.
 */
export type AnyKirimApiError =
  | ValidationError
  | AuthenticationError
  | EntitlementError
  | NotFoundError
  | RateLimitError
  | InternalServerError
  | KirimApiError<OtherApiErrorStatus>;

/** What `value instanceof Class` tells: the union for KirimApiError itself, else the instance of the subclass. */
type InstanceNarrowed<Class> = Class extends abstract new (
  ...args: never
) => infer Instance
  ? KirimApiError extends Instance
    ? AnyKirimApiError
    : Instance
  : never;

/** The request did not get a complete response: connection refused or reset, DNS failure, body cut off. */
export class KirimConnectionError extends KirimError {}

/** One attempt took longer than its `timeoutMs`, or the whole call longer than its `totalTimeoutMs`. */
export class KirimTimeoutError extends KirimConnectionError {
  /** The limit that ran out, in milliseconds. */
  declare readonly timeoutMs: number;
  /** Which limit ran out: `timeoutMs` (one attempt) or `totalTimeoutMs` (the whole call, retries included). */
  declare readonly limit: "timeoutMs" | "totalTimeoutMs";

  constructor(timeoutMs: number, options?: ErrorOptions, limit: "timeoutMs" | "totalTimeoutMs" = "timeoutMs") {
    super(
      limit === "timeoutMs"
        ? `Kirim API request timed out after ${timeoutMs} ms`
        : `Kirim API call ran out of its totalTimeoutMs of ${timeoutMs} ms`,
      options,
    );
    this.timeoutMs = timeoutMs;
    this.limit = limit;
  }
}

/** Each class's `name`, set once here as text so that it survives minification. */
const errorNames: ReadonlyMap<object, string> = new Map<object, string>([
  [KirimError, "KirimError"],
  [KirimApiError, "KirimApiError"],
  [ValidationError, "ValidationError"],
  [AuthenticationError, "AuthenticationError"],
  [EntitlementError, "EntitlementError"],
  [NotFoundError, "NotFoundError"],
  [RateLimitError, "RateLimitError"],
  [InternalServerError, "InternalServerError"],
  [KirimConnectionError, "KirimConnectionError"],
  [KirimTimeoutError, "KirimTimeoutError"],
]);

/**
 * The one place that turns a response into an error (the client calls it; exported for code that holds a response
 * of its own, such as a test of an error body): picks the class from the status and reads Kirim's
 * `{ error: { type, code, message, param, request_id } }` body when there is one, else an RFC 9457 problem
 * (`application/problem+json`: `type`, `title`, `detail`, and a `code` member when it has one).
 * `body` is the parsed JSON, or the raw text when the body was not JSON, or undefined when empty.
 * `now` dates a `Retry-After` given as an HTTP date. `documentedSuccess` names the documented 2xx body, for a 2xx
 * that is not it (`{ data, request_id }`).
 */
export function createApiError(
  status: number,
  body: unknown,
  headers: Headers,
  now = Date.now(),
  documentedSuccess = "JSON body",
): AnyKirimApiError {
  const details = readErrorDetails(body, headers);
  const init = {
    status,
    headers,
    body,
    message: describeFailure(status, body, headers, details, documentedSuccess),
    type: details?.type,
    code: details?.code,
    param: details?.param,
    requestId: details?.request_id ?? headers.get("x-request-id") ?? undefined,
  };
  if (status === 429)
    return new RateLimitError({ ...init, status, retryAfterMs: parseRetryAfterMs(headers.get("retry-after"), now) });
  const ErrorClass = classByStatus[status] ?? (status >= 500 ? InternalServerError : KirimApiError);
  // Each class's `status` is typed as its literal, which the status picked it by.
  return new ErrorClass(init as KirimApiErrorInit<never>) as AnyKirimApiError;
}

/** The classes picked by an exact status (429 apart, which reads `Retry-After`). */
const classByStatus: Record<number, (new (init: KirimApiErrorInit<never>) => KirimApiError) | undefined> = {
  401: AuthenticationError,
  402: EntitlementError,
  404: NotFoundError,
  422: ValidationError,
};

function describeFailure(
  status: number,
  body: unknown,
  headers: Headers,
  details: ErrorDetails | undefined,
  documentedSuccess: string,
): string {
  if (status >= 300 && status < 400) {
    const location = headers.get("location");
    return `Kirim API answered ${status} (redirect${location ? ` to ${truncate(location)}` : ""}); redirects are not followed, so the API key is never sent elsewhere`;
  }
  if (details?.message !== undefined) {
    const reason = details.reason;
    return `Kirim API ${status}${reason ? ` ${reason}` : ""}: ${truncate(details.message)}`;
  }
  const expected =
    status >= 200 && status < 300 ? `the documented ${documentedSuccess}` : "the documented JSON error body";
  return `Kirim API answered ${status} without ${expected}: ${bodySnippet(body)}`;
}

function readErrorDetails(body: unknown, headers: Headers): ErrorDetails | undefined {
  if (!isRecord(body)) return undefined;
  const envelope = isRecord(body.error) ? body.error : undefined;
  if (!envelope && mediaType(headers.get("content-type")) !== "application/problem+json") return undefined;
  const text = (field: string) => stringOrUndefined((envelope ?? body)[field]);
  const type = text("type");
  const code = text("code");
  if (envelope) {
    const message = text("message");
    return { type, code, message, reason: code ?? type, param: text("param"), request_id: text("request_id") };
  }
  const title = text("title");
  const detail = text("detail");
  return { type, code, message: detail ?? title, reason: code ?? (detail === undefined ? undefined : title) };
}

function bodySnippet(body: unknown): string {
  if (body === undefined || body === "") return "(empty body)";
  let text: string;
  try {
    text = typeof body === "string" ? body : JSON.stringify(body);
  } catch {
    text = "(body not printable)";
  }
  return truncate(text.replace(/\s+/g, " ").trim());
}

function truncate(text: string): string {
  return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
