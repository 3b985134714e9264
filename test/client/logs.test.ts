// logLevel, KIRIM_LOG and logger (src/logger.ts, src/observe.ts): one line per attempt with its fields, retries with
// their delay, bodies only at debug, and no credential of any scheme in a captured log.
import { afterEach, describe, expect, test, vi } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { environmentValue } from "../../src/environment.ts";
import type { KirimLogger, KirimPromise } from "../../src/index.ts";
import { createObserver } from "../../src/observe.ts";
import type { OperationSpec } from "../../src/operation-spec.ts";
import { everyFeature } from "../helpers/every-feature.ts";
import { everySchemeKind } from "../helpers/every-scheme.ts";
import { instantRuntime } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { type Answer, recordingServerForThisFile, reply } from "./recording-server.ts";

const schemes = everySchemeKind;

const post = (security: string[][]): OperationSpec => ({
  method: "POST",
  path: "/notes/{id}",
  body: "required",
  idempotent: true,
  query: ["page"],
  security,
});

const table = {
  notes: {
    // Every credential that travels beside the header: basic, a header key, a query key and a cookie key at once.
    keys: post([["basicAuth", "headerKey", "queryKey", "cookieKey"]]),
    // A bearer token a function returns, per attempt.
    token: post([["bearerAuth"]]),
    // No body either way (a 204 answers it).
    list: { method: "GET", path: "/notes", idempotent: true, security: [["headerKey"]] } satisfies OperationSpec,
  },
};

const secrets = {
  login: { username: "ada", password: "pässwörd-log-s3cret" },
  headerKey: "key_header_log_s3cret",
  queryKey: "key/query+log_s3cret",
  cookieKey: "key_cookie_log_s3cret",
};
const basicToken = Buffer.from("ada:pässwörd-log-s3cret", "utf8").toString("base64");
const FUNCTION_TOKEN = "tok_function_log_s3cret";
const everySecret = [
  secrets.login.password,
  basicToken,
  secrets.headerKey,
  secrets.queryKey,
  secrets.cookieKey,
  FUNCTION_TOKEN,
].flatMap((secret) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);

const server = recordingServerForThisFile();
type Method = (id: string, body: unknown, options?: unknown) => Promise<unknown>;

/** A logger that keeps each line with its level. */
function recorder(): KirimLogger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function client(options: Record<string, unknown>) {
  const { runtime, sleeps } = instantRuntime();
  const kirim = createKirimClientWithRuntime(
    { baseUrl: `${server.origin}/v1`, ...secrets, token: () => FUNCTION_TOKEN, ...options } as never,
    runtime,
    table,
    schemes,
    everyFeature,
  ) as unknown as { notes: Record<"keys" | "token" | "list", Method> };
  return { notes: kirim.notes, sleeps };
}

/** Echoes the whole request (URL, every header, the body) in its JSON body and a header: 503 first, then 200. */
const echoThenSucceed: Answer = (res, request, index) => {
  const echo = { url: request.rawUrl, headers: request.headers, body: request.bytes.toString() };
  const status = index === 0 ? 503 : 200;
  const body = status === 200 ? { data: echo, request_id: "req_from_body" } : { error: { message: "busy" }, echo };
  reply(status, body, {
    "x-request-id": `req_header_${index}`,
    "x-echo": JSON.stringify(echo).replace(/[^\x20-\x7e]/g, ""),
  })(res, request, index);
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("a debug log of a retried call holds every field and no credential", () => {
  test.each(["keys", "token"] as const)("%s", async (operation) => {
    server.answer(echoThenSucceed);
    const logger = recorder();
    const { notes } = client({ logLevel: "debug", logger });
    // The caller's own Authorization-like secret in the body is theirs; the credentials are what must not appear.
    await notes[operation]("n_1", { text: "hello" }, { params: { page: 2 } });
    const log = logger.lines.join("\n");
    for (const secret of everySecret) expect(log).not.toContain(secret);
    expect(log).toContain("[redacted]");

    const path = "/notes/n_1";
    expect(logger.lines.filter((line) => !line.startsWith("debug"))).toEqual([
      `warn [kirim] notes.${operation} POST ${path} → 503 in 0 ms (attempt 1, request req_header_0): InternalServerError: Kirim API 503: busy`,
      `warn [kirim] notes.${operation}: retrying in 438 ms (attempt 2)`,
      `info [kirim] notes.${operation} POST ${path} → 200 in 0 ms (attempt 2, request req_from_body)`,
    ]);
    const debug = logger.lines.filter((line) => line.startsWith("debug"));
    // Request and response of each attempt, with headers and bodies.
    expect(debug).toHaveLength(4);
    expect(debug[0]).toContain(`request ${server.origin}/v1${path}?page=2`);
    expect(debug[0]).toContain(' body {"text":"hello"}');
    expect(debug[1]).toMatch(/attempt 1 response 503 headers \{.*"x-request-id":"req_header_0".*\} body \{"error"/);
    expect(debug[3]).toMatch(/attempt 2 response 200 headers .* body \{"data"/);
    if (operation === "keys") {
      expect(debug[0]).toContain("api_key=[redacted]");
      expect(debug[0]).toContain('"cookie":"sid=[redacted]"');
      expect(debug[0]).toContain('"x-api-key":"[redacted]"');
    }
    expect(debug[0]).toContain('"authorization":"[redacted]"');
  });

  test("a credential the caller sets in headers is hidden from the log too (whole header, cookie or query value)", async () => {
    server.answer(reply(200, {}));
    const logger = recorder();
    const { notes } = client({ logLevel: "debug", logger, headers: { "x-api-key": "callers_own_key_123" } });
    await notes.keys("n_1", { text: "hi" }, { params: { page: 1 } });
    expect(logger.lines.join("\n")).not.toContain("callers_own_key_123");
  });
});

describe("each level logs its own and the levels above it", () => {
  const retried = async (logLevel: string) => {
    server.answer(echoThenSucceed);
    const logger = recorder();
    await client({ logLevel, logger }).notes.keys("n_1", { text: "hello" });
    return logger.lines.map((line) => line.split(" ")[0]);
  };

  test.each([
    ["off", []],
    ["error", []],
    ["warn", ["warn", "warn"]],
    ["info", ["warn", "warn", "info"]],
    ["debug", ["debug", "debug", "warn", "warn", "debug", "debug", "info"]],
  ])("%s", async (level, levels) => {
    expect(await retried(level)).toEqual(levels);
  });

  test("at info no header or body is logged", async () => {
    server.answer(echoThenSucceed);
    const logger = recorder();
    await client({ logLevel: "info", logger }).notes.keys("n_1", { text: "hello" });
    expect(logger.lines.join("\n")).not.toMatch(/headers| body |hello/);
  });

  test("error: a hook that threw, once", async () => {
    server.answer(reply(200, {}));
    const logger = recorder();
    const { notes } = client({
      logLevel: "error",
      logger,
      onResponse: () => {
        throw new Error("hook broke");
      },
    });
    await rejectionOf(notes.keys("n_1", {}));
    expect(logger.lines).toEqual([
      "error [kirim] notes.keys POST /notes/n_1 (attempt 1): notes.keys: options.onResponse threw Error: hook broke",
    ]);
  });

  test("a failed connection is logged with no status", async () => {
    const logger = recorder();
    const fetch = () => Promise.reject(new TypeError("fetch failed"));
    const error = await rejectionOf(client({ logLevel: "warn", logger, fetch, maxRetries: 0 }).notes.keys("n_1", {}));
    expect((error as Error).name).toBe("KirimConnectionError");
    expect(logger.lines).toEqual([
      `warn [kirim] notes.keys POST /notes/n_1 → no response in 0 ms (attempt 1): KirimConnectionError: Kirim API connection failed (${server.origin}/v1): fetch failed`,
    ]);
  });
});

describe("KIRIM_LOG, the default logger, and checks", () => {
  test("KIRIM_LOG sets the level when logLevel is not given; logLevel wins over it", async () => {
    server.answer(reply(200, {}));
    const logger = recorder();
    vi.stubEnv("KIRIM_LOG", "info");
    await client({ logger }).notes.keys("n_1", {});
    expect(logger.lines).toHaveLength(1);
    await client({ logger, logLevel: "off" }).notes.keys("n_1", {});
    expect(logger.lines).toHaveLength(1);
  });

  test("an unknown KIRIM_LOG is said once, and logs stay off", async () => {
    server.answer(reply(200, {}));
    const logger = recorder();
    vi.stubEnv("KIRIM_LOG", "verbose");
    await client({ logger }).notes.keys("n_1", {});
    expect(logger.lines).toEqual([
      'warn createKirimClient: KIRIM_LOG="verbose" is not one of off, error, warn, info, debug; logs stay off',
    ]);
  });

  test("an empty KIRIM_LOG is off, quietly; an unknown one is quoted cut to 20 characters", async () => {
    const logger = recorder();
    vi.stubEnv("KIRIM_LOG", "");
    client({ logger });
    expect(logger.lines).toEqual([]);
    vi.stubEnv("KIRIM_LOG", `${"v".repeat(20)}TAIL`);
    client({ logger });
    expect(logger.lines).toEqual([
      `warn createKirimClient: KIRIM_LOG="${"v".repeat(20)}" is not one of off, error, warn, info, debug; logs stay off`,
    ]);
  });

  test("where there is no process, or reading the environment throws (Deno without --allow-env), none is read", () => {
    vi.stubGlobal("process", undefined);
    const withoutProcess = environmentValue("KIRIM_LOG");
    vi.unstubAllGlobals();
    const denied = new Proxy(
      {},
      {
        get: () => {
          throw new Error("NotCapable: requires env access");
        },
      },
    );
    vi.stubGlobal("process", { env: denied });
    const withoutPermission = environmentValue("KIRIM_LOG");
    vi.unstubAllGlobals();
    expect([withoutProcess, withoutPermission]).toEqual([undefined, undefined]);
  });

  test("a logLevel given leaves KIRIM_LOG unread (Deno would ask for the permission)", () => {
    const read: string[] = [];
    const recordingEnvironment = new Proxy({}, { get: (_target, name) => void read.push(String(name)) });
    vi.stubGlobal("process", { env: recordingEnvironment });
    client({ logLevel: "warn", logger: recorder() });
    vi.unstubAllGlobals();
    expect(read).not.toContain("KIRIM_LOG");
  });

  test("the default logger is console", async () => {
    server.answer(reply(200, {}));
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    await client({ logLevel: "info" }).notes.keys("n_1", {});
    expect(info).toHaveBeenCalledWith("[kirim] notes.keys POST /notes/n_1 → 200 in 0 ms (attempt 1)");
  });

  test("a logger that throws loses its line, not the call", async () => {
    server.answer(reply(200, { ok: true }));
    const broken = () => {
      throw new Error("disk full");
    };
    const logger = { debug: broken, info: broken, warn: broken, error: broken };
    expect(await client({ logLevel: "debug", logger }).notes.keys("n_1", {})).toEqual({ ok: true });
  });

  test.each([
    [{ logLevel: "verbose" }, "createKirimClient: options.logLevel must be one of off, error, warn, info, debug"],
    [{ logLevel: 3 }, "createKirimClient: options.logLevel must be one of off, error, warn, info, debug"],
    [{ logger: {} }, "createKirimClient: options.logger must be an object with debug, info, warn and error functions"],
    [
      { logger: { ...console, error: "no" } },
      "createKirimClient: options.logger must be an object with debug, info, warn and error functions",
    ],
  ])("%o is a TypeError naming the option", (options, message) => {
    expect(() => client(options)).toThrow(new TypeError(message));
  });
});

describe("the fields of each line", () => {
  test("warn: the failed attempt's status and request id from the error, and the retry, without middleware", async () => {
    server.answer(echoThenSucceed);
    const logger = recorder();
    await client({ logLevel: "warn", logger }).notes.keys("n_1", {});
    expect(logger.lines).toEqual([
      "warn [kirim] notes.keys POST /notes/n_1 → 503 in 0 ms (attempt 1, request req_header_0): InternalServerError: Kirim API 503: busy",
      "warn [kirim] notes.keys: retrying in 438 ms (attempt 2)",
    ]);
  });

  test("info: a success without request_id in its body takes the x-request-id header", async () => {
    server.answer(reply(200, { ok: true }, { "x-request-id": "req_h" }));
    const logger = recorder();
    await client({ logLevel: "info", logger }).notes.keys("n_1", {});
    expect(logger.lines).toEqual(["info [kirim] notes.keys POST /notes/n_1 → 200 in 0 ms (attempt 1, request req_h)"]);
  });

  test("a call aborted with a reason that is not an Error logs the reason as it is", async () => {
    const controller = new AbortController();
    const logger = recorder();
    const fetch = () => {
      controller.abort("stop");
      return Promise.reject(new Error("aborted"));
    };
    const error = await rejectionOf(
      client({ logLevel: "warn", logger, fetch }).notes.keys("n_1", {}, { signal: controller.signal }),
    );
    expect(error).toBe("stop");
    expect(logger.lines).toEqual(["warn [kirim] notes.keys POST /notes/n_1 → no response in 0 ms (attempt 1): stop"]);
  });

  test("off: a hook that throws logs nothing", async () => {
    server.answer(reply(200, {}));
    const logger = recorder();
    const onRequest = () => {
      throw new Error("hook broke");
    };
    await rejectionOf(client({ logLevel: "off", logger, onRequest }).notes.keys("n_1", {}));
    expect(logger.lines).toEqual([]);
  });

  test("debug: a request and a response without a body show none", async () => {
    server.answer(reply(204));
    const logger = recorder();
    await (client({ logLevel: "debug", logger }).notes.list as () => Promise<unknown>)();
    const [request, response] = logger.lines;
    expect(request).toMatch(
      /^debug \[kirim\] notes\.list GET \/notes attempt 1 request http:\S+\/v1\/notes headers \{[^}]*\}$/,
    );
    expect(response).toMatch(/^debug \[kirim\] notes\.list GET \/notes attempt 1 response 204 headers \{[^}]*\}$/);
  });

  test.each([
    ["application/json", "key/query+log_s3cret", " body key/query+log_s3cret"],
    ["application/problem+json", "a", " body a"],
    ["text/plain; charset=utf-8", "b", " body b"],
    ["application/xml", "c", " body c"],
    ["application/x-www-form-urlencoded", "d", " body d"],
    ["image/png", "e", " body (image/png, not shown)"],
    // A spreadsheet (a zip) whose name holds "xml" but does not end with it.
    [
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "g",
      " body (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, not shown)",
    ],
    [undefined, "f", " body (untyped, not shown)"],
  ])("debug: a %s response body is shown as text or only named", async (type, text, shown) => {
    server.answer(reply(200, Buffer.from(text), type ? { "content-type": type } : {}));
    const logger = recorder();
    // Whether the call resolves (JSON) or rejects (not the JSON the operation reads), the response was logged.
    await client({ logLevel: "debug", logger })
      .notes.keys("n_1", {})
      .catch(() => undefined);
    const response = logger.lines.find((line) => line.includes(" response 200 "))!;
    // The configured query key echoed in a body is redacted like any other credential.
    expect(response.endsWith(shown.replace("key/query+log_s3cret", "[redacted]"))).toBe(true);
  });

  test.each([
    [4_000, ""],
    [4_001, "…"],
  ])("debug: a body of %i characters is shown up to 4 000 of them", async (length, tail) => {
    server.answer(reply(200, "x".repeat(length), { "content-type": "text/plain" }));
    const logger = recorder();
    await client({ logLevel: "debug", logger })
      .notes.keys("n_1", {})
      .catch(() => undefined);
    const response = logger.lines.find((line) => line.includes(" response 200 "))!;
    expect(response.endsWith(` body ${"x".repeat(4_000)}${tail}`)).toBe(true);
  });

  test("debug: a text stream that does not end is logged from its start, and not waited for", async () => {
    server.answer((res) => {
      // The start of a body, then nothing: the attempt's timeout ends the call.
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("y".repeat(5_000));
    });
    const logger = recorder();
    const error = await rejectionOf(
      client({ logLevel: "debug", logger, maxRetries: 0, timeoutMs: 300 }).notes.keys("n_1", {}),
    );
    expect((error as Error).name).toBe("KirimTimeoutError");
    const response = logger.lines.find((line) => line.includes(" response 200 "))!;
    expect(response.endsWith(` body ${"y".repeat(4_000)}…`)).toBe(true);
  });

  test("debug: a body that fails midway is said to be unreadable, and the call fails as without logs", async () => {
    const logger = recorder();
    const fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.error(new Error("reset"));
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    const error = await rejectionOf(client({ logLevel: "debug", logger, fetch, maxRetries: 0 }).notes.keys("n_1", {}));
    expect((error as Error).name).toBe("KirimConnectionError");
    expect(logger.lines.find((line) => line.includes(" response 200 "))).toMatch(/ body \(unreadable\)$/);
  });

  test("debug: a character split between two chunks is shown whole", async () => {
    const logger = recorder();
    const [first, second] = [new Uint8Array([0x22, 0xc3]), new Uint8Array([0xa9, 0x22])];
    const fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(first);
            controller.enqueue(second);
            controller.close();
          },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    await client({ logLevel: "debug", logger, fetch })
      .notes.keys("n_1", {})
      .catch(() => undefined);
    expect(logger.lines.find((line) => line.includes(" response 200 "))).toMatch(/ body "é"$/);
  });

  test("debug: the log's copy of a streamed body lets go of it, so the caller's cancel reaches the source", async () => {
    const logger = recorder();
    let cancelled = false;
    const fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("z".repeat(5_000)));
          },
          cancel() {
            cancelled = true;
          },
        }),
        { status: 200, headers: { "content-type": "text/plain" } },
      );
    const response = await (
      client({ logLevel: "debug", logger, fetch }).notes.keys("n_1", {}) as KirimPromise<unknown>
    ).asResponse();
    expect(logger.lines.find((line) => line.includes(" response 200 "))).toMatch(/ body z{4000}…$/);
    // Not awaited: with the copy still held, the cancel would never settle.
    void response.body!.cancel();
    await vi.waitFor(() => expect(cancelled).toBe(true), { timeout: 500 });
  });

  test("debug: a request body an onRequest hook locked is said to be unreadable, and the call goes on", async () => {
    const logger = recorder();
    const onRequest = ({ request }: { request: Request }) => void request.body!.getReader();
    const fetch = async () => new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    expect(await client({ logLevel: "debug", logger, fetch, onRequest }).notes.keys("n_1", {})).toEqual({});
    expect(logger.lines.find((line) => line.includes(" request http"))).toMatch(/ body \(unreadable\)$/);
  });
});

test("an attempt gets request middleware only where a line or a hook needs the request or response", () => {
  const { runtime } = instantRuntime();
  const middlewareAt = (logRank: number, hooks: Record<string, () => void> = {}) =>
    createObserver({ hooks, logRank, logger: recorder() }, schemes, runtime)!.attempt("notes.keys", "POST", "/", 1, [])
      .middleware?.length ?? 0;
  const hook = () => undefined;
  expect([middlewareAt(1), middlewareAt(2), middlewareAt(3), middlewareAt(4)]).toEqual([0, 0, 1, 1]);
  expect([
    middlewareAt(0, { onRequest: hook }),
    middlewareAt(1, { onResponse: hook }),
    middlewareAt(2, { onError: hook }),
  ]).toEqual([1, 1, 1]);
});
