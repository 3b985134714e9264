// What a new user meets in their first hour: a wrong baseUrl's 404 says to check it, the SDK's User-Agent (never over
// theirs), KIRIM_API_KEY and KIRIM_BASE_URL when the options leave them out, and AbortSignal.timeout()'s rejection.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test, vi } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { environmentName, processEnvironment, withEnvironmentDefaults } from "../../src/environment.ts";
import { createKirimClient, KirimError, NotFoundError } from "../../src/index.ts";
import { sdkUserAgent } from "../../src/user-agent.ts";
import { securitySchemes as everyShapeSchemes } from "../fixtures/every-shape/generated/client.ts";
import { customerEnvelope, customerId, errorBody, instantRuntime } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { recordingServerForThisFile, reply } from "./recording-server.ts";

const server = recordingServerForThisFile();
const kirim = (options: { headers?: HeadersInit } = {}) =>
  createKirimClientWithRuntime({ apiKey: "sk_test_1", baseUrl: server.origin, ...options }, instantRuntime().runtime);

describe("a 404 that is not the API's", () => {
  test("says to check baseUrl", async () => {
    server.answer(reply(404, "<html>Cannot PATCH /customers</html>", { "content-type": "text/html" }));
    const error = await rejectionOf(kirim().customers.update(customerId, { name: "Ada" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(
      `Kirim API answered 404 without the documented JSON error body: <html>Cannot PATCH /customers</html>; the API answers an unknown id with its JSON error body, so check baseUrl (${server.origin})`,
    );
  });

  test("neither has a problem+json 404 (it names its type), nor another status without the API's body", async () => {
    server.answer(
      reply(404, { type: "https://example.com/gone", title: "Gone" }, { "content-type": "application/problem+json" }),
    );
    const problem = await rejectionOf(kirim().customers.update(customerId, { name: "Ada" }));
    expect((problem as Error).message).not.toMatch(/baseUrl/);
    server.answer(reply(501, "<html>Not Implemented</html>", { "content-type": "text/html" }));
    const other = await rejectionOf(kirim().customers.update(customerId, { name: "Ada" }));
    expect((other as Error).message).not.toMatch(/baseUrl/);
  });

  test("the API's own 404 has no hint", async () => {
    server.answer(reply(404, errorBody("invalid_request_error", "resource_missing", "No such customer")));
    const error = await rejectionOf(kirim().customers.update(customerId, { name: "Ada" }));
    expect((error as Error).message).toBe("Kirim API 404 resource_missing: No such customer");
    // A code alone (no type) is the API's body too.
    server.answer(reply(404, { error: { code: "resource_missing", message: "No such customer" } }));
    const codeOnly = await rejectionOf(kirim().customers.update(customerId, { name: "Ada" }));
    expect((codeOnly as Error).message).not.toMatch(/baseUrl/);
  });
});

describe("User-Agent", () => {
  const { version } = JSON.parse(readFileSync("client/package.json", "utf8")) as { version: string };

  test("names the client's version and the runtime", async () => {
    server.answer(reply(200, customerEnvelope()));
    await kirim().customers.update(customerId, { name: "Ada" });
    expect(server.requests[0]?.headers["user-agent"]).toBe(`kirim-client/${version} node/${process.versions.node}`);
  });

  test("never over the caller's own, set for the client or for a call", async () => {
    server.answer(reply(200, customerEnvelope()));
    await kirim({ headers: { "User-Agent": "my-app/1.0" } }).customers.update(customerId, { name: "Ada" });
    await kirim().customers.update(customerId, { name: "Ada" }, { headers: { "user-agent": "my-job/2" } });
    expect(server.requests.map((request) => request.headers["user-agent"])).toEqual(["my-app/1.0", "my-job/2"]);
  });

  test("Bun and Deno are named as themselves; a browser gets none (it sends its own)", () => {
    const node = { versions: { node: "24.0.0" } };
    expect(sdkUserAgent({ Bun: { version: "1.2.3" }, process: node })).toBe(`kirim-client/${version} bun/1.2.3`);
    expect(sdkUserAgent({ Deno: { version: { deno: "2.1.0" } }, process: node })).toBe(
      `kirim-client/${version} deno/2.1.0`,
    );
    expect(sdkUserAgent({})).toBeUndefined();
    // A bundler's `process` shim without versions, or a `Deno` without its version, is no runtime either.
    expect(sdkUserAgent({ process: {}, Deno: {} } as never)).toBeUndefined();
  });
});

describe("KIRIM_API_KEY and KIRIM_BASE_URL", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  test("are used when the options leave them out", async () => {
    vi.stubEnv("KIRIM_API_KEY", "sk_from_env_1");
    vi.stubEnv("KIRIM_BASE_URL", server.origin);
    server.answer(reply(200, customerEnvelope()));
    await createKirimClient().customers.update(customerId, { name: "Ada" });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk_from_env_1");
  });

  test("never over options that are given", async () => {
    vi.stubEnv("KIRIM_API_KEY", "sk_from_env_1");
    vi.stubEnv("KIRIM_BASE_URL", "http://127.0.0.1:1");
    server.answer(reply(200, customerEnvelope()));
    await createKirimClient({ apiKey: "sk_given_1", baseUrl: server.origin }).customers.update(customerId, {
      name: "Ada",
    });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk_given_1");
  });

  test("one variable per token or key option of the spec, none for basic credentials", () => {
    expect(environmentName("apiKey")).toBe("KIRIM_API_KEY");
    const environment = { KIRIM_TOKEN: "tok_env", KIRIM_HEADER_KEY: "hk_env", KIRIM_BASIC_AUTH: "ada:pw" };
    const filled = withEnvironmentDefaults({ token: "tok_given" }, everyShapeSchemes, environment);
    expect(filled).toMatchObject({ token: "tok_given", headerKey: "hk_env" });
    expect(filled).not.toHaveProperty("basicAuth", "ada:pw");
  });

  test("no process (a browser), or an environment that refuses reads (Deno without --allow-env): options as given", () => {
    expect(processEnvironment({})).toBeUndefined();
    const refusing = new Proxy({} as Record<string, string>, {
      get() {
        throw new Error("Requires env access");
      },
    });
    expect(withEnvironmentDefaults({ apiKey: "sk_1" }, everyShapeSchemes, refusing)).toMatchObject({ apiKey: "sk_1" });
    expect(withEnvironmentDefaults("not options", everyShapeSchemes, { KIRIM_API_KEY: "x" })).toBe("not options");
    expect(withEnvironmentDefaults(null, everyShapeSchemes, { KIRIM_API_KEY: "x" })).toBeNull();
    const given = { token: undefined };
    expect(withEnvironmentDefaults(given, everyShapeSchemes, undefined)).toBe(given);
    expect(withEnvironmentDefaults(undefined, everyShapeSchemes, { KIRIM_TOKEN: "" })).not.toHaveProperty("token", "");
  });
});

test("AbortSignal.timeout() as the signal rejects with its DOMException TimeoutError, not a KirimError", async () => {
  server.answer(() => {});
  const error = await rejectionOf(
    kirim().customers.update(customerId, { name: "Ada" }, { signal: AbortSignal.timeout(200) }),
  );
  expect(error).toBeInstanceOf(DOMException);
  expect((error as DOMException).name).toBe("TimeoutError");
  expect(error).not.toBeInstanceOf(KirimError);
  // Never retried (the request itself may not have reached the server before the abort on a loaded machine).
  expect(server.requests.length).toBeLessThanOrEqual(1);
});
