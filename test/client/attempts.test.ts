// The error a call rejects with says how many requests it made: `attempts`, and in the message after a retry.
import { expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { InternalServerError, KirimConnectionError, NotFoundError } from "../../src/index.ts";
import { customerId, errorBody, instantRuntime } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { recordingServerForThisFile, reply } from "./recording-server.ts";

const server = recordingServerForThisFile();
const kirim = (maxRetries = 2) =>
  createKirimClientWithRuntime({ apiKey: "sk_test_1", baseUrl: server.origin, maxRetries }, instantRuntime().runtime);

test("after retries: attempts is 3 and the message says so", async () => {
  server.answer(reply(503, errorBody("api_error", "internal_error", "Service busy")));
  const error = await rejectionOf(kirim().customers.update(customerId, { name: "Ada" }));
  expect(error).toBeInstanceOf(InternalServerError);
  expect((error as InternalServerError).attempts).toBe(3);
  expect((error as Error).message).toBe("Kirim API 503 internal_error: Service busy (3 attempts)");
  expect(String(error)).toContain("(3 attempts)");
  expect(server.requests).toHaveLength(3);
});

test("an error not retried: attempts is 1, the message unchanged", async () => {
  server.answer(reply(404, errorBody("invalid_request_error", "resource_missing", "No such customer")));
  const error = await rejectionOf(kirim().customers.update(customerId, { name: "Ada" }));
  expect(error).toBeInstanceOf(NotFoundError);
  expect((error as NotFoundError).attempts).toBe(1);
  expect((error as Error).message).toBe("Kirim API 404 resource_missing: No such customer");
});

test("a connection error counts its attempts too", async () => {
  const refused = createKirimClientWithRuntime(
    { apiKey: "sk_test_1", baseUrl: "http://127.0.0.1:1", maxRetries: 1 },
    instantRuntime().runtime,
  );
  const error = await rejectionOf(refused.customers.update(customerId, { name: "Ada" }));
  expect(error).toBeInstanceOf(KirimConnectionError);
  expect((error as KirimConnectionError).attempts).toBe(2);
  expect((error as Error).message).toMatch(/\(2 attempts\)$/);
});
