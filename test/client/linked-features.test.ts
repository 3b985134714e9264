// The runtime's optional parts (src/features.ts) are linked only when the spec needs them: a table that needs a part
// its features lack is refused when the client is created, naming the operation and the part; and Kirim's bundle
// leaves out what the every-shape fixture's links.
import path from "node:path";
import { describe, expect, test } from "vitest";
import { browserBundle } from "../../bench/browser-bundle.ts";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import type { RuntimeFeatures } from "../../src/features.ts";
import type { OperationSpec, SecuritySchemeTable } from "../../src/operation-spec.ts";
import { defaultRuntime } from "../../src/runtime.ts";
import { everyFeature } from "../helpers/every-feature.ts";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const bearer: SecuritySchemeTable = { token: { type: "bearer", option: "apiKey" } };

function create(spec: Partial<OperationSpec>, features: RuntimeFeatures, schemes: SecuritySchemeTable = bearer) {
  const table = { things: { act: { method: "POST", path: "/things", security: [["token"]], ...spec } } };
  return () =>
    createKirimClientWithRuntime(
      { apiKey: "key_1", login: { username: "ada", password: "pw" }, baseUrl: "http://127.0.0.1:9" } as never,
      defaultRuntime,
      table,
      schemes,
      features,
    );
}

describe("a table that needs a part its features do not link is refused at creation", () => {
  test.each([
    [
      { body: "required", bodyEncoding: "multipart" },
      "things.act needs runtimeFeatures.bodyEncoders.multipart, not linked",
    ],
    [{ reading: "blob" }, "things.act needs runtimeFeatures.readers.blob"],
    [{ reading: "auto" }, "things.act needs runtimeFeatures.readers.auto"],
    [{ query: ["limit"] }, "things.act needs runtimeFeatures.parameters"],
    [
      { path: "/things/{id}", pathStyles: { id: { style: "label", explode: false } } },
      "things.act needs runtimeFeatures.parameters",
    ],
    [
      { method: "GET", pagination: { style: "next-link", items: "data", next: "next" } },
      "things.act needs runtimeFeatures.paginated",
    ],
    [{ idempotencyKey: "idempotency-key" }, "things.act needs runtimeFeatures.idempotencyKey"],
  ] as const)("%j", (spec, message) => {
    expect(create(spec as Partial<OperationSpec>, {})).toThrow(message);
    expect(create(spec as Partial<OperationSpec>, everyFeature)).not.toThrow();
  });

  test.each([
    [{ basic: { type: "basic", option: "login" } }, 'security scheme "basic" needs runtimeFeatures.basic'],
    [
      { key: { type: "apiKey", option: "apiKey", in: "query", name: "key" } },
      'security scheme "key" needs runtimeFeatures.apiKeyIn.query',
    ],
    [
      { key: { type: "apiKey", option: "apiKey", in: "cookie", name: "key" } },
      'security scheme "key" needs runtimeFeatures.apiKeyIn.cookie',
    ],
  ] as const)("%j", (schemes, message) => {
    const table = schemes as SecuritySchemeTable;
    const security = [Object.keys(table)];
    expect(create({ security }, {}, table)).toThrow(message);
    expect(create({ security }, everyFeature, table)).not.toThrow();
  });
});

test("a JSON body needs no encoder part", () => {
  expect(create({ body: "required", bodyEncoding: "json" }, {})).not.toThrow();
});

test("an operation without parameters takes an empty params object, with no parameters part linked", async () => {
  const act: OperationSpec = { method: "POST", path: "/things", body: "required", security: [["token"]] };
  const table = { things: { act } };
  const fetch = async () => new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
  const client = createKirimClientWithRuntime(
    { apiKey: "key_1", baseUrl: "http://127.0.0.1:9", fetch } as never,
    defaultRuntime,
    table,
    bearer,
    {},
  ) as unknown as { things: { act(body: unknown, options: unknown): Promise<unknown> } };
  expect(await client.things.act({}, { params: {} })).toEqual({});
});

/** The client's bundle, minified, with `generated` in place of Kirim's generated/ when given. */
async function bundled(generated?: string): Promise<string> {
  const entry = `export * from ${JSON.stringify(path.join(projectRoot, "src/index.ts"))};`;
  return new TextDecoder().decode(await browserBundle(entry, { generated }));
}

// Not under StrykerJS (npm run test:mutation), whose instrumented src/ holds every mutant's code in every bundle.
test.skipIf(process.env.STRYKER_MUTATOR_WORKER !== undefined)(
  "Kirim's bundle leaves out the parts its spec does not need; the every-shape fixture's has them",
  async () => {
    // Text each part alone holds: a multipart/urlencoded field check, the auto reader's XML test, a styled parameter's
    // check, HTTP Basic's, an API key in a query, pagination's, the idempotency key's UUID fallback.
    const onlyInParts = [
      "which a urlencoded body cannot carry",
      "+xml",
      "must be printable ASCII",
      'has a ":" in the username',
      '.includes("?")?"&":"?"',
      "which was already asked for",
      "getRandomValues",
    ];
    const kirim = await bundled();
    const everyShape = await bundled(path.join(projectRoot, "test/fixtures/every-shape/generated"));
    expect(onlyInParts.filter((text) => kirim.includes(text))).toEqual([]);
    expect(onlyInParts.filter((text) => !everyShape.includes(text))).toEqual([]);
  },
);
