// Smoke test of the benchmark harness: runs `bench/run.ts --quick` (one short round, a 10-operation synthetic
// spec, no whole-pipeline run) into a temp folder and checks the structure of what it measured. No timing is
// asserted: this keeps the harness working, it does not judge performance.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchResults } from "../../bench/lib/report.ts";
import { median, quantile } from "../../bench/lib/stats.ts";
import { syntheticResources } from "../../bench/lib/synth-spec.ts";
import { countOperations } from "../../bench/scaling.ts";

const root = path.resolve(import.meta.dirname, "../..");
const positive = (value: number) => Number.isFinite(value) && value > 0;

describe("bench harness (quick mode)", () => {
  let dir: string;
  let results: BenchResults;
  let report: string;
  let committedReport: string | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "kirim-bench-smoke-"));
    committedReport = await readFile(path.join(root, "bench/RESULTS.md"), "utf8").catch(() => undefined);
    const run = spawnSync(
      process.execPath,
      ["bench/run.ts", "--quick", "--out", path.join(dir, "RESULTS.md"), "--json", path.join(dir, "results.json")],
      { cwd: root, encoding: "utf8", timeout: 150_000 },
    );
    if (run.status !== 0) throw new Error(`bench/run.ts --quick exited with ${run.status}:\n${run.stdout}\n${run.stderr}`);
    results = JSON.parse(await readFile(path.join(dir, "results.json"), "utf8")) as BenchResults;
    report = await readFile(path.join(dir, "RESULTS.md"), "utf8");
  }, 180_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("records the machine, Node version, commit and command", () => {
    expect(results.meta.quick).toBe(true);
    expect(results.meta.node).toBe(process.version);
    expect(results.meta.cores).toBeGreaterThan(0);
    expect(results.meta.commit).toMatch(/^[0-9a-f]{4,}$/);
    expect(report).toContain("## Targets");
    expect(report).toContain("npm run bench -- --quick");
    expect(report).toContain(process.version);
  });

  it("does not overwrite the committed bench/RESULTS.md", async () => {
    const now = await readFile(path.join(root, "bench/RESULTS.md"), "utf8").catch(() => undefined);
    expect(now).toBe(committedReport);
  });

  it("measures every client on both transports without triggering retries", () => {
    const overhead = results.overhead!.data;
    expect(overhead.transports.map((t) => t.transport)).toEqual(["loopback", "mocked"]);
    const expected = ["openapi-fetch (bare)", "raw fetch"];
    if (existsSync(path.join(root, "src/index.ts"))) expected.push("Kirim client (customers.update)");
    for (const transport of overhead.transports) {
      const names = transport.variants.map((v) => v.name);
      expect(names).toEqual(expect.arrayContaining(expected));
      for (const v of transport.variants) {
        expect(positive(v.opsPerSec), `${transport.transport} ${v.name} calls/s`).toBe(true);
        expect(positive(v.p50us) && positive(v.p99us), `${transport.transport} ${v.name} latency`).toBe(true);
        expect(v.p99us).toBeGreaterThanOrEqual(v.p50us);
        expect(positive(transport.ratios[v.name]!.vsOpenapiFetch)).toBe(true);
      }
      expect(transport.fetchCalls).toBe(transport.clientCalls);
    }
    for (const a of overhead.ablation) {
      expect(a.steps.length).toBeGreaterThanOrEqual(5);
      for (const step of a.steps) expect(positive(step.opsPerSec), `${a.transport} ${step.name}`).toBe(true);
    }
  });

  it("bundles openapi-fetch and the client and reports their sizes", () => {
    const size = results.size!.data;
    expect(size.entries.length).toBeGreaterThanOrEqual(1);
    for (const entry of size.entries) {
      expect(entry.error, entry.name).toBeUndefined();
      expect(positive(entry.min) && positive(entry.gzip), entry.name).toBe(true);
      expect(entry.gzip).toBeLessThan(entry.min);
    }
    if (existsSync(path.join(root, "src/index.ts"))) expect(Number.isFinite(size.addedGzip)).toBe(true);
  });

  it("times the pipeline steps and sees a spec edit reach the types", () => {
    const pipeline = results.pipeline!.data;
    expect(pipeline.steps.map((s) => s.step)).toEqual(["lint", "bundle", "generate types"]);
    for (const s of pipeline.steps) {
      expect(s.ok, `${s.step}: ${s.note ?? ""}`).toBe(true);
      expect(positive(s.medianMs)).toBe(true);
    }
    expect(pipeline.editToTypes.verified).toBe(true);
    expect(pipeline.whole).toBeUndefined();
  });

  it("writes a 10-operation synthetic spec that lints clean and generates types with 10 operations", () => {
    const [row] = results.scaling!.data.rows;
    expect(row!.operations).toBe(10);
    expect(row!.lintOutput).toBeUndefined();
    expect(row!.ok).toEqual({ lint: true, bundle: true, "generate types": true, typecheck: true });
    expect(row!.operationsInTypes).toBe(10);
    expect(positive(row!.typesBytes) && positive(row!.bundleBytes)).toBe(true);
    for (const ms of Object.values(row!.ms)) expect(positive(ms)).toBe(true);
  });
});

describe("bench helpers", () => {
  it("computes medians and nearest-rank percentiles", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99)).toBe(10);
  });

  it("names synthetic resources uniquely and refuses odd operation counts", () => {
    const resources = syntheticResources(1000);
    expect(resources).toHaveLength(500);
    expect(new Set(resources.flatMap((r) => r.operationIds)).size).toBe(1000);
    expect(() => syntheticResources(11)).toThrow(/even number/);
  });

  it("counts the operations of openapi-typescript output", () => {
    const types = "export interface operations {\n    getA: {\n        x: 1;\n    };\n    updateA: {\n    };\n}\n";
    expect(countOperations(types)).toBe(2);
    expect(countOperations("export interface paths {}\n")).toBe(0);
  });
});
