// Every response header the client's bundle documents (the client reads Retry-After to pace its retries)
// arrives on that response. Errors are forced with Prism's `Prefer: code=…` (mock only).
import { describe, expect, it } from "vitest";
import { explain, patchCustomer } from "./lib/http.ts";
import { contractSpecs, isMock } from "./lib/target.ts";

type Json = any;

const { client } = contractSpecs();
const documented = client.statuses().flatMap((status) => {
  const response: Json = client.resolve(client.operation().responses[status]);
  return Object.entries((response.headers ?? {}) as Record<string, Json>)
    .filter(([, header]) => client.resolve(header).required === true)
    .map(([name]) => ({ status, name }));
});

describe.skipIf(!isMock())("documented response headers arrive (mock only)", () => {
  it("the client's bundle documents at least one required response header", () => {
    expect(documented.map(({ status, name }) => `${status} ${name}`)).toContain("429 Retry-After");
  });

  it.each(documented)("$status carries its required header $name", async ({ status, name }) => {
    const response = await patchCustomer(contractSpecs().target.baseUrl, {
      body: { name: "Ada Lovelace" },
      headers: status === "200" ? {} : { Prefer: `code=${status}` },
    });
    expect(response.status, explain(response)).toBe(Number(status));
    expect(response.headers.get(name), `the ${status} response lacks the documented header ${name}\n${explain(response)}`).not.toBeNull();
  });
});
