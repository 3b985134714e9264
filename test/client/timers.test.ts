// A CLI or a serverless function exits as soon as its work is done: nothing the client starts keeps the process
// alive after a call settles.
import { AsyncResource, createHook } from "node:async_hooks";
import { getEventListeners } from "node:events";
import { describe, expect, test } from "vitest";
import { createKirimClient, KirimApiError, KirimConnectionError } from "../../src/index.ts";
import { sleep } from "../../src/runtime.ts";
import { customerEnvelope, customerId, errorBody } from "../helpers/fixtures.ts";
import { loopbackForThisFile, refusedPort, sendJsonThenClose as sendJson } from "../helpers/loopback.ts";

const KEY = "sk_test_timers";
const ID = customerId;

const api = loopbackForThisFile();

/**
 * Runs `action` and counts the timers it started that still keep the event loop alive once it has settled
 * (created by the action or by what it started, neither fired nor cleared, not unref'd). Timers that other code in
 * this process creates meanwhile (the loopback server's sockets, vitest's own) descend from another async resource,
 * so they are not counted: under load they used to make this test flaky.
 */
async function timersLeftBy(action: () => Promise<unknown>): Promise<number> {
  const root = new AsyncResource("timersLeftBy");
  const descendants = new Set([root.asyncId()]);
  const created = new Map<number, NodeJS.Timeout>();
  const hook = createHook({
    init(asyncId, type, triggerAsyncId, resource) {
      if (!descendants.has(triggerAsyncId)) return;
      descendants.add(asyncId);
      if (type === "Timeout") created.set(asyncId, resource as NodeJS.Timeout);
    },
    destroy(asyncId) {
      created.delete(asyncId);
    },
  }).enable();
  try {
    await root.runInAsyncScope(() => action().catch(() => undefined));
    // Destroy hooks run asynchronously, after the clear that triggers them.
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
  } finally {
    hook.disable();
    root.emitDestroy();
  }
  return [...created.values()].filter((timer) => timer.hasRef()).length;
}

describe("no timer of the client outlives a call (default timeout: 60 s)", () => {
  test("after a successful call", async () => {
    api.respondWith((res) => sendJson(res, 200, customerEnvelope()));
    const client = createKirimClient({ apiKey: KEY, baseUrl: `${api.origin}/v1` });
    await expect(client.customers.update(ID, { name: "Ada" })).resolves.toEqual(customerEnvelope());
    expect(await timersLeftBy(() => client.customers.update(ID, { name: "Ada" }))).toBe(0);
  });

  test("after an API error", async () => {
    api.respondWith((res) => sendJson(res, 404, errorBody("invalid_request_error", "resource_missing", "none")));
    const client = createKirimClient({ apiKey: KEY, baseUrl: `${api.origin}/v1` });
    await expect(client.customers.update(ID, { name: "Ada" })).rejects.toBeInstanceOf(KirimApiError);
    expect(await timersLeftBy(() => client.customers.update(ID, { name: "Ada" }))).toBe(0);
  });

  test("after a refused connection", async () => {
    const client = createKirimClient({
      apiKey: KEY,
      baseUrl: `http://127.0.0.1:${await refusedPort()}/v1`,
      maxRetries: 0,
    });
    await expect(client.customers.update(ID, { name: "Ada" })).rejects.toBeInstanceOf(KirimConnectionError);
    expect(await timersLeftBy(() => client.customers.update(ID, { name: "Ada" }))).toBe(0);
  });
});

describe("the pause between retries", () => {
  test("without a signal, waits its time", async () => {
    const started = performance.now();
    await sleep(30);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  test("aborted, rejects with the reason at once and leaves no timer behind", async () => {
    const controller = new AbortController();
    const left = timersLeftBy(async () => {
      const pause = sleep(60_000, controller.signal);
      controller.abort(new Error("stop"));
      await expect(pause).rejects.toThrow("stop");
    });
    expect(await left).toBe(0);
    // The counter does see a pause that is still running.
    const running = new AbortController();
    expect(await timersLeftBy(async () => void sleep(60_000, running.signal).catch(() => undefined))).toBe(1);
    running.abort();
  });

  test("with a long-lived signal, leaves no listener on it once the pause is over", async () => {
    const controller = new AbortController();
    for (let round = 0; round < 3; round++) await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  test("with a signal, waits its whole time unless aborted", async () => {
    const controller = new AbortController();
    let done = false;
    const pause = sleep(40, controller.signal).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    await pause;
    expect(done).toBe(true);
  });
});

describe("timeoutMs", () => {
  test("up to setTimeout's limit (2 147 483 647 ms, about 24.8 days) is a real timeout, not an immediate one", async () => {
    const maximum = 2_147_483_647;
    const client = createKirimClient({ apiKey: KEY, baseUrl: `${api.origin}/v1`, timeoutMs: maximum });
    api.respondWith((res) => sendJson(res, 200, customerEnvelope()));
    await expect(client.customers.update(ID, { name: "Ada" }, { timeoutMs: maximum })).resolves.toEqual(
      customerEnvelope(),
    );
    expect(() => createKirimClient({ apiKey: KEY, timeoutMs: maximum + 1 })).toThrow(TypeError);
  });

  test("a number in a string is refused, not coerced", () => {
    expect(() => createKirimClient({ apiKey: KEY, timeoutMs: "1000" as unknown as number })).toThrow(
      new TypeError(
        "createKirimClient: options.timeoutMs must be a whole number of milliseconds from 1 to 2147483647, got string",
      ),
    );
  });
});
