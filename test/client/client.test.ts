import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import * as kirim from "../../src/index.ts";
import { sleep } from "../../src/runtime.ts";
import { customerEnvelope, customerId, errorBody, FIXED_NOW, instantRuntime } from "../helpers/fixtures.ts";
import { loopbackForThisFile, refusedPort, sendJson, startLoopback } from "../helpers/loopback.ts";
import { rejectionOf } from "../helpers/rejection.ts";

const KEY = "sk_test_4f9Q2xLoopbackSecret";
const ID = customerId;
const BODY = { email: "hello@example.com", metadata: { plan: "pro" } };

// Room for the 10 000-character ids, which make request lines far longer than Node's 16 KiB default.
const api = loopbackForThisFile({ maxHeaderSize: 1024 * 1024 });
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(() => {
  process.on("unhandledRejection", onUnhandled);
});
afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
});
afterEach(async () => {
  await new Promise((resolve) => setImmediate(resolve));
  expect(unhandled).toEqual([]);
});

function kirimClient(options: Partial<kirim.KirimClientOptions> = {}) {
  const { runtime, sleeps } = instantRuntime();
  const client = createKirimClientWithRuntime({ apiKey: KEY, baseUrl: `${api.origin}/v1`, ...options }, runtime);
  return { client, sleeps };
}

describe("a successful update", () => {
  test("resolves to { data, request_id } after one PATCH with the key, JSON body and extra headers", async () => {
    const envelope = customerEnvelope();
    api.respondWith((res) => sendJson(res, 200, envelope));
    const { client } = kirimClient({ headers: { "x-client-header": "a" } });

    const result = await client.customers.update(ID, BODY, { headers: { "x-call-header": "b" } });

    expect(result).toEqual(envelope);
    expect(api.seen).toHaveLength(1);
    const [seen] = api.seen;
    expect(seen).toMatchObject({ method: "PATCH", rawUrl: `/v1/customers/${ID}`, body: JSON.stringify(BODY) });
    expect(seen?.headers).toMatchObject({
      authorization: `Bearer ${KEY}`,
      "content-type": "application/json",
      "x-client-header": "a",
      "x-call-header": "b",
    });
  });

  test("a caller's own Authorization header is never overwritten by the key: the call's, else the client's", async () => {
    api.respondWith((res) => sendJson(res, 200, customerEnvelope()));
    const { client } = kirimClient({ headers: { authorization: "Bearer other" } });
    await client.customers.update(ID, BODY, { headers: { Authorization: "Bearer third" } });
    await client.customers.update(ID, BODY);
    expect(api.seen.map((seen) => seen.headers.authorization)).toEqual(["Bearer third", "Bearer other"]);
  });

  test("accepts a 200 with fields the spec does not list yet", async () => {
    const envelope = { ...customerEnvelope(), extra: true, data: { ...customerEnvelope().data, plan_tier: "gold" } };
    api.respondWith((res) => sendJson(res, 200, envelope));
    await expect(kirimClient().client.customers.update(ID, BODY)).resolves.toEqual(envelope);
  });
});

describe("retries", () => {
  test("503 then 200: two attempts, one backoff pause, identical bytes sent twice", async () => {
    api.respondWith((res, _seen, index) =>
      index === 0
        ? sendJson(res, 503, errorBody("api_error", "unavailable", "try later"))
        : sendJson(res, 200, customerEnvelope()),
    );
    const { client, sleeps } = kirimClient();
    const body = { name: "Ada", metadata: { nested: { list: [1, "two", null] }, ü: "é" } };

    await expect(client.customers.update(ID, body)).resolves.toEqual(customerEnvelope());

    expect(api.seen).toHaveLength(2);
    expect(sleeps).toEqual([438]); // 500 ms × (1 − 0.5 × 0.25)
    expect(api.seen[1]?.body).toBe(api.seen[0]?.body);
    expect(api.seen[1]?.rawUrl).toBe(api.seen[0]?.rawUrl);
    expect(api.seen[1]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  test("the body is serialised once: mutating it during a retry changes nothing on the wire", async () => {
    const body: { name: string } = { name: "first" };
    api.respondWith((res, _seen, index) => {
      body.name = "mutated";
      return index === 0 ? sendJson(res, 502, {}) : sendJson(res, 200, customerEnvelope());
    });
    await kirimClient().client.customers.update(ID, body);
    expect(api.seen.map((seen) => seen.body)).toEqual(['{"name":"first"}', '{"name":"first"}']);
  });

  test("500 on every attempt: exactly maxRetries + 1 attempts, then InternalServerError", async () => {
    api.respondWith((res) => sendJson(res, 500, errorBody("api_error", "internal_error", "boom")));
    const { client, sleeps } = kirimClient({ maxRetries: 3 });

    const error = await rejectionOf(client.customers.update(ID, BODY));

    expect(error).toBeInstanceOf(kirim.InternalServerError);
    expect(error).toMatchObject({ status: 500, code: "internal_error", requestId: "req_01HXYZERROR" });
    expect(api.seen).toHaveLength(4);
    expect(sleeps).toEqual([438, 875, 1750]);
  });

  test("maxRetries 0 per call: one attempt", async () => {
    api.respondWith((res) => sendJson(res, 503, {}));
    await expect(kirimClient().client.customers.update(ID, BODY, { maxRetries: 0 })).rejects.toBeInstanceOf(
      kirim.InternalServerError,
    );
    expect(api.seen).toHaveLength(1);
  });

  test.each([
    ["1", 1000],
    ["1.25", 1250],
  ])(
    "429 with Retry-After: %s waits %i ms (decimal seconds to the millisecond), then succeeds",
    async (retryAfter, pause) => {
      api.respondWith((res, _seen, index) =>
        index === 0
          ? sendJson(res, 429, errorBody("rate_limit_error", "rate_limited", "slow down"), {
              "retry-after": retryAfter,
            })
          : sendJson(res, 200, customerEnvelope()),
      );
      const { client, sleeps } = kirimClient();
      await expect(client.customers.update(ID, BODY)).resolves.toEqual(customerEnvelope());
      expect(sleeps).toEqual([pause]);
      expect(api.seen).toHaveLength(2);
    },
  );

  test("429 with Retry-After as an HTTP date waits until that date", async () => {
    const retryAt = new Date(FIXED_NOW + 30_000).toUTCString();
    api.respondWith((res, _seen, index) =>
      index === 0 ? sendJson(res, 429, {}, { "retry-after": retryAt }) : sendJson(res, 200, customerEnvelope()),
    );
    const { client, sleeps } = kirimClient();
    await client.customers.update(ID, BODY);
    expect(sleeps).toEqual([30_000]);
  });

  test("Retry-After beyond 60 s: no retry, RateLimitError with retryAfterMs", async () => {
    api.respondWith((res) =>
      sendJson(res, 429, errorBody("rate_limit_error", "rate_limited", "slow down"), { "retry-after": "120" }),
    );
    const { client, sleeps } = kirimClient();
    const error = await rejectionOf(client.customers.update(ID, BODY));
    expect(error).toBeInstanceOf(kirim.RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000, code: "rate_limited" });
    expect(api.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test("429 on every attempt ends in RateLimitError after maxRetries + 1 attempts", async () => {
    api.respondWith((res) =>
      sendJson(res, 429, errorBody("rate_limit_error", "rate_limited", "slow down"), { "retry-after": "2" }),
    );
    const { client, sleeps } = kirimClient({ maxRetries: 1 });
    const error = await rejectionOf(client.customers.update(ID, BODY));
    expect(error).toBeInstanceOf(kirim.RateLimitError);
    expect((error as kirim.RateLimitError).retryAfterMs).toBe(2000);
    expect(api.seen).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  test.each([408, 409, 504])("%i is retried, then surfaces with its status", async (status) => {
    api.respondWith((res) => sendJson(res, status, errorBody("api_error", `status_${status}`, "again")));
    const error = await rejectionOf(kirimClient().client.customers.update(ID, BODY));
    expect(error).toBeInstanceOf(kirim.KirimApiError);
    expect((error as kirim.KirimApiError).status).toBe(status);
    expect(api.seen).toHaveLength(3);
  });
});

describe("errors that are not retried", () => {
  test.each([
    [401, kirim.AuthenticationError, "authentication_error", "invalid_api_key"],
    [402, kirim.EntitlementError, "billing_error", "quota_exceeded"],
    [404, kirim.NotFoundError, "invalid_request_error", "resource_missing"],
    [422, kirim.ValidationError, "invalid_request_error", "invalid_email"],
  ])("%i → %o after one attempt, with every field", async (status, errorClass, type, code) => {
    const body = errorBody(type, code, `message for ${status}`, { param: "email" });
    api.respondWith((res) => sendJson(res, status, body, { "x-request-id": "req_header", "retry-after": "1" }));
    const { client, sleeps } = kirimClient();

    const error = await rejectionOf(client.customers.update(ID, BODY));

    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(kirim.KirimApiError);
    expect(error).toBeInstanceOf(kirim.KirimError);
    expect(error).toMatchObject({
      status,
      type,
      code,
      param: "email",
      requestId: "req_01HXYZERROR",
      message: `Kirim API ${status} ${code}: message for ${status}`,
      body,
    });
    expect((error as kirim.KirimApiError).headers.get("x-request-id")).toBe("req_header");
    expect(api.seen).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test.each([400, 403])("%i → a plain KirimApiError", async (status) => {
    api.respondWith((res) => sendJson(res, status, errorBody("invalid_request_error", "nope", "no")));
    const error = await rejectionOf(kirimClient().client.customers.update(ID, BODY));
    expect((error as kirim.KirimApiError).constructor).toBe(kirim.KirimApiError);
    expect((error as kirim.KirimApiError).status).toBe(status);
    expect(api.seen).toHaveLength(1);
  });
});

describe("bodies that are not what the spec documents", () => {
  test("a 502 HTML page → an error naming the status with a snippet of the page", async () => {
    const page =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center>nginx</center></body>\r\n</html>";
    api.respondWith((res) => {
      res.writeHead(502, { "content-type": "text/html", "x-request-id": "req_proxy" });
      res.end(page);
    });
    const error = await rejectionOf(kirimClient().client.customers.update(ID, BODY));
    expect(error).toBeInstanceOf(kirim.KirimApiError);
    expect(error).toMatchObject({ status: 502, body: page, requestId: "req_proxy", code: undefined });
    expect((error as Error).message).toContain("502");
    expect((error as Error).message).toContain("<title>502 Bad Gateway</title>");
    expect(api.seen).toHaveLength(3);
  });

  test.each([
    [
      "truncated JSON",
      '{"data":{"id":"cus_1","name":"Ad',
      /answered 200 without .* \{"data":\{"id":"cus_1","name":"Ad$/,
    ],
    ["not JSON", "<html>ok</html>", /answered 200 without .*<html>ok<\/html>/],
    ["JSON without data", '{"request_id":"req_1"}', /answered 200 without .*request_id/],
    ["data that is not an object", '{"data":"cus_1","request_id":"req_1"}', /answered 200/],
    ["no request_id", JSON.stringify({ data: customerEnvelope().data }), /answered 200/],
    ["JSON null", "null", /answered 200 without .*null/],
    ["an empty body", "", /answered 200 without .*\(empty body\)/],
  ])(
    "a 200 with %s → KirimApiError naming the status, not a SyntaxError; not retried",
    async (_label, text, message) => {
      api.respondWith((res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.end(text);
      });
      const error = await rejectionOf(kirimClient().client.customers.update(ID, BODY));
      expect(error).toBeInstanceOf(kirim.KirimApiError);
      expect(error).not.toBeInstanceOf(SyntaxError);
      expect((error as kirim.KirimApiError).status).toBe(200);
      expect((error as Error).message).toMatch(message);
      expect(api.seen).toHaveLength(1);
    },
  );

  test("an empty chunked 200 (no Content-Length) → KirimApiError", async () => {
    api.respondWith((res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end();
    });
    const error = await rejectionOf(kirimClient().client.customers.update(ID, BODY));
    expect(error).toBeInstanceOf(kirim.KirimApiError);
    expect((error as Error).message).toBe(
      "Kirim API answered 200 without the documented { data, request_id } JSON: (empty body)",
    );
  });

  test("a 204 → KirimApiError", async () => {
    api.respondWith((res) => {
      res.writeHead(204);
      res.end();
    });
    const error = await rejectionOf(kirimClient().client.customers.update(ID, BODY));
    expect(error).toMatchObject({ status: 204, name: "KirimApiError" });
  });
});

describe("connection failures and timeouts", () => {
  test("connection refused → KirimConnectionError with its cause, after maxRetries + 1 attempts", async () => {
    const port = await refusedPort();
    let attempts = 0;
    const { client, sleeps } = kirimClient({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      fetch: (request) => {
        attempts++;
        return fetch(request);
      },
    });
    const error = await rejectionOf(client.customers.update(ID, BODY));
    expect(error).toBeInstanceOf(kirim.KirimConnectionError);
    expect(error).not.toBeInstanceOf(kirim.KirimTimeoutError);
    expect((error as Error).message).toContain("ECONNREFUSED");
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(attempts).toBe(3);
    expect(sleeps).toEqual([438, 875]);
  });

  test("connection reset in the middle of the body → KirimConnectionError, retried", async () => {
    api.respondWith((res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write('{"data":{"id":"cus_');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const error = await rejectionOf(kirimClient().client.customers.update(ID, BODY));
    expect(error).toBeInstanceOf(kirim.KirimConnectionError);
    expect((error as Error).cause).toBeDefined();
    expect(api.seen).toHaveLength(3);
  });

  test("reset then success: the retry recovers", async () => {
    api.respondWith((res, _seen, index) => {
      if (index > 0) return sendJson(res, 200, customerEnvelope());
      res.socket?.destroy();
    });
    await expect(kirimClient().client.customers.update(ID, BODY)).resolves.toEqual(customerEnvelope());
    expect(api.seen).toHaveLength(2);
  });

  test("a server that never answers → KirimTimeoutError per attempt", async () => {
    api.respondWith(() => {});
    const started = performance.now();
    const error = await rejectionOf(kirimClient({ timeoutMs: 100, maxRetries: 1 }).client.customers.update(ID, BODY));
    expect(error).toBeInstanceOf(kirim.KirimTimeoutError);
    expect(error).toBeInstanceOf(kirim.KirimConnectionError);
    expect(error).toMatchObject({ timeoutMs: 100, message: "Kirim API request timed out after 100 ms (2 attempts)" });
    expect(api.seen).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  test("the timeout also covers a body that stops arriving", async () => {
    api.respondWith((res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write('{"data":');
    });
    const error = await rejectionOf(
      kirimClient({ maxRetries: 0 }).client.customers.update(ID, BODY, { timeoutMs: 80 }),
    );
    expect(error).toBeInstanceOf(kirim.KirimTimeoutError);
    expect((error as kirim.KirimTimeoutError).timeoutMs).toBe(80);
  });
});

describe("the caller's signal", () => {
  test("aborting mid-request rejects with the standard AbortError, not retried", async () => {
    const controller = new AbortController();
    // Aborted once the server holds the request (a fixed delay raced a slow first connection on a loaded machine).
    api.respondWith(() => controller.abort());
    const call = kirimClient().client.customers.update(ID, BODY, { signal: controller.signal });
    const error = await rejectionOf(call);
    expect(error).toBe(controller.signal.reason);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(error).not.toBeInstanceOf(kirim.KirimError);
    expect(api.seen).toHaveLength(1);
  });

  test("an already aborted signal sends nothing", async () => {
    const error = await rejectionOf(kirimClient().client.customers.update(ID, BODY, { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(api.seen).toHaveLength(0);
  });

  test("aborting during the backoff pause stops the retries", async () => {
    api.respondWith((res) => sendJson(res, 503, {}));
    const controller = new AbortController();
    const client = createKirimClientWithRuntime(
      { apiKey: KEY, baseUrl: `${api.origin}/v1` },
      {
        sleep(ms, signal) {
          const pause = sleep(ms, signal);
          controller.abort();
          return pause;
        },
        random: () => 0,
        now: Date.now,
      },
    );
    const error = await rejectionOf(client.customers.update(ID, BODY, { signal: controller.signal }));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(api.seen).toHaveLength(1);
  });
});

describe("hostile input stays where it belongs", () => {
  test.each([
    ["../x", "..%2Fx"],
    ["a/b", "a%2Fb"],
    ["?", "%3F"],
    ["#", "%23"],
    ["%", "%25"],
    ["%2e%2e", "%252e%252e"],
    ["...", "..."],
    [" cus 1 ", "%20cus%201%20"],
    ["é💥中", "%C3%A9%F0%9F%92%A5%E4%B8%AD"],
    ["cus_1?expand=all#x", "cus_1%3Fexpand%3Dall%23x"],
    ["{id}", "%7Bid%7D"],
    ["a\u0000b\r\nc", "a%00b%0D%0Ac"],
  ])("id %j arrives as the single segment %s", async (id, segment) => {
    api.respondWith((res) => sendJson(res, 200, customerEnvelope()));
    await kirimClient().client.customers.update(id, BODY);
    expect(api.seen[0]?.rawUrl).toBe(`/v1/customers/${segment}`);
    expect(decodeURIComponent(segment)).toBe(id);
  });

  test.each([
    ["ascii", "a".repeat(10_000)],
    ["unicode", "é".repeat(10_000)],
    ["slashes", "../".repeat(3_334).slice(0, 10_000)],
  ])("a 10 000-character %s id stays one segment", async (_label, id) => {
    api.respondWith((res) => sendJson(res, 200, customerEnvelope()));
    await kirimClient().client.customers.update(id, BODY);
    const rawUrl = api.seen[0]?.rawUrl ?? "";
    const segment = rawUrl.slice("/v1/customers/".length);
    expect(rawUrl.startsWith("/v1/customers/")).toBe(true);
    expect(segment).not.toMatch(/[/?#]/);
    expect(decodeURIComponent(segment)).toBe(id);
  });

  test("a redirect to another origin is not followed: no Authorization arrives there", async () => {
    const elsewhere = await startLoopback();
    try {
      elsewhere.respondWith((res) => sendJson(res, 200, customerEnvelope()));
      api.respondWith((res) => {
        res.writeHead(302, { location: `${elsewhere.origin}/v1/customers/${ID}` });
        res.end();
      });
      const error = await rejectionOf(kirimClient().client.customers.update(ID, BODY));
      expect(error).toBeInstanceOf(kirim.KirimApiError);
      expect((error as kirim.KirimApiError).status).toBe(302);
      expect((error as Error).message).toContain(elsewhere.origin);
      expect(elsewhere.seen.filter((seen) => seen.headers.authorization !== undefined)).toEqual([]);
      expect(elsewhere.seen).toHaveLength(0);
      expect(api.seen).toHaveLength(1);
    } finally {
      await elsewhere.close();
    }
  });

  test("the key appears in no error, even when the server echoes it back", async () => {
    api.respondWith((res, seen) =>
      sendJson(
        res,
        401,
        errorBody("authentication_error", "invalid_api_key", `bad key: ${seen.headers.authorization}`),
        {
          "x-echo": seen.headers.authorization ?? "",
        },
      ),
    );
    const error = await rejectionOf(kirimClient().client.customers.update(ID, BODY));
    expect(error).toBeInstanceOf(kirim.AuthenticationError);
    expect((error as Error).message).toBe("Kirim API 401 invalid_api_key: bad key: Bearer [redacted]");
    expect((error as kirim.KirimApiError).headers.get("x-echo")).toBe("Bearer [redacted]");
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })]) {
      expect(text).toContain("401");
      expect(text).not.toContain(KEY);
    }
  });

  test("the key appears in no error for a 2xx that echoes it instead of the envelope", async () => {
    api.respondWith((res, seen) =>
      sendJson(res, 200, { echo: seen.headers.authorization }, { "x-echo": seen.headers.authorization ?? "" }),
    );
    const error = await rejectionOf(kirimClient({ maxRetries: 0 }).client.customers.update(ID, BODY));
    expect(error).toBeInstanceOf(kirim.KirimApiError);
    expect((error as kirim.KirimApiError).body).toEqual({ echo: "Bearer [redacted]" });
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })]) {
      expect(text).toContain("200");
      expect(text).not.toContain(KEY);
    }
  });

  test("the key appears in no connection or timeout error, nor in the client", async () => {
    api.respondWith(() => {});
    const { client } = kirimClient({ timeoutMs: 50, maxRetries: 0 });
    const timeout = await rejectionOf(client.customers.update(ID, BODY));
    const refused = await rejectionOf(
      kirimClient({ baseUrl: `http://127.0.0.1:${await refusedPort()}`, maxRetries: 0 }).client.customers.update(
        ID,
        BODY,
      ),
    );
    expect(timeout).toBeInstanceOf(kirim.KirimTimeoutError);
    expect(refused).toBeInstanceOf(kirim.KirimConnectionError);
    for (const error of [timeout, refused]) {
      for (const text of [
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: Infinity, showHidden: true }),
      ]) {
        expect(text).not.toContain(KEY);
      }
    }
    const clientText = inspect(client, { depth: Infinity, showHidden: true, getters: true });
    expect(clientText).toContain("update");
    expect(clientText).not.toContain(KEY);
    expect(JSON.stringify(client)).not.toContain(KEY);
  });
});
