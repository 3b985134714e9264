// npm run bench [-- --only overhead,size,scaling,pipeline,gate,dev-loop] [-- --quick] [-- --out FILE.md]
//
// Each section measures, then rewrites its own block of bench/RESULTS.md (between `<!-- bench:NAME -->` markers),
// headed by when, where and under what load it ran; the text around the blocks (how each figure is measured, what it
// means) is written by hand. --quick is the smoke run (tiny samples, no figures): it writes to --out or a temp file.
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { openDevSession } from "../scripts/lib/dev-session.ts";
import { generateAll, generateTypes, renderGenerated, typesFile, writeGenerated } from "../scripts/lib/generate.ts";
import { bundleSpec, lintSpec, openSpecProject } from "../scripts/lib/spec.ts";
import { main, StepFailed, step } from "../scripts/lib/step.ts";
import { bin, projectRoot, quietEnv, run } from "../scripts/lib/tools.ts";
import { writeSyntheticSpec } from "./lib/synth-spec.ts";

interface Context {
  quick: boolean;
  scratch: string;
  /** Samples per timed step; tables show medians. */
  runs: number;
  sizes: number[];
}

const sections: Record<string, (ctx: Context) => Promise<string>> = {
  overhead,
  size,
  scaling,
  pipeline,
  gate,
  "dev-loop": devLoop,
};

main(async () => {
  const { values } = parseArgs({
    options: { only: { type: "string" }, quick: { type: "boolean", default: false }, out: { type: "string" } },
  });
  const names = values.only?.split(",").map((name) => name.trim()) ?? Object.keys(sections);
  const unknown = names.filter((name) => !(name in sections));
  if (unknown.length)
    throw new StepFailed(`--only ${unknown.join(",")}: expected some of ${Object.keys(sections).join(", ")}.`);
  const quick = values.quick;
  const out = path.resolve(
    values.out ??
      (quick ? path.join(os.tmpdir(), `kirim-bench-${process.pid}.md`) : path.join(projectRoot, "bench/RESULTS.md")),
  );
  process.chdir(projectRoot);
  await mkdir(path.join(projectRoot, ".tmp"), { recursive: true });
  // Inside the project, so scratch files resolve openapi-fetch and the tools from node_modules.
  const scratch = await mkdtemp(path.join(projectRoot, ".tmp", "bench-"));
  const ctx: Context = { quick, scratch, runs: quick ? 1 : 3, sizes: quick ? [10] : [10, 100, 1000] };
  try {
    for (const name of names) {
      const loadBefore = os.loadavg()[0]!;
      const body = await step(name, () => sections[name]!(ctx));
      await writeSection(out, name, `${stamp(loadBefore, quick)}\n\n${body}`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  console.log(`Results: ${path.relative(projectRoot, out) || out}`);
});

// ── sections ────────────────────────────────────────────────────────────────────────────────────────────────────

/** vitest bench on bench/overhead.bench.ts; ratios are time per call against bare openapi-fetch and raw fetch. */
async function overhead(ctx: Context): Promise<string> {
  const json = path.join(ctx.scratch, "overhead.json");
  const env = { ...quietEnv, KIRIM_BENCH_JSON: json, KIRIM_BENCH_QUICK: ctx.quick ? "1" : "0" };
  const result = await run(bin("vitest"), ["bench", "--run", "--config", "bench/vitest.config.ts"], {
    quiet: true,
    env,
  });
  if (result.code !== 0) throw new StepFailed(`vitest bench failed:\n${result.output.slice(-3000)}`);
  type Row = { meanUs: number; p50Us: number; p99Us: number; samples: number };
  const data = JSON.parse(await readFile(json, "utf8")) as Record<string, Record<string, Row>> & { fetchCalls: number };
  const lines: string[] = [];
  for (const transport of ["mocked", "loopback"]) {
    const rows = data[transport]!;
    const bare = rows["openapi-fetch (bare)"]!;
    const raw = rows["raw fetch"]!;
    lines.push(
      `**${transport === "mocked" ? "Mocked fetch (CPU only)" : "Loopback HTTP (server in its own process)"}**`,
      "",
    );
    lines.push(
      table(
        [
          "variant",
          "mean µs",
          "p50 µs",
          "p99 µs",
          "samples",
          "mean vs openapi-fetch",
          "p50 vs openapi-fetch",
          "p50 − openapi-fetch",
          "mean vs raw fetch",
        ],
        Object.entries(rows).map(([name, r]) => [
          name,
          f1(r.meanUs),
          f1(r.p50Us),
          f1(r.p99Us),
          String(r.samples),
          x(r.meanUs / bare.meanUs),
          x(r.p50Us / bare.p50Us),
          `${f1(r.p50Us - bare.p50Us)} µs`,
          x(r.meanUs / raw.meanUs),
        ]),
      ),
      "",
    );
  }
  return lines.join("\n").trim();
}

/** esbuild, minified ESM for the browser, gzip -9: openapi-fetch alone vs our client's whole public surface. */
async function size(ctx: Context): Promise<string> {
  const entries = [
    ["openapi-fetch alone", 'export { default } from "openapi-fetch";\n'],
    [
      "Kirim client (export * from src/index.ts)",
      `export * from ${JSON.stringify(path.join(projectRoot, "src/index.ts"))};\n`,
    ],
  ] as const;
  const rows: string[][] = [];
  const gzips: number[] = [];
  for (const [name, source] of entries) {
    const file = path.join(ctx.scratch, `size-${gzips.length}.ts`);
    await writeFile(file, source);
    const bytes = await minGzip(file);
    gzips.push(bytes.gzip);
    rows.push([name, bytes.min.toLocaleString("en-US"), bytes.gzip.toLocaleString("en-US")]);
  }
  return `${table(["bundle", "min (B)", "min+gzip (B)"], rows)}\n\nThe client adds **${(gzips[1]! - gzips[0]!).toLocaleString("en-US")} B** min+gzip to openapi-fetch.`;
}

/** Synthetic specs of 10, 100 and 1,000 operations through the in-process pipeline steps and tsc. */
async function scaling(ctx: Context): Promise<string> {
  const rows: Array<{
    ops: number;
    files: number;
    lint: number;
    bundle: number;
    generate: number;
    types: number;
    tscTypes: number;
    tscClient: number;
    gzip: number;
  }> = [];
  for (const ops of ctx.sizes) {
    const { dir, files } = await syntheticProject(ctx, ops);
    const project = await openSpecProject(dir);
    const genDir = path.join(dir, "generated");
    const samples = {
      lint: [] as number[],
      bundle: [] as number[],
      generate: [] as number[],
      types: [] as number[],
      tscTypes: [] as number[],
      tscClient: [] as number[],
    };
    for (let i = 0; i < ctx.runs; i++) {
      samples.lint.push(await timed(() => lintSpec(project)));
      let document: object = {};
      samples.bundle.push(
        await timed(async () => {
          document = await bundleSpec(project);
        }),
      );
      samples.generate.push(
        await timed(async () => void (await writeGenerated(genDir, await renderGenerated(document)))),
      );
      samples.types.push(await timed(() => generateTypes(genDir)));
      samples.tscTypes.push(await timedProcess(bin("tsc"), ["-p", "tsconfig.types.json"], dir));
      samples.tscClient.push(await timedProcess(bin("tsc"), ["-p", "tsconfig.client.json"], dir));
    }
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<
      keyof typeof samples,
      number
    >;
    rows.push({ ops, files, ...m, gzip: (await minGzip(path.join(dir, "usage-client.ts"))).gzip });
  }
  const lines = [
    table(
      [
        "operations",
        "spec files",
        "lint",
        "bundle",
        "generate (types + surface)",
        "tsc: types + usage",
        "tsc: client + usage",
        "lint→typecheck total",
        "types alone",
        "client",
        "client ÷ types alone",
        "client min+gzip (B)",
      ],
      rows.map((r) => {
        const typesAlone = r.types + r.tscTypes;
        const client = r.generate + r.tscClient;
        return [
          r.ops.toLocaleString("en-US"),
          String(r.files),
          s(r.lint),
          s(r.bundle),
          s(r.generate),
          s(r.tscTypes),
          s(r.tscClient),
          s(r.lint + r.bundle + r.generate + r.tscClient),
          s(typesAlone),
          s(client),
          x(client / typesAlone),
          String(r.gzip),
        ];
      }),
    ),
  ];
  const [small, mid, large] = rows;
  if (small && large)
    lines.push(
      "",
      `Bytes per generated operation (min+gzip): **${((large.gzip - small.gzip) / (large.ops - small.ops)).toFixed(1)} B** ((${large.gzip} − ${small.gzip}) / ${large.ops - small.ops}).`,
    );
  if (small && mid && large) {
    const total = (r: (typeof rows)[number]) => r.lint + r.bundle + r.generate + r.tscClient;
    const marginal =
      (total(large) - total(mid)) / (large.ops - mid.ops) / ((total(mid) - total(small)) / (mid.ops - small.ops));
    lines.push(
      `Marginal cost per operation 100→1,000 over 10→100 (lint→typecheck total): **${x(marginal)}** (≈ 1 linear, ≫ 1 superlinear).`,
    );
  }
  return lines.join("\n");
}

/** The whole `npm run pipeline` as the API team runs it, with the step times it prints itself. */
async function pipeline(ctx: Context): Promise<string> {
  if (ctx.quick) return "Not run in quick mode (it runs the API's test suite).";
  const runs: Array<{ ms: number; steps: Map<string, number> }> = [];
  for (let i = 0; i < ctx.runs; i++) {
    const started = performance.now();
    const result = await run("npm", ["run", "pipeline"], { quiet: true, env: quietEnv });
    if (result.code !== 0) throw new StepFailed(`npm run pipeline failed:\n${result.output.slice(-3000)}`);
    const steps = new Map(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes (ESC [ … m)
      [...result.output.replace(/\x1b\[[0-9;]*m/g, "").matchAll(/^✔ (.+?) \(([\d.]+) s\)$/gmu)].map((m) => [
        m[1]!,
        Number(m[2]) * 1000,
      ]),
    );
    runs.push({ ms: performance.now() - started, steps });
  }
  const names = [...runs[0]!.steps.keys()];
  const rows = names.map((name) => [name, s(median(runs.map((r) => r.steps.get(name) ?? Number.NaN)))]);
  return table(
    ["step", "median"],
    [
      ...rows,
      ["**whole `npm run pipeline`** (wall clock, npm start-up included)", `**${s(median(runs.map((r) => r.ms)))}**`],
    ],
  );
}

/** `node scripts/diff-spec.ts` (what `npm run diff:spec` runs) in a throwaway git repo: spec unchanged, breaking edit. */
async function gate(ctx: Context): Promise<string> {
  const cases = [
    {
      name: "spec unchanged (exit 0)",
      dir: await throwawayRepo(path.join(ctx.scratch, "gate-unchanged"), false),
      code: 0,
      ms: [] as number[],
    },
    {
      name: "breaking edit: maxLength lowered, 402 removed (exit 1)",
      dir: await throwawayRepo(path.join(ctx.scratch, "gate-breaking"), true),
      code: 1,
      ms: [] as number[],
    },
  ];
  for (let round = 0; round < (ctx.quick ? 1 : 5); round++) {
    for (const c of cases)
      c.ms.push(await timedProcess(process.execPath, [path.join(projectRoot, "scripts/diff-spec.ts")], c.dir, c.code));
  }
  return table(
    ["diff:spec", "median", "min", "max"],
    cases.map((c) => [c.name, s(median(c.ms)), s(Math.min(...c.ms)), s(Math.max(...c.ms))]),
  );
}

/** Warm `npm run dev` session (scripts/lib/dev-session.ts) against the command-line chain it replaces, save by save. */
async function devLoop(ctx: Context): Promise<string> {
  const cases = [
    ...(ctx.quick ? [] : [await ourProject(ctx)]),
    ...(await Promise.all(ctx.sizes.map((ops) => syntheticProject(ctx, ops)))),
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const session = await openDevSession(c.dir, { tsconfig: c.tsconfig });
    const first = await session.save();
    if (!first.ok) throw new StepFailed(`${c.name}: the first save failed (${first.stage}):\n${first.message}`);
    const schema = path.join(c.dir, c.schemaFile);
    const original = await readFile(schema, "utf8");
    const warm = { types: [] as number[], typecheck: [] as number[] };
    const cli = { chain: [] as number[], tsc: [] as number[] };
    for (let save = 1; save <= (ctx.quick ? 1 : 5); save++) {
      // A new optional property each save (the previous one removed): the types change shape, so tsc has work to do.
      const field = `bench_field_${save}`;
      if (!original.includes("\n  team_id:\n"))
        throw new StepFailed(`${c.schemaFile}: no team_id property to add a field before.`);
      await writeFile(
        schema,
        original.replace(
          "\n  team_id:\n",
          `\n  ${field}:\n    type: string\n    description: Added by bench save ${save}.\n  team_id:\n`,
        ),
      );
      if (save <= ctx.runs) {
        const out = path.join(c.dir, "cli-out");
        cli.chain.push(
          (await timedProcess(bin("redocly"), ["lint", "openapi/openapi.yaml"], c.dir)) +
            (await timedProcess(
              bin("redocly"),
              ["bundle", "openapi/openapi.yaml", "--output", path.join(out, "openapi.yaml")],
              c.dir,
            )) +
            (await timedProcess(
              bin("openapi-typescript"),
              [
                path.join(out, "openapi.yaml"),
                "--output",
                path.join(out, typesFile),
                "--root-types",
                "--empty-objects-unknown",
              ],
              c.dir,
            )),
        );
        cli.tsc.push(await timedProcess(bin("tsc"), ["--noEmit", "-p", c.tsconfig], c.dir));
      }
      const outcome = await session.save();
      if (!outcome.ok) throw new StepFailed(`${c.name}: save ${save} failed (${outcome.stage}):\n${outcome.message}`);
      if (!(await readFile(path.join(c.dir, "generated", typesFile), "utf8")).includes(`${field}?: string;`))
        throw new StepFailed(`${c.name}: save ${save} did not reach the types.`);
      warm.types.push(outcome.generateMs);
      warm.typecheck.push(outcome.typecheckMs);
    }
    await writeFile(schema, original);
    const [types, check, chain, tsc] = [median(warm.types), median(warm.typecheck), median(cli.chain), median(cli.tsc)];
    rows.push([
      c.name,
      s(types),
      s(check),
      s(types + check),
      s(chain),
      s(tsc),
      s(chain + tsc),
      x((types + check) / (chain + tsc)),
    ]);
  }
  return table(
    [
      "case",
      "warm: save → types",
      "warm: typecheck",
      "warm: total",
      "CLI: lint + bundle + openapi-typescript",
      "CLI: tsc",
      "CLI: total",
      "warm ÷ CLI",
    ],
    rows,
  );
}

// ── projects to measure ─────────────────────────────────────────────────────────────────────────────────────────

interface BenchProject {
  name: string;
  dir: string;
  files: number;
  /** The schema file a dev-loop save edits, and the tsconfig that save is checked with. */
  schemaFile: string;
  tsconfig: string;
}

const tsconfig = (files: string[]) =>
  JSON.stringify({
    compilerOptions: {
      target: "ES2023",
      lib: ["ES2023", "DOM", "DOM.Iterable"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    },
    files,
  });

const synthetic = new Map<number, Promise<BenchProject>>();

/** A synthetic spec with our layout and lint config, a copy of src/, generated/, and a file using each of types and client. */
function syntheticProject(ctx: Context, ops: number): Promise<BenchProject> {
  const made = synthetic.get(ops) ?? makeSynthetic(ctx, ops);
  synthetic.set(ops, made);
  return made;
}

async function makeSynthetic(ctx: Context, ops: number): Promise<BenchProject> {
  const dir = path.join(ctx.scratch, `ops-${ops}`);
  const spec = await writeSyntheticSpec(path.join(dir, "openapi"), ops);
  for (const part of ["redocly.yaml", "redocly", "src"])
    await cp(path.join(projectRoot, part), path.join(dir, part), { recursive: true });
  const first = spec.resources[0]!;
  const resource = first.schema[0]!.toLowerCase() + first.schema.slice(1);
  await writeFile(
    path.join(dir, "usage-types.ts"),
    `import createClient from "openapi-fetch";\nimport type { paths } from "./generated/kirim-api.js";\n` +
      `const client = createClient<paths>({ baseUrl: "https://api.kirimdev.com/v1" });\n` +
      `export const call = (id: string) => client.PATCH(${JSON.stringify(first.urlPath)}, { params: { path: { id } }, body: { name: "Ada" } });\n`,
  );
  await writeFile(
    path.join(dir, "usage-client.ts"),
    `import { createKirimClient } from "./src/index.js";\nconst kirim = createKirimClient({ apiKey: "sk_test" });\nexport const call = (id: string) => kirim.${resource}.update(id, { name: "Ada" });\n`,
  );
  await writeFile(path.join(dir, "tsconfig.types.json"), tsconfig(["generated/kirim-api.ts", "usage-types.ts"]));
  await writeFile(path.join(dir, "tsconfig.client.json"), tsconfig(["usage-client.ts"]));
  await generateAll(path.join(dir, "generated"), { project: await openSpecProject(dir) });
  return {
    name: `synthetic, ${ops.toLocaleString("en-US")} operations`,
    dir,
    files: spec.files,
    schemaFile: `openapi/components/schemas/${first.schema}.yaml`,
    tsconfig: "tsconfig.client.json",
  };
}

/** This project as `npm run dev` sees it: everything tsconfig.json includes, copied, without installs or build output. */
async function ourProject(ctx: Context): Promise<BenchProject> {
  const dir = path.join(ctx.scratch, "kirim");
  const skipped = new Set(["node_modules", ".git", ".tmp", ".tools", "dist", "coverage", "test-results", "reports"]);
  for (const part of await readdir(projectRoot))
    if (!skipped.has(part)) await cp(path.join(projectRoot, part), path.join(dir, part), { recursive: true });
  const files = (await readdir(path.join(dir, "openapi"), { recursive: true, withFileTypes: true })).filter((e) =>
    e.isFile(),
  ).length;
  return {
    name: "our spec (whole project typechecked)",
    dir,
    files,
    schemaFile: "openapi/components/schemas/Customer.yaml",
    tsconfig: "tsconfig.json",
  };
}

/** A git repo holding the spec as committed; `breaking` then edits the working copy. */
async function throwawayRepo(dir: string, breaking: boolean): Promise<string> {
  await cp(path.join(projectRoot, "openapi"), path.join(dir, "openapi"), { recursive: true });
  await cp(path.join(projectRoot, "package.json"), path.join(dir, "package.json"));
  await symlink(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  await writeFile(path.join(dir, ".gitignore"), "node_modules\n");
  const git = (...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", ...args],
      { cwd: dir, stdio: "ignore" },
    );
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git("commit", "--quiet", "--message", "spec");
  if (breaking) {
    const edit = async (file: string, from: string, to: string) =>
      writeFile(path.join(dir, file), (await readFile(path.join(dir, file), "utf8")).replace(from, to));
    await edit("openapi/components/schemas/CustomerUpdate.yaml", "maxLength: 256", "maxLength: 100");
    await edit(
      "openapi/paths/customers_{id}.yaml",
      "    '402':\n      $ref: ../components/responses/EntitlementRequired.yaml\n",
      "",
    );
  }
  return dir;
}

// ── measuring and writing ───────────────────────────────────────────────────────────────────────────────────────

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** Wall clock of one tool process, start-up included (what a developer waits for); a wrong exit code fails the run. */
async function timedProcess(command: string, args: string[], cwd: string, expectedCode = 0): Promise<number> {
  const started = performance.now();
  const result = await run(command, args, { cwd, quiet: true, env: quietEnv });
  if (result.code !== expectedCode)
    throw new StepFailed(
      `${path.basename(command)} ${args.join(" ")} exited with ${result.code}:\n${result.output.slice(-2000)}`,
    );
  return performance.now() - started;
}

async function minGzip(entry: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const f1 = (value: number) => value.toFixed(1);
const x = (ratio: number) => `${ratio.toFixed(2)}×`;

function table(headers: string[], rows: string[][]): string {
  return [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}

function stamp(loadBefore: number, quick: boolean): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: projectRoot, encoding: "utf8" }).trim();
  const dirty = git("status", "--porcelain", "--", ".", ":!bench/RESULTS.md") ? " plus uncommitted changes" : "";
  const cpu = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}`;
  const load = `load average (1 min) ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`;
  return `_${quick ? "QUICK SMOKE RUN, not figures. " : ""}Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, commit ${git("rev-parse", "--short", "HEAD")}${dirty}; ${cpu}, Node ${process.version}; ${load}._`;
}

/** Replaces the block between this section's markers in `file` (appending it when absent); the rest is kept. */
async function writeSection(file: string, name: string, body: string): Promise<void> {
  const [open, close] = [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`];
  const text = await readFile(file, "utf8").catch(() => "");
  const block = `${open}\n${body}\n${close}`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  await writeFile(
    file,
    start >= 0 && end > start
      ? text.slice(0, start) + block + text.slice(end + close.length)
      : `${text}${text ? "\n" : ""}${block}\n`,
  );
}
