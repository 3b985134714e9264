// Pipeline time on our own spec: each step on its own (same tools and flags as scripts/pipeline.ts, outputs into
// scratch so the working tree is not touched), "spec edit → fresh types" on a scratch copy of openapi/, and the
// whole `npm run pipeline` as the API team runs it (full mode only: it runs the test suite, whose bench smoke test
// runs this harness in quick mode).
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundleFile, bundle, generateTypes, specRoot, typesFile } from "../scripts/lib/generate.ts";
import { projectRoot } from "../scripts/lib/tools.ts";
import { type Timed, repeat, timed, timedCall, tool } from "./lib/proc.ts";
import { median } from "./lib/stats.ts";

export interface StepTiming {
  step: string;
  medianMs: number;
  samplesMs: number[];
  ok: boolean;
  note?: string;
}

export interface WholePipeline {
  command: string;
  ms: number;
  ok: boolean;
  /** Steps as the pipeline printed them ("✔ lint (0.4 s)"). */
  steps: Array<{ step: string; seconds: number; ok: boolean }>;
  /** vitest's per-file lines of the test step (file, project, tests, ms), slowest first. */
  testFiles: Array<{ project: string; file: string; tests: number; ms: number }>;
  testSummary: string;
  failure?: string;
}

export interface PipelineResult {
  runs: number;
  steps: StepTiming[];
  sumOfStepsMs: number;
  editToTypes: StepTiming & { verified: boolean };
  whole?: WholePipeline;
  wholeSkipped?: string;
}

export async function runPipeline(options: { quick: boolean; scratch: string; whole: boolean }): Promise<PipelineResult> {
  const runs = options.quick ? 1 : 3;
  const out = path.join(options.scratch, "pipeline");
  await mkdir(out, { recursive: true });
  const bundled = path.join(out, bundleFile);
  const steps: StepTiming[] = [];
  const add = (step: string, samples: Timed[], note?: string) => {
    const failed = samples.find((s) => s.code !== 0);
    steps.push({
      step,
      medianMs: median(samples.map((s) => s.ms)),
      samplesMs: samples.map((s) => s.ms),
      ok: !failed,
      ...(failed ? { note: firstLines(failed.output) } : note ? { note } : {}),
    });
  };

  add("lint", await repeat(runs, () => timed(tool("redocly"), ["lint", specRoot], { cwd: projectRoot })));
  add("bundle", await repeat(runs, () => timedCall(() => bundle(out, { quiet: true }))));
  add("generate types", await repeat(runs, () => timedCall(() => generateTypes(out, { quiet: true }))));
  if (!options.quick) {
    add("typecheck", await repeat(runs, () => timed(tool("tsc"), ["--noEmit", "-p", "tsconfig.json"], { cwd: projectRoot })), "whole project: src, generated, scripts, test, bench");
    add(
      "docs",
      await repeat(runs, () =>
        timed(tool("redocly"), ["build-docs", bundled, "--inlineBundle", "--title", "Kirim API reference", "--output", path.join(out, "index.html")], { cwd: projectRoot }),
      ),
    );
  }

  const editToTypes = await measureEditToTypes(options.scratch, runs);
  const result: PipelineResult = {
    runs,
    steps,
    sumOfStepsMs: steps.reduce((a, s) => a + s.medianMs, 0),
    editToTypes,
  };
  if (options.whole && !options.quick) result.whole = await measureWholePipeline();
  else result.wholeSkipped = options.quick ? "quick mode (the smoke test runs inside the test suite, which the pipeline runs)" : "--skip-whole-pipeline";
  return result;
}

/** Copies openapi/ and the lint config to scratch, changes a description, and times `node scripts/generate.ts`
 *  there (bundle → openapi-typescript, two processes, as `npm run generate` does minus npm's own start-up). */
async function measureEditToTypes(scratch: string, runs: number): Promise<StepTiming & { verified: boolean }> {
  const copy = path.join(scratch, "edit");
  await cp(path.join(projectRoot, "openapi"), path.join(copy, "openapi"), { recursive: true });
  await cp(path.join(projectRoot, "redocly.yaml"), path.join(copy, "redocly.yaml"));
  await cp(path.join(projectRoot, "redocly"), path.join(copy, "redocly"), { recursive: true });
  const schema = path.join(copy, "openapi/components/schemas/Customer.yaml");
  const original = await readFile(schema, "utf8");
  const samples: Timed[] = [];
  let verified = true;
  for (let i = 0; i < runs; i++) {
    const marker = `Bench edit ${i + 1}.`;
    await writeFile(schema, original.replace("description: Full name of the person or company.", `description: Full name of the person or company. ${marker}`));
    const sample = await timed(process.execPath, [path.join(projectRoot, "scripts/generate.ts")], { cwd: copy });
    samples.push(sample);
    const types = await readFile(path.join(copy, "generated", typesFile), "utf8").catch(() => "");
    if (sample.code !== 0 || !types.includes(marker)) verified = false;
  }
  const failed = samples.find((s) => s.code !== 0);
  return {
    step: "spec edit → fresh types (node scripts/generate.ts)",
    medianMs: median(samples.map((s) => s.ms)),
    samplesMs: samples.map((s) => s.ms),
    ok: !failed && verified,
    verified,
    ...(failed ? { note: firstLines(failed.output) } : {}),
  };
}

async function measureWholePipeline(): Promise<WholePipeline> {
  const command = "npm run pipeline";
  const result = await timed("npm", ["run", "pipeline"], { cwd: projectRoot });
  const text = result.output.replace(/\x1b\[[0-9;]*m/g, "");
  const steps: WholePipeline["steps"] = [];
  for (const match of text.matchAll(/^([✔✖]) (.+?) (?:\(|failed after )([\d.]+) s\)?$/gmu)) {
    steps.push({ step: match[2]!, seconds: Number(match[3]), ok: match[1] === "✔" });
  }
  const testFiles: WholePipeline["testFiles"] = [];
  // "✓ |bench| test/bench/bench.test.ts (9 tests) 6594ms" (without colours) or "✓  bench  test/…" (with colours).
  for (const match of text.matchAll(/^\s*[✓×❯↓]\s+\|?\s*([\w-]+)\s*\|?\s+(\S+\.test(?:-d)?\.ts)\s+\((\d+) tests?[^)]*\)\s*(?:(\d+)\s*ms)?/gmu)) {
    testFiles.push({ project: match[1]!.trim(), file: match[2]!, tests: Number(match[3]), ms: Number(match[4] ?? 0) });
  }
  testFiles.sort((a, b) => b.ms - a.ms);
  const summary = ["Test Files", "Tests", "Duration"]
    .map((label) => text.match(new RegExp(`^\\s*${label}\\s+(.+)$`, "m"))?.[1]?.trim())
    .map((value, i) => (value ? `${["Test Files", "Tests", "Duration"][i]}: ${value}` : ""))
    .filter(Boolean)
    .join("; ");
  return {
    command,
    ms: result.ms,
    ok: result.code === 0,
    steps,
    testFiles,
    testSummary: summary,
    ...(result.code !== 0 ? { failure: lastLines(text, 15) } : {}),
  };
}

function firstLines(text: string, n = 6): string {
  return text.replace(/\x1b\[[0-9;]*m/g, "").trim().split("\n").slice(0, n).join("\n");
}

function lastLines(text: string, n: number): string {
  return text.trim().split("\n").slice(-n).join("\n");
}
