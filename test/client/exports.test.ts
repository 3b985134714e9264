import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import * as kirim from "../../src/index.ts";

/** Every value the package root exports (types aside): the README's surface, nothing internal. */
const documentedValues = [
  "AuthenticationError",
  "DEFAULT_BASE_URL",
  "DEFAULT_MAX_RETRIES",
  "DEFAULT_TIMEOUT_MS",
  "EntitlementError",
  "InternalServerError",
  "KirimApiError",
  "KirimConnectionError",
  "KirimError",
  "KirimHookError",
  "KirimTimeoutError",
  "NotFoundError",
  "RateLimitError",
  "ValidationError",
  "createApiError",
  "createKirimClient",
];

test("the package root exports the documented surface", () => {
  for (const name of [
    "createKirimClient",
    "KirimError",
    "KirimApiError",
    "ValidationError",
    "AuthenticationError",
    "EntitlementError",
    "NotFoundError",
    "RateLimitError",
    "InternalServerError",
    "KirimConnectionError",
    "KirimTimeoutError",
  ]) {
    expect(typeof (kirim as Record<string, unknown>)[name], name).toBe("function");
  }
  expect(kirim.DEFAULT_BASE_URL).toBe("https://api.kirimdev.com/v1");
  expect(kirim.DEFAULT_TIMEOUT_MS).toBe(60_000);
  expect(kirim.DEFAULT_MAX_RETRIES).toBe(2);
});

test("test hooks stay internal: the root exports exactly the documented values", () => {
  expect(Object.keys(kirim)).not.toContain("createKirimClientWithRuntime");
  expect(Object.keys(kirim).sort()).toEqual(documentedValues);
});

test("the README names every schema type the package exports (generated/schemas.ts)", async () => {
  const schemas = await readFile(new URL("../../generated/schemas.ts", import.meta.url), "utf8");
  const readme = await readFile(new URL("../../client/README.md", import.meta.url), "utf8");
  const names = [...schemas.matchAll(/^export type (\w+) =/gm)].map((match) => match[1]!);
  expect(names).toContain("Customer");
  expect(names.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
});
