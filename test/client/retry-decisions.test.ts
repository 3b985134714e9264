// When the client retries and how long it pauses: the cases the basic retry tests leave open.
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime, type OperationSpec } from "../../src/client.ts";
import { createKirimClient, KirimConnectionError, KirimTimeoutError, RateLimitError } from "../../src/index.ts";
import { everyFeature } from "../helpers/every-feature.ts";
import { customerEnvelope, customerId, errorBody, instantRuntime } from "../helpers/fixtures.ts";
import { loopbackForThisFile, sendJsonThenClose as sendJson } from "../helpers/loopback.ts";
import { rejectionOf } from "../helpers/rejection.ts";

const KEY = "sk_test_retryDecisions";
const ID = customerId;

const api = loopbackForThisFile();

describe("Retry-After", () => {
  test("a RateLimitError carries decimal Retry-After seconds as retryAfterMs", async () => {
    api.respondWith((res) =>
      sendJson(res, 429, errorBody("rate_limit_error", "rate_limited", "slow down"), { "retry-after": "0.125" }),
    );
    const client = createKirimClientWithRuntime(
      { apiKey: KEY, baseUrl: `${api.origin}/v1`, maxRetries: 0 },
      instantRuntime().runtime,
    );
    const error = await rejectionOf(client.customers.update(ID, { name: "Ada" }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(125);
  });

  test("the public client really waits the pause the server asks for, then retries", async () => {
    api.respondWith((res, _seen, index) =>
      index === 0
        ? sendJson(res, 503, errorBody("api_error", "unavailable", "busy"), { "retry-after": "0.05" })
        : sendJson(res, 200, customerEnvelope()),
    );
    const started = performance.now();
    const result = await createKirimClient({ apiKey: KEY, baseUrl: `${api.origin}/v1` }).customers.update(ID, {
      name: "Ada",
    });
    expect(result).toEqual(customerEnvelope());
    expect(api.seen).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe("an operation the spec does not mark idempotent is retried only when the server cannot have acted on it", () => {
  const table = {
    payments: { create: { method: "POST", path: "/payments", body: "required" } },
  } satisfies Record<string, Record<string, OperationSpec>>;
  type Create = (body: unknown, options?: unknown) => Promise<unknown>;

  /** A client whose fetch fails the first attempt with `failure`, then answers 200 from the loopback server. */
  function clientFailingOnce(failure: () => unknown) {
    const { runtime, sleeps } = instantRuntime();
    let attempts = 0;
    const fetch = (request: Request) => (attempts++ === 0 ? Promise.reject(failure()) : globalThis.fetch(request));
    const kirim = createKirimClientWithRuntime(
      { apiKey: KEY, baseUrl: `${api.origin}/v1`, fetch },
      runtime,
      table,
      undefined,
      everyFeature,
    ) as unknown as {
      payments: { create: Create };
    };
    return { create: kirim.payments.create, sleeps, attempts: () => attempts };
  }

  /** What undici throws: "fetch failed", with the system error (and its code) somewhere down the cause chain. */
  function fetchFailed(code: string, depth = 1): TypeError {
    let cause: Error = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
    for (let level = 1; level < depth; level++) cause = new Error(`level ${level}`, { cause });
    return new TypeError("fetch failed", { cause });
  }

  test.each(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"])("retried after %s (the request never left)", async (code) => {
    api.respondWith((res) => sendJson(res, 200, { id: "pay_1" }));
    const { create, sleeps, attempts } = clientFailingOnce(() => fetchFailed(code));
    await expect(create({ amount: 1 })).resolves.toEqual({ id: "pay_1" });
    expect({ attempts: attempts(), pauses: sleeps.length }).toEqual({ attempts: 2, pauses: 1 });
  });

  test("retried when the code sits deep in the cause chain", async () => {
    api.respondWith((res) => sendJson(res, 200, { id: "pay_1" }));
    const { create, attempts } = clientFailingOnce(() => fetchFailed("ECONNREFUSED", 12));
    await expect(create({ amount: 1 })).resolves.toEqual({ id: "pay_1" });
    expect(attempts()).toBe(2);
  });

  test.each([
    ["a reset after sending (ECONNRESET)", () => fetchFailed("ECONNRESET")],
    ["an error with no code", () => new TypeError("fetch failed", { cause: new Error("other side closed") })],
    [
      "an error whose cause chain loops",
      () => {
        const looped = new TypeError("fetch failed");
        looped.cause = new Error("again", { cause: looped });
        return looped;
      },
    ],
  ])("not retried after %s: the payment may have been made", async (_label, failure) => {
    const { create, sleeps, attempts } = clientFailingOnce(failure);
    const error = await rejectionOf(create({ amount: 1 }));
    expect(error).toBeInstanceOf(KirimConnectionError);
    expect({ attempts: attempts(), pauses: sleeps.length }).toEqual({ attempts: 1, pauses: 0 });
  });

  test("not retried after a timeout, even one whose cause carries a nothing-sent code", async () => {
    const { runtime, sleeps } = instantRuntime();
    let attempts = 0;
    const fetch = (request: Request) =>
      new Promise<Response>((_resolve, reject) => {
        attempts++;
        request.signal.addEventListener("abort", () =>
          reject(Object.assign(new Error("aborted"), { code: "ECONNREFUSED" })),
        );
      });
    const kirim = createKirimClientWithRuntime(
      { apiKey: KEY, baseUrl: `${api.origin}/v1`, fetch, timeoutMs: 20 },
      runtime,
      table,
      undefined,
      everyFeature,
    ) as unknown as {
      payments: { create: Create };
    };
    const error = await rejectionOf(kirim.payments.create({ amount: 1 }));
    expect(error).toBeInstanceOf(KirimTimeoutError);
    expect({ attempts, pauses: sleeps.length }).toEqual({ attempts: 1, pauses: 0 });
  });

  test("a 429 is retried, a 500 is not", async () => {
    api.respondWith((res, _seen, index) =>
      index === 0
        ? sendJson(res, 429, errorBody("rate_limit_error", "rate_limited", "slow"))
        : sendJson(res, 500, errorBody("api_error", "internal_error", "oops")),
    );
    const { runtime, sleeps } = instantRuntime();
    const kirim = createKirimClientWithRuntime(
      { apiKey: KEY, baseUrl: `${api.origin}/v1` },
      runtime,
      table,
      undefined,
      everyFeature,
    ) as unknown as {
      payments: { create: Create };
    };
    const error = await rejectionOf(kirim.payments.create({ amount: 1 }));
    expect((error as { status: number }).status).toBe(500);
    expect({ requests: api.seen.length, pauses: sleeps.length }).toEqual({ requests: 2, pauses: 1 });
  });
});
