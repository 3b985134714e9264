// npm run bench [-- --only overhead,size,scaling,pipeline,gate,dev-loop,test-suite,contract-scale] [-- --quick] [-- --out FILE.md]
//
// Each section measures, then rewrites its own block of bench/RESULTS.md (between `<!-- bench:NAME -->` markers),
// headed by when, where and under what load it ran; the text around the blocks says how each figure is measured.
// --quick is the smoke run (tiny samples, no figures): it writes to --out or a temp file, never to RESULTS.md.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { bin, projectRoot, quietEnv, run } from "../scripts/lib/cli/run-tools.ts";
import { main, parseOptions, StepFailed, step } from "../scripts/lib/cli/steps.ts";
import {
  generateAll,
  generateTypes,
  renderGenerated,
  typesFile,
  writeGenerated,
} from "../scripts/lib/codegen/generate.ts";
import { extractFromGit } from "../scripts/lib/gate/base-ref.ts";
import { openDevSession } from "../scripts/lib/pipeline/dev-session.ts";
import { bundleSpec, lintSpec, openSpecProject } from "../scripts/lib/spec/redocly-project.ts";
import { commitCopy, copyProject, type ProjectCopy, specAndClientParts } from "../test/helpers/project-copy.ts";
import { contractScale } from "./contract-scale.ts";
import { writeSyntheticSpec } from "./synthetic-spec.ts";

interface Context {
  quick: boolean;
  /** Rounds per timed step; tables show medians. */
  runs: number;
  sizes: number[];
  copies: ProjectCopy[];
  /** The synthetic projects by size, made once and shared by the sections. */
  synthetic: Map<number, Promise<SyntheticProject>>;
}
type Row = Record<string, string>;

const sections: Record<string, (ctx: Context) => Promise<string>> = {
  overhead,
  size,
  scaling,
  pipeline,
  gate,
  "dev-loop": devLoop,
  "test-suite": testSuite,
  "contract-scale": (ctx) => contractScale(ctx.quick),
};

/** vitest bench on bench/overhead.bench.ts; ratios are time per call against bare openapi-fetch and raw fetch. */
async function overhead(ctx: Context): Promise<string> {
  const json = path.join(os.tmpdir(), `kirim-overhead-${process.pid}.json`);
  const env = { ...quietEnv, KIRIM_BENCH_JSON: json, KIRIM_BENCH_QUICK: ctx.quick ? "1" : "0" };
  await exec(bin("vitest"), ["bench", "--run", "--config", "bench/vitest.config.ts"], projectRoot, 0, env);
  type Latency = { meanUs: number; p50Us: number; p99Us: number; samples: number };
  const data = JSON.parse(await readFile(json, "utf8")) as Record<"mocked" | "loopback", Record<string, Latency>>;
  const tables = Object.entries(data).map(([transport, variants]) => {
    const bare = variants["openapi-fetch (bare)"]!;
    const raw = variants["raw fetch"]!;
    const rows = Object.entries(variants).map(([variant, r]) => ({
      variant,
      "mean µs": f1(r.meanUs),
      "p50 µs": f1(r.p50Us),
      "p99 µs": f1(r.p99Us),
      samples: String(r.samples),
      "p50 vs openapi-fetch": x(r.p50Us / bare.p50Us),
      "p50 − openapi-fetch": `${f1(r.p50Us - bare.p50Us)} µs`,
      "mean vs openapi-fetch": x(r.meanUs / bare.meanUs),
      "mean vs raw fetch": x(r.meanUs / raw.meanUs),
    }));
    const title = transport === "mocked" ? "Mocked fetch (CPU only)" : "Loopback HTTP (server in its own process)";
    return `**${title}**\n\n${table(rows)}`;
  });
  return tables.join("\n\n");
}

/** The client before operations of any shape (issue 19): JSON bodies and responses, bearer auth only. */
const beforeAnyShape = "fcc4dc7";
const everyShapeGenerated = path.join(projectRoot, "test/fixtures/every-shape/generated");

/**
 * esbuild, minified ESM for the browser, gzip -9: openapi-fetch alone vs our client's whole public surface, at this
 * commit and at {@link beforeAnyShape}, and the every-shape fixture's client (every optional part of the runtime linked).
 */
async function size(): Promise<string> {
  const entry = (root: string) => `export * from ${JSON.stringify(path.join(root, "src/index.ts"))};`;
  const alone = await minGzip('export { default } from "openapi-fetch";');
  const client = await minGzip(entry(projectRoot));
  const before = await atCommit(beforeAnyShape, ["src", "generated"], (dir) => minGzip(entry(dir)));
  // src/ as it is, with the fixture's generated/ in place of Kirim's.
  const everyShape = await minGzip(entry(projectRoot), projectRoot, everyShapeGenerated);
  const rows = Object.entries({
    "openapi-fetch alone": alone,
    "Kirim client (export * from src/index.ts)": client,
    ...(before ? { [`Kirim client at ${beforeAnyShape}, before operations of any shape`]: before } : {}),
    "every-shape fixture's client (all optional parts linked)": everyShape,
  }).map(([bundle, r]) => ({ bundle, "min (B)": thousands(r.min), "min+gzip (B)": thousands(r.gzip) }));
  const lines = [
    table(rows),
    "",
    `The client adds **${thousands(client.gzip - alone.gzip)} B** min+gzip to openapi-fetch` +
      (before ? `, **${thousands(client.gzip - before.gzip)} B** to the client at ${beforeAnyShape}.` : "."),
  ];
  return lines.join("\n");
}

/** `measure` run on `paths` as they were at `commit` (a scratch folder inside the project, so that node_modules
 * resolves); undefined when the history is not there (shallow clone). */
async function atCommit<T>(
  commit: string,
  paths: string[],
  measure: (dir: string) => Promise<T>,
): Promise<T | undefined> {
  const scratch = path.join(projectRoot, ".tmp");
  await mkdir(scratch, { recursive: true });
  const dir = await mkdtemp(path.join(scratch, `bench-${commit}-`));
  try {
    await extractFromGit(commit, paths, dir);
    return await measure(dir);
  } catch {
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Synthetic specs of 10, 100 and 1,000 operations through the in-process pipeline steps and tsc. */
async function scaling(ctx: Context): Promise<string> {
  const rows: Array<Awaited<ReturnType<typeof measureScaling>>> = [];
  for (const ops of ctx.sizes) rows.push(await measureScaling(ctx, ops));
  const lines = [
    table(
      rows.map((r) => ({
        operations: thousands(r.ops),
        "spec files": thousands(r.files),
        lint: s(r.lint),
        bundle: s(r.bundle),
        "generate (types + surface)": s(r.generate),
        "tsc: types + usage": s(r.tscTypes),
        "tsc: client + usage": s(r.tscClient),
        "lint→typecheck total": s(r.total),
        "client ÷ types alone": x((r.generate + r.tscClient) / (r.types + r.tscTypes)),
        "client min+gzip (B)": String(r.gzip),
      })),
    ),
  ];
  const [small, mid, large] = rows;
  if (small && large) {
    const perOperation = (large.gzip - small.gzip) / (large.ops - small.ops);
    lines.push("", `Bytes per generated operation (min+gzip): **${perOperation.toFixed(1)} B**.`);
  }
  if (small && mid && large) {
    const slope = (a: typeof small, b: typeof small) => (b.total - a.total) / (b.ops - a.ops);
    const marginal = slope(mid, large) / slope(small, mid);
    lines.push(`Marginal cost per operation, 100→1,000 over 10→100: **${x(marginal)}**.`);
  }
  return lines.join("\n");
}

/** One synthetic size: each step's median over the rounds, and the client's bundle size. */
async function measureScaling(ctx: Context, ops: number) {
  const { copy, files } = await syntheticProject(ctx, ops);
  const project = await openSpecProject(copy.dir);
  const generated = copy.file("generated");
  let document: object = {};
  const m = await medians(ctx.runs, {
    lint: () => lintSpec(project),
    bundle: async () => {
      document = await bundleSpec(project);
    },
    generate: async () => writeGenerated(generated, await renderGenerated(document)),
    types: () => generateTypes(generated),
    tscTypes: () => exec(bin("tsc"), ["-p", "tsconfig.types.json"], copy.dir),
    tscClient: () => exec(bin("tsc"), ["-p", "tsconfig.client.json"], copy.dir),
  });
  const { gzip } = await minGzip(await copy.read("usage-client.ts"), copy.dir);
  return { ops, files, gzip, ...m, total: m.lint + m.bundle + m.generate + m.tscClient };
}

/** The whole `npm run pipeline` as the API team runs it, with the step times it prints itself. */
async function pipeline(ctx: Context): Promise<string> {
  if (ctx.quick) return "Not run in quick mode (it runs the API's test suite).";
  const runs: Array<Map<string, number>> = [];
  for (let i = 0; i < ctx.runs; i++) {
    const started = performance.now();
    const output = await exec("npm", ["run", "pipeline"], projectRoot);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes (ESC [ … m)
    const steps = [...output.replace(/\x1b\[[0-9;]*m/g, "").matchAll(/^✔ (.+?) \(([\d.]+) s\)$/gmu)];
    runs.push(
      new Map([...steps.map((m) => [m[1]!, Number(m[2]) * 1000] as const), ["whole", performance.now() - started]]),
    );
  }
  return table(
    [...runs[0]!.keys()].map((name) => ({
      step: name === "whole" ? "**whole `npm run pipeline`** (wall clock, npm start-up included)" : name,
      median: s(median(runs.map((r) => r.get(name) ?? Number.NaN))),
    })),
  );
}

/** `node scripts/diff-spec.ts` (`npm run diff:spec`) in a throwaway git repo: spec unchanged, then a breaking edit. */
async function gate(ctx: Context): Promise<string> {
  const unchanged = { name: "spec unchanged (exit 0)", copy: await committedSpec(ctx), code: 0, ms: [] as number[] };
  const breaking = {
    name: "breaking edit: maxLength lowered, 402 removed (exit 1)",
    copy: await committedSpec(ctx),
    code: 1,
    ms: [] as number[],
  };
  await breaking.copy.edit("openapi/components/schemas/CustomerUpdate.yaml", "maxLength: 256", "maxLength: 100");
  await breaking.copy.edit("openapi/paths/customers_{id}.yaml", /^ {4}'402':\n.*\n/m, "");
  const script = path.join(projectRoot, "scripts/diff-spec.ts");
  for (let round = 0; round < (ctx.quick ? 1 : 5); round++)
    for (const c of [unchanged, breaking])
      c.ms.push(await timed(() => exec(process.execPath, [script], c.copy.dir, c.code)));
  return table(
    [unchanged, breaking].map((c) => ({
      "diff:spec": c.name,
      median: s(median(c.ms)),
      min: s(Math.min(...c.ms)),
      max: s(Math.max(...c.ms)),
    })),
  );
}

/** Warm `npm run dev` session (scripts/lib/pipeline/dev-session.ts) against the command-line chain it replaces, save by save. */
async function devLoop(ctx: Context): Promise<string> {
  const cases = [
    ...(ctx.quick ? [] : [{ name: "our spec (whole project typechecked)", ...(await ourProject(ctx)) }]),
    ...(await Promise.all(ctx.sizes.map((ops) => syntheticProject(ctx, ops)))),
  ];
  const rows: Row[] = [];
  for (const { name, copy, tsconfig } of cases) {
    const session = await openDevSession(copy.dir, { tsconfig });
    const schema = "openapi/components/schemas/Customer.yaml";
    const original = await copy.read(schema);
    const saves = { types: [] as number[], typecheck: [] as number[], cli: [] as number[], tsc: [] as number[] };
    for (let save = 0; save <= (ctx.quick ? 1 : 5); save++) {
      // Save 0 warms the session up; each later save adds a new optional property (in place of the previous one),
      // so the types change shape and tsc has work to do.
      const field = `bench_field_${save}`;
      const property = `  ${field}:\n    type: string\n    description: Added by bench save ${save}.\n`;
      if (save > 0) await copy.edit(schema, "\n  team_id:\n", `\n${property}  team_id:\n`);
      if (save > 0 && save <= ctx.runs) {
        saves.cli.push(await timed(() => cliChain(copy.dir)));
        saves.tsc.push(await timed(() => exec(bin("tsc"), ["--noEmit", "-p", tsconfig], copy.dir)));
      }
      const outcome = await session.save();
      if (!outcome.ok) throw new StepFailed(`${name}: save ${save} failed (${outcome.stage}):\n${outcome.message}`);
      if (save === 0) continue;
      if (!(await copy.read(`generated/${typesFile}`)).includes(`${field}?: string;`))
        throw new StepFailed(`${name}: save ${save} did not reach the types.`);
      saves.types.push(outcome.generateMs);
      saves.typecheck.push(outcome.typecheckMs);
      await copy.write(schema, original);
    }
    const [types, typecheck, cli, tsc] = [saves.types, saves.typecheck, saves.cli, saves.tsc].map(median) as number[];
    rows.push({
      case: name,
      "warm: save → types": s(types!),
      "warm: typecheck": s(typecheck!),
      "CLI: lint + bundle + openapi-typescript": s(cli!),
      "CLI: tsc": s(tsc!),
      "warm ÷ CLI": x((types! + typecheck!) / (cli! + tsc!)),
    });
  }
  return table(rows);
}

/** What `npm run generate` replaces in the dev loop: one process per tool, start-up included. */
async function cliChain(dir: string): Promise<void> {
  const bundled = path.join(dir, "cli-out", "openapi.yaml");
  await exec(bin("redocly"), ["lint", "openapi/openapi.yaml"], dir);
  await exec(bin("redocly"), ["bundle", "openapi/openapi.yaml", "--output", bundled], dir);
  const typesOut = path.join(dir, "cli-out", typesFile);
  await exec(
    bin("openapi-typescript"),
    [bundled, "--output", typesOut, "--root-types", "--empty-objects-unknown"],
    dir,
  );
}

/** The vitest project a test file belongs to (vitest.config.ts: one per folder of test/, contract/meta its own). */
function projectOf(file: string): string {
  const relative = path.relative(projectRoot, file).split(path.sep).join("/");
  return relative.startsWith("test/contract/meta/") ? "contract-meta" : (relative.split("/")[1] ?? relative);
}

interface SuiteRun {
  wallMs: number;
  /** CPU of the run and every process it waited for (the shell's cutime + cstime). */
  cpuMs: number;
  /** CPU the whole machine spent meanwhile (/proc/stat): the same on a quiet machine, plus orphans and other load. */
  machineCpuMs: number;
  files: Array<{ project: string; ms: number; tests: number }>;
}

/** `vitest run` (all projects, or `projects`) under `sh`, whose own /proc entry then holds its children's CPU. */
async function runSuite(projects: string[]): Promise<SuiteRun> {
  const json = path.join(os.tmpdir(), `kirim-suite-${process.pid}.json`);
  const vitest = [bin("vitest"), "run", ...projects.flatMap((name) => ["--project", name]), "--reporter=json"];
  const script = `"$@" --outputFile=${json} >/dev/null 2>&1; code=$?; read -r stat < /proc/$$/stat; echo "$code $stat"`;
  const machineBefore = machineCpuTicks(await readFile("/proc/stat", "utf8"));
  const started = performance.now();
  const output = await exec("sh", ["-c", script, "sh", ...vitest], projectRoot);
  const wallMs = performance.now() - started;
  const machineAfter = machineCpuTicks(await readFile("/proc/stat", "utf8"));
  const [code, ...stat] = output.trim().split(" ");
  if (code !== "0") throw new StepFailed(`vitest run ${projects.join(" ")} exited with ${code}: the suite must pass.`);
  const fields = stat
    .join(" ")
    .slice(stat.join(" ").lastIndexOf(")") + 2)
    .split(" ");
  const tick = 1000 / Number((await exec("getconf", ["CLK_TCK"], projectRoot)).trim());
  const report = JSON.parse(await readFile(json, "utf8")) as {
    testResults: Array<{ name: string; startTime: number; endTime: number; assertionResults: unknown[] }>;
  };
  return {
    wallMs,
    cpuMs: (Number(fields[13]) + Number(fields[14])) * tick,
    machineCpuMs: (machineAfter - machineBefore) * tick,
    files: report.testResults.map((file) => ({
      project: projectOf(file.name),
      ms: file.endTime - file.startTime,
      tests: file.assertionResults.length,
    })),
  };
}

/** user + nice + system (+ irq, softirq) ticks of all CPUs, from the first line of /proc/stat. */
function machineCpuTicks(procStat: string): number {
  const [, user, nice, system, , , irq, softirq] = procStat.split("\n")[0]!.trim().split(/\s+/).map(Number);
  return user! + nice! + system! + irq! + softirq!;
}

/** `npm test` itself: the whole suite's wall and CPU time, then each project alone, each against the 150 s budget. */
async function testSuite(ctx: Context): Promise<string> {
  if (ctx.quick) return "Not run in quick mode (it runs the test suite, which holds the smoke test).";
  const whole = await runSuite([]);
  const projects = [...new Set(whole.files.map((file) => file.project))].sort();
  const rows: Row[] = [];
  for (const project of projects) {
    const alone = await runSuite([project]);
    const inWhole = whole.files.filter((file) => file.project === project);
    rows.push({
      project,
      files: String(inWhole.length),
      tests: String(inWhole.reduce((sum, file) => sum + file.tests, 0)),
      "wall alone": s(alone.wallMs),
      "CPU alone": s(alone.cpuMs),
      "slowest file in the whole run": s(Math.max(...inWhole.map((file) => file.ms))),
    });
  }
  const tests = whole.files.reduce((sum, file) => sum + file.tests, 0);
  return [
    `**Whole suite** (\`vitest run\`, what \`npm test\` runs after its Node check): **${s(whole.wallMs)} wall**, ` +
      `${s(whole.cpuMs)} CPU (${x(whole.cpuMs / whole.wallMs)} of one core; the machine's CPU meanwhile ` +
      `${s(whole.machineCpuMs)}), ${whole.files.length} files, ${tests} tests. Budget: 150 s wall.`,
    table(rows),
  ].join("\n\n");
}

// ── projects to measure (temp copies, removed at the end) ───────────────────────────────────────────────────────────

async function tracked(ctx: Context, parts: string[]): Promise<ProjectCopy> {
  const copy = await copyProject(parts);
  ctx.copies.push(copy);
  return copy;
}

type SyntheticProject = Awaited<ReturnType<typeof makeSynthetic>>;

/** A synthetic spec with our lint config, src/, its generated/, and one file calling an operation through each of
 * openapi-fetch and the client, each with a tsconfig of its own. Made once per size and shared by the sections. */
function syntheticProject(ctx: Context, ops: number) {
  const made = ctx.synthetic.get(ops) ?? makeSynthetic(ctx, ops);
  ctx.synthetic.set(ops, made);
  return made;
}

async function makeSynthetic(ctx: Context, ops: number) {
  const copy = await tracked(ctx, specAndClientParts);
  const files = await writeSyntheticSpec(copy.file("openapi"), ops);
  const call = `(id: string) => client.PATCH("/customers/{id}", { params: { path: { id } }, body: { name: "Ada" } });`;
  await copy.write(
    "usage-types.ts",
    `import createClient from "openapi-fetch";\nimport type { paths } from "./generated/kirim-api.ts";\n` +
      `const client = createClient<paths>({ baseUrl: "https://api.kirimdev.com/v1" });\nexport const call = ${call}\n`,
  );
  await copy.write(
    "usage-client.ts",
    `import { createKirimClient } from "./src/index.ts";\nconst kirim = createKirimClient({ apiKey: "sk_test" });\n` +
      `export const call = (id: string) => kirim.customers.update(id, { name: "Ada" });\n`,
  );
  const tsconfig = (files: string[]) => JSON.stringify({ extends: "./tsconfig.json", include: [], files });
  await copy.write("tsconfig.types.json", tsconfig(["generated/kirim-api.ts", "usage-types.ts"]));
  await copy.write("tsconfig.client.json", tsconfig(["usage-client.ts"]));
  await generateAll(copy.file("generated"), { project: await openSpecProject(copy.dir) });
  const name = `synthetic, ${thousands(ops)} operations`;
  return { name, copy, files, tsconfig: "tsconfig.client.json" };
}

/** This project as `npm run dev` sees it: the spec and everything tsconfig.json typechecks. */
async function ourProject(ctx: Context) {
  const { include } = JSON.parse(await readFile(path.join(projectRoot, "tsconfig.json"), "utf8")) as {
    include: string[];
  };
  return { copy: await tracked(ctx, [...new Set([...specAndClientParts, ...include])]), tsconfig: "tsconfig.json" };
}

/** The spec committed in a throwaway git repo, as `diff:spec` compares the working copy against. */
async function committedSpec(ctx: Context): Promise<ProjectCopy> {
  return commitCopy(await tracked(ctx, ["openapi", "package.json"]));
}

// ── measuring and writing ───────────────────────────────────────────────────────────────────────────────────────

/** Runs a tool process and returns its output; a wrong exit code fails the run, naming the command. */
async function exec(command: string, args: string[], cwd: string, expectedCode = 0, env = quietEnv): Promise<string> {
  const result = await run(command, args, { cwd, quiet: true, env });
  if (result.code !== expectedCode)
    throw new StepFailed(
      `${path.basename(command)} ${args.join(" ")} exited with ${result.code}:\n${result.output.slice(-2000)}`,
    );
  return result.output;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

/** Runs each step in turn, `runs` rounds, and returns each step's median time in ms. */
async function medians<K extends string>(
  runs: number,
  steps: Record<K, () => Promise<unknown>>,
): Promise<Record<K, number>> {
  const samples = new Map<K, number[]>();
  for (let round = 0; round < runs; round++)
    for (const [name, action] of Object.entries(steps) as Array<[K, () => Promise<unknown>]>)
      samples.set(name, [...(samples.get(name) ?? []), await timed(action)]);
  return Object.fromEntries([...samples].map(([name, values]) => [name, median(values)])) as Record<K, number>;
}

/**
 * Bundles an entry given as source text for the browser, minified, then gzips it at level 9. `generated`: a folder
 * whose client.ts and features.ts replace those of Kirim's generated/ that src/ imports.
 */
async function minGzip(
  source: string,
  resolveDir = projectRoot,
  generated?: string,
): Promise<{ min: number; gzip: number }> {
  const fromSrc = path.join(projectRoot, "src") + path.sep;
  const swap: Plugin = {
    name: "other-generated",
    setup(bundle) {
      bundle.onResolve({ filter: /\/generated\/(client|features)\.js$/ }, (args) =>
        generated && args.importer.startsWith(fromSrc)
          ? { path: path.join(generated, path.basename(args.path).replace(/\.js$/, ".ts")) }
          : undefined,
      );
    },
  };
  const result = await build({
    plugins: [swap],
    stdin: { contents: source, loader: "ts", resolveDir },
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
const thousands = (count: number) => count.toLocaleString("en-US");

/** A Markdown table whose columns are the first row's keys. */
function table(rows: Row[]): string {
  const headers = Object.keys(rows[0] ?? {});
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map((row) => line(headers.map((h) => row[h]!)))].join(
    "\n",
  );
}

async function stamp(loadBefore: number, quick: boolean): Promise<string> {
  const git = async (...args: string[]) => (await exec("git", args, projectRoot)).trim();
  const dirty = (await git("status", "--porcelain", "--", ".", ":!bench/RESULTS.md"))
    ? " plus uncommitted changes"
    : "";
  const commit = await git("rev-parse", "--short", "HEAD");
  const cpu = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "CPU"}`;
  const load = `load average (1 min) ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`;
  const when = new Date().toISOString().slice(0, 16).replace("T", " ");
  const what = `${quick ? "QUICK SMOKE RUN, not figures. " : ""}Measured ${when} UTC, commit ${commit}${dirty}`;
  return `_${what}; ${cpu}, Node ${process.version}; ${load}._`;
}

/** Replaces the block between this section's markers in `file` (appending it when absent); the rest is kept. */
async function writeSection(file: string, name: string, body: string): Promise<void> {
  const [open, close] = [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`];
  const text = await readFile(file, "utf8").catch(() => "");
  const [start, end] = [text.indexOf(open), text.indexOf(close)];
  const block = `${open}\n${body}\n${close}`;
  const replaced =
    start >= 0 && end > start ? text.slice(0, start) + block + text.slice(end + close.length) : undefined;
  await writeFile(file, replaced ?? `${text}${text ? "\n" : ""}${block}\n`);
}

// Last, so that every const above is initialised before a section runs.
main(async () => {
  const flags = { only: { type: "string" }, quick: { type: "boolean" }, out: { type: "string" } } as const;
  const usage = "usage: npm run bench -- [--only <sections>] [--quick] [--out <file.md>]";
  const { values } = parseOptions({ options: flags }, usage);
  const names = values.only?.split(",").map((name) => name.trim()) ?? Object.keys(sections);
  const unknown = names.filter((name) => !(name in sections));
  if (unknown.length)
    throw new StepFailed(`--only ${unknown.join(",")}: expected some of ${Object.keys(sections).join(", ")}.`);
  const quick = values.quick === true;
  const defaultOut = quick ? path.join(os.tmpdir(), `kirim-bench-${process.pid}.md`) : "bench/RESULTS.md";
  const out = path.resolve(projectRoot, values.out ?? defaultOut);
  const sizes = quick ? [10] : [10, 100, 1000];
  const ctx: Context = { quick, runs: quick ? 1 : 3, sizes, copies: [], synthetic: new Map() };
  try {
    for (const name of names) {
      const loadBefore = os.loadavg()[0]!;
      const body = await step(name, () => sections[name]!(ctx));
      await writeSection(out, name, `${await stamp(loadBefore, quick)}\n\n${body}`);
    }
  } finally {
    await Promise.all(ctx.copies.map((copy) => copy.remove()));
  }
  console.log(`Results: ${path.relative(projectRoot, out) || out}`);
});
