// The mock serves other APIs' specs too (the contract suite runs on public ones): on a small spec written the way
// other teams write them, a request that omits an optional array header (which made Prism 5.16's deserializer throw
// and Prism exit) is answered 200 by the same Prism, and a body Prism cannot parse gets the status and the error
// format that spec documents for invalid requests (400, problem+json), not Kirim's 422.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { stringify } from "yaml";
import { type PrismServer, startPrism } from "../../scripts/lib/mock/prism-launcher.ts";

const otherApi = {
  openapi: "3.1.0",
  info: { title: "Another API", version: "1" },
  paths: {
    "/things": {
      get: {
        parameters: [{ name: "x-tags", in: "header", schema: { type: "array", items: { type: "string" } } }],
        responses: {
          "200": {
            description: "ok",
            content: { "application/json": { schema: { type: "object" }, example: { ok: true } } },
          },
        },
      },
      post: {
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: {
          "201": { description: "created" },
          "400": {
            description: "bad request",
            content: {
              "application/problem+json": {
                schema: { type: "object", required: ["title"] },
                example: { title: "Bad request", status: 400 },
              },
            },
          },
        },
      },
    },
  },
};

let prism: PrismServer;
const launcherLines: string[] = [];

beforeAll(async () => {
  const spec = path.join(mkdtempSync(path.join(tmpdir(), "kirim-other-api-")), "openapi.yaml");
  writeFileSync(spec, stringify(otherApi));
  prism = await startPrism({ spec, log: (line) => launcherLines.push(line) });
});
afterAll(() => prism?.stop());

test("an optional array header left out is answered 200, and Prism stays the same process", async () => {
  const pid = prism.pid;
  const without = await fetch(`${prism.url}/things`);
  expect(without.status).toBe(200);
  const withTags = await fetch(`${prism.url}/things`, { headers: { "x-tags": "a,b" } });
  expect(withTags.status).toBe(200);
  expect({ pid: prism.pid, restarts: prism.restarts, launcherLines }).toEqual({ pid, restarts: 0, launcherLines: [] });
});

test.each([
  ["malformed JSON", "{"],
  ["a falsy JSON body", "false"],
])("%s gets the spec's own invalid-request answer: 400 problem+json", async (_name, body) => {
  const response = await fetch(`${prism.url}/things`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    signal: AbortSignal.timeout(5_000),
  });
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(await response.json()).toEqual({ title: "Bad request", status: 400 });
});
