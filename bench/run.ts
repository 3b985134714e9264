// npm run bench [-- --quick] [-- --only overhead,size,pipeline,scaling] [-- --out FILE.md --json FILE.json]
//               [-- --skip-whole-pipeline] [-- --keep] [-- --render-only]
//
// Measures client overhead, bundle size, pipeline time and scaling side by side in one run and rewrites
// bench/RESULTS.md (and bench/results.json, from which `--only` runs merge their section into the report).
// --quick is the smoke version (one short round, a 10-operation spec, no whole-pipeline run); it writes to a
// temporary folder unless --out/--json say otherwise, so it never overwrites the committed results.
// --render-only re-renders RESULTS.md from results.json (e.g. after editing bench/analysis.md), measuring nothing.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { StepFailed, main, step } from "../scripts/lib/step.ts";
import { projectRoot } from "../scripts/lib/tools.ts";
import { loadKirim } from "./lib/kirim.ts";
import { runMeta } from "./lib/meta.ts";
import { type BenchResults, renderMarkdown, targets } from "./lib/report.ts";
import { runOverhead } from "./overhead.ts";
import { runPipeline } from "./pipeline.ts";
import { runScaling } from "./scaling.ts";
import { runSize } from "./size.ts";

const sections = ["overhead", "size", "pipeline", "scaling"] as const;
type SectionName = (typeof sections)[number];

main(async () => {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string", multiple: true },
      out: { type: "string" },
      json: { type: "string" },
      "skip-whole-pipeline": { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      "render-only": { type: "boolean", default: false },
    },
    allowPositionals: false,
  });
  const quick = values.quick;
  const only = (values.only ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  for (const name of only) {
    if (!(sections as readonly string[]).includes(name)) throw new StepFailed(`--only ${name}: expected one of ${sections.join(", ")}.`);
  }
  const selected = new Set<SectionName>(only.length ? (only as SectionName[]) : sections);

  process.chdir(projectRoot); // the pipeline's helpers resolve openapi/ and generated/ from the working directory
  const defaultDir = quick ? await mkdtemp(path.join(tmpdir(), "kirim-bench-quick-")) : path.join(projectRoot, "bench");
  const outFile = path.resolve(values.out ?? path.join(defaultDir, "RESULTS.md"));
  const jsonFile = path.resolve(values.json ?? path.join(path.dirname(outFile), "results.json"));
  const command = ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" ");
  const meta = runMeta(command, quick);
  const analysisFile = path.join(import.meta.dirname, "analysis.md");

  if (values["render-only"]) {
    const saved = await readJson(jsonFile);
    if (!saved) throw new StepFailed(`--render-only: ${path.relative(projectRoot, jsonFile)} is missing or unreadable.`);
    const analysis = await readFile(analysisFile, "utf8").catch(() => "");
    await writeFile(outFile, renderMarkdown(saved, saved.meta.quick ? "" : analysis));
    console.log(`Re-rendered ${path.relative(projectRoot, outFile) || outFile} from ${path.relative(projectRoot, jsonFile) || jsonFile}.`);
    return;
  }

  // Scratch inside the project (gitignored .tmp/): generated usage files must resolve openapi-fetch from node_modules.
  await mkdir(path.join(projectRoot, ".tmp"), { recursive: true });
  const scratch = await mkdtemp(path.join(projectRoot, ".tmp", "bench-"));

  const previous = only.length ? await readJson(jsonFile) : undefined;
  const results: BenchResults = { ...(previous ?? {}), meta };
  try {
    const kirim = await loadKirim(scratch).then(
      () => true,
      () => false,
    );
    if (selected.has("overhead")) {
      const data = await step("overhead: client vs openapi-fetch vs raw fetch", () => runOverhead({ quick, scratch, profile: true }));
      results.overhead = { meta, data };
    }
    if (selected.has("size")) {
      const data = await step("size: esbuild bundles", () => runSize({ scratch, kirim }));
      results.size = { meta, data };
    }
    if (selected.has("pipeline")) {
      const whole = !values["skip-whole-pipeline"];
      const data = await step(`pipeline: steps${whole && !quick ? " and the whole npm run pipeline" : ""}`, () => runPipeline({ quick, scratch, whole }));
      results.pipeline = { meta, data };
    }
    if (selected.has("scaling")) {
      const data = await step("scaling: synthetic specs", () => runScaling({ quick, scratch }));
      results.scaling = { meta, data };
    }
  } finally {
    if (!values.keep) await rm(scratch, { recursive: true, force: true });
    else console.log(`Scratch kept: ${path.relative(projectRoot, scratch)}`);
  }

  const analysis = await readFile(analysisFile, "utf8").catch(() => "");
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(jsonFile, JSON.stringify(results, null, 2) + "\n");
  await writeFile(outFile, renderMarkdown(results, quick ? "" : analysis));

  console.log("");
  for (const t of targets(results)) {
    console.log(`${t.met === undefined ? "·" : t.met ? "✔" : "✖"} ${t.measurement}: ${t.result} (target ${t.target})`);
  }
  console.log(`\nResults: ${path.relative(projectRoot, outFile) || outFile} (data: ${path.relative(projectRoot, jsonFile) || jsonFile})`);
});

async function readJson(file: string): Promise<BenchResults | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as BenchResults;
  } catch {
    return undefined;
  }
}
