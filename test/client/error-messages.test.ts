// What an error says: the message a developer reads in a log names what failed, and never turns into a crash.
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { createApiError, createKirimClient, KirimApiError, KirimConnectionError } from "../../src/index.ts";
import { customerId, instantRuntime } from "../helpers/fixtures.ts";
import { loopbackForThisFile } from "../helpers/loopback.ts";
import { rejectionOf } from "../helpers/rejection.ts";

const KEY = "sk_test_errorMessages";
const ID = customerId;
const BASE = "http://127.0.0.1:9/v1";

const api = loopbackForThisFile();

/** The error of one call whose fetch throws `thrown`. */
function connectionFailure(thrown: unknown): Promise<unknown> {
  const fetch = () => Promise.reject(thrown);
  const client = createKirimClientWithRuntime(
    { apiKey: KEY, baseUrl: BASE, fetch, maxRetries: 0 },
    instantRuntime().runtime,
  );
  return rejectionOf(client.customers.update(ID, { name: "Ada" }));
}

describe("a connection error names the base URL and the chain of causes", () => {
  test("as undici reports a refused connection", async () => {
    const error = await connectionFailure(
      new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") }),
    );
    expect(error).toBeInstanceOf(KirimConnectionError);
    expect((error as Error).name).toBe("KirimConnectionError");
    expect((error as Error).message).toBe(
      `Kirim API connection failed (${BASE}): fetch failed: connect ECONNREFUSED 127.0.0.1:9`,
    );
  });

  test("the first four causes at most", async () => {
    let thrown: Error = new Error("level 5");
    for (let level = 4; level >= 0; level--) thrown = new Error(`level ${level}`, { cause: thrown });
    const error = await connectionFailure(thrown);
    expect((error as Error).message).toBe(`Kirim API connection failed (${BASE}): level 0: level 1: level 2: level 3`);
  });

  test("skipping causes without a message, and reading thrown non-errors", async () => {
    expect(((await connectionFailure(new Error("", { cause: new Error("socket hang up") }))) as Error).message).toBe(
      `Kirim API connection failed (${BASE}): socket hang up`,
    );
    expect(((await connectionFailure("socket gone")) as Error).message).toBe(
      `Kirim API connection failed (${BASE}): socket gone`,
    );
  });

  test("and says so when nothing says what happened", async () => {
    expect(((await connectionFailure(new Error(""))) as Error).message).toBe(
      `Kirim API connection failed (${BASE}): unknown network error`,
    );
  });
});

describe("an API error without the documented body says what came instead", () => {
  /** The error of one call answered `status` with JSON headers and an empty chunked body (no Content-Length). */
  function emptyAnswer(status: number): Promise<unknown> {
    api.respondWith((res) => {
      res.writeHead(status, { "content-type": "application/json", connection: "close" });
      res.end();
    });
    const client = createKirimClientWithRuntime(
      { apiKey: KEY, baseUrl: `${api.origin}/v1`, maxRetries: 0 },
      instantRuntime().runtime,
    );
    return rejectionOf(client.customers.update(ID, { name: "Ada" }));
  }

  test("an empty error body (chunked, no Content-Length)", async () => {
    const error = await emptyAnswer(503);
    expect((error as Error).message).toBe(
      "Kirim API answered 503 without the documented JSON error body: (empty body)",
    );
    expect((error as KirimApiError).body).toBeUndefined();
  });

  test("an empty 200 body is no body at all, not an empty string", async () => {
    const error = await emptyAnswer(200);
    expect(error).toBeInstanceOf(KirimApiError);
    expect((error as KirimApiError).body).toBeUndefined();
  });

  test("a text body is quoted on one line, without the padding around it", () => {
    expect(createApiError(502, "\n   Bad   gateway \n\n", new Headers()).message).toBe(
      "Kirim API answered 502 without the documented JSON error body: Bad gateway",
    );
  });

  test("an empty text body handed to createApiError says so, as an absent one does", () => {
    expect(createApiError(500, "", new Headers()).message).toBe(
      "Kirim API answered 500 without the documented JSON error body: (empty body)",
    );
  });

  test("a redirect without a Location", () => {
    expect(createApiError(302, undefined, new Headers()).message).toBe(
      "Kirim API answered 302 (redirect); redirects are not followed, so the API key is never sent elsewhere",
    );
  });

  test("createApiError never throws on a body it cannot print", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const error = createApiError(500, circular, new Headers());
    expect(error.message).toBe("Kirim API answered 500 without the documented JSON error body: (body not printable)");
    expect(error.body).toBe(circular);
  });
});

describe("an invalid option names where it was given", () => {
  test("at construction", () => {
    expect(() => createKirimClient({ apiKey: KEY, headers: null as unknown as HeadersInit })).toThrow(
      new TypeError("createKirimClient: options.headers must be a Headers, an object or [name, value] pairs"),
    );
  });

  test("per call", async () => {
    const client = createKirimClient({ apiKey: KEY, baseUrl: BASE });
    await expect(client.customers.update(ID, { name: "Ada" }, { headers: { "bad header": "x" } })).rejects.toThrow(
      new TypeError("customers.update: options.headers holds a header name or value that HTTP does not allow"),
    );
  });
});
