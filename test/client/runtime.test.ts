import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { sleep } from "../../src/runtime.ts";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test("sleep resolves after the delay and not before", async () => {
  let done = false;
  const pause = sleep(1_000).then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(999);
  expect(done).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  await pause;
  expect(done).toBe(true);
});

test("sleep rejects with the signal's reason when aborted, and leaves no timer behind", async () => {
  const controller = new AbortController();
  const pause = sleep(60_000, controller.signal);
  controller.abort();
  await expect(pause).rejects.toMatchObject({ name: "AbortError" });
  expect(vi.getTimerCount()).toBe(0);
});

test("sleep rejects at once when the signal is already aborted", async () => {
  const reason = new Error("stop");
  await expect(sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  expect(vi.getTimerCount()).toBe(0);
});
