import { describe, expect, test, vi } from "vitest";
import { createKirimClient, type KirimClientOptions } from "../../src/index.ts";

const KEY = "sk_test_options_0123456789";

function construct(options: unknown) {
  return () => createKirimClient(options as KirimClientOptions);
}

describe("createKirimClient validates its options", () => {
  test.each([
    ["no options (and no KIRIM_API_KEY)", undefined, /options\.apiKey is required/],
    ["options not an object", "sk_test", /options must be an object/],
    ["missing apiKey", {}, /options\.apiKey is required/],
    ["empty apiKey", { apiKey: "" }, /options\.apiKey must be a non-empty string or a function that returns one/],
    ["apiKey not a string", { apiKey: 42 }, /options\.apiKey must be a non-empty string/],
    ["apiKey with a newline", { apiKey: `${KEY}\n` }, /options\.apiKey contains/],
    ["apiKey with a space", { apiKey: "sk live" }, /options\.apiKey contains/],
    ["baseUrl not a URL", { apiKey: KEY, baseUrl: "api.kirimdev.com" }, /options\.baseUrl is not an absolute URL/],
    ["baseUrl not http", { apiKey: KEY, baseUrl: "ftp://api.kirimdev.com" }, /options\.baseUrl must use http/],
    ["baseUrl with credentials", { apiKey: KEY, baseUrl: "https://u:p@api.kirimdev.com" }, /credentials/],
    ["baseUrl with a query", { apiKey: KEY, baseUrl: "https://api.kirimdev.com/v1?x=1" }, /query or fragment/],
    ["baseUrl not a string", { apiKey: KEY, baseUrl: 7 }, /options\.baseUrl must be a string/],
    ["negative maxRetries", { apiKey: KEY, maxRetries: -1 }, /options\.maxRetries must be a whole number ≥ 0, got -1/],
    ["fractional maxRetries", { apiKey: KEY, maxRetries: 1.5 }, /options\.maxRetries/],
    ["infinite maxRetries", { apiKey: KEY, maxRetries: Infinity }, /options\.maxRetries/],
    ["string maxRetries", { apiKey: KEY, maxRetries: "2" }, /options\.maxRetries .* got string/],
    ["negative timeoutMs", { apiKey: KEY, timeoutMs: -5 }, /options\.timeoutMs must be a whole number/],
    ["zero timeoutMs", { apiKey: KEY, timeoutMs: 0 }, /options\.timeoutMs/],
    ["fractional timeoutMs", { apiKey: KEY, timeoutMs: 10.5 }, /options\.timeoutMs/],
    ["NaN timeoutMs", { apiKey: KEY, timeoutMs: Number.NaN }, /options\.timeoutMs/],
    ["timeoutMs beyond setTimeout", { apiKey: KEY, timeoutMs: 2 ** 31 }, /options\.timeoutMs/],
    ["fetch not a function", { apiKey: KEY, fetch: "fetch" }, /options\.fetch must be a function/],
    ["headers not an object", { apiKey: KEY, headers: "x-a: 1" }, /options\.headers must be/],
    ["header value not allowed", { apiKey: KEY, headers: { "x-a": "1\r\nx-b: 2" } }, /options\.headers holds/],
  ])("%s → TypeError", (_label, options, message) => {
    expect(construct(options)).toThrow(TypeError);
    expect(construct(options)).toThrow(message);
  });

  test("the key never appears in a validation message", () => {
    for (const options of [{ apiKey: `${KEY}\n` }, { apiKey: KEY, baseUrl: "nope" }, { apiKey: KEY, maxRetries: -1 }]) {
      let message = "";
      try {
        createKirimClient(options);
      } catch (error) {
        message = String(error) + JSON.stringify(error);
      }
      expect(message).toMatch(/TypeError/);
      expect(message).not.toContain(KEY);
    }
  });

  test("accepts the documented options, edge values included", () => {
    expect(() => createKirimClient({ apiKey: KEY })).not.toThrow();
    expect(() =>
      createKirimClient({
        apiKey: KEY,
        baseUrl: "http://127.0.0.1:1/v1/",
        timeoutMs: 1,
        maxRetries: 0,
        fetch: async () => new Response(),
        headers: [["x-trace", "1"]],
      }),
    ).not.toThrow();
  });
});

describe("customers.update validates its arguments before sending anything", () => {
  const fetch = vi.fn(async () => new Response());
  const kirim = createKirimClient({ apiKey: KEY, fetch });

  test.each([
    ["empty id", "", /id must be a non-empty string/],
    ["id not a string", 42, /id must be a non-empty string/],
    ["id undefined", undefined, /id must be a non-empty string/],
    ['id "."', ".", /relative path step/],
    ['id ".."', "..", /relative path step/],
    ["id with a lone surrogate", "cus_\uD800", /unpaired UTF-16 surrogate/],
  ])("%s → TypeError", async (_label, id, message) => {
    const call = kirim.customers.update(id as string, { name: "Ada" });
    await expect(call).rejects.toThrow(TypeError);
    await expect(call).rejects.toThrow(message);
    expect(fetch).not.toHaveBeenCalled();
  });

  test.each([
    ["left out", undefined, /customers\.update: body is required/],
    ["a function", () => ({}), /body cannot be serialised to JSON \(function\)/],
    ["a BigInt inside", { metadata: { n: 1n } }, /body cannot be serialised to JSON \(.*BigInt/],
  ])("body %s → TypeError", async (_label, body, message) => {
    await expect(kirim.customers.update("cus_1", body as never)).rejects.toThrow(message);
    expect(fetch).not.toHaveBeenCalled();
  });

  test("a circular body → TypeError", async () => {
    const metadata: Record<string, unknown> = {};
    metadata.self = metadata;
    await expect(kirim.customers.update("cus_1", { metadata })).rejects.toThrow(/body cannot be serialised to JSON/);
  });

  test.each([
    ["signal not an AbortSignal", { signal: {} }, /options\.signal must be an AbortSignal/],
    ["negative maxRetries", { maxRetries: -1 }, /customers\.update: options\.maxRetries/],
    ["fractional timeoutMs", { timeoutMs: 0.5 }, /customers\.update: options\.timeoutMs/],
    ["options not an object", "fast", /options must be an object/],
  ])("per-call %s → TypeError", async (_label, options, message) => {
    await expect(kirim.customers.update("cus_1", { name: "Ada" }, options as never)).rejects.toThrow(message);
    expect(fetch).not.toHaveBeenCalled();
  });
});
