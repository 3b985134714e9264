// Every documented response, through the real client.
// - 200: the body the client returns is validated with Ajv against the served spec and the bundle the client's
//   types were generated from — independently of Prism, which already checks it with --errors.
// - Each documented error, forced with Prism's `Prefer: code=…` (mock only: a real server behind the proxy
//   cannot be told which error to return): the client throws the right class, carrying the spec example's
//   type, code, message and request_id.
import { beforeAll, describe, expect, it } from "vitest";
import {
  AuthenticationError,
  EntitlementError,
  InternalServerError,
  KirimApiError,
  KirimError,
  NotFoundError,
  RateLimitError,
  ValidationError,
  createKirimClient,
  type CustomerUpdate,
  type KirimClient,
} from "../../src/index.ts";
import { apiKey, customerId, prismViolations } from "./lib/http.ts";
import type { LoadedSpec } from "./lib/spec.ts";
import { contractSpecs, isMock } from "./lib/target.ts";

let served: LoadedSpec;
let clientSpec: LoadedSpec;
let kirim: KirimClient;

beforeAll(() => {
  const { target, ...specs } = contractSpecs();
  served = specs.served;
  clientSpec = specs.client;
  // maxRetries 0: a 429 or 500 must surface as the error under test, not be retried.
  kirim = createKirimClient({ apiKey, baseUrl: target.baseUrl, maxRetries: 0, timeoutMs: 10_000 });
});

/** Runs a call that must succeed; if it throws an API error, fails with what Prism said was wrong. */
async function succeed<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof KirimApiError) {
      const violations = prismViolations(error.headers, error.body);
      throw new Error(
        [`expected success, got ${error.name} ${error.status}: ${error.message}`, ...violations.map((v) => `  Prism: ${v}`)].join("\n"),
        { cause: error },
      );
    }
    throw error;
  }
}

function problemsWith(status: string, body: unknown): string[] {
  return [...new Set([served, clientSpec])].flatMap((spec) =>
    spec.validateResponse(status, body).errors.map((line) => `${spec.file}: ${line}`),
  );
}

const updates: [string, CustomerUpdate][] = [
  ["name, email, metadata and status", { name: "Ada Lovelace", email: "ada@example.com", metadata: { plan: "pro", seats: 3 }, status: "active" }],
  ["email: null", { email: null }],
  ["metadata: null", { metadata: null }],
  ["nested metadata", { metadata: { plan: "enterprise", features: ["sso", "audit_log"], billing: { po_number: "PO-2026-114" } } }],
];

describe("200 through the client", () => {
  it.each(updates)("update(%s) resolves to a body valid per the spec (Ajv, 2020-12 + formats)", async (_label, body) => {
    const result = await succeed(() => kirim.customers.update(customerId, body));
    expect(problemsWith("200", result)).toEqual([]);
    expect(result.data.object).toBe("customer");
    expect(result.request_id).toMatch(/^req_/);
  });

  it("every request example in the spec is accepted and answered 200", async () => {
    const media = served.resolve(served.operation().requestBody).content["application/json"];
    const examples = Object.entries((media.examples ?? {}) as Record<string, { value: CustomerUpdate }>);
    expect(examples.length, "the request body documents no examples").toBeGreaterThan(0);
    for (const [name, example] of examples) {
      const result = await succeed(() => kirim.customers.update(customerId, served.resolve(example).value));
      expect(problemsWith("200", result), `example ${name}`).toEqual([]);
    }
  });
});

const errorClasses: Record<string, new (...args: never[]) => KirimApiError> = {
  "401": AuthenticationError,
  "402": EntitlementError,
  "404": NotFoundError,
  "422": ValidationError,
  "429": RateLimitError,
  "500": InternalServerError,
};

describe.skipIf(!isMock())("documented errors, forced with Prefer: code=… (mock only)", () => {
  it("the spec documents exactly the error statuses the client maps to classes", () => {
    const documented = served.statuses().filter((status) => Number(status) >= 400);
    expect(documented.sort()).toEqual(Object.keys(errorClasses).sort());
  });

  it.each(Object.entries(errorClasses).map(([status, errorClass]) => [status, errorClass.name, errorClass] as const))(
    "%s → %s with the spec example's type, code, message, request_id",
    async (status, _name, errorClass) => {
      const [first] = served.responseExamples(status);
      expect(first, `status ${status} has no example in ${served.file}`).toBeDefined();
      const expected = first!.value.error;
      const error = await kirim.customers
        .update(customerId, { name: "Ada Lovelace" }, { headers: { Prefer: `code=${status}` } })
        .then(
          (result) => {
            throw new Error(`expected ${status}, the call resolved with ${JSON.stringify(result)}`);
          },
          (thrown: unknown) => thrown,
        );
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toBeInstanceOf(KirimApiError);
      expect(error).toBeInstanceOf(KirimError);
      const apiError = error as KirimApiError;
      expect(apiError.status).toBe(Number(status));
      expect({ type: apiError.type, code: apiError.code, message: apiError.message, requestId: apiError.requestId, param: apiError.param }).toEqual({
        type: expected.type,
        code: expected.code,
        message: expect.stringContaining(expected.message),
        requestId: expected.request_id,
        param: expected.param,
      });
      expect(problemsWith(status, apiError.body)).toEqual([]);
      if (status === "429") {
        const retryAfter = served.resolve(served.resolve(served.operation().responses["429"]).headers["Retry-After"]);
        expect((apiError as RateLimitError).retryAfterMs).toBe(Number(retryAfter.example) * 1000);
      }
    },
  );
});
