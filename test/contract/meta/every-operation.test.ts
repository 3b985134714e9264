// A new operation needs no hand-written code. In a temp copy of the project, add three operations Kirim does not
// document (test/helpers/three-operations.ts), then, as the API team would: lint, `npm run generate`, and:
// - the docs build documents them;
// - a consumer file using the three new methods typechecks, and its wrong calls do not (@ts-expect-error);
// - the contract suite's checks of the spec's operations test all three against Prism and pass, the coverage report
//   listing each response;
// - removing one response's example makes the coverage gate fail, naming the operation and the status.
import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { bin, projectRoot, type RunResult } from "../../../scripts/lib/cli/run-tools.ts";
import { createTypechecker } from "../../../scripts/lib/pipeline/typecheck.ts";
import { compileErrors } from "../../helpers/compile-errors.ts";
import { copyProject, type ProjectCopy, specAndClientParts } from "../../helpers/project-copy.ts";
import { runCommand, runScriptInProcess } from "../../helpers/run.ts";
import { addThreeOperations, threeOperationsFixtures, threeOperationsMethods } from "../../helpers/three-operations.ts";
import { childSuiteVitestArgs, tail } from "../lib/child-run.ts";
import { checkFile, specChecks } from "./operation-checks.ts";

/** The spec and the client, plus what the pipeline's scripts and the contract suite need to run in the copy. */
const projectParts = [...specAndClientParts, "scripts", "test/contract", "test/helpers", "vitest.config.ts"];

let copy: ProjectCopy;
/** generated/openapi.yaml as `npm run generate` wrote it, put back after the test that edits it. */
let generatedBundle: string;

const output = (run: RunResult) => tail(run, 80);

/** The contract suite in the copy, only its `files` (vitest filters). The coverage gate is operations.test.ts's. */
function contractSuite(files: string[]): Promise<RunResult> {
  const args = ["run", "--project", "contract", ...childSuiteVitestArgs, ...files];
  return runCommand(bin("vitest"), args, copy.dir, { KIRIM_PBT_RUNS: "25", CI: "1" });
}

describe("three operations added to a copy of the spec get a client method, contract tests and docs", () => {
  beforeAll(async () => {
    copy = await copyProject(projectParts);
    await addThreeOperations(copy);
  }, 60_000);
  afterAll(() => copy?.remove());

  it("lint passes and `npm run generate` writes the three methods into generated/client.ts", {
    timeout: 60_000,
  }, async () => {
    const lint = await runScriptInProcess("lint.ts", [], copy.dir);
    expect(lint.code, output(lint)).toBe(0);
    const generate = await runScriptInProcess("generate.ts", [], copy.dir);
    expect(generate.code, output(generate)).toBe(0);
    const surface = await copy.read("generated/client.ts");
    for (const name of threeOperationsMethods) expect(surface).toContain(`${name.split(".")[1]}(`);
    expect(surface).toContain(" * Retrieve a customer");
    expect(surface).toMatch(
      /@see \{@link https:\/\/\S+#\/customers\/listcustomers \| List customers in the API reference\}/,
    );
  });

  it("`npm run docs` documents the three operations", { timeout: 60_000 }, async () => {
    const docs = await runScriptInProcess("docs.ts", [], copy.dir);
    expect(docs.code, output(docs)).toBe(0);
    const html = await copy.read("dist/docs/index.html");
    for (const summary of ["Retrieve a customer", "List customers", "Archive a customer"])
      expect(html).toContain(summary);
  });

  it("a consumer of the new methods typechecks, and wrong calls do not", { timeout: 60_000 }, async () => {
    await cp(path.join(threeOperationsFixtures, "consumer.ts"), copy.file("consumer.ts"));
    await cp(path.join(threeOperationsFixtures, "tsconfig.consumer.json"), copy.file("tsconfig.consumer.json"));
    const checker = createTypechecker(copy.dir, "tsconfig.consumer.json");
    expect(compileErrors(checker)).toBe("");
    // The directives must be what holds the wrong calls back: without them, each one is an error.
    await writeFile(
      copy.file("consumer.ts"),
      (await copy.read("consumer.ts")).replaceAll("// @ts-expect-error", "// (was expected to fail)"),
    );
    const loose = compileErrors(checker);
    expect(loose.match(/consumer\.ts\(\d+,\d+\): error/g)?.length, loose).toBe(6);
  });

  it("the contract suite tests every response of the three against Prism and passes", {
    timeout: 120_000,
  }, async () => {
    const run = await contractSuite(specChecks);
    expect(run.code, output(run)).toBe(0);
    for (const name of threeOperationsMethods)
      expect(run.stdout, output(run)).toMatch(new RegExp(`✔ ${name.replace(".", "\\.")}\\s+\\S+ \\S+\\s+200 → forced`));
    expect(run.stdout).toMatch(
      /✔ customers\.list\s+GET \/customers\s+422 → forced through customers\.list; invalid queries/,
    );
    expect(run.stdout).toMatch(/✔ customers\.archive\s+POST \/customers\/\{id\}\/archive\s+404 → forced/);
  });

  it("a response without an example fails the coverage gate, naming operation and status", {
    timeout: 120_000,
  }, async () => {
    // openapi-typescript (with our lint rules) refuses to generate from such a spec, so edit the served bundle itself.
    generatedBundle = await copy.read("generated/openapi.yaml");
    const bundle = parse(generatedBundle);
    delete bundle.paths["/customers/{id}/archive"].post.responses["200"].content["application/json"].examples;
    await copy.write("generated/openapi.yaml", stringify(bundle, { lineWidth: 0 }));
    const run = await contractSuite([checkFile("operations")]);
    expect(run.code, output(run)).not.toBe(0);
    expect(run.stdout, output(run)).toMatch(
      /✖ customers\.archive\s+POST \/customers\/\{id\}\/archive\s+200 → the response has no example to compare with \(only: valid requests \(property\)\)/,
    );
    expect(run.stdout, output(run)).toMatch(/✔ customers\.archive\s+POST \/customers\/\{id\}\/archive\s+404 → forced/);
  });

  it("an operation the client has no method for (generated/ not regenerated) fails the coverage gate", {
    timeout: 120_000,
  }, async () => {
    await copy.write("generated/openapi.yaml", generatedBundle);
    await cp(path.join(projectRoot, "generated/client.ts"), copy.file("generated/client.ts"));
    const run = await contractSuite([checkFile("operations")]);
    expect(run.code, output(run)).not.toBe(0);
    expect(run.stdout, output(run)).toMatch(
      /✖ customers\.list\s+GET \/customers\s+401 → no client method: run `npm run generate`/,
    );
    expect(run.stdout + run.stderr, output(run)).toContain(
      "the client has no customers.list: generated/client.ts is stale",
    );
  });
});
