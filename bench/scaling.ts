// Scaling: synthetic specs in our own style with 10, 100 and 1,000 operations; lint (our redocly.yaml), bundle,
// generate types (our openapi-typescript flags, via scripts/lib/generate.ts) and typecheck the types with a file
// that uses them through openapi-fetch. The @hey-api/openapi-ts peer's generation time is recorded alongside.
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundleFile, generateTypes, typesFile } from "../scripts/lib/generate.ts";
import { projectRoot } from "../scripts/lib/tools.ts";
import { heyApiArgs } from "./lib/peer.ts";
import { type Timed, repeat, timed, timedCall, tool } from "./lib/proc.ts";
import { linearFit, median } from "./lib/stats.ts";
import { writeSyntheticSpec } from "./lib/synth-spec.ts";

export const scalingSteps = ["lint", "bundle", "generate types", "typecheck"] as const;
export type ScalingStep = (typeof scalingSteps)[number];

export interface ScalingRow {
  operations: number;
  specFiles: number;
  /** Median ms per step. */
  ms: Record<ScalingStep, number>;
  totalMs: number;
  heyApiMs?: number;
  ok: Record<ScalingStep, boolean>;
  lintOutput?: string;
  typecheckOutput?: string;
  bundleBytes: number;
  typesBytes: number;
  typesLines: number;
  /** Entries of `interface operations` in the generated types. */
  operationsInTypes: number;
  /** tsc --extendedDiagnostics of the typecheck step. */
  tscCheckMs?: number;
  tscMemoryKb?: number;
}

export interface Growth {
  step: ScalingStep | "total" | "types bytes";
  /** Least-squares fit over the sizes: fixed cost + per-operation cost. */
  fixed: number;
  perOperation: number;
  r2: number;
  /** value(1,000) / value(100): 10 for linear without fixed cost; less with fixed cost; more means superlinear. */
  ratio1000to100?: number;
  /** Marginal cost per op from 100→1,000 over marginal from 10→100: ≈1 linear, ≫1 superlinear. */
  marginalRatio?: number;
}

export interface ScalingResult {
  sizes: number[];
  runs: number;
  rows: ScalingRow[];
  growth: Growth[];
  heyApiError?: string;
}

const usageSource = (urlPath: string) => `// Uses the generated types the way an application would, so tsc has to resolve them.
import createClient from "openapi-fetch";
import type { paths } from "./${typesFile}";

const client = createClient<paths>({ baseUrl: "https://api.kirimdev.com/v1" });

export async function update(id: string): Promise<string | undefined> {
  const { data } = await client.PATCH(${JSON.stringify(urlPath)}, { params: { path: { id } }, body: { name: "Ada Lovelace" } });
  return data?.data.id;
}
`;

const tsconfig = {
  compilerOptions: {
    target: "ES2023",
    lib: ["ES2023", "DOM"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  },
  files: [typesFile, "usage.ts"],
};

export async function runScaling(options: { quick: boolean; scratch: string; sizes?: number[] }): Promise<ScalingResult> {
  const sizes = options.sizes ?? (options.quick ? [10] : [10, 100, 1000]);
  const runs = options.quick ? 1 : 3;
  const config = path.join(projectRoot, "redocly.yaml");
  const rows: ScalingRow[] = [];
  let heyApiError: string | undefined;

  for (const operations of sizes) {
    // Scratch must sit inside the project so the usage file resolves openapi-fetch from node_modules.
    const base = path.join(options.scratch, `scaling-${operations}`);
    const specDir = path.join(base, "openapi");
    const genDir = path.join(base, "generated");
    await mkdir(genDir, { recursive: true });
    const spec = await writeSyntheticSpec(specDir, operations);
    await writeFile(path.join(genDir, "usage.ts"), usageSource(spec.resources[0]!.urlPath));
    await writeFile(path.join(genDir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));

    const lint = await repeat(runs, () => timed(tool("redocly"), ["lint", "openapi.yaml", "--config", config], { cwd: specDir }));
    const bundled = await repeat(runs, () =>
      timed(tool("redocly"), ["bundle", "openapi.yaml", "--config", config, "--output", path.join(genDir, bundleFile)], { cwd: specDir }),
    );
    const types = await repeat(runs, () => timedCall(() => generateTypes(genDir, { quiet: true })));
    const check = await repeat(runs, () => timed(tool("tsc"), ["-p", path.join(genDir, "tsconfig.json"), "--extendedDiagnostics"], { cwd: genDir }));

    let heyApiMs: number | undefined;
    if (!heyApiError && !options.quick) {
      const hey = await repeat(runs, () => timed(tool("openapi-ts"), heyApiArgs(path.join(genDir, bundleFile), path.join(base, "hey-api"))));
      const failed = hey.find((s) => s.code !== 0);
      if (failed) heyApiError = failed.output.trim().slice(0, 300);
      else heyApiMs = median(hey.map((s) => s.ms));
    }

    const typesText = await readFile(path.join(genDir, typesFile), "utf8").catch(() => "");
    const last = check.at(-1)!;
    const ms = { lint: med(lint), bundle: med(bundled), "generate types": med(types), typecheck: med(check) };
    rows.push({
      operations,
      specFiles: spec.files,
      ms,
      totalMs: Object.values(ms).reduce((a, b) => a + b, 0),
      ...(heyApiMs !== undefined ? { heyApiMs } : {}),
      ok: { lint: allOk(lint), bundle: allOk(bundled), "generate types": allOk(types), typecheck: allOk(check) },
      ...(allOk(lint) ? {} : { lintOutput: lint.find((s) => s.code !== 0)!.output.trim().split("\n").slice(-20).join("\n") }),
      bundleBytes: await size(path.join(genDir, bundleFile)),
      typesBytes: Buffer.byteLength(typesText),
      typesLines: typesText.split("\n").length,
      operationsInTypes: countOperations(typesText),
      ...diagnostics(last.output),
      ...(allOk(check) ? {} : { typecheckOutput: last.output.split("\n").slice(0, 10).join("\n") }),
    });
  }

  return { sizes, runs, rows, growth: growth(rows), ...(heyApiError ? { heyApiError } : {}) };
}

/** Counts the members of `export interface operations { … }` in openapi-typescript output. */
export function countOperations(types: string): number {
  const start = types.indexOf("export interface operations {");
  if (start < 0) return 0;
  const end = types.indexOf("\n}", start);
  const block = types.slice(start, end < 0 ? undefined : end);
  return (block.match(/^ {4}[A-Za-z_$][\w$]*: \{$/gm) ?? []).length;
}

function growth(rows: ScalingRow[]): Growth[] {
  if (rows.length < 2) return [];
  const xs = rows.map((r) => r.operations);
  const series: Array<[Growth["step"], number[]]> = [
    ...scalingSteps.map((step): [Growth["step"], number[]] => [step, rows.map((r) => r.ms[step])]),
    ["total", rows.map((r) => r.totalMs)],
    ["types bytes", rows.map((r) => r.typesBytes)],
  ];
  return series.map(([step, ys]) => {
    const fit = linearFit(xs, ys);
    const at = (n: number) => ys[xs.indexOf(n)];
    const [y10, y100, y1000] = [at(10), at(100), at(1000)];
    return {
      step,
      fixed: fit.intercept,
      perOperation: fit.slope,
      r2: fit.r2,
      ...(y100 !== undefined && y1000 !== undefined ? { ratio1000to100: y1000 / y100 } : {}),
      ...(y10 !== undefined && y100 !== undefined && y1000 !== undefined ? { marginalRatio: (y1000 - y100) / 900 / ((y100 - y10) / 90) } : {}),
    };
  });
}

function diagnostics(output: string): { tscCheckMs?: number; tscMemoryKb?: number } {
  const check = output.match(/^Check time:\s+([\d.]+)s/m);
  const memory = output.match(/^Memory used:\s+(\d+)K/m);
  return { ...(check ? { tscCheckMs: Number(check[1]) * 1000 } : {}), ...(memory ? { tscMemoryKb: Number(memory[1]) } : {}) };
}

const med = (samples: Timed[]) => median(samples.map((s) => s.ms));
const allOk = (samples: Timed[]) => samples.every((s) => s.code === 0);
const size = (file: string) => stat(file).then((s) => s.size, () => Number.NaN);
