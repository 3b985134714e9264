// `x-kirim-idempotency-key` on the every-shape fixture's orders.create: a fresh key per call, the same on each retry,
// the caller's own kept, and the POST then retried after a 5xx like an idempotent operation. A POST without the
// declaration still is not.
import { afterEach, describe, expect, test } from "vitest";
import { freshIdempotencyKey } from "../../src/idempotency-key.ts";
import { InternalServerError } from "../../src/index.ts";
import { everyShapeClient as everyShapeClientFor } from "../helpers/every-shape-client.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { type Answer, recordingServerForThisFile, reply } from "./recording-server.ts";

const server = recordingServerForThisFile();
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const everyShapeClient = (options: Record<string, unknown> = {}) =>
  everyShapeClientFor({ baseUrl: server.origin, token: "tok_1", maxRetries: 2, ...options });

/** 503 for the first `failures` requests, then `last`. */
function failingThen(failures: number, last: Answer): Answer {
  return (res, request, index) =>
    index < failures ? reply(503, { error: { message: "busy" } })(res, request, index) : last(res, request, index);
}

const keysSent = () => server.requests.map((request) => request.headers["idempotency-key"]);

describe("an operation that declares x-kirim-idempotency-key", () => {
  test("sends one key on every attempt of a call, and is retried after a 5xx", async () => {
    server.answer(failingThen(2, reply(201, { id: "ord_1" })));
    expect(await everyShapeClient().orders.create({ sku: "a" })).toEqual({ id: "ord_1" });
    const keys = keysSent();
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(uuid);
    expect(new Set(keys).size).toBe(1);
  });

  test("sends a different key for each call", async () => {
    server.answer(reply(201, { id: "ord_1" }));
    const client = everyShapeClient();
    await client.orders.create({ sku: "a" });
    await client.orders.create({ sku: "a" });
    const [first, second] = keysSent();
    expect(first).toMatch(uuid);
    expect(second).toMatch(uuid);
    expect(first).not.toBe(second);
  });

  test("is retried after a timeout with the same key", async () => {
    server.answer((res, request, index) => {
      if (index > 0) reply(201, { id: "ord_1" })(res, request, index);
    });
    const client = everyShapeClient({ timeoutMs: 100 });
    expect(await client.orders.create({ sku: "a" })).toEqual({ id: "ord_1" });
    const keys = keysSent();
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  test("keeps the caller's own key, from headers or params, on every retry", async () => {
    server.answer(failingThen(1, reply(201, { id: "ord_1" })));
    await everyShapeClient().orders.create({ sku: "a" }, { headers: { "Idempotency-Key": "mine-1" } });
    await everyShapeClient().orders.create({ sku: "a" }, { params: { "Idempotency-Key": "mine-2" } });
    expect(keysSent()).toEqual(["mine-1", "mine-1", "mine-2"]);
  });
});

test("a POST without the declaration sends no key and is not retried after a 5xx", async () => {
  server.answer(failingThen(1, reply(201, { id: "f_1", size: 1 })));
  const error = await rejectionOf(everyShapeClient().files.upload({ file: new Blob(["x"]), name: "a" }));
  expect(error).toBeInstanceOf(InternalServerError);
  expect(server.requests).toHaveLength(1);
  expect(keysSent()).toEqual([undefined]);
  expect(Object.values(server.requests[0]!.headers).filter((value) => uuid.test(String(value)))).toEqual([]);
});

describe("freshIdempotencyKey", () => {
  const randomUUID = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(crypto), "randomUUID")!;
  afterEach(() => {
    Object.defineProperty(Object.getPrototypeOf(crypto), "randomUUID", randomUUID);
  });

  test("builds a v4 UUID from getRandomValues where randomUUID is missing (a page on plain http)", () => {
    Object.defineProperty(Object.getPrototypeOf(crypto), "randomUUID", { value: undefined, configurable: true });
    const keys = Array.from({ length: 50 }, () => freshIdempotencyKey());
    for (const key of keys) expect(key).toMatch(uuid);
    expect(new Set(keys).size).toBe(50);
  });

  test("takes crypto.randomUUID's key where it exists", () => {
    const platformKey = "0b0e9b2c-5d1e-4f7a-9c3b-2a6d8e4f1a7c";
    Object.defineProperty(Object.getPrototypeOf(crypto), "randomUUID", {
      value: () => platformKey,
      configurable: true,
    });
    expect(freshIdempotencyKey()).toBe(platformKey);
  });
});
