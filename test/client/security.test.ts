// What keeps the API key out of errors and logs, for keys and URLs that the simple cases do not cover.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { AuthenticationError, createKirimClient, type KirimApiError, KirimConnectionError } from "../../src/index.ts";
import { customerId, errorBody, instantRuntime } from "../helpers/fixtures.ts";
import { loopbackForThisFile, refusedPort, sendJsonThenClose as sendJson } from "../helpers/loopback.ts";
import { rejectionOf } from "../helpers/rejection.ts";

const ID = customerId;
const BODY = { name: "Ada Lovelace" };

const api = loopbackForThisFile();

function clientWithKey(apiKey: string) {
  return createKirimClientWithRuntime({ apiKey, baseUrl: `${api.origin}/v1`, maxRetries: 0 }, instantRuntime().runtime);
}

/** Everything a log line could be made of. */
function renderings(error: unknown): string[] {
  const apiError = error as KirimApiError;
  const headers: string[] = [];
  apiError.headers?.forEach((value, name) => {
    headers.push(`${name}: ${value}`);
  });
  return [
    String(error),
    (error as Error).message,
    JSON.stringify(error),
    JSON.stringify(apiError.body) ?? "",
    inspect(error, { depth: Infinity, showHidden: true }),
    ...headers,
  ];
}

/** The key as written, and as it appears inside JSON text (quotes and backslashes escaped). */
function formsOf(key: string): string[] {
  return [key, JSON.stringify(key).slice(1, -1)];
}

function expectNoKey(error: unknown, key: string): void {
  for (const text of renderings(error)) for (const form of formsOf(key)) expect(text).not.toContain(form);
}

describe("an API key with a quote or a backslash (both pass the key check)", () => {
  const keys = ['sk_live_q"uote', "sk_live_back\\slash", 'sk_live_"both\\"', "sk_live_ends_with\\"];

  test.each(keys)("echoed by the server in a JSON 401 body, %s never appears in the error", async (key) => {
    api.respondWith((res, seen) =>
      sendJson(
        res,
        401,
        errorBody("authentication_error", "invalid_api_key", `bad key: ${seen.headers.authorization}`),
      ),
    );
    const error = await rejectionOf(clientWithKey(key).customers.update(ID, BODY));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe("Kirim API 401 invalid_api_key: bad key: Bearer [redacted]");
    expectNoKey(error, key);
  });

  test.each(keys)(
    "echoed inside JSON text the body or a header carries (a logged request), %s never appears",
    async (key) => {
      api.respondWith((res, seen) => {
        const logged = JSON.stringify({ authorization: seen.headers.authorization });
        sendJson(
          res,
          422,
          { ...errorBody("invalid_request_error", "invalid_type", "rejected"), logged_request: logged },
          { "x-logged": logged },
        );
      });
      const error = await rejectionOf(clientWithKey(key).customers.update(ID, BODY));
      expect((error as KirimApiError).status).toBe(422);
      expect((error as KirimApiError).headers.get("x-logged")).toBe('{"authorization":"Bearer [redacted]"}');
      expect(((error as KirimApiError).body as { logged_request: string }).logged_request).toBe(
        '{"authorization":"Bearer [redacted]"}',
      );
      expectNoKey(error, key);
    },
  );
});

test("a key the server echoes anywhere in a JSON body (nested, in a list, as a field name) is redacted everywhere", async () => {
  const key = "sk_live_nested_echo";
  api.respondWith((res, seen) => {
    const auth = seen.headers.authorization ?? "";
    sendJson(res, 400, {
      ...errorBody("invalid_request_error", "bad", "no"),
      echo: { list: [auth, 7, null, true], [auth]: auth },
    });
  });
  const error = await rejectionOf(clientWithKey(key).customers.update(ID, BODY));
  expect((error as KirimApiError).body).toMatchObject({
    echo: { list: ["Bearer [redacted]", 7, null, true], "Bearer [redacted]": "Bearer [redacted]" },
  });
  expectNoKey(error, key);
});

test("a key echoed in a plain-text error body is redacted, and the text is otherwise kept as sent", async () => {
  const key = "sk_live_text\\";
  api.respondWith((res, seen) => {
    res.writeHead(502, { "content-type": "text/plain", connection: "close" });
    res.end(`upstream said "no" to ${seen.headers.authorization}`);
  });
  const error = await rejectionOf(clientWithKey(key).customers.update(ID, BODY));
  expect((error as KirimApiError).body).toBe('upstream said "no" to Bearer [redacted]');
  expectNoKey(error, key);
});

describe("credentials in baseUrl are refused at construction, and the error does not repeat them", () => {
  test.each([
    ["a username only (a key pasted into the URL)", "https://sk_live_pasted@api.kirimdev.com/v1", "sk_live_pasted"],
    ["a password only", "https://:sk_live_pasted@api.kirimdev.com/v1", "sk_live_pasted"],
    ["both", "https://user:sk_live_pasted@api.kirimdev.com/v1", "sk_live_pasted"],
  ])("%s", (_label, baseUrl, secret) => {
    let thrown: unknown;
    try {
      createKirimClient({ apiKey: "sk_test_key", baseUrl });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as Error).message).toBe("createKirimClient: options.baseUrl must not contain credentials");
    expect(inspect(thrown)).not.toContain(secret);
  });
});

describe("baseUrl as the error messages and requests use it", () => {
  test("trailing slashes are dropped: requests go to <baseUrl>/customers/… and errors name the URL as written", async () => {
    const port = await refusedPort();
    const error = await rejectionOf(
      createKirimClientWithRuntime(
        { apiKey: "sk_test_key", baseUrl: `http://127.0.0.1:${port}/v1///`, maxRetries: 0 },
        instantRuntime().runtime,
      ).customers.update(ID, BODY),
    );
    expect(error).toBeInstanceOf(KirimConnectionError);
    expect((error as Error).message).toMatch(
      new RegExp(`^Kirim API connection failed \\(http://127\\.0\\.0\\.1:${port}/v1\\): `),
    );

    api.respondWith((res) => sendJson(res, 404, errorBody("invalid_request_error", "resource_missing", "none")));
    const client = createKirimClientWithRuntime(
      { apiKey: "sk_test_key", baseUrl: `${api.origin}/v1//`, maxRetries: 0 },
      instantRuntime().runtime,
    );
    await rejectionOf(client.customers.update(ID, BODY));
    expect(api.seen.map((seen) => seen.rawUrl)).toEqual([`/v1/customers/${ID}`]);
  });

  test("a baseUrl that is not a URL is quoted in the error, cut to its first 200 characters", () => {
    const garbage = `${"x".repeat(200)}TAIL`;
    expect(() => createKirimClient({ apiKey: "sk_test_key", baseUrl: garbage })).toThrow(
      `createKirimClient: options.baseUrl is not an absolute URL: "${"x".repeat(200)}"`,
    );
  });
});
