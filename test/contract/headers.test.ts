// Every required response header the client's bundle documents (the client reads Retry-After to pace its retries)
// arrives on that response, for every operation. Each response is forced with Prism's `Prefer: code=…` (mock only).
import { describe, expect, it } from "vitest";
import { credentialsFor } from "./lib/credentials.ts";
import { explain, sendRequest } from "./lib/http.ts";
import { exampleRequest } from "./lib/requests.ts";
import { contractSpecs, isMock, servesClientApi } from "./lib/target.ts";
import { onTheWire } from "./lib/wire.ts";

type Json = any;

const { target, served, client } = contractSpecs();
const documented = client.operations().flatMap((op) =>
  op.statuses().flatMap((status) => {
    const response: Json = client.resolve(op.raw.responses[status]);
    return Object.entries((response.headers ?? {}) as Record<string, Json>)
      .filter(([, header]) => client.resolve(header).required === true)
      .map(([name]) => ({ operation: op.name, op, status, name }));
  }),
);

// The client's headers, on the client's API (another spec's response headers are checked with its responses).
describe.skipIf(!isMock() || !servesClientApi(served, client))("documented response headers arrive (mock only)", () => {
  it("the client's bundle documents at least one required response header", () => {
    expect(documented.map(({ operation, status, name }) => `${operation} ${status} ${name}`)).toContain(
      "customers.update 429 Retry-After",
    );
  });

  it.each(documented)("$operation $status carries its required header $name", async ({ op, status, name }) => {
    const servedOp = served.operations().find((candidate) => candidate.name === op.name) ?? op;
    const raw = onTheWire(servedOp, exampleRequest(served, servedOp), credentialsFor(served, servedOp));
    const response = await sendRequest(target.baseUrl, op.model, {
      ...raw,
      headers: { ...raw.headers, Prefer: `code=${status}` },
    });
    expect(response.status, explain(response)).toBe(Number(status));
    expect(
      response.headers.get(name),
      `the ${status} response lacks the documented header ${name}\n${explain(response)}`,
    ).not.toBeNull();
  });
});
