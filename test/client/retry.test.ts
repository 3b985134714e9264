import { describe, expect, test } from "vitest";
import { createApiError, KirimConnectionError, KirimTimeoutError } from "../../src/errors.ts";
import { backoffDelayMs, MAX_BACKOFF_MS, retryDelayMs, shouldRetry } from "../../src/retry.ts";
import { parseRetryAfterMs } from "../../src/retry-after.ts";
import { FIXED_NOW as NOW } from "../helpers/fixtures.ts";

const clock = { now: () => NOW, random: () => 0 };

function apiError(status: number, headers: Record<string, string> = {}) {
  return createApiError(status, undefined, new Headers(headers), NOW);
}

describe("backoffDelayMs", () => {
  test("doubles from 500 ms and stops at 8 s", () => {
    expect([0, 1, 2, 3, 4, 5, 10, 60].map((n) => backoffDelayMs(n, () => 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000, 8000,
    ]);
  });

  test("jitter shortens the delay by at most 25 %", () => {
    for (const n of [0, 3, 9]) {
      const ceiling = Math.min(500 * 2 ** n, MAX_BACKOFF_MS);
      expect(backoffDelayMs(n, () => 0)).toBe(ceiling);
      expect(backoffDelayMs(n, () => 0.999999)).toBe(Math.round(ceiling * 0.75));
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelayMs(n, Math.random);
        expect(delay).toBeGreaterThanOrEqual(ceiling * 0.75);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});

describe("parseRetryAfterMs", () => {
  test("reads seconds", () => {
    expect(parseRetryAfterMs("1", NOW)).toBe(1000);
    expect(parseRetryAfterMs(" 30 ", NOW)).toBe(30_000);
    expect(parseRetryAfterMs("0", NOW)).toBe(0);
    expect(parseRetryAfterMs("1.5", NOW)).toBe(1500);
  });

  test("reads an HTTP date relative to now; a past date means now", () => {
    expect(parseRetryAfterMs(new Date(NOW + 5_000).toUTCString(), NOW)).toBe(5_000);
    expect(parseRetryAfterMs("Fri, 27 Nov 2026 12:01:00 GMT", NOW)).toBe(60_000);
    expect(parseRetryAfterMs(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
  });

  test("ignores absent or unreadable values", () => {
    for (const value of [null, undefined, "", "-1", "soon", "1e3", "12abc", "Infinity"]) {
      expect(parseRetryAfterMs(value, NOW), String(value)).toBeUndefined();
    }
  });
});

describe("shouldRetry", () => {
  test("retries 408, 409, 429, 500, 502, 503, 504 and nothing else among statuses", () => {
    const retried = [200, 301, 400, 401, 402, 403, 404, 408, 409, 422, 429, 500, 501, 502, 503, 504, 505].filter(
      (status) => shouldRetry(apiError(status)),
    );
    expect(retried).toEqual([408, 409, 429, 500, 502, 503, 504]);
  });

  test("retries connection errors and timeouts, not other errors", () => {
    expect(shouldRetry(new KirimConnectionError("refused"))).toBe(true);
    expect(shouldRetry(new KirimTimeoutError(100))).toBe(true);
    expect(shouldRetry(new DOMException("aborted", "AbortError"))).toBe(false);
    expect(shouldRetry(new TypeError("bug"))).toBe(false);
  });
});

describe("retryDelayMs", () => {
  test("uses backoff when the server says nothing", () => {
    expect(retryDelayMs(apiError(503), 2, clock)).toBe(2000);
    expect(retryDelayMs(new KirimConnectionError("reset"), 0, clock)).toBe(500);
  });

  test("honours Retry-After in seconds or as a date, on any retryable status", () => {
    expect(retryDelayMs(apiError(429, { "retry-after": "1" }), 0, clock)).toBe(1000);
    expect(retryDelayMs(apiError(503, { "retry-after": "7" }), 3, clock)).toBe(7000);
    expect(retryDelayMs(apiError(429, { "retry-after": new Date(NOW + 42_000).toUTCString() }), 0, clock)).toBe(42_000);
  });

  test("accepts up to 60 s and gives up beyond", () => {
    expect(retryDelayMs(apiError(429, { "retry-after": "60" }), 0, clock)).toBe(60_000);
    expect(retryDelayMs(apiError(429, { "retry-after": "61" }), 0, clock)).toBeUndefined();
    expect(
      retryDelayMs(apiError(429, { "retry-after": new Date(NOW + 3_600_000).toUTCString() }), 0, clock),
    ).toBeUndefined();
  });

  test("falls back to backoff when Retry-After is unreadable", () => {
    expect(retryDelayMs(apiError(429, { "retry-after": "later" }), 1, clock)).toBe(1000);
  });

  test("never for statuses that must not be retried, whatever Retry-After says", () => {
    for (const status of [400, 401, 402, 403, 404, 422]) {
      expect(retryDelayMs(apiError(status, { "retry-after": "1" }), 0, clock)).toBeUndefined();
    }
  });
});
