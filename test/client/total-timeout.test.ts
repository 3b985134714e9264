// totalTimeoutMs bounds a whole call, retries and pauses included: an attempt gets only what is left of it, no pause
// ends past it, and running out rejects with a KirimTimeoutError whose `limit` says which one ran out.
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { InternalServerError, KirimTimeoutError } from "../../src/index.ts";
import type { KirimClientOptions } from "../../src/options.ts";
import { defaultRuntime, type Runtime } from "../../src/runtime.ts";
import { customerEnvelope, customerId, errorBody } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { recordingServerForThisFile, reply } from "./recording-server.ts";

const server = recordingServerForThisFile();

/** A clock that moves only by the pauses it is asked for (random 0.5: backoffs of 438, 875, 1750 ms…). */
function steppingRuntime(): { runtime: Runtime; sleeps: number[] } {
  const sleeps: number[] = [];
  let now = 0;
  return {
    sleeps,
    runtime: {
      async sleep(ms) {
        sleeps.push(ms);
        now += ms;
      },
      random: () => 0.5,
      now: () => now,
    },
  };
}

const client = (runtime: Runtime, options: Partial<KirimClientOptions> = {}) =>
  createKirimClientWithRuntime({ apiKey: "sk_test_1", baseUrl: server.origin, ...options }, runtime);

const unavailable = reply(503, errorBody("api_error", "internal_error", "Service busy"));

describe("totalTimeoutMs", () => {
  test("stops before a pause that would end past it, with the last error as cause", async () => {
    server.answer(unavailable);
    const { runtime, sleeps } = steppingRuntime();
    const error = await rejectionOf(
      client(runtime, { maxRetries: 5, totalTimeoutMs: 1_000 }).customers.update(customerId, { name: "Ada" }),
    );
    expect(error).toBeInstanceOf(KirimTimeoutError);
    expect(error).toMatchObject({ limit: "totalTimeoutMs", timeoutMs: 1_000, attempts: 2 });
    expect((error as Error).message).toBe("Kirim API call ran out of its totalTimeoutMs of 1000 ms (2 attempts)");
    expect((error as Error).cause).toBeInstanceOf(InternalServerError);
    // 438 fitted; 438 + 875 would have ended past 1000.
    expect(sleeps).toEqual([438]);
    expect(server.requests).toHaveLength(2);
  });

  test("a pause that would end exactly at it is not started either", async () => {
    server.answer(unavailable);
    const { runtime, sleeps } = steppingRuntime();
    await rejectionOf(
      client(runtime, { maxRetries: 5, totalTimeoutMs: 1_313 }).customers.update(customerId, { name: "A" }),
    );
    expect(sleeps).toEqual([438]);
  });

  test("a call's own overrides the client's", async () => {
    server.answer(unavailable);
    const { runtime, sleeps } = steppingRuntime();
    const kirim = client(runtime, { maxRetries: 5, totalTimeoutMs: 1_000 });
    await rejectionOf(kirim.customers.update(customerId, { name: "Ada" }, { totalTimeoutMs: 5_000 }));
    expect(sleeps).toEqual([438, 875, 1750]);
  });

  test("cuts an attempt short to what is left of it, though timeoutMs is longer", async () => {
    server.answer(() => {});
    const started = performance.now();
    const error = await rejectionOf(
      client(defaultRuntime, { timeoutMs: 60_000, totalTimeoutMs: 150 }).customers.update(customerId, { name: "A" }),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(error).toBeInstanceOf(KirimTimeoutError);
    expect(error).toMatchObject({ limit: "totalTimeoutMs", timeoutMs: 150, attempts: 1 });
    // The attempt's own timeout error, not wrapped in another.
    expect((error as Error).cause).not.toBeInstanceOf(KirimTimeoutError);
    expect((error as Error).cause).toMatchObject({ name: "TimeoutError" });
    // No second attempt (the first may not have reached the server yet on a loaded machine).
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });

  test("without it, a per-attempt timeout says so", async () => {
    server.answer(() => {});
    const error = await rejectionOf(
      client(defaultRuntime, { timeoutMs: 50, maxRetries: 0 }).customers.update(customerId, { name: "A" }),
    );
    expect(error).toMatchObject({ limit: "timeoutMs", timeoutMs: 50 });
  });

  test("a call that fits in it is untouched", async () => {
    server.answer(reply(200, customerEnvelope()));
    const { runtime } = steppingRuntime();
    const kirim = client(runtime, { totalTimeoutMs: 1_000 });
    expect(await kirim.customers.update(customerId, { name: "Ada" })).toEqual(customerEnvelope());
  });

  test("1 ms and setTimeout's largest delay are accepted", () => {
    const { runtime } = steppingRuntime();
    expect(() => client(runtime, { totalTimeoutMs: 1 })).not.toThrow();
    expect(() => client(runtime, { totalTimeoutMs: 2_147_483_647 })).not.toThrow();
  });

  test.each([0, -1, 1.5, 2_147_483_648, "5000", Number.NaN])("%s is refused by the client and by a call", (value) => {
    const { runtime } = steppingRuntime();
    expect(() => client(runtime, { totalTimeoutMs: value as number })).toThrow(
      /^createKirimClient: options.totalTimeoutMs must be a whole number of milliseconds from 1 to 2147483647, got /,
    );
    const call = client(runtime).customers.update(customerId, { name: "A" }, { totalTimeoutMs: value as number });
    return expect(call).rejects.toThrow(/^customers.update: options.totalTimeoutMs must be a whole number/);
  });
});
