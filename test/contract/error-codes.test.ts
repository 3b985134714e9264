// Error codes as a contract, for every operation of the served spec: each error response documents its codes in
// `x-kirim-error-codes`, every example's code is one of them, and every documented code the mock can return (an
// example carries it) is forced with `Prefer: code=<status>, example=<name>` and read by the client's
// createApiError as that error's `code`, on the class its status maps to.
import { describe, expect, it } from "vitest";
import { createApiError } from "../../src/index.ts";
import type { SpecOperation } from "../helpers/bundled-spec.ts";
import { credentialsFor } from "./lib/credentials.ts";
import { expectedErrorClass } from "./lib/error-classes.ts";
import { explain, sendRequest } from "./lib/http.ts";
import { exampleRequest } from "./lib/requests.ts";
import { contractSpecs, isMock, servesClientApi } from "./lib/target.ts";
import { onTheWire } from "./lib/wire.ts";

type Json = any;

interface DocumentedCode {
  status: string;
  code: string;
  /** The first example of the response that carries this code, if any: only those can be forced on the mock. */
  example: string | undefined;
}

const { target, served, client } = contractSpecs();

function errorStatuses(op: SpecOperation): string[] {
  return op.statuses().filter((status) => Number(status) >= 400);
}

function documentedCodes(op: SpecOperation): DocumentedCode[] {
  return errorStatuses(op).flatMap((status) => {
    const response: Json = served.resolve(op.raw.responses[status]);
    const examples = op.responseExamples(status);
    return Object.keys((response["x-kirim-error-codes"] ?? {}) as Record<string, string>).map((code) => ({
      status,
      code,
      example: examples.find((example) => example.value?.error?.code === code)?.name,
    }));
  });
}

// x-kirim-error-codes is Kirim's house rule: another API's spec is not held to it.
describe.skipIf(!servesClientApi(served, client)).each(served.operations().map((op) => [op.name, op] as const))(
  "%s",
  (_name, op) => {
    const codes = documentedCodes(op);

    it("every error response documents its codes, and every example's code is one of them", () => {
      for (const status of errorStatuses(op)) {
        const documented = codes.filter((entry) => entry.status === status).map((entry) => entry.code);
        expect(documented, `${op.label} ${status} documents no code in x-kirim-error-codes`).not.toEqual([]);
        for (const example of op.responseExamples(status)) {
          expect(documented, `${op.label} ${status} example ${example.name}`).toContain(example.value.error.code);
        }
      }
    });

    describe.skipIf(!isMock())("each documented code, forced on the mock with Prefer: code, example", () => {
      for (const entry of codes) {
        const title = `${entry.status} ${entry.code}`;
        if (entry.example === undefined) {
          it.skip(`${title} (no example in the spec carries it, so the mock cannot return it)`, () => {});
          continue;
        }
        it(`${title} reaches the caller as error.code (example ${entry.example})`, async () => {
          const raw = onTheWire(op, exampleRequest(served, op), credentialsFor(served, op));
          const response = await sendRequest(target.baseUrl, op.model, {
            ...raw,
            headers: { ...raw.headers, Prefer: `code=${entry.status}, example=${entry.example}` },
          });
          expect(response.status, explain(response)).toBe(Number(entry.status));
          const error = createApiError(response.status, response.json, response.headers);
          expect(error).toBeInstanceOf(expectedErrorClass(response.status));
          expect({ status: error.status, code: error.code }).toEqual({
            status: Number(entry.status),
            code: entry.code,
          });
        });
      }
    });
  },
);
