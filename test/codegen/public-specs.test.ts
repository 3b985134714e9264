// Four public OpenAPI 3.1 documents written by others (test/fixtures/public-specs/, unmodified), each through lint with
// only the client's rules (redocly/client-only.yaml) → generate → typecheck, in this process: every operation becomes
// a method. One TypeScript program checks all four, to keep the CPU cost to one typecheck. A spec's own slip that the
// client cannot represent must be refused by lint at its line; the rest of that spec then runs from a copy with the
// slip mended (the file itself stays as published).
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import type { GeneratedFile } from "../../scripts/lib/codegen/generate.ts";
import { httpMethods } from "../../scripts/lib/codegen/operation-shape.ts";
import { clientOnlyConfig, generateFromSpecFile, lintSpecFile } from "../../scripts/lib/codegen/spec-file.ts";
import { createTypechecker } from "../../scripts/lib/pipeline/typecheck.ts";
import { compileErrors } from "../helpers/compile-errors.ts";

const specs = ["museum", "tictactoe", "petstore", "parameters-style"];
const specFile = (name: string) => path.join(projectRoot, "test/fixtures/public-specs", name, "openapi.yaml");

type Json = any;

interface Slip {
  /** The start of lint's line for it. */
  refusal: string;
  mend(spec: Json): void;
}

const slips: Record<string, Slip> = {
  // Five operations document a multipart body's encoding; four are POSTs and a PUT, this one a GET, which fetch
  // cannot send with a body. Mended: a POST, like its siblings.
  "parameters-style": {
    refusal:
      "test/fixtures/public-specs/parameters-style/openapi.yaml:960:9  error  kirim/client-representable  GET /anything/form-data/deepObject: a GET request cannot carry a body",
    mend(spec) {
      const item = spec.paths["/anything/form-data/deepObject"];
      item.post = item.get;
      delete item.get;
    },
  },
};

let dir: string;
const generated = new Map<string, GeneratedFile[]>();
const documents = new Map<string, Json>();
const refusals = new Map<string, string[]>();
const cpuStart = process.cpuUsage();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kirim-public-specs-"));
  for (const name of specs) {
    await mkdir(path.join(dir, name));
    const document = parse(await readFile(specFile(name), "utf8"));
    let source = specFile(name);
    const slip = slips[name];
    if (slip) {
      refusals.set(name, await lintSpecFile(source, clientOnlyConfig, projectRoot));
      slip.mend(document);
      source = path.join(dir, name, "mended.yaml");
      await writeFile(source, stringify(document));
    }
    documents.set(name, document);
    const files = await generateFromSpecFile(source);
    generated.set(name, files);
    for (const file of files) await writeFile(path.join(dir, name, file.name), file.text);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  const { user, system } = process.cpuUsage(cpuStart);
  console.log(
    `public specs: lint → generate → typecheck of ${specs.length} specs, ${((user + system) / 1e6).toFixed(2)} s CPU`,
  );
});

test.each(Object.entries(slips))("%s: lint refuses the spec's own slip at its line", (name, slip) => {
  const lines = refusals.get(name)!;
  expect(lines, lines.join("\n")).toHaveLength(1);
  expect(lines[0]?.slice(0, slip.refusal.length)).toBe(slip.refusal);
});

test.each(specs)("%s: every operation under paths is a method of the generated client", (name) => {
  const spec = documents.get(name);
  const operations = Object.entries<Record<string, unknown>>(spec.paths ?? {}).flatMap(([route, item]) =>
    httpMethods.filter((method) => method in item).map((method) => `${method.toUpperCase()} ${route.split("#")[0]}`),
  );
  const client = generated.get(name)!.find((file) => file.name === "client.ts")!.text;
  const rows = [...client.matchAll(/^ {4}[A-Za-z_$][\w$]*: \{"method":"([A-Z]+)","path":"([^"]+)"/gm)].map(
    (match) => `${match[1]} ${decodeURIComponent(match[2]!)}`,
  );
  expect(rows.sort()).toEqual(operations.sort());
  const signatures = client.match(/^ {4}[A-Za-z_$][\w$]*\(.*\): Returns<Promised, .*>;$/gm) ?? [];
  expect(signatures).toHaveLength(operations.length);
});

test("the four generated clients typecheck", async () => {
  const config = {
    compilerOptions: {
      target: "ES2023",
      lib: ["ES2023", "DOM"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    },
    include: specs.map((name) => `${name}/*.ts`),
  };
  await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(config));
  expect(compileErrors(createTypechecker(dir, "tsconfig.json"))).toBe("");
});
