// The runtime core is driven by generated/client.ts's operation table. Here it runs on a table of operations the
// Kirim spec does not have (a list with query parameters, a POST action without a body, an optional body with a
// query, two path parameters), to show that any operation the API team adds gets the same behaviour.
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime, type OperationSpec } from "../../src/client.ts";
import {
  InternalServerError,
  KirimApiError,
  KirimConnectionError,
  KirimTimeoutError,
  RateLimitError,
} from "../../src/index.ts";
import { everyFeature } from "../helpers/every-feature.ts";
import { errorBody, instantRuntime } from "../helpers/fixtures.ts";
import { loopbackForThisFile, refusedPort, sendJson } from "../helpers/loopback.ts";
import { rejectionOf } from "../helpers/rejection.ts";

const KEY = "sk_test_operationTableSecret";
const table = {
  customers: {
    list: {
      method: "GET",
      path: "/customers",
      query: ["limit", "starting_after"],
      idempotent: true,
      returns: { data: "array", has_more: "boolean" },
      security: [["bearerAuth"]],
    },
    archive: { method: "POST", path: "/customers/{id}/archive", returns: { data: "object" } },
    note: { method: "POST", path: "/customers/{id}/notes", body: "optional", query: ["notify"] },
  },
  teamMembers: {
    remove: { method: "DELETE", path: "/teams/{team_id}/members/{member_id}", idempotent: true },
  },
  invoices: {
    retrieve: { method: "GET", path: "/invoices/{number}", numeric: ["number"], idempotent: true },
  },
} satisfies Record<string, Record<string, OperationSpec>>;

type Method = (...args: unknown[]) => Promise<unknown>;

const api = loopbackForThisFile();

function client(options: { baseUrl?: string; maxRetries?: number; timeoutMs?: number } = {}) {
  const { runtime, sleeps } = instantRuntime();
  const kirim = createKirimClientWithRuntime(
    { apiKey: KEY, baseUrl: `${api.origin}/v1`, ...options },
    runtime,
    table,
    undefined,
    everyFeature,
  ) as unknown as Record<string, Record<string, Method>>;
  return { kirim, sleeps };
}

describe("every row of the table becomes a method", () => {
  test("resources and methods are named by the table and frozen", () => {
    const { kirim } = client();
    expect(Object.keys(kirim)).toEqual(["customers", "teamMembers", "invoices"]);
    expect(Object.keys(kirim.customers!)).toEqual(["list", "archive", "note"]);
    expect(Object.isFrozen(kirim) && Object.isFrozen(kirim.customers)).toBe(true);
  });

  test("query parameters as the argument of an operation without a body; bearer auth; no body sent", async () => {
    api.respondWith((res) => sendJson(res, 200, { data: [], has_more: false }));
    const result = await client().kirim.customers!.list!({ limit: 2, starting_after: "cus_1" });
    expect(result).toEqual({ data: [], has_more: false });
    expect(api.seen[0]).toMatchObject({
      method: "GET",
      rawUrl: "/v1/customers?limit=2&starting_after=cus_1",
      body: "",
    });
    expect(api.seen[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  test("path parameters positionally in URL order, each encoded into one segment and checked", async () => {
    api.respondWith((res) => {
      res.writeHead(204);
      res.end();
    });
    const { kirim } = client();
    await expect(kirim.teamMembers!.remove!("team/1", "mem 2")).resolves.toBeUndefined();
    expect(api.seen[0]).toMatchObject({ method: "DELETE", rawUrl: "/v1/teams/team%2F1/members/mem%202" });
    await expect(kirim.teamMembers!.remove!("team_1", "..")).rejects.toThrow(
      /teamMembers\.remove: member_id "\.\." cannot be sent/,
    );
    await expect(kirim.teamMembers!.remove!("team_1")).rejects.toThrow(
      /teamMembers\.remove: member_id must be a non-empty string/,
    );
    expect(api.seen).toHaveLength(1);
  });

  test("a path parameter the spec types as a number is sent in decimal; other parameters stay strings only", async () => {
    api.respondWith((res) => sendJson(res, 200, { number: 42 }));
    const { kirim } = client();
    await kirim.invoices!.retrieve!(42);
    expect(api.seen[0]!.rawUrl).toBe("/v1/invoices/42");
    await expect(kirim.invoices!.retrieve!(Number.NaN)).rejects.toThrow(
      /invoices\.retrieve: number must be a finite number/,
    );
    await expect(kirim.teamMembers!.remove!(7, "mem_1")).rejects.toThrow(/team_id must be a non-empty string/);
  });

  test("an optional body may be left out; with a body, query parameters go in options.params (or options.query)", async () => {
    api.respondWith((res) => sendJson(res, 201, { id: "note_1" }));
    const { kirim } = client();
    await kirim.customers!.note!("cus_1");
    await kirim.customers!.note!("cus_1", { text: "hi" }, { params: { notify: true } });
    await kirim.customers!.note!("cus_1", { text: "hi" }, { query: { notify: false } });
    expect(api.seen.map(({ rawUrl, body }) => [rawUrl, body])).toEqual([
      ["/v1/customers/cus_1/notes", ""],
      ["/v1/customers/cus_1/notes?notify=true", '{"text":"hi"}'],
      ["/v1/customers/cus_1/notes?notify=false", '{"text":"hi"}'],
    ]);
    await expect(kirim.customers!.note!("cus_1", () => "text")).rejects.toThrow(
      /customers\.note: body cannot be serialised to JSON \(function\)/,
    );
    await expect(kirim.customers!.list!("limit=2")).rejects.toThrow(/customers\.list: params must be an object/);
    await expect(kirim.customers!.list!({ limt: 2 })).rejects.toThrow(/customers\.list: unknown parameter "limt"/);
  });

  test("a 2xx body without the documented fields is an error naming them, not a silent success", async () => {
    api.respondWith((res) => sendJson(res, 200, { data: {}, has_more: "no" }));
    const error = await rejectionOf(client().kirim.customers!.list!());
    expect(error).toBeInstanceOf(KirimApiError);
    expect((error as Error).message).toContain("without the documented { data, has_more } JSON");
  });

  test("a status the operation does not document still yields a typed KirimApiError", async () => {
    api.respondWith((res) => sendJson(res, 418, errorBody("invalid_request_error", "teapot", "I am a teapot")));
    const error = await rejectionOf(client({ maxRetries: 0 }).kirim.customers!.archive!("cus_1"));
    expect(error).toBeInstanceOf(KirimApiError);
    expect(error).toMatchObject({ status: 418, code: "teapot", requestId: "req_01HXYZERROR" });
  });
});

describe("retries follow the spec's idempotency, not the HTTP method alone", () => {
  test("an idempotent operation is retried after a 5xx", async () => {
    api.respondWith((res, _seen, index) =>
      index === 0
        ? sendJson(res, 503, errorBody("api_error", "unavailable", "try again"))
        : sendJson(res, 200, { data: [], has_more: false }),
    );
    const { kirim, sleeps } = client();
    await kirim.customers!.list!();
    expect(api.seen).toHaveLength(2);
    expect(sleeps).toEqual([438]);
  });

  test("a POST not marked idempotent is never retried after a 5xx: the server may have acted on it", async () => {
    api.respondWith((res) => sendJson(res, 500, errorBody("api_error", "internal", "boom")));
    const error = await rejectionOf(client().kirim.customers!.archive!("cus_1"));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(api.seen).toHaveLength(1);
  });

  test("a POST not marked idempotent is never retried after a timeout", async () => {
    api.respondWith(() => undefined); // never answers; 500 ms so that the request has surely arrived on a loaded machine
    const error = await rejectionOf(client({ timeoutMs: 500 }).kirim.customers!.archive!("cus_1"));
    expect(error).toBeInstanceOf(KirimTimeoutError);
    expect(api.seen).toHaveLength(1);
  });

  test("a POST not marked idempotent is retried after a 429: the server refused it", async () => {
    api.respondWith((res, _seen, index) =>
      index === 0
        ? sendJson(res, 429, errorBody("rate_limit_error", "rate_limited", "slow down"), { "retry-after": "1" })
        : sendJson(res, 200, { data: { id: "cus_1" } }),
    );
    const { kirim, sleeps } = client();
    await expect(kirim.customers!.archive!("cus_1")).resolves.toEqual({ data: { id: "cus_1" } });
    expect(sleeps).toEqual([1000]);
  });

  test("a POST not marked idempotent is retried when the connection was refused before anything was sent", async () => {
    const { kirim, sleeps } = client({ baseUrl: `http://127.0.0.1:${await refusedPort()}`, maxRetries: 2 });
    const error = await rejectionOf(kirim.customers!.archive!("cus_1"));
    expect(error).toBeInstanceOf(KirimConnectionError);
    expect(sleeps).toHaveLength(2);
  });

  test("a 429 still surfaces as RateLimitError once the retries are used up", async () => {
    api.respondWith((res) => sendJson(res, 429, errorBody("rate_limit_error", "rate_limited", "slow down")));
    const error = await rejectionOf(client({ maxRetries: 1 }).kirim.customers!.archive!("cus_1"));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(api.seen).toHaveLength(2);
  });
});
