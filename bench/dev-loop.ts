// npm run bench:dev-loop [-- --sizes 10,100,1000] [--saves 7] [--cli-saves 3] [--skip-e2e] [--skip-ours] [--keep]
//                         [--out FILE.md] [--json FILE.json] [--render-only]
// --render-only rewrites the Markdown from the JSON of the last run, measuring nothing.
//
// The `npm run dev` edit loop: save → fresh generated/ (lint, bundle, types, client surface, written) and save →
// typecheck result, in the warm session (scripts/lib/dev-session.ts, the code `npm run dev` runs), on our spec and on
// synthetic specs of 10, 100 and 1,000 operations (bench/lib/synth-spec.ts). Side by side in the same run, round by
// round: the command-line chain the warm loop replaces (redocly lint, redocly bundle, openapi-typescript, then
// tsc --noEmit), as separate processes. Plus, on our spec, the real `npm run dev` process end to end (file written →
// its status line printed, file watcher and debounce included). Writes bench/DEV-LOOP.md and bench/dev-loop.json.
import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type DevSession, openDevSession } from "../scripts/lib/dev-session.ts";
import { generateAll } from "../scripts/lib/generate.ts";
import { openSpecProject } from "../scripts/lib/spec.ts";
import { main, step } from "../scripts/lib/step.ts";
import { projectRoot } from "../scripts/lib/tools.ts";
import { type RunMeta, runMeta } from "./lib/meta.ts";
import { timed, tool } from "./lib/proc.ts";
import { fmtInt, median } from "./lib/stats.ts";
import { writeSyntheticSpec } from "./lib/synth-spec.ts";

// ── what is measured ────────────────────────────────────────────────────────────────────────────────────────────────

interface Case {
  name: string;
  operations: number;
  specFiles: number;
  dir: string;
  /** The schema file each save edits, and what `tsc` checks there. */
  schemaFile: string;
  typecheckScope: string;
}

/** Two kinds of save: a description edit (types change only in a comment) and a new optional property. */
type EditKind = "description" | "property";

interface Samples {
  /** Warm: save → generated/ written. */
  warmTypes: number[];
  /** Warm: after that, the incremental typecheck. */
  warmTypecheck: number[];
  /** Per stage of the session (lint, bundle, generate, write, typecheck). */
  stages: Record<string, number[]>;
}

interface CaseResult {
  name: string;
  operations: number;
  specFiles: number;
  typecheckScope: string;
  warm: Record<EditKind, Samples>;
  openMs: number;
  firstSaveMs: number;
  cli: { lint: number[]; bundle: number[]; types: number[]; chain: number[]; tsc: number[] };
  verified: boolean;
}

interface EndToEndSamples {
  /** File written → status line printed. */
  saveToLineMs: number[];
  /** The figures the status lines themselves printed (ms). */
  reportedTypesMs: number[];
  reportedTypecheckMs: number[];
}

interface EndToEnd {
  coldStartMs: number;
  saves: Record<EditKind, EndToEndSamples>;
}

interface DevLoopResults {
  meta: RunMeta & { loadBefore: number[]; loadAfter: number[]; saves: number; cliSaves: number };
  cases: CaseResult[];
  endToEnd?: EndToEnd;
}

// ── setting up a case ───────────────────────────────────────────────────────────────────────────────────────────────

/** Our project as `npm run dev` sees it (the whole tsconfig.json: src, generated, scripts, test, bench…), copied to scratch. */
async function ourSpecCase(scratch: string): Promise<Case> {
  const dir = path.join(scratch, "kirim");
  // Everything tsconfig.json may include, so the copy type-checks as the project does; not what is installed or built.
  const skipped = new Set(["node_modules", ".git", ".tmp", ".tools", "dist", "coverage", "test-results", "reports"]);
  for (const part of await readdir(projectRoot)) {
    if (!skipped.has(part)) await cp(path.join(projectRoot, part), path.join(dir, part), { recursive: true });
  }
  const operations = (await readFile(path.join(dir, "generated/openapi.yaml"), "utf8")).match(/^ {6}operationId: /gm)?.length ?? 0;
  return { name: "our spec", operations, specFiles: await countFiles(path.join(dir, "openapi")), dir, schemaFile: "openapi/components/schemas/Customer.yaml", typecheckScope: "whole project (tsconfig.json)" };
}

const usageSource = (urlPath: string) => `// Uses the generated types the way an application would, so tsc has to resolve them.
import createClient from "openapi-fetch";
import type { paths } from "./generated/kirim-api.ts";

const client = createClient<paths>({ baseUrl: "https://api.kirimdev.com/v1" });

export async function update(id: string): Promise<string | undefined> {
  const { data } = await client.PATCH(${JSON.stringify(urlPath)}, { params: { path: { id } }, body: { name: "Ada Lovelace" } });
  return data?.data.id;
}
`;

const syntheticTsconfig = {
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
  include: ["generated", "usage.ts"],
};

/** A synthetic spec in our layout and lint rules, its generated/ and a file that uses the types (as bench/scaling.ts). */
async function syntheticCase(scratch: string, operations: number): Promise<Case> {
  const dir = path.join(scratch, `synthetic-${operations}`);
  const spec = await writeSyntheticSpec(path.join(dir, "openapi"), operations);
  await cp(path.join(projectRoot, "redocly.yaml"), path.join(dir, "redocly.yaml"));
  await cp(path.join(projectRoot, "redocly"), path.join(dir, "redocly"), { recursive: true });
  await writeFile(path.join(dir, "usage.ts"), usageSource(spec.resources[0]!.urlPath));
  await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(syntheticTsconfig, null, 2));
  await generateAll(path.join(dir, "generated"), { project: await openSpecProject(dir) });
  return {
    name: `synthetic, ${fmtInt(operations)} operations`,
    operations,
    specFiles: spec.files,
    dir,
    schemaFile: `openapi/components/schemas/${spec.resources[0]!.schema}.yaml`,
    typecheckScope: "generated/ + a file using the types",
  };
}

async function countFiles(dir: string): Promise<number> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).length;
}

/** What the edited schema file says: a marker at the end of one property description, and maybe one added property. */
interface EditState {
  description?: number;
  property?: number;
}

/** Writes the case's schema file in `state`; returns the text the fresh types must then contain for `kind`. */
async function writeState(kase: Case, original: string, state: EditState, kind: EditKind): Promise<string> {
  let text = original;
  if (state.description !== undefined) {
    const line = original.match(/^ {4}description: (.+)$/m)?.[0];
    if (!line) throw new Error(`${kase.schemaFile}: no property description to edit`);
    text = text.replace(line, `${line} Save ${state.description}.`);
  }
  if (state.property !== undefined) {
    const anchor = "\n  team_id:\n";
    if (!text.includes(anchor)) throw new Error(`${kase.schemaFile}: no team_id property to insert before`);
    text = text.replace(anchor, `\n  bench_field_${state.property}:\n    type: string\n    description: Added by a save.\n  team_id:\n`);
  }
  await writeFile(path.join(kase.dir, kase.schemaFile), text);
  return kind === "description" ? `Save ${state.description}.` : `bench_field_${state.property}?: string;`;
}

// ── measuring ───────────────────────────────────────────────────────────────────────────────────────────────────────

async function measureCase(kase: Case, saves: number, cliSaves: number): Promise<CaseResult> {
  const opened = performance.now();
  const session: DevSession = await openDevSession(kase.dir);
  const openMs = performance.now() - opened;
  const first = performance.now();
  const firstOutcome = await session.save();
  const firstSaveMs = performance.now() - first;
  if (!firstOutcome.ok) throw new Error(`${kase.name}: the first save failed (${firstOutcome.stage}):\n${firstOutcome.message}`);

  const original = await readFile(path.join(kase.dir, kase.schemaFile), "utf8");
  const cliOut = path.join(kase.dir, "cli-out");
  await mkdir(cliOut, { recursive: true });
  const result: CaseResult = {
    name: kase.name,
    operations: kase.operations,
    specFiles: kase.specFiles,
    typecheckScope: kase.typecheckScope,
    warm: { description: { warmTypes: [], warmTypecheck: [], stages: {} }, property: { warmTypes: [], warmTypecheck: [], stages: {} } },
    openMs,
    firstSaveMs,
    cli: { lint: [], bundle: [], types: [], chain: [], tsc: [] },
    verified: true,
  };

  // A description save changes only that description; a property save replaces the added property with a new one.
  const state: EditState = {};
  let n = 0;
  for (let round = 0; round < saves; round++) {
    for (const kind of ["description", "property"] as const) {
      state[kind] = ++n;
      const expected = await writeState(kase, original, state, kind);
      if (kind === "description" && round < cliSaves) await measureCliChain(kase, cliOut, result);
      const outcome = await session.save();
      if (!outcome.ok) throw new Error(`${kase.name}: save ${n} failed (${outcome.stage}):\n${outcome.message}`);
      result.warm[kind].warmTypes.push(outcome.generateMs);
      result.warm[kind].warmTypecheck.push(outcome.typecheckMs);
      for (const [name, ms] of Object.entries(outcome.stages)) (result.warm[kind].stages[name] ??= []).push(ms);
      const types = await readFile(path.join(kase.dir, "generated/kirim-api.ts"), "utf8");
      if (!types.includes(expected)) result.verified = false;
    }
  }
  await writeFile(path.join(kase.dir, kase.schemaFile), original);
  return result;
}

/** The chain `npm run dev` ran before: one process per tool, then tsc over the same project. */
async function measureCliChain(kase: Case, out: string, result: CaseResult): Promise<void> {
  const lint = await timed(tool("redocly"), ["lint", "openapi/openapi.yaml"], { cwd: kase.dir });
  const bundled = await timed(tool("redocly"), ["bundle", "openapi/openapi.yaml", "--output", path.join(out, "openapi.yaml")], { cwd: kase.dir });
  const types = await timed(tool("openapi-typescript"), [path.join(out, "openapi.yaml"), "--output", path.join(out, "kirim-api.ts"), "--root-types", "--empty-objects-unknown"], { cwd: kase.dir });
  const tsc = await timed(tool("tsc"), ["--noEmit", "-p", "tsconfig.json"], { cwd: kase.dir });
  for (const [name, run] of [["redocly lint", lint], ["redocly bundle", bundled], ["openapi-typescript", types], ["tsc", tsc]] as const) {
    if (run.code !== 0) throw new Error(`${kase.name}: ${name} failed:\n${run.output.slice(0, 2000)}`);
  }
  result.cli.lint.push(lint.ms);
  result.cli.bundle.push(bundled.ms);
  result.cli.types.push(types.ms);
  result.cli.chain.push(lint.ms + bundled.ms + types.ms);
  result.cli.tsc.push(tsc.ms);
}

/** The real `npm run dev` on our spec: time from writing the file to the status line, as a person sees it. */
async function measureEndToEnd(kase: Case, saves: number): Promise<EndToEnd> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(projectRoot, "scripts/dev.ts")], {
    cwd: kase.dir,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const statusLines = () => output.split("\n").filter((line) => /^[✔✖] \d\d:\d\d:\d\d /.test(line));
  const waitForLine = async (count: number) => {
    const deadline = Date.now() + 120_000;
    while (statusLines().length < count) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm run dev: no status line ${count}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return statusLines()[count - 1]!;
  };
  const empty = (): EndToEndSamples => ({ saveToLineMs: [], reportedTypesMs: [], reportedTypecheckMs: [] });
  const result: EndToEnd = { coldStartMs: 0, saves: { description: empty(), property: empty() } };
  try {
    await waitForLine(1);
    result.coldStartMs = performance.now() - started;
    const original = await readFile(path.join(kase.dir, kase.schemaFile), "utf8");
    const state: EditState = {};
    let lineCount = 1;
    for (let n = 1; n <= saves * 2; n++) {
      const kind: EditKind = n % 2 === 1 ? "description" : "property";
      state[kind] = 100 + n;
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the watcher settle between saves
      const written = performance.now();
      await writeState(kase, original, state, kind);
      const line = await waitForLine(++lineCount);
      const samples = result.saves[kind];
      samples.saveToLineMs.push(performance.now() - written);
      const figures = /lint\+bundle\+generate ([\d.]+) s, typecheck ([\d.]+) s/.exec(line);
      if (!figures) throw new Error(`npm run dev: unexpected status line: ${line}\n${output}`);
      samples.reportedTypesMs.push(Number(figures[1]) * 1000);
      samples.reportedTypecheckMs.push(Number(figures[2]) * 1000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      lineCount = statusLines().length; // a straggling second event may have caused one more run
    }
    await writeFile(path.join(kase.dir, kase.schemaFile), original);
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.exitCode === null) child.kill("SIGINT");
    await exited;
  }
  return result;
}

// ── report ──────────────────────────────────────────────────────────────────────────────────────────────────────────

const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "n/a");
const range = (values: number[]) => (values.length ? `${s(Math.min(...values))}–${s(Math.max(...values))}` : "n/a");
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : "n/a");

function renderMarkdown(results: DevLoopResults, command: string): string {
  const { meta } = results;
  const ours = results.cases.find((c) => c.name === "our spec");
  const lines: string[] = [];
  lines.push("# The `npm run dev` edit loop: save → types, save → typecheck", "");
  lines.push(`Written by \`${command}\` (bench/dev-loop.ts) on ${meta.date.slice(0, 16).replace("T", " ")} UTC, commit ${meta.commit}${meta.dirty ? " plus uncommitted changes" : ""}.`);
  lines.push(
    `Machine: ${meta.cpu}, ${meta.cores} cores, ${meta.memoryGiB} GiB, ${meta.os}, Node ${meta.node}. Load average (1/5/15 min) ${meta.loadBefore.map((v) => v.toFixed(2)).join(" / ")} at the start and ${meta.loadAfter.map((v) => v.toFixed(2)).join(" / ")} at the end${meta.loadBefore[0]! > meta.cores / 2 ? ": **not a quiet machine** (other work was running), so absolute times are inflated; the ratios, measured round by round under the same load, hold better" : ""}.`,
    "",
  );

  if (ours) {
    // Judged on the slower of the two kinds of save.
    const worse = (pick: (samples: Samples) => number[]) => Math.max(median(pick(ours.warm.description)), median(pick(ours.warm.property)));
    const t = worse((w) => w.warmTypes);
    const tc = worse((w) => w.warmTypecheck);
    const chain = median(ours.cli.chain);
    lines.push("## Targets (issue 14), on our spec", "");
    lines.push("Each figure is the median of the slower kind of save (description edit or new property).", "");
    lines.push("| Target | Limit | Measured (median) | |", "| --- | --- | --- | --- |");
    lines.push(`| save → lint result and fresh generated/ | ≤ 0.30 s | ${s(t)} | ${t <= 300 ? "✅ met" : "❌ not met"} |`);
    lines.push(`| … as a ratio of the CLI chain it replaces, same run | ≤ 0.20× | ${ratio(t, chain)} (CLI chain ${s(chain)}) | ${t / chain <= 0.2 ? "✅ met" : "❌ not met"} |`);
    lines.push(`| save → typecheck result | ≤ 1.50 s | ${s(tc)} (whole project) | ${tc <= 1500 ? "✅ met" : "❌ not met"} |`, "");
  }

  lines.push("## Warm session vs the CLI chain, per size", "");
  lines.push("Medians over the saves (range in brackets). *types* = lint + bundle + types + client surface + generated/ written; *typecheck* = the typecheck that follows, alone.", "");
  lines.push("| Spec | Ops | Spec files | Save kind | Warm: save → types | Warm: typecheck | CLI chain: lint + bundle + openapi-typescript | Ratio | `tsc --noEmit` | Ratio |");
  lines.push("| --- | ---: | ---: | --- | --- | --- | --- | ---: | --- | ---: |");
  for (const c of results.cases) {
    for (const kind of ["description", "property"] as const) {
      const w = c.warm[kind];
      const chain = median(c.cli.chain);
      const tsc = median(c.cli.tsc);
      lines.push(
        `| ${c.name} | ${fmtInt(c.operations)} | ${fmtInt(c.specFiles)} | ${kind === "description" ? "description edit" : "new property"} | ${s(median(w.warmTypes))} (${range(w.warmTypes)}) | ${s(median(w.warmTypecheck))} (${range(w.warmTypecheck)}) | ${kind === "description" ? `${s(chain)} (${range(c.cli.chain)})` : "″"} | ${ratio(median(w.warmTypes), chain)} | ${kind === "description" ? `${s(tsc)} (${range(c.cli.tsc)})` : "″"} | ${ratio(median(w.warmTypecheck), tsc)} |`,
      );
    }
  }
  lines.push("");
  lines.push("Where a warm save's time goes (medians; *generate* = openapi-typescript's `openapiTS` + `astToString` and the client surface):", "");
  lines.push("| Spec | Save kind | lint | bundle | generate | write | typecheck |", "| --- | --- | --- | --- | --- | --- | --- |");
  for (const c of results.cases) {
    for (const kind of ["description", "property"] as const) {
      const st = c.warm[kind].stages;
      lines.push(`| ${c.name} | ${kind === "description" ? "description edit" : "new property"} | ${["lint", "bundle", "generate", "write", "typecheck"].map((name) => s(median(st[name] ?? []))).join(" | ")} |`);
    }
  }
  lines.push("");
  lines.push("CLI chain, by tool (medians): " + results.cases.map((c) => `${c.name}: lint ${s(median(c.cli.lint))}, bundle ${s(median(c.cli.bundle))}, openapi-typescript ${s(median(c.cli.types))}`).join("; ") + ".", "");
  lines.push(
    "Start-up of the warm session (paid once per `npm run dev`; modules already imported): " +
      results.cases.map((c) => `${c.name}: config ${s(c.openMs)}, first save (full typecheck) ${s(c.firstSaveMs)}`).join("; ") +
      ". The first incremental save after that can take longer than the rest (the widest ranges above): TypeScript's builder has no earlier signature of a changed file to compare with yet, so it re-checks every importer once.",
    "",
  );
  lines.push(`Every save was verified: the fresh generated/kirim-api.ts contained that save's edit — ${results.cases.every((c) => c.verified) ? "yes, for all" : "**no, see dev-loop.json**"}.`, "");

  if (results.endToEnd) {
    const e = results.endToEnd;
    lines.push("## End to end: the real `npm run dev` on our spec", "");
    lines.push(
      `\`node scripts/dev.ts\` in a copy of the project, alternating description saves and new-property saves, 0.5 s apart. *Save → line*: from the file written to the status line printed, which includes the file watcher and the 150 ms debounce; the other two columns are what the status lines printed. Medians (range). Start (process start to the first status line, full typecheck included): ${s(e.coldStartMs)}.`,
      "",
      "| Save kind | Saves | Save → line | Reported: lint+bundle+generate | Reported: typecheck |",
      "| --- | ---: | --- | --- | --- |",
    );
    for (const kind of ["description", "property"] as const) {
      const k = e.saves[kind];
      lines.push(`| ${kind === "description" ? "description edit" : "new property"} | ${k.saveToLineMs.length} | ${s(median(k.saveToLineMs))} (${range(k.saveToLineMs)}) | ${s(median(k.reportedTypesMs))} | ${s(median(k.reportedTypecheckMs))} |`);
    }
    lines.push("");
  }

  const largest = [...results.cases].sort((a, b) => b.operations - a.operations)[0];
  if (largest && largest.operations > 1) {
    const st = largest.warm.description.stages;
    const part = (name: string) => s(median(st[name] ?? []));
    lines.push("## Reading the figures", "");
    lines.push(
      `- On a small spec the warm loop is nearly all start-up saved: the CLI chain's time is three Node processes starting, loading their modules and Redocly's config and plugin; the warm session pays that once.`,
      `- On the ${fmtInt(largest.operations)}-operation spec the warm save is the work itself: lint ${part("lint")}, bundle ${part("bundle")}, openapi-typescript and the client surface ${part("generate")} (description edits, medians). Redocly's rules and openapi-typescript walk the whole document on every save (neither offers an incremental API), so this part grows with the spec; only the typecheck is incremental.`,
      "- Typecheck: a description edit changes only JSDoc comments in generated/kirim-api.ts, which the builder recognises (its per-file signature is taken without comments), so nothing that imports the types is checked again; a new property changes the types, and every file that uses them is re-checked.",
      "",
    );
  }
  lines.push("## How this was measured", "");
  lines.push(
    `- Each spec lives in a scratch folder under \`.tmp/\` inside the project (so \`openapi-fetch\` and the tools resolve from node_modules): our spec with the whole project beside it (everything but node_modules, .git and build output, so tsconfig.json covers what it covers in the project); the synthetic specs from bench/lib/synth-spec.ts (our layout, our redocly.yaml and plugin, lint-clean) with their generated/ and one file that calls the API through openapi-fetch with the generated types (as bench/scaling.ts).`,
    `- Warm: one \`openDevSession\` per spec (scripts/lib/dev-session.ts, exactly what \`npm run dev\` runs per save), then ${meta.saves} rounds of two saves each: a description edit in one schema file (the types change only in a JSDoc comment) and a new optional property in it (the types change). Each save writes the file, then times \`session.save()\`: the session's own clock splits it at the moment generated/ is written. The file watcher's debounce (150 ms) is not in these figures; the end-to-end section has it.`,
    `- CLI chain: in the first ${meta.cliSaves} rounds, right after the description edit and before the warm save, \`redocly lint\`, \`redocly bundle\` and \`openapi-typescript … --root-types --empty-objects-unknown\` (@redocly/cli 2.77.0, openapi-typescript 7.13.0) as separate processes, as \`npm run dev\` ran them before, timed wall-clock including process start-up; their output goes to a side folder. Then \`tsc --noEmit -p tsconfig.json\` over the same project. Ratios divide the warm median by the CLI median of the same run.`,
    "- Medians of all saves of a kind; no sample dropped. Times from `performance.now()`.",
    "",
  );
  return lines.join("\n");
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────────────────────────

main(async () => {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string", default: "10,100,1000" },
      saves: { type: "string", default: "7" },
      "cli-saves": { type: "string", default: "3" },
      "skip-e2e": { type: "boolean", default: false },
      "skip-ours": { type: "boolean", default: false },
      out: { type: "string", default: path.join(projectRoot, "bench/DEV-LOOP.md") },
      json: { type: "string", default: path.join(projectRoot, "bench/dev-loop.json") },
      keep: { type: "boolean", default: false },
      "render-only": { type: "boolean", default: false },
    },
  });
  if (values["render-only"]) {
    const saved = JSON.parse(await readFile(values.json, "utf8")) as DevLoopResults;
    await writeFile(values.out, renderMarkdown(saved, saved.meta.command));
    console.log(`Re-rendered ${path.relative(projectRoot, values.out)} from ${path.relative(projectRoot, values.json)}.`);
    return;
  }
  const sizes = values.sizes.split(",").filter(Boolean).map(Number);
  const saves = Number(values.saves);
  const cliSaves = Math.min(saves, Number(values["cli-saves"]));
  const command = ["npm run bench:dev-loop", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" ");
  const loadBefore = os.loadavg();
  const meta = { ...runMeta(command, false), loadBefore, loadAfter: [] as number[], saves, cliSaves };

  await mkdir(path.join(projectRoot, ".tmp"), { recursive: true });
  const scratch = await mkdtemp(path.join(projectRoot, ".tmp", "dev-loop-"));
  const results: DevLoopResults = { meta, cases: [] };
  try {
    const ours = values["skip-ours"] ? undefined : await step("set up: our spec", () => ourSpecCase(scratch));
    if (ours) results.cases.push(await step("our spec: warm saves and the CLI chain", () => measureCase(ours, saves, cliSaves)));
    for (const operations of sizes) {
      const kase = await step(`set up: synthetic spec, ${operations} operations`, () => syntheticCase(scratch, operations));
      results.cases.push(await step(`${operations} operations: warm saves and the CLI chain`, () => measureCase(kase, saves, cliSaves)));
    }
    if (ours && !values["skip-e2e"]) results.endToEnd = await step("our spec: npm run dev end to end", () => measureEndToEnd(ours, saves));
  } finally {
    if (!values.keep) await rm(scratch, { recursive: true, force: true });
  }
  meta.loadAfter = os.loadavg();
  await writeFile(values.json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(values.out, renderMarkdown(results, command));
  console.log(`\nWrote ${path.relative(projectRoot, values.out)} and ${path.relative(projectRoot, values.json)}.`);
});
