// The every-shape fixture (test/fixtures/every-shape/): a spec with every shape of issue 19. Generated again into a
// temp copy and compared with its committed generated/ (drift); consumer.ts, which calls each method the README's way
// and holds `@ts-expect-error` wrong calls, is typechecked against the fresh output and src/, in this process.
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import type { GeneratedFile } from "../../scripts/lib/codegen/generate.ts";
import { generateFromSpecFile } from "../../scripts/lib/codegen/spec-file.ts";
import { staleFiles, staleMessage } from "../../scripts/lib/codegen/stale-files.ts";
import { createTypechecker, type Typechecker } from "../../scripts/lib/pipeline/typecheck.ts";
import { operationTable, securitySchemes } from "../fixtures/every-shape/generated/client.ts";
import { compileErrors } from "../helpers/compile-errors.ts";

const fixtureFolder = "test/fixtures/every-shape";
const fixture = path.join(projectRoot, fixtureFolder);
const regenerate = `npm run generate -- --spec ${fixtureFolder}/openapi.yaml --out ${fixtureFolder}/generated`;

let root: string;
let copy: string;
let fresh: GeneratedFile[];
let checker: Typechecker;

beforeAll(async () => {
  // Rendered for its place, so that its features.ts imports src/ as the committed one does.
  fresh = await generateFromSpecFile(path.join(fixture, "openapi.yaml"), undefined, undefined, `${fixture}/generated`);
  // The copy keeps the fixture's place relative to src/ (which imports Kirim's generated/) and the root tsconfig.json.
  root = await mkdtemp(path.join(tmpdir(), "kirim-every-shape-"));
  copy = path.join(root, fixtureFolder);
  await mkdir(path.join(copy, "generated"), { recursive: true });
  for (const part of ["src", "generated", "node_modules"])
    await symlink(path.join(projectRoot, part), path.join(root, part), "dir");
  for (const file of ["tsconfig.json", "package.json"]) await cp(path.join(projectRoot, file), path.join(root, file));
  for (const file of ["consumer.ts", "tsconfig.json"]) await cp(path.join(fixture, file), path.join(copy, file));
  for (const file of fresh) await writeFile(path.join(copy, "generated", file.name), file.text);
  checker = createTypechecker(copy, "tsconfig.json");
});

afterAll(() => rm(root, { recursive: true, force: true }));

/** What `npm run check:generated` would say of the fixture's generated/ in `dir`; "" when it is fresh. */
async function driftOf(dir: string): Promise<string> {
  const stale = await staleFiles(dir, fresh, projectRoot);
  return stale.length === 0
    ? ""
    : staleMessage(`${fixtureFolder}/generated`, stale, `${fixtureFolder}/openapi.yaml`, regenerate);
}

test("the committed generated/ is exactly what the spec generates (check:generated's message, with its command)", async () => {
  expect(await driftOf(path.join(fixture, "generated"))).toBe("");
});

test("the drift check names each changed, missing and leftover file, and the command that regenerates them", async () => {
  const drifted = path.join(root, "drifted");
  await mkdir(drifted);
  for (const file of fresh) await writeFile(path.join(drifted, file.name), file.text);
  await writeFile(
    path.join(drifted, "client.ts"),
    `${fresh.find((file) => file.name === "client.ts")!.text}// edited\n`,
  );
  await rm(path.join(drifted, "schemas.ts"));
  await writeFile(path.join(drifted, "old.ts"), "");
  const shown = path.relative(projectRoot, drifted);
  expect(await driftOf(drifted)).toBe(
    `${fixtureFolder}/generated/ is stale: ${shown}/client.ts, ${shown}/old.ts (not produced by the spec: delete it), ` +
      `${shown}/schemas.ts (missing) differ from what ${fixtureFolder}/openapi.yaml produces.\n` +
      `Run \`${regenerate}\` and commit ${fixtureFolder}/generated/.`,
  );
});

test("every operation of the spec is a method", async () => {
  const spec = parse(await readFile(path.join(fixture, "openapi.yaml"), "utf8"));
  const operations = Object.values<Record<string, unknown>>(spec.paths).flatMap((item) =>
    Object.keys(item).filter((key) => key !== "parameters"),
  );
  const methods = Object.values(operationTable).flatMap((resource) => Object.keys(resource));
  expect(methods).toHaveLength(operations.length);
});

test("consumer.ts compiles against the fresh output and src/", () => {
  expect(compileErrors(checker)).toBe("");
});

test("each wrong call is held back by its type, not by luck: without the directives every one fails", async () => {
  const consumer = path.join(copy, "consumer.ts");
  const text = await readFile(consumer, "utf8");
  const directives = text.match(/\/\/ @ts-expect-error/g)?.length ?? 0;
  await writeFile(consumer, text.replaceAll("// @ts-expect-error", "// (expected to fail)"));
  const errors = compileErrors(checker);
  const lines = new Set(errors.match(/consumer\.ts\(\d+/g));
  expect(directives).toBeGreaterThanOrEqual(21);
  expect(lines.size, errors).toBe(directives);
});

describe("the rows say what the runtime must do", () => {
  test("query, header and cookie parameters with their non-default styles", () => {
    expect(operationTable.reports.list).toMatchObject({
      query: ["status", "ids", "tags", "words", "filter", "legacy"],
      header: ["X-Request-Id", "X-Tags"],
      cookie: ["session", "prefs"],
      queryStyles: {
        ids: { style: "form", explode: false },
        tags: { style: "pipeDelimited", explode: false },
        words: { style: "spaceDelimited", explode: false },
        filter: { style: "deepObject", explode: true },
      },
      headerStyles: { "X-Tags": { style: "simple", explode: true } },
      cookieStyles: { prefs: { style: "form", explode: false } },
    });
    expect(operationTable.reports.list).not.toHaveProperty("queryStyles.status");
    // X-Request-Id says `explode: true`, which changes nothing for a string: no style for it.
    expect(Object.keys(operationTable.reports.list.headerStyles)).toEqual(["X-Tags"]);
    expect(operationTable.reports.getCells.pathStyles).toEqual({ cells: { style: "label", explode: true } });
    expect(operationTable.reports.getOfMonth.numeric).toEqual(["year"]);
  });

  test("body encodings and content types", () => {
    expect(operationTable.files.upload).toMatchObject({
      bodyEncoding: "multipart",
      contentType: "multipart/form-data",
    });
    expect(operationTable.files.replaceContent).toMatchObject({ bodyEncoding: "binary", body: "required" });
    expect(operationTable.sessions.create).toMatchObject({ bodyEncoding: "form" });
    expect(operationTable.events.addNote).toMatchObject({ bodyEncoding: "text", contentType: "text/plain" });
    expect(operationTable.events.sendRaw).toMatchObject({ contentType: "application/vnd.shapes.event+json" });
    expect(operationTable.events.sendRaw).not.toHaveProperty("bodyEncoding");
    expect(operationTable.events.replaceBatch).toMatchObject({ body: "optional", query: ["dry_run"] });
  });

  test("Accept prefers JSON; the reading follows the documented media types", () => {
    expect(operationTable.reports.export).toMatchObject({
      accept: "application/json, text/csv;q=0.9, application/pdf;q=0.9",
      reading: "auto",
    });
    expect(operationTable.files.downloadImage).toMatchObject({ accept: "image/png", reading: "blob" });
    // A file export is bytes whatever its type: text/csv, and text the spec marks `format: binary`; other text a string.
    expect(operationTable.files.downloadTable).toMatchObject({ accept: "text/csv", reading: "blob" });
    expect(operationTable.files.downloadLog).toMatchObject({ accept: "text/plain", reading: "blob" });
    expect(operationTable.reports.getSummary).toMatchObject({ accept: "text/plain", reading: "text" });
    expect(operationTable.events.addNote).toMatchObject({ accept: "application/problem+json" });
    expect(operationTable.events.addNote).not.toHaveProperty("reading");
    expect(operationTable.reports.get).not.toHaveProperty("reading");
  });

  test("security: the document's default, the operation's own, and [] for a public one", () => {
    expect(operationTable.reports.get.security).toEqual([["bearerAuth"], ["basicAuth"]]);
    expect(operationTable.reports.count.security).toEqual([["headerKey", "oauth"]]);
    expect(operationTable.sessions.create.security).toEqual([]);
    expect(securitySchemes).toEqual({
      bearerAuth: { type: "bearer", option: "token" },
      basicAuth: { type: "basic", option: "basicAuth" },
      headerKey: { type: "apiKey", option: "headerKey", in: "header", name: "X-API-Key" },
      queryKey: { type: "apiKey", option: "queryKey", in: "query", name: "api_key" },
      cookieKey: { type: "apiKey", option: "cookieKey", in: "cookie", name: "sid" },
      oauth: { type: "bearer", option: "oauth" },
      oidc: { type: "bearer", option: "oidc" },
    });
  });

  test("a path's `#` and what follows it are not in the row: HTTP never sends a fragment", () => {
    expect(operationTable.languages.getVersion.path).toBe("/languages/{version}");
  });

  test("retry safety: by method, or x-kirim-idempotent", () => {
    expect(operationTable.events.create).toMatchObject({ method: "POST", idempotent: true });
    expect(operationTable.files.upload).not.toHaveProperty("idempotent");
  });

  test("an idempotency key: its header in lower case, and the method's doc comment says how to set your own", () => {
    expect(operationTable.orders.create).toMatchObject({ method: "POST", idempotencyKey: "idempotency-key" });
    expect(operationTable.orders.create).not.toHaveProperty("idempotent");
    expect(operationTable.files.upload).not.toHaveProperty("idempotencyKey");
    const surface = fresh.find((file) => file.name === "client.ts")!.text;
    expect(surface).toContain(
      "`POST /orders` (sends a fresh `Idempotency-Key` per call, the same on each retry, so it is retried like an idempotent one; set your own in `headers` or `params`)",
    );
  });
});
