// onRequest, onResponse and onError (src/hooks.ts, src/observe.ts): what each receives on every attempt, a request
// onRequest replaces, and a hook that throws: a KirimHookError that quotes no credential.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { runHook } from "../../src/hooks.ts";
import {
  InternalServerError,
  type KirimClientOptions,
  type KirimErrorEvent,
  KirimHookError,
  KirimTimeoutError,
} from "../../src/index.ts";
import { secretRedactor } from "../../src/redact.ts";
import { customerEnvelope, customerId, instantRuntime } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { recordingServerForThisFile, reply } from "./recording-server.ts";

const KEY = "sk_test_hookSecret_42";
const BODY = { name: "Ada" };
const server = recordingServerForThisFile();

function client(options: Partial<KirimClientOptions> = {}) {
  const { runtime, sleeps } = instantRuntime();
  const kirim = createKirimClientWithRuntime({ apiKey: KEY, baseUrl: `${server.origin}/v1`, ...options }, runtime);
  return { kirim, sleeps };
}

/** 503 twice, then the customer. */
function failTwiceThenSucceed() {
  server.answer((res, request, index) =>
    index < 2
      ? reply(503, { error: { message: "busy" } })(res, request, index)
      : reply(200, customerEnvelope())(res, request, index),
  );
}

/** Everything an error could be logged as. */
function renderings(error: unknown): string {
  return [String(error), JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })].join("\n");
}

describe("each hook on every attempt", () => {
  test("onRequest, onResponse and onError see the operation and the attempt number; onError the redacted error", async () => {
    failTwiceThenSucceed();
    const seen: string[] = [];
    const errors: KirimErrorEvent[] = [];
    const { kirim } = client({
      onRequest: ({ request, operation, attempt }) => {
        seen.push(`request ${operation} ${attempt} ${request.method} ${new URL(request.url).pathname}`);
        expect(request.headers.get("authorization")).toBe(`Bearer ${KEY}`);
      },
      onResponse: ({ response, operation, attempt, durationMs, request }) => {
        seen.push(`response ${operation} ${attempt} ${response.status} ${request.method}`);
        // The test's clock stands still: the duration is exactly the difference of two readings.
        expect(durationMs).toBe(0);
      },
      onError: (event) => {
        seen.push(`error ${event.operation} ${event.attempt}`);
        errors.push(event);
      },
    });
    const result = await kirim.customers.update(customerId, BODY);
    expect(result).toEqual(customerEnvelope());
    expect(seen).toEqual([
      `request customers.update 1 PATCH /v1/customers/${customerId}`,
      "response customers.update 1 503 PATCH",
      "error customers.update 1",
      `request customers.update 2 PATCH /v1/customers/${customerId}`,
      "response customers.update 2 503 PATCH",
      "error customers.update 2",
      `request customers.update 3 PATCH /v1/customers/${customerId}`,
      "response customers.update 3 200 PATCH",
    ]);
    expect(errors.map((event) => event.error)).toEqual([
      expect.any(InternalServerError),
      expect.any(InternalServerError),
    ]);
    expect(errors[0]!.request?.method).toBe("PATCH");
  });

  test("async hooks are awaited before the attempt goes on", async () => {
    server.answer(reply(200, customerEnvelope()));
    const order: string[] = [];
    const later = (label: string) =>
      new Promise<void>((resolve) => setTimeout(() => resolve(void order.push(label)), 5));
    const { kirim } = client({
      onRequest: () => later("onRequest"),
      onResponse: () => later("onResponse"),
    });
    await kirim.customers.update(customerId, BODY);
    order.push("resolved");
    expect(order).toEqual(["onRequest", "onResponse", "resolved"]);
  });

  test("onError sees a failed connection, and the request that failed", async () => {
    const events: KirimErrorEvent[] = [];
    const { kirim } = client({
      maxRetries: 0,
      fetch: () => Promise.reject(new TypeError("fetch failed")),
      onError: (event) => void events.push(event),
    });
    await rejectionOf(kirim.customers.update(customerId, BODY));
    expect(events).toHaveLength(1);
    expect((events[0]!.error as Error).name).toBe("KirimConnectionError");
    expect(events[0]!.attempt).toBe(1);
    expect(events[0]!.request?.url).toBe(`${server.origin}/v1/customers/${customerId}`);
  });
});

describe("onRequest may replace the request", () => {
  test("a Request it returns is sent instead, on every attempt", async () => {
    failTwiceThenSucceed();
    const { kirim } = client({
      onRequest: ({ request, attempt }) =>
        new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-signed": `sig-${attempt}` } }),
    });
    await kirim.customers.update(customerId, BODY);
    expect(server.requests.map((request) => request.headers["x-signed"])).toEqual(["sig-1", "sig-2", "sig-3"]);
    expect(server.requests.map((request) => request.bytes.toString())).toEqual(Array(3).fill(JSON.stringify(BODY)));
  });

  test("the README's tracing hook: a copy of the request with a header set", async () => {
    server.answer(reply(200, customerEnvelope()));
    const { kirim } = client({
      onRequest: ({ request }) => {
        const traced = new Request(request);
        traced.headers.set("x-trace-id", "t-1");
        return traced;
      },
    });
    await kirim.customers.update(customerId, BODY);
    expect(server.requests[0]!.headers["x-trace-id"]).toBe("t-1");
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  test("a Request built without the attempt's signal still times out at timeoutMs", async () => {
    server.answer(() => {
      // Never answers: the attempt's timeout must end it.
    });
    const { kirim } = client({
      maxRetries: 0,
      timeoutMs: 50,
      onRequest: async ({ request }) =>
        new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body: await request.clone().text(),
        }),
    });
    const error = await rejectionOf(kirim.customers.update(customerId, BODY));
    expect(error).toBeInstanceOf(KirimTimeoutError);
  });

  test("anything but a Request or nothing is a KirimHookError, and nothing is sent", async () => {
    server.answer(reply(200, customerEnvelope()));
    const { kirim } = client({ onRequest: (() => ({ url: "elsewhere" })) as never });
    const error = await rejectionOf(kirim.customers.update(customerId, BODY));
    expect(error).toBeInstanceOf(KirimHookError);
    expect((error as Error).message).toBe("customers.update: options.onRequest must return a Request or nothing");
    expect(server.requests).toHaveLength(0);
  });
});

describe("a hook that throws rejects the call with a KirimHookError that quotes no credential", () => {
  const leak = (request: Request) => `proxy refused ${request.headers.get("authorization")}`;

  test.each([
    [
      "onRequest throws an Error quoting the key",
      {
        onRequest: ({ request }) => {
          throw new Error(leak(request));
        },
      },
      0,
    ],
    [
      "onRequest throws a string quoting the key",
      {
        onRequest: ({ request }) => {
          throw leak(request);
        },
      },
      0,
    ],
    [
      "onResponse rejects with a cause quoting the key",
      {
        onResponse: async ({ request }) => {
          throw new Error("wrapped", { cause: new Error(leak(request)) });
        },
      },
      1,
    ],
    [
      "onError throws an object quoting the key",
      {
        onError: ({ request }) => {
          throw { detail: leak(request!) };
        },
      },
      1,
    ],
  ] satisfies [string, Partial<KirimClientOptions>, number][])("%s", async (_label, hooks, sent) => {
    server.answer(reply(503, { error: { message: "busy" } }));
    const { kirim, sleeps } = client(hooks);
    const error = await rejectionOf(kirim.customers.update(customerId, BODY));
    expect(error).toBeInstanceOf(KirimHookError);
    const hook = Object.keys(hooks)[0];
    expect(error).toMatchObject({ hook, operation: "customers.update", attempt: 1 });
    expect((error as Error).message).toMatch(new RegExp(`^customers\\.update: options\\.${hook} threw `));
    expect(renderings(error)).toContain("Bearer [redacted]");
    expect(renderings(error)).not.toContain(KEY);
    // Not retried: the hook is the caller's code, and it failed.
    expect(server.requests).toHaveLength(sent);
    expect(sleeps).toEqual([]);
  });

  test("a key a credential function returned for the attempt is redacted too", async () => {
    server.answer(reply(200, customerEnvelope()));
    const { kirim } = client({
      apiKey: () => "sk_from_vault_per_attempt",
      onRequest: ({ request }) => {
        throw new Error(leak(request));
      },
    });
    const error = await rejectionOf(kirim.customers.update(customerId, BODY));
    expect((error as Error).message).toBe(
      "customers.update: options.onRequest threw Error: proxy refused Bearer [redacted]",
    );
    expect(renderings(error)).not.toContain("sk_from_vault_per_attempt");
  });
});

describe("hook options are checked when the client is created", () => {
  test.each(["onRequest", "onResponse", "onError"])("%s that is not a function is a TypeError naming it", (name) => {
    expect(() => client({ [name]: "yes" })).toThrow(
      new TypeError(`createKirimClient: options.${name} must be a function`),
    );
  });
});

describe("what a KirimHookError says (runHook)", () => {
  const redact = secretRedactor([KEY]);
  const info = { operation: "customers.update", attempt: 2 };
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  test.each([
    ["an Error", new TypeError(`bad ${KEY}`), "threw TypeError: bad [redacted]"],
    ["a string", `bad ${KEY}`, "threw bad [redacted]"],
    ["an object, as JSON", { key: KEY }, 'threw {"key":"[redacted]"}'],
    ["undefined", undefined, "threw undefined"],
    ["an object that is not JSON", cyclic, "threw [object Object]"],
  ])("%s", async (_label, thrown, said) => {
    const error = await rejectionOf(
      runHook("onError", info, redact, () => {
        throw thrown;
      }),
    );
    expect(error).toBeInstanceOf(KirimHookError);
    expect(error).toMatchObject({ name: "KirimHookError", hook: "onError", operation: "customers.update", attempt: 2 });
    expect((error as Error).message).toBe(`customers.update: options.onError ${said}`);
  });

  test("what the hook returns is handed back", async () => {
    expect(await runHook("onRequest", info, redact, async () => "value")).toBe("value");
  });
});
