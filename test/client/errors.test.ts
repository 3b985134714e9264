import { describe, expect, test } from "vitest";
import * as errors from "../../src/errors.ts";
import { FIXED_NOW as NOW } from "../helpers/fixtures.ts";

const envelope = {
  error: {
    type: "invalid_request_error",
    code: "invalid_email",
    message: "email is not a valid address",
    param: "email",
    request_id: "req_body",
  },
};

describe("createApiError", () => {
  test.each([
    [422, errors.ValidationError],
    [401, errors.AuthenticationError],
    [402, errors.EntitlementError],
    [404, errors.NotFoundError],
    [429, errors.RateLimitError],
    [500, errors.InternalServerError],
    [502, errors.InternalServerError],
    [503, errors.InternalServerError],
    [599, errors.InternalServerError],
  ])("%i becomes %o", (status, expectedClass) => {
    const error = errors.createApiError(status, envelope, new Headers(), NOW);
    expect(error).toBeInstanceOf(expectedClass);
    expect(error).toBeInstanceOf(errors.KirimApiError);
    expect(error).toBeInstanceOf(errors.KirimError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(expectedClass.name);
    expect(error.status).toBe(status);
  });

  test.each([200, 302, 400, 403, 405, 408, 409, 418])("%i becomes a plain KirimApiError", (status) => {
    const error = errors.createApiError(status, envelope, new Headers(), NOW);
    expect(error.constructor).toBe(errors.KirimApiError);
    expect(error.name).toBe("KirimApiError");
    expect(error.status).toBe(status);
  });

  test("reads every field of the documented error body", () => {
    const headers = new Headers({ "x-request-id": "req_header" });
    const error = errors.createApiError(422, envelope, headers, NOW);
    expect(error).toMatchObject({
      status: 422,
      type: "invalid_request_error",
      code: "invalid_email",
      param: "email",
      requestId: "req_body",
      message: "Kirim API 422 invalid_email: email is not a valid address",
      body: envelope,
    });
    expect(error.headers.get("x-request-id")).toBe("req_header");
  });

  test("takes the request id from x-request-id when the body has none", () => {
    const error = errors.createApiError(500, "<h1>oops</h1>", new Headers({ "x-request-id": "req_header" }), NOW);
    expect(error.requestId).toBe("req_header");
    expect(errors.createApiError(500, "", new Headers(), NOW).requestId).toBeUndefined();
  });

  test("names the status and quotes a short, one-line snippet of a body that is not the envelope", () => {
    const html = `<html>\n  <head><title>502 Bad Gateway</title></head>\n  <body>${"x".repeat(5_000)}</body>\n</html>`;
    const error = errors.createApiError(502, html, new Headers(), NOW);
    expect(error.message).toMatch(
      /^Kirim API answered 502 without the documented JSON error body: <html> <head><title>502 Bad Gateway/,
    );
    expect(error.message.length).toBeLessThan(320);
    expect(error.message).not.toContain("\n");
    expect(error.body).toBe(html);
    expect(error.code).toBeUndefined();
  });

  test("describes an empty body and JSON that lacks the envelope", () => {
    expect(errors.createApiError(500, undefined, new Headers(), NOW).message).toBe(
      "Kirim API answered 500 without the documented JSON error body: (empty body)",
    );
    expect(errors.createApiError(400, { detail: "nope" }, new Headers(), NOW).message).toContain('{"detail":"nope"}');
    expect(errors.createApiError(400, { error: "just a string" }, new Headers(), NOW).code).toBeUndefined();
    expect(errors.createApiError(200, { data: null }, new Headers(), NOW, "{ data, request_id } JSON").message).toBe(
      'Kirim API answered 200 without the documented { data, request_id } JSON: {"data":null}',
    );
  });

  test.each([
    ["application/problem+json", true],
    ["Application/Problem+JSON ; charset=utf-8", true],
    ["application/problem+jsonp", false],
    ["text/x-application/problem+json", false],
    ["application/json", false],
  ])("a %s body is read as a problem: %s", (contentType, isProblem) => {
    const problem = { type: "https://example.com/probs/x", title: "Gone", detail: "It went." };
    const error = errors.createApiError(410, problem, new Headers({ "content-type": contentType }));
    expect(error.type).toBe(isProblem ? problem.type : undefined);
    expect(error.message.startsWith("Kirim API 410 Gone: It went.")).toBe(isProblem);
  });

  test("an envelope without a code is introduced by its type", () => {
    const error = errors.createApiError(
      400,
      { error: { type: "invalid_request_error", message: "bad" } },
      new Headers(),
    );
    expect(error.message).toBe("Kirim API 400 invalid_request_error: bad");
  });

  test("ignores envelope fields of the wrong type", () => {
    const error = errors.createApiError(
      404,
      { error: { code: 7, message: "gone", param: {}, request_id: [] } },
      new Headers(),
      NOW,
    );
    expect(error).toMatchObject({
      code: undefined,
      param: undefined,
      requestId: undefined,
      message: "Kirim API 404: gone",
    });
  });

  test("explains a redirect it did not follow", () => {
    const error = errors.createApiError(302, "", new Headers({ location: "https://elsewhere.example/x" }), NOW);
    expect(error.message).toContain("302");
    expect(error.message).toContain("https://elsewhere.example/x");
    expect(error.message).toContain("not followed");
  });

  test("RateLimitError carries retryAfterMs only when the server said", () => {
    const inSeconds = errors.createApiError(429, envelope, new Headers({ "retry-after": "3" }), NOW);
    const asDate = errors.createApiError(
      429,
      envelope,
      new Headers({ "retry-after": new Date(NOW + 9_000).toUTCString() }),
      NOW,
    );
    const silent = errors.createApiError(429, envelope, new Headers(), NOW);
    expect((inSeconds as errors.RateLimitError).retryAfterMs).toBe(3_000);
    expect((asDate as errors.RateLimitError).retryAfterMs).toBe(9_000);
    expect((silent as errors.RateLimitError).retryAfterMs).toBeUndefined();
  });
});

describe("connection errors", () => {
  test("keep their cause; a timeout is a connection error", () => {
    const cause = new TypeError("fetch failed");
    const connection = new errors.KirimConnectionError("refused", { cause });
    const timeout = new errors.KirimTimeoutError(250, { cause });
    expect(connection.cause).toBe(cause);
    expect(connection).toBeInstanceOf(errors.KirimError);
    expect(connection).not.toBeInstanceOf(errors.KirimApiError);
    expect(timeout).toBeInstanceOf(errors.KirimConnectionError);
    expect(timeout).toMatchObject({ name: "KirimTimeoutError", timeoutMs: 250, cause });
    expect(timeout.message).toBe("Kirim API request timed out after 250 ms");
  });
});

describe("error names", () => {
  /** Every error class src/errors.ts exports: ten today, KirimError and all that extend it. */
  const classes = Object.entries(errors).filter(
    ([, value]) => typeof value === "function" && (value.prototype as unknown) instanceof Error,
  );

  test("each class's name is its own, as text that a minifying bundler cannot rename", async () => {
    const { build } = await import("esbuild");
    const bundled = await build({
      entryPoints: ["src/index.ts"],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "node",
      write: false,
    });
    const minified = (await import(
      `data:text/javascript,${encodeURIComponent(bundled.outputFiles[0]!.text)}`
    )) as Record<string, unknown>;
    expect(classes).toHaveLength(10);
    for (const [name, ErrorClass] of classes) {
      const init = { status: 500, message: "m", headers: new Headers(), body: undefined, retryAfterMs: undefined };
      const make = (Class: unknown) =>
        name === "KirimTimeoutError"
          ? new (Class as typeof errors.KirimTimeoutError)(1)
          : new (Class as typeof errors.KirimApiError)(init as never);
      expect(make(ErrorClass).name).toBe(name);
      expect(make(minified[name]).name, `${name} after minification`).toBe(name);
    }
  });
});
