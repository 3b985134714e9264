// How a method reads its arguments and checks the 2xx body, for operation shapes beyond PATCH /customers/{id}.
import { expect, test } from "vitest";
import { createKirimClientWithRuntime, type OperationSpec } from "../../src/client.ts";
import { createKirimClient, KirimApiError } from "../../src/index.ts";
import { everyFeature } from "../helpers/every-feature.ts";
import { instantRuntime } from "../helpers/fixtures.ts";
import { loopbackForThisFile, sendJsonThenClose as sendJson } from "../helpers/loopback.ts";

const KEY = "sk_test_operationArguments";
const table = {
  things: {
    get: {
      method: "GET",
      path: "/things/{id}",
      idempotent: true,
      returns: { id: "string", archived_at: "string|null" },
    },
  },
  invoices: {
    retrieve: { method: "GET", path: "/invoices/{number}", numeric: ["number"], idempotent: true },
  },
} satisfies Record<string, Record<string, OperationSpec>>;
type Get = (id: string, options?: unknown) => Promise<unknown>;

const api = loopbackForThisFile();

function things() {
  const client = createKirimClientWithRuntime(
    { apiKey: KEY, baseUrl: `${api.origin}/v1`, maxRetries: 0 },
    instantRuntime().runtime,
    table,
    undefined,
    everyFeature,
  );
  return (client as unknown as { things: { get: Get } }).things;
}

test("an operation without body or query takes its request options right after the path parameters", async () => {
  api.respondWith((res) => sendJson(res, 200, { id: "thing_1", archived_at: null }));
  await things().get("thing_1", { headers: { "x-trace": "t1" } });
  expect(api.seen[0]?.headers["x-trace"]).toBe("t1");
});

test("a field the spec allows to be null may be null in a 2xx body", async () => {
  api.respondWith((res) => sendJson(res, 200, { id: "thing_1", archived_at: null }));
  await expect(things().get("thing_1")).resolves.toEqual({ id: "thing_1", archived_at: null });
});

test("a field of the wrong JSON type in a 2xx body is an error naming the documented body", async () => {
  api.respondWith((res) => sendJson(res, 200, { id: "thing_1", archived_at: 7 }));
  const error = await things()
    .get("thing_1")
    .catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(KirimApiError);
  expect((error as Error).message).toBe(
    'Kirim API answered 200 without the documented { id, archived_at } JSON: {"id":"thing_1","archived_at":7}',
  );
});

test("a path parameter the spec types as a number also takes its decimal text, sent as written", async () => {
  api.respondWith((res) => sendJson(res, 200, { id: "inv_42" }));
  const client = createKirimClientWithRuntime(
    { apiKey: KEY, baseUrl: `${api.origin}/v1`, maxRetries: 0 },
    instantRuntime().runtime,
    table,
    undefined,
    everyFeature,
  );
  const invoices = (client as unknown as { invoices: { retrieve: (number: unknown) => Promise<unknown> } }).invoices;
  await invoices.retrieve("0042");
  await invoices.retrieve(42);
  expect(api.seen.map((seen) => seen.rawUrl)).toEqual(["/v1/invoices/0042", "/v1/invoices/42"]);
});

test("customers.update without a body is refused before anything is sent (the spec requires one)", async () => {
  const client = createKirimClient({ apiKey: KEY, baseUrl: `${api.origin}/v1` });
  const update = client.customers.update as (id: string, body?: unknown) => Promise<unknown>;
  await expect(update("cus_1")).rejects.toThrow(new TypeError("customers.update: body is required"));
  expect(api.seen).toEqual([]);
});
