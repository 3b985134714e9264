// Error codes as a contract: every code a response documents in `x-kirim-error-codes` that the mock can
// return (it has an example carrying it) is forced with `Prefer: code=<status>, example=<name>` and must reach
// the caller as that error's `code`, on the class the status maps to.
import { beforeAll, describe, expect, it } from "vitest";
import { KirimApiError, createKirimClient, type KirimClient } from "../../src/index.ts";
import { apiKey, customerId } from "./lib/http.ts";
import type { LoadedSpec } from "./lib/spec.ts";
import { contractSpecs, contractTarget, isMock } from "./lib/target.ts";

type Json = any;

interface DocumentedCode {
  status: string;
  code: string;
  meaning: string;
  /** The first example of the response that carries this code, if any: only those can be forced on the mock. */
  example: string | undefined;
}

/** Every documented (status, code) pair of the operation, with the example that shows it. */
function documentedCodes(spec: LoadedSpec): DocumentedCode[] {
  return spec.statuses()
    .filter((status) => Number(status) >= 400)
    .flatMap((status) => {
      const response: Json = spec.resolve(spec.operation().responses[status]);
      const codes = (response["x-kirim-error-codes"] ?? {}) as Record<string, string>;
      const examples = spec.responseExamples(status);
      return Object.entries(codes).map(([code, meaning]) => ({
        status,
        code,
        meaning,
        example: examples.find((example) => example.value?.error?.code === code)?.name,
      }));
    });
}

const served = contractSpecs().served;
const codes = documentedCodes(served);
let kirim: KirimClient;

beforeAll(() => {
  kirim = createKirimClient({ apiKey, baseUrl: contractTarget().baseUrl, maxRetries: 0, timeoutMs: 10_000 });
});

async function rejection(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (result) => {
      throw new Error(`expected an error, the call resolved with ${JSON.stringify(result)}`);
    },
    (error: unknown) => error,
  );
}

describe("x-kirim-error-codes", () => {
  it("every error response documents at least one code, and every example's code is documented", () => {
    const statuses = served.statuses().filter((status) => Number(status) >= 400);
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) {
      const documented = codes.filter((entry) => entry.status === status).map((entry) => entry.code);
      expect(documented, `status ${status} documents no code`).not.toEqual([]);
      for (const example of served.responseExamples(status)) {
        expect(documented, `status ${status} example ${example.name}`).toContain(example.value.error.code);
      }
    }
  });
});

describe.skipIf(!isMock())("each documented code, forced on the mock with Prefer: code, example", () => {
  for (const entry of codes) {
    const title = `${entry.status} ${entry.code}`;
    if (entry.example === undefined) {
      it.skip(`${title} (no example in the spec carries it, so the mock cannot return it)`, () => {});
      continue;
    }
    it(`${title} reaches the caller as error.code (example ${entry.example})`, async () => {
      const error = await rejection(
        kirim.customers.update(customerId, { name: "Ada Lovelace" }, {
          headers: { Prefer: `code=${entry.status}, example=${entry.example}` },
        }),
      );
      expect(error).toBeInstanceOf(KirimApiError);
      const apiError = error as KirimApiError;
      expect({ status: apiError.status, code: apiError.code }).toEqual({ status: Number(entry.status), code: entry.code });
    });
  }
});
