// Credentials from the spec's security schemes (src/auth.ts): what each scheme sends, which alternative a call picks,
// function credentials per attempt, the caller's own headers, and redaction of every secret.
import { inspect } from "node:util";
import { describe, expect, test, vi } from "vitest";
import { createAuth } from "../../src/auth.ts";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { type KirimApiError, KirimConnectionError } from "../../src/index.ts";
import type { OperationSpec, SecuritySchemeTable } from "../../src/operation-spec.ts";
import { everyFeature } from "../helpers/every-feature.ts";
import { everySchemeKind } from "../helpers/every-scheme.ts";
import { instantRuntime } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { recordingServerForThisFile, reply } from "./recording-server.ts";

const schemes = {
  ...everySchemeKind,
  oauth: { type: "bearer", option: "oauthToken" },
  camelQueryKey: { type: "apiKey", option: "camelKey", in: "query", name: "accessToken" },
  camelCookieKey: { type: "apiKey", option: "camelKey", in: "cookie", name: "sessionId" },
} satisfies SecuritySchemeTable;

const get = (security?: string[][], extra: Partial<OperationSpec> = {}): OperationSpec => ({
  method: "GET",
  path: "/r",
  idempotent: true,
  ...(security ? { security } : {}),
  ...extra,
});

const table = {
  ops: {
    bearer: get([["bearerAuth"]]),
    oauth: get([["oauth"]]),
    basic: get([["basicAuth"]]),
    header: get([["headerKey"]]),
    query: get([["queryKey"]], { query: ["page"] }),
    queryDeclared: get([["queryKey"]], { query: ["api_key"] }),
    headerDeclared: get([["headerKey"]], { header: ["X-API-Key"] }),
    camelCase: get([["camelQueryKey", "camelCookieKey"]]),
    cookie: get([["cookieKey"]], { cookie: ["theme"] }),
    both: get([["headerKey", "queryKey"]]),
    either: get([["basicAuth"], ["bearerAuth"]]),
    optional: get([["bearerAuth"], []]),
    public: get([]),
    unstated: get(),
  },
} satisfies Record<string, Record<string, OperationSpec>>;

type Op = keyof typeof table.ops;
type Method = (...args: unknown[]) => Promise<unknown>;

const server = recordingServerForThisFile();
const secrets = {
  token: "tok_bearer_s3cret",
  oauthToken: "tok_oauth_s3cret",
  login: { username: "ada", password: "pässwörd-s3cret" },
  headerKey: "key_header_s3cret",
  queryKey: "key/query+s3cret",
  cookieKey: "key_cookie_s3cret",
};
/** Basic's wire form of `secrets.login`: base64 of the UTF-8 bytes of "ada:pässwörd-s3cret". */
const basicToken = Buffer.from("ada:pässwörd-s3cret", "utf8").toString("base64");

function client(options: Record<string, unknown> = secrets, operations: Record<string, OperationSpec> = table.ops) {
  const { runtime, sleeps } = instantRuntime();
  const kirim = createKirimClientWithRuntime(
    { baseUrl: `${server.origin}/v1`, ...options } as never,
    runtime,
    { ops: operations },
    schemes,
    everyFeature,
  ) as unknown as { ops: Record<Op, Method> };
  return { ops: kirim.ops, sleeps };
}

describe("each scheme sends its credential where the spec says", () => {
  test.each([
    ["bearer", "bearer", { authorization: `Bearer ${secrets.token}` }, "/v1/r"],
    ["oauth2 / openIdConnect, as a bearer token", "oauth", { authorization: `Bearer ${secrets.oauthToken}` }, "/v1/r"],
    ["basic: base64 of the UTF-8 user:password", "basic", { authorization: `Basic ${basicToken}` }, "/v1/r"],
    ["apiKey in a header", "header", { "x-api-key": secrets.headerKey }, "/v1/r"],
    ["apiKey in the query, percent-encoded", "query", {}, "/v1/r?api_key=key%2Fquery%2Bs3cret"],
    ["apiKey in a cookie, percent-encoded", "cookie", { cookie: `sid=${secrets.cookieKey}` }, "/v1/r"],
    [
      "two schemes that must both be sent",
      "both",
      { "x-api-key": secrets.headerKey },
      "/v1/r?api_key=key%2Fquery%2Bs3cret",
    ],
  ] as const)("%s", async (_label, op, headers, rawUrl) => {
    server.answer(reply(200, {}));
    await client().ops[op]();
    const [request] = server.requests;
    expect(request!.rawUrl).toBe(rawUrl);
    expect(request!.headers).toMatchObject(headers);
    const sent = ["authorization", "x-api-key", "cookie"].filter((name) => request!.headers[name] !== undefined);
    expect(sent).toEqual(Object.keys(headers));
  });

  test("a query or cookie key's name is sent as the spec writes it, capitals kept (only a header name is case-blind)", async () => {
    server.answer(reply(200, {}));
    await client({ camelKey: "k1" }).ops.camelCase();
    expect(server.requests[0]).toMatchObject({ rawUrl: "/v1/r?accessToken=k1", headers: { cookie: "sessionId=k1" } });
  });

  test("the Basic header decodes to the username and password as written", async () => {
    server.answer(reply(200, {}));
    await client().ops.basic();
    const encoded = String(server.requests[0]!.headers.authorization).slice("Basic ".length);
    expect(Buffer.from(encoded, "base64").toString("utf8")).toBe("ada:pässwörd-s3cret");
  });

  test("a query credential follows the query parameters; a cookie credential follows the cookie parameters", async () => {
    server.answer(reply(200, {}));
    const { ops } = client();
    await ops.query({ page: 2 });
    await ops.cookie({ theme: "dark" });
    expect(server.requests[0]!.rawUrl).toBe("/v1/r?page=2&api_key=key%2Fquery%2Bs3cret");
    expect(server.requests[1]!.headers.cookie).toBe(`theme=dark; sid=${secrets.cookieKey}`);
  });

  test("security: [] sends no credential, nor does a row without security, though every credential is configured", async () => {
    server.answer(reply(200, {}));
    const { ops } = client();
    await ops.public();
    await ops.unstated();
    for (const request of server.requests) {
      expect(request.rawUrl).toBe("/v1/r");
      expect([request.headers.authorization, request.headers["x-api-key"], request.headers.cookie]).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
    }
  });
});

describe("which alternative a call sends", () => {
  test("the first alternative whose credentials are all configured", async () => {
    server.answer(reply(200, {}));
    await client({ token: secrets.token }).ops.either();
    await client({ login: secrets.login, token: secrets.token }).ops.either();
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${secrets.token}`,
      `Basic ${basicToken}`,
    ]);
  });

  test("an empty alternative makes the credential optional: sent when configured, else nothing", async () => {
    server.answer(reply(200, {}));
    await client({ token: secrets.token }).ops.optional();
    await client({ login: secrets.login }).ops.optional();
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${secrets.token}`,
      undefined,
    ]);
  });

  test("an alternative only partly configured is not sent: the call rejects naming what it needs", async () => {
    const { ops } = client({ headerKey: secrets.headerKey, login: secrets.login });
    await expect(ops.both()).rejects.toThrow(
      new TypeError("ops.both: options.headerKey and options.queryKey is required"),
    );
    await expect(client({ queryKey: "k" }).ops.either()).rejects.toThrow(
      new TypeError("ops.either: options.login, or options.token is required"),
    );
    expect(server.requests).toEqual([]);
  });

  test("a client no operation can be called with fails at construction; one with a public operation does not", () => {
    const needy = { a: get([["bearerAuth"]]), b: get([["queryKey"], ["basicAuth"]]) };
    expect(() => client({}, needy)).toThrow(new TypeError("createKirimClient: options.token is required"));
    expect(() => client({ queryKey: "k" }, needy)).not.toThrow();
    expect(() => client({}, { ...needy, c: get([]) })).not.toThrow();
    expect(() => client({}, {})).not.toThrow();
    expect(() => client({ headers: { authorization: "Bearer mine" } }, needy)).not.toThrow();
    // Half of the only alternative is not enough.
    expect(() => client({ headerKey: "k" }, { a: get([["headerKey", "queryKey"]]) })).toThrow(
      new TypeError("createKirimClient: options.headerKey and options.queryKey is required"),
    );
  });

  test("a security scheme the table does not declare is refused at construction", () => {
    expect(() => client(secrets, { x: get([["nope"]]) })).toThrow(
      new TypeError('ops.x: unknown security scheme "nope"'),
    );
  });
});

describe("credentials that are functions", () => {
  test.each([
    ["sync", (n: number) => `tok_${n}`],
    ["async", async (n: number) => `tok_${n}`],
  ])("a %s function is called once per attempt, and each attempt sends what it returned", async (_label, make) => {
    let calls = 0;
    const token = vi.fn(() => make(++calls));
    server.answer((res, request, index) => reply(index < 2 ? 503 : 200, {})(res, request, index));
    await client({ token }).ops.bearer();
    expect(token).toHaveBeenCalledTimes(3);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      "Bearer tok_1",
      "Bearer tok_2",
      "Bearer tok_3",
    ]);
  });

  test("a cookie function credential retried: each attempt sends only its own cookie", async () => {
    let calls = 0;
    server.answer((res, request, index) => reply(index === 0 ? 503 : 200, {})(res, request, index));
    await client({ cookieKey: () => `c${++calls}` }).ops.cookie({ theme: "dark" });
    expect(server.requests.map((request) => request.headers.cookie)).toEqual([
      "theme=dark; sid=c1",
      "theme=dark; sid=c2",
    ]);
  });

  test("a function credential works in a query and a cookie too", async () => {
    server.answer(reply(200, {}));
    const { ops } = client({ queryKey: () => "q/k", cookieKey: async () => "c;k" });
    await ops.query();
    await ops.cookie();
    expect(server.requests[0]!.rawUrl).toBe("/v1/r?api_key=q%2Fk");
    expect(server.requests[1]!.headers.cookie).toBe("sid=c%3Bk");
  });

  test.each([
    ["an empty string", () => "", /ops\.bearer: options\.token\(\) must return a non-empty string$/],
    ["a number", () => 42, /options\.token\(\) must return a non-empty string/],
    ["a token with a line break", async () => "tok\r\nx-evil: 1", /options\.token\(\) contains spaces, control/],
  ])("a function returning %s rejects with a TypeError, nothing sent, not retried", async (_label, token, message) => {
    const error = await rejectionOf(client({ token }).ops.bearer());
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("evil");
    expect(server.requests).toEqual([]);
  });

  test("a function that throws rejects the call with its own error", async () => {
    const failure = new Error("vault unreachable");
    expect(await rejectionOf(client({ token: () => Promise.reject(failure) }).ops.bearer())).toBe(failure);
    expect(server.requests).toEqual([]);
  });
});

describe("the caller's own headers are never overwritten", () => {
  test("a client header or a call header of the scheme's name is sent instead of the credential", async () => {
    server.answer(reply(200, {}));
    const { ops } = client({ ...secrets, headers: { "X-API-Key": "client-key" } });
    await ops.header();
    await ops.header({ headers: { "x-api-key": "call-key" } });
    await ops.bearer({ headers: { Authorization: "Bearer call-token" } });
    expect(server.requests.map(({ headers }) => [headers["x-api-key"], headers.authorization])).toEqual([
      ["client-key", undefined],
      ["call-key", undefined],
      ["client-key", "Bearer call-token"],
    ]);
  });

  test("a header the caller sends satisfies its scheme when the credential is not configured", async () => {
    server.answer(reply(200, {}));
    await client({})
      .ops.both({ headers: { "x-api-key": "mine" } })
      .catch(() => undefined);
    expect(server.requests).toEqual([]);
    await client({ queryKey: "q" }).ops.both({ headers: { "x-api-key": "mine" } });
    expect(server.requests[0]).toMatchObject({ rawUrl: "/v1/r?api_key=q", headers: { "x-api-key": "mine" } });
  });

  test("a query parameter the spec declares under the key's name is the caller's: the key is not added", async () => {
    server.answer(reply(200, {}));
    await client().ops.queryDeclared({ api_key: "mine" });
    await client({}).ops.queryDeclared({ api_key: "mine" });
    expect(server.requests.map((request) => request.rawUrl)).toEqual(["/v1/r?api_key=mine", "/v1/r?api_key=mine"]);
  });

  test("a header parameter the spec declares under the key's name is the caller's: the key is not added", async () => {
    server.answer(reply(200, {}));
    await client().ops.headerDeclared({ "X-API-Key": "mine" });
    await client().ops.headerDeclared();
    expect(server.requests.map((request) => request.headers["x-api-key"])).toEqual(["mine", secrets.headerKey]);
  });

  test("a cookie the caller sends is kept; a cookie credential of the same name is theirs", async () => {
    server.answer(reply(200, {}));
    const { ops } = client(secrets);
    await ops.cookie(undefined, { headers: { cookie: "a=1; xsid=2" } });
    await ops.cookie(undefined, { headers: { cookie: "a=1; sid=mine" } });
    expect(server.requests.map((request) => request.headers.cookie)).toEqual([
      `a=1; xsid=2; sid=${secrets.cookieKey}`,
      "a=1; sid=mine",
    ]);
  });
});

describe("credentials are checked at construction, never quoted", () => {
  test.each([
    [
      "an empty token",
      { token: "" },
      "createKirimClient: options.token must be a non-empty string or a function that returns one",
    ],
    [
      "a number",
      { headerKey: 7 },
      "createKirimClient: options.headerKey must be a non-empty string or a function that returns one",
    ],
    [
      "a token with a space",
      { token: "tok s3cret" },
      "createKirimClient: options.token contains spaces, control or non-ASCII characters",
    ],
    [
      "basic as a string",
      { login: "ada:s3cret" },
      "createKirimClient: options.login must be { username, password }, both strings",
    ],
    [
      "basic without a username",
      { login: { password: "s3cret" } },
      "createKirimClient: options.login must be { username, password }, both strings",
    ],
    [
      "basic without a password",
      { login: { username: "ada" } },
      "createKirimClient: options.login must be { username, password }, both strings",
    ],
    [
      "a colon in the username",
      { login: { username: "a:da", password: "s3cret" } },
      'createKirimClient: options.login has a ":" in the username, or an unpaired UTF-16 surrogate',
    ],
    [
      "a lone surrogate",
      { login: { username: "ada", password: "s3cret\uD800" } },
      'createKirimClient: options.login has a ":" in the username, or an unpaired UTF-16 surrogate',
    ],
  ])("%s → TypeError", (_label, options, message) => {
    let thrown: unknown;
    try {
      client(options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toEqual(new TypeError(message));
    expect(inspect(thrown)).not.toContain("s3cret");
  });
});

describe("redaction covers every credential", () => {
  /** Everything a log line could be made of. */
  function renderings(error: unknown): string {
    const headers: string[] = [];
    (error as KirimApiError).headers?.forEach((value, name) => {
      headers.push(`${name}: ${value}`);
    });
    return [
      String(error),
      JSON.stringify(error),
      JSON.stringify((error as KirimApiError).body),
      inspect(error, { depth: Infinity, showHidden: true }),
      ...headers,
    ].join("\n");
  }
  const forms = (secret: string) => [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
  const everySecret = [
    secrets.token,
    secrets.oauthToken,
    secrets.login.password,
    basicToken,
    secrets.headerKey,
    secrets.queryKey,
    secrets.cookieKey,
  ].flatMap(forms);

  test.each(["bearer", "basic", "header", "query", "cookie", "both"] as const)(
    "%s: a server echoing the request (URL, Authorization, key and cookie) puts no secret into the error",
    async (op) => {
      // The whole request echoed into the error body, its message and a header.
      server.answer((res, request, index) => {
        const seen = JSON.stringify({ url: request.rawUrl, headers: request.headers });
        const body = { error: { type: "authentication_error", code: "bad", message: `rejected ${seen}` }, seen };
        reply(401, body, { "x-echo": seen.replace(/[^\x20-\x7e]/g, "") })(res, request, index);
      });
      const error = await rejectionOf(client().ops[op]());
      expect((error as KirimApiError).status).toBe(401);
      const text = renderings(error);
      expect(text).toContain("[redacted]");
      for (const secret of everySecret) expect(text).not.toContain(secret);
    },
  );

  test("a token a function returned is redacted from that attempt's error", async () => {
    server.answer((res, request, index) =>
      reply(401, { error: { message: `bad ${request.headers.authorization}` } })(res, request, index),
    );
    const error = await rejectionOf(client({ token: () => "tok_from_vault_123" }).ops.bearer());
    expect((error as Error).message).toBe("Kirim API 401: bad Bearer [redacted]");
    expect(renderings(error)).not.toContain("tok_from_vault_123");
  });

  test("a connection error whose cause quotes the URL: message and cause redacted, the cause's code kept", async () => {
    const fetch = async (request: Request) => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error(`connect ECONNREFUSED for ${request.url}`), { code: "ECONNREFUSED" }),
      });
    };
    const { ops, sleeps } = client({ ...secrets, fetch, maxRetries: 1 }, {
      post: { ...get([["queryKey"]]), method: "POST", idempotent: false },
    } as never);
    const error = await rejectionOf((ops as unknown as Record<string, Method>).post!());
    expect(error).toBeInstanceOf(KirimConnectionError);
    // ECONNREFUSED survives redaction: a POST is retried only because the code says nothing was sent.
    expect(sleeps).toHaveLength(1);
    const cause = (error as Error).cause as Error;
    expect((cause.cause as { code?: string }).code).toBe("ECONNREFUSED");
    expect((cause.cause as Error).message).toContain("api_key=[redacted]");
    expect(renderings(error)).not.toContain(encodeURIComponent(secrets.queryKey));
  });

  test("basic's password echoed as plain text, and a static key in an error of a call that also used a function", async () => {
    server.answer((res, request, index) =>
      reply(401, { error: { message: `wrong password ${secrets.login.password} for ${secrets.headerKey}` } })(
        res,
        request,
        index,
      ),
    );
    const { ops } = client({ ...secrets, queryKey: () => "fn_key" });
    for (const op of ["basic", "both"] as const) {
      expect(((await rejectionOf(ops[op]())) as Error).message).toBe(
        "Kirim API 401: wrong password [redacted] for [redacted]",
      );
    }
  });

  test("a secret that begins with another secret is redacted whole, not cut after the shorter one", async () => {
    server.answer((res, request, index) =>
      reply(401, { error: { message: `bad ${request.headers["x-api-key"]}` } })(res, request, index),
    );
    const error = await rejectionOf(client({ token: "tok_1", headerKey: "tok_1_and_more" }).ops.header());
    expect((error as Error).message).toBe("Kirim API 401: bad [redacted]");
  });

  test("the secrets redaction looks for are exactly the configured ones: each key, basic's password and its encoding", () => {
    const auth = (options: Record<string, unknown>) => createAuth(schemes, options, "test", everyFeature).secrets;
    expect(auth({ token: "tok_1", login: secrets.login, queryKey: () => "from_a_function" })).toEqual([
      "tok_1",
      secrets.login.password,
      basicToken,
    ]);
    expect(auth({})).toEqual([]);
  });

  test("an empty basic password redacts nothing else", async () => {
    server.answer(reply(401, { error: { message: "no" } }));
    const error = await rejectionOf(client({ login: { username: "ada", password: "" } }).ops.basic());
    expect((error as Error).message).toBe("Kirim API 401: no");
  });

  test("a cause chain that loops is cut where it loops, and no secret is left in it", async () => {
    const fetch = async (request: Request) => {
      const inner = new Error(`at ${request.url}`);
      const outer = new TypeError("fetch failed", { cause: inner });
      inner.cause = outer;
      throw outer;
    };
    const error = await rejectionOf(client({ ...secrets, fetch, maxRetries: 0 }).ops.query());
    expect(error).toBeInstanceOf(KirimConnectionError);
    const cause = (error as Error).cause as Error;
    expect(cause.name).toBe("TypeError");
    expect((cause.cause as Error).message).toBe(`at ${server.origin}/v1/r?api_key=[redacted]`);
    expect((cause.cause as Error).cause).toBeUndefined();
    expect(inspect(error, { depth: Infinity })).not.toContain(encodeURIComponent(secrets.queryKey));
  });

  test("the client object holds no credential", () => {
    const { ops } = client();
    const text = inspect(ops, { depth: Infinity, showHidden: true, getters: true }) + JSON.stringify(ops);
    for (const secret of everySecret) expect(text).not.toContain(secret);
  });
});
