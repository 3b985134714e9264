// `JSON.stringify(error)`, which loggers use: the message, name and fields are kept (an Error's own `message` is not
// enumerable, so JSON would drop it), the headers and body never.
import { expect, test } from "vitest";
import {
  createApiError,
  KirimConnectionError,
  KirimError,
  KirimTimeoutError,
  RateLimitError,
  ValidationError,
} from "../../src/index.ts";
import { errorBody, FIXED_NOW } from "../helpers/fixtures.ts";

const asLogged = (error: unknown) => JSON.parse(JSON.stringify(error));

test("an API error keeps name, message, status, type, code, param and requestId, and leaves out headers and body", () => {
  const headers = new Headers({ "set-cookie": "session=s3cret", "x-request-id": "req_header" });
  const body = errorBody("invalid_request_error", "invalid_email", "email is not a valid address", {
    param: "email",
    request_id: "req_body",
  });
  const error = createApiError(422, body, headers, FIXED_NOW);
  expect(error).toBeInstanceOf(ValidationError);
  expect(asLogged(error)).toEqual({
    name: "ValidationError",
    message: "Kirim API 422 invalid_email: email is not a valid address",
    status: 422,
    type: "invalid_request_error",
    code: "invalid_email",
    param: "email",
    requestId: "req_body",
  });
  expect(JSON.stringify(error)).not.toContain("s3cret");
});

test("a subclass's own fields are kept: retryAfterMs, timeoutMs", () => {
  const limited = createApiError(429, undefined, new Headers({ "retry-after": "2" }), FIXED_NOW);
  expect(limited).toBeInstanceOf(RateLimitError);
  expect(asLogged(limited)).toEqual({
    name: "RateLimitError",
    message: "Kirim API answered 429 without the documented JSON error body: (empty body)",
    status: 429,
    retryAfterMs: 2000,
  });
  expect(asLogged(new KirimTimeoutError(5000))).toEqual({
    name: "KirimTimeoutError",
    message: "Kirim API request timed out after 5000 ms",
    timeoutMs: 5000,
    limit: "timeoutMs",
  });
});

test("a connection error keeps its message; its cause, which is not the client's text, stays out", () => {
  const error = new KirimConnectionError("Kirim API connection failed: refused", {
    cause: new Error("connect ECONNREFUSED with a proxy's echo"),
  });
  expect(asLogged(error)).toEqual({ name: "KirimConnectionError", message: "Kirim API connection failed: refused" });
  expect(asLogged(new KirimError("plain"))).toEqual({ name: "KirimError", message: "plain" });
});
