// Smoke test of the bench harness: `bench/run.ts --quick` (tiny samples, 10-operation spec) into a temp file, checking
// that every section it ran wrote its block with every row. Structure only: no timing is asserted. The dev-loop section
// is left to `npm run bench` itself: it drives the same dev session test/dev/ tests, and cost this test half its time.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { writeSyntheticSpec } from "../../bench/synthetic-spec.ts";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { operationsOf } from "../../scripts/lib/codegen/operation-model.ts";
import { bundleSpec, lintSpec, openSpecProject } from "../../scripts/lib/spec/redocly-project.ts";
import { copyProject, lintConfigParts } from "../helpers/project-copy.ts";
import { runMainInProcess } from "../helpers/run.ts";

/** `node bench/run.ts <args>`, run in this process: the spec tooling it drives is loaded here already. */
const runBench = (args: string[]) => runMainInProcess(path.join(projectRoot, "bench/run.ts"), args, projectRoot);
const block = (text: string, name: string) =>
  text.match(new RegExp(`<!-- bench:${name} -->\\n([^]*?)\\n<!-- /bench:${name} -->`))?.[1] ?? "";

describe("bench/run.ts --quick", () => {
  let dir: string;
  let report: string;
  let committed: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "kirim-bench-smoke-"));
    committed = await readFile(path.join(projectRoot, "bench/RESULTS.md"), "utf8");
    const run = await runBench([
      "--quick",
      "--only",
      // scaling first: a section must not depend on another having run before it.
      "scaling,size,overhead",
      "--out",
      path.join(dir, "RESULTS.md"),
    ]);
    if (run.code !== 0) throw new Error(`bench/run.ts --quick exited with ${run.code}:\n${run.output}`);
    report = await readFile(path.join(dir, "RESULTS.md"), "utf8");
  }, 180_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("heads each block with its date, commit, machine, Node version and load", () => {
    for (const name of ["overhead", "size", "scaling"]) {
      expect(block(report, name)).toMatch(
        new RegExp(`^_QUICK SMOKE RUN.* UTC, commit [0-9a-f]+.*Node ${process.version}; load average`),
      );
    }
  });

  it("measures the client, bare openapi-fetch and raw fetch on both transports", () => {
    const overhead = block(report, "overhead");
    for (const transport of ["Mocked fetch", "Loopback HTTP"]) expect(overhead).toContain(transport);
    for (const variant of [
      "Kirim client (customers.update)",
      "openapi-fetch (bare)",
      "openapi-fetch + per-call timeout signal",
      "raw fetch",
    ]) {
      expect(
        overhead.match(new RegExp(`^\\| ${variant.replace(/[()+]/g, "\\$&")} \\| [\\d.]+ \\|`, "gm")),
      ).toHaveLength(2);
    }
  });

  it("bundles openapi-fetch and the client", () => {
    expect(block(report, "size")).toMatch(/The client adds \*\*[\d,]+ B\*\* min\+gzip/);
  });

  it("runs a 10-operation synthetic spec through every step", () => {
    expect(block(report, "scaling")).toMatch(/^\| 10 \| \d+ \|( [\d.]+ s \|){6} [\d.]+× \| \d+ \|$/m);
  });

  it("leaves the committed bench/RESULTS.md alone", async () => {
    expect(await readFile(path.join(projectRoot, "bench/RESULTS.md"), "utf8")).toBe(committed);
  });
});

describe("bench/run.ts arguments and helpers", () => {
  it("refuses an unknown section with the list of known ones", async () => {
    const run = await runBench(["--quick", "--only", "sizes"]);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain(
      "--only sizes: expected some of overhead, size, scaling, pipeline, gate, dev-loop, test-suite, contract-scale.",
    );
  });

  it("makes a synthetic spec that lints clean, one client method per operation, and refuses a size below 1", async () => {
    const copy = await copyProject(lintConfigParts);
    onTestFinished(() => copy.remove());
    await writeSyntheticSpec(copy.file("openapi"), 25);
    const project = await openSpecProject(copy.dir);
    await lintSpec(project);
    const operations = operationsOf(await bundleSpec(project));
    expect(new Set(operations.map((op) => `${op.resource}.${op.method}`)).size).toBe(25);
    await expect(writeSyntheticSpec(copy.file("other"), 0)).rejects.toThrow(/at least 1; got 0/);
  });
});
