// No credential in an error or anywhere along its cause chain, whatever produced it: a custom fetch (a proxy that
// echoes the request) throwing an Error, a string, an object, an Error with fields of its own, an AggregateError, a
// deep cause chain, an error after the timeout, a body that fails midway. For every scheme, a function's value too.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { KirimConnectionError, KirimTimeoutError } from "../../src/index.ts";
import type { OperationSpec } from "../../src/operation-spec.ts";
import { secretRedactor } from "../../src/redact.ts";
import { everyFeature } from "../helpers/every-feature.ts";
import { everySchemeKind } from "../helpers/every-scheme.ts";
import { instantRuntime } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";

const schemes = everySchemeKind;

const get = (security: string[][]): OperationSpec => ({ method: "GET", path: "/r", idempotent: true, security });
const table = {
  ops: {
    keys: get([["basicAuth", "headerKey", "queryKey", "cookieKey"]]),
    token: get([["bearerAuth"]]),
  },
};

const FUNCTION_TOKEN = "tok_function_err_s3cret";
const options = {
  baseUrl: "http://127.0.0.1:9/v1",
  login: { username: "ada", password: "pässwörd-err-s3cret" },
  headerKey: "key_header_err_s3cret",
  queryKey: "key/query+err_s3cret",
  cookieKey: "key_cookie_err_s3cret",
  token: () => FUNCTION_TOKEN,
  maxRetries: 0,
};
const basicToken = Buffer.from("ada:pässwörd-err-s3cret", "utf8").toString("base64");
const everySecret = [
  options.login.password,
  basicToken,
  options.headerKey,
  options.queryKey,
  options.cookieKey,
  FUNCTION_TOKEN,
].flatMap((secret) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);

/** What a proxy that echoes the request puts into its error: the URL and every header. */
function echo(request: Request): string {
  return `refused ${request.url} ${JSON.stringify(Object.fromEntries(request.headers))}`;
}

function call(op: "keys" | "token", fetch: (request: Request) => Promise<Response>, extra: object = {}) {
  const kirim = createKirimClientWithRuntime(
    { ...options, fetch, ...extra } as never,
    instantRuntime().runtime,
    table,
    schemes,
    everyFeature,
  ) as unknown as { ops: Record<"keys" | "token", () => Promise<unknown>> };
  return rejectionOf(kirim.ops[op]());
}

/** Everything an error could be logged as, its whole cause chain and hidden fields included. */
function renderings(error: unknown): string {
  return [String(error), JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })].join("\n");
}

function expectNoSecret(error: unknown): void {
  const text = renderings(error);
  expect(text).toContain("[redacted]");
  for (const secret of everySecret) expect(text).not.toContain(secret);
}

const producers: [string, (request: Request) => unknown][] = [
  ["an Error whose message echoes the request", (request) => new TypeError(echo(request))],
  ["a string", (request) => echo(request)],
  ["a plain object", (request) => ({ message: "proxy error", request: { url: request.url, echo: echo(request) } })],
  [
    "an Error with a clean message and the request in a field of its own",
    (request) => Object.assign(new Error("proxy error"), { request: { url: request.url, echo: echo(request) } }),
  ],
  ["an AggregateError holding the echo", (request) => new AggregateError([new Error(echo(request))], "all failed")],
  [
    "a cause chain three deep",
    (request) => new TypeError("fetch failed", { cause: new Error("socket", { cause: new Error(echo(request)) }) }),
  ],
];

describe.each(["keys", "token"] as const)("%s: a custom fetch that throws", (op) => {
  test.each(producers)("%s", async (_label, produce) => {
    const error = await call(op, async (request) => {
      throw produce(request);
    });
    expect(error).toBeInstanceOf(KirimConnectionError);
    expectNoSecret(error);
  });

  test("an error thrown after the attempt timed out (a fetch that ignores the signal)", async () => {
    const fetch = (request: Request) =>
      new Promise<Response>((_resolve, reject) => setTimeout(() => reject(new Error(echo(request))), 40));
    const error = await call(op, fetch, { timeoutMs: 10 });
    expect(error).toBeInstanceOf(KirimTimeoutError);
    expectNoSecret(error);
  });

  test("a 200 whose body fails midway with an error that echoes the request", async () => {
    const fetch = async (request: Request) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"data":'));
            controller.error(new Error(echo(request)));
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    const error = await call(op, fetch);
    expect(error).toBeInstanceOf(KirimConnectionError);
    expectNoSecret(error);
  });
});

test("a cause that is not secret is handed on as it is (the same object)", async () => {
  const thrown = new TypeError("fetch failed", {
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  });
  const error = await call("keys", async () => {
    throw thrown;
  });
  expect((error as Error).cause).toBe(thrown);
});

describe("what the redactor keeps of a thrown value (src/redact.ts)", () => {
  const SECRET = "s3cret_value";
  const { cause } = secretRedactor([SECRET]);

  test("an object or array thrown is walked: keys, values, nested arrays, its shape kept", () => {
    const thrown = {
      message: `no ${SECRET}`,
      request: { headers: [["authorization", `Bearer ${SECRET}`]], [SECRET]: 1, n: 2 },
    };
    expect(cause(thrown)).toEqual({
      message: "no [redacted]",
      request: { headers: [["authorization", "Bearer [redacted]"]], "[redacted]": 1, n: 2 },
    });
    expect(cause([SECRET, 3])).toEqual(["[redacted]", 3]);
  });

  test("null, undefined and numbers are handed on; a loop or a repeated object is cut", () => {
    expect([cause(null), cause(undefined), cause(42)]).toEqual([null, undefined, 42]);
    const loop: Record<string, unknown> = { text: SECRET };
    loop.self = loop;
    expect(cause(loop)).toEqual({ text: "[redacted]", self: undefined });
  });

  test("an Error's fields that are Errors stay Errors, redacted; a copy has no `errors` unless an AggregateError", () => {
    const thrown = Object.assign(new Error("proxy"), { original: new Error(`saw ${SECRET}`), code: "EPROXY" });
    const copy = cause(thrown) as Error & { original: Error; code: string };
    expect(copy).not.toBe(thrown);
    expect(copy.original).toBeInstanceOf(Error);
    expect(copy.original.message).toBe("saw [redacted]");
    expect(copy.code).toBe("EPROXY");
    expect("errors" in copy).toBe(false);
  });

  test("an AggregateError's errors are redacted in the copy; a clean one is handed on as it is", () => {
    const copy = cause(new AggregateError([new Error(`a ${SECRET}`), "b"], "all failed")) as Error & {
      errors: unknown[];
    };
    expect(copy.message).toBe("all failed");
    expect((copy.errors[0] as Error).message).toBe("a [redacted]");
    expect(copy.errors[1]).toBe("b");
    const clean = new AggregateError([new Error("a")], "all failed");
    expect(cause(clean)).toBe(clean);
  });

  test("a cause set by assignment (an enumerable field) is redacted as the cause, not dropped", () => {
    const thrown = new Error("outer");
    thrown.cause = new Error(`inner ${SECRET}`);
    const copy = cause(thrown) as Error;
    expect((copy.cause as Error).message).toBe("inner [redacted]");
  });

  test.each([42, true])(
    "a custom fetch that throws %s: a KirimConnectionError with it as the cause",
    async (thrown) => {
      const error = await call("keys", async () => {
        throw thrown;
      });
      expect(error).toBeInstanceOf(KirimConnectionError);
      expect((error as Error).cause).toBe(thrown);
    },
  );

  test("a custom fetch that throws null: still a KirimConnectionError (openapi-fetch reads the missing response)", async () => {
    const error = await call("keys", async () => {
      throw null;
    });
    expect(error).toBeInstanceOf(KirimConnectionError);
  });
});
