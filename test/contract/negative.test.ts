// Requests the spec says must be refused, sent raw (no client in between), plus the boundaries next to them.
// Against the mock, Prism's `sl-violations` header must also name the offending field; through the
// provider proxy the real server answers, and its error body must match the documented Error schema.
import { beforeAll, describe, expect, it } from "vitest";
import { type LoadedSpec, operationMethod, operationPath } from "../helpers/bundled-spec.ts";
import { explain, patchCustomer, prismViolations, type RawRequest, type RawResponse } from "./lib/http.ts";
import { contractSpecs, isMock } from "./lib/target.ts";

let served: LoadedSpec;
let client: LoadedSpec;
let baseUrl: string;

/** These are about Kirim's update-a-customer operation; a spec without it (another API) skips them. */
const hasSeedOperation = contractSpecs()
  .served.operations()
  .some((op) => op.model.path === operationPath && op.model.httpMethod === operationMethod);

beforeAll(() => {
  ({
    served,
    client,
    target: { baseUrl },
  } = contractSpecs());
});

async function send(request: RawRequest): Promise<RawResponse> {
  return patchCustomer(baseUrl, request);
}

/** Status, documented Error body, and (mock) the violation Prism found at `location`. */
function expectRefused(response: RawResponse, status: number | "4xx", location?: string) {
  if (status === "4xx") {
    expect(response.status, explain(response)).toBeGreaterThanOrEqual(400);
    expect(response.status, explain(response)).toBeLessThan(500);
  } else {
    expect(response.status, explain(response)).toBe(status);
  }
  // Behind the provider proxy, Prism checks the bearer token itself before forwarding (it has no switch to
  // turn that off) and answers with its own problem+json; the server never sees those requests.
  const problemType = (response.json as { type?: unknown } | undefined)?.type;
  if (!isMock() && response.status === 401 && problemType === "https://stoplight.io/prism/errors#UNAUTHORIZED") return;
  const documented = String(response.status);
  for (const spec of new Set([served, client])) {
    expect(spec.statuses(), `${spec.file} does not document ${documented}`).toContain(documented);
    expect(spec.validateResponse(documented, response.json).errors, explain(response)).toEqual([]);
  }
  if (location && isMock()) {
    const violations = prismViolations(response.headers, response.json);
    expect(
      violations.some((line) => line.startsWith(`${location}:`)),
      `expected a violation at ${location}\n${explain(response)}`,
    ).toBe(true);
    // The body tells the same truth as the header (scripts/lib/mock/prism-launcher.ts), not the spec's canned 422 example.
    const field = location.replace(/^request\.body\.?/, "");
    if (field && status === 422) expect(errorOf(response).param, explain(response)).toBe(field);
  }
}

function errorOf(response: RawResponse): { code?: string; param?: string; message?: string } {
  return ((response.json as { error?: object } | undefined)?.error ?? {}) as {
    code?: string;
    param?: string;
    message?: string;
  };
}

describe.runIf(hasSeedOperation)("negative requests (raw HTTP)", () => {
  it("no Authorization header → 401", async () => {
    const response = await send({ authorization: null, body: { name: "Ada Lovelace" } });
    expectRefused(response, 401);
  });

  it("an Authorization header that is not a bearer token → 401", async () => {
    const response = await send({ authorization: "Basic YWRhOmxvdmVsYWNl", body: { name: "Ada Lovelace" } });
    expectRefused(response, 401);
  });

  it.each([["hello@"], ["not-an-email"], ["ada@"], ["@example.com"], ["ada lovelace@example.com"]])(
    "invalid email %j → 422",
    async (email) => {
      expectRefused(await send({ body: { email } }), 422, "request.body.email");
    },
  );

  it("metadata as a string, as the seed page's own code sample sent it → 422", async () => {
    const response = await send({ body: { name: "Ada Lovelace", metadata: '{"plan": "pro", "seats": 3}' } });
    expectRefused(response, 422, "request.body.metadata");
  });

  it("unknown field (a typo of email) → 422", async () => {
    const response = await send({ body: { emial: "ada@example.com" } });
    expectRefused(response, 422, "request.body");
    if (isMock()) {
      expect(explain(response)).toContain("emial");
      expect(errorOf(response)).toMatchObject({ code: "unknown_field", param: "emial" });
    }
  });

  it.each([["false"], ["0"], ["null"], ["{not json"]])(
    "JSON body %s, which Prism alone never answers → 422 at once",
    async (rawBody) => {
      expectRefused(await send({ rawBody }), 422);
    },
  );

  it.each([
    ["name", 42],
    ["name", null],
    ["name", ["Ada"]],
    ["email", 42],
    ["email", { address: "ada@example.com" }],
    ["metadata", 3],
    ["metadata", ["plan", "pro"]],
    ["metadata", true],
    ["status", false],
    ["status", null],
  ])("wrong type: %s = %j → 422", async (field, value) => {
    expectRefused(await send({ body: { [field]: value } }), 422, `request.body.${field}`);
  });

  it.each([
    ["empty update {}", {}],
    ["body is an array", [{ name: "Ada Lovelace" }]],
    ["body is a string", "Ada Lovelace"],
    ["body is a number", 42],
  ])("%s → 422", async (_label, body) => {
    expectRefused(await send({ body }), 422, "request.body");
  });

  it.each([
    ["text/plain", "name=Ada"],
    ["application/x-www-form-urlencoded", "name=Ada+Lovelace"],
    ["application/xml", "<customer><name>Ada</name></customer>"],
  ])("non-JSON content type %s → 4xx", async (contentType, rawBody) => {
    expectRefused(await send({ contentType, rawBody }), "4xx");
  });

  it.each([
    ["name", "", "request.body.name"],
    ["name", "x".repeat(257), "request.body.name"],
    ["status", "", "request.body.status"],
  ])("%s out of range (%#) → 422", async (field, value, location) => {
    expectRefused(await send({ body: { [field]: value } }), 422, location);
  });

  it("metadata with 51 keys (maxProperties 50) → 422", async () => {
    const metadata = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    expectRefused(await send({ body: { metadata } }), 422, "request.body.metadata");
  });
});

describe.runIf(hasSeedOperation)("the boundaries next to them are accepted", () => {
  it.each([
    ["email: null (removes the email)", { email: null }],
    ["metadata: null (clears metadata)", { metadata: null }],
    ["name of 256 characters", { name: "x".repeat(256) }],
    ["name of 1 character", { name: "A" }],
    ["metadata with 50 keys", { metadata: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i])) }],
    ["nested metadata", { metadata: { plan: "enterprise", features: ["sso"], billing: { po: "PO-1" } } }],
    ["an unknown status value (not an enum)", { status: "frozen_by_finance" }],
  ])("%s → 200", async (_label, body) => {
    const response = await send({ body });
    expect(response.status, explain(response)).toBe(200);
    for (const spec of new Set([served, client]))
      expect(spec.validateResponse("200", response.json).errors).toEqual([]);
  });
});
