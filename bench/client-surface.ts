// npm run bench:surface [-- --quick] [--baseline <git ref>] [--out <file>] [--per-call-only]
//
// What the generated per-operation client surface costs, measured side by side in one run:
// 1. Size: the client (src/ + generated/client.ts) bundled by esbuild for the browser, minified, gzip level 9, for
//    synthetic specs of 10, 100 and 1,000 operations; bytes per added operation = (1,000-op − 10-op) / 990.
// 2. Build time: "types alone" (openapi-typescript, then tsc on the types and a file using them through
//    openapi-fetch) against "client" (openapi-typescript, the client-surface generator, then tsc on src/ +
//    generated/ and a file calling one generated method), interleaved, medians of 3 runs; ratio client / types alone.
// 3. Per-call cost of customers.update, this client against the one at --baseline (default: the commit before the
//    generated surface, 79e8806), both bundled by esbuild and called on a mocked fetch (CPU only), interleaved
//    rounds after a warm-up, medians; ratio this / baseline.
// Results go to bench/CLIENT-SURFACE.md (with machine, Node and date); --quick is a smoke run into a temp file.
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { parse } from "yaml";
import { clientSurfaceFile, renderClientSurface, renderSchemaTypes, schemaTypesFile } from "../scripts/lib/client-surface.ts";
import { bundleFile, generateTypes, typesFile } from "../scripts/lib/generate.ts";
import { projectRoot } from "../scripts/lib/tools.ts";
import { type Timed, timed, timedCall, tool } from "./lib/proc.ts";
import { median } from "./lib/stats.ts";
import { writeSyntheticSpec } from "./lib/synth-spec.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    baseline: { type: "string", default: "79e8806" },
    out: { type: "string" },
    "per-call-only": { type: "boolean", default: false },
  },
});
const quick = values.quick!;
const sizes = quick ? [10, 20] : [10, 100, 1000];
const runs = quick ? 1 : 3;
const out = values.out ?? (quick ? path.join(os.tmpdir(), "kirim-client-surface.md") : path.join(projectRoot, "bench/CLIENT-SURFACE.md"));
// Inside the project, so that openapi-fetch and its types resolve from the project's node_modules.
await mkdir(path.join(projectRoot, ".tmp"), { recursive: true });
const scratch = await mkdtemp(path.join(projectRoot, ".tmp", "bench-surface-"));

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

/** A project folder for one synthetic spec: its bundle, types and surface in generated/, a copy of src/. */
async function syntheticProject(operations: number): Promise<{ dir: string; firstPath: string; resource: string }> {
  const dir = path.join(scratch, `ops-${operations}`);
  const spec = await writeSyntheticSpec(path.join(dir, "openapi"), operations);
  await mkdir(path.join(dir, "generated"), { recursive: true });
  execFileSync(tool("redocly"), ["bundle", "openapi.yaml", "--config", path.join(projectRoot, "redocly.yaml"), "--output", path.join(dir, "generated", bundleFile)], {
    cwd: path.join(dir, "openapi"),
    stdio: "ignore",
  });
  await cp(path.join(projectRoot, "src"), path.join(dir, "src"), { recursive: true });
  const first = spec.resources[0]!;
  await writeFile(
    path.join(dir, "generated/usage-types.ts"),
    `import createClient from "openapi-fetch";\nimport type { paths } from "./${typesFile.replace(/\.ts$/, ".js")}";\n` +
      `const client = createClient<paths>({ baseUrl: "https://api.kirimdev.com/v1" });\n` +
      `export const call = (id: string) => client.PATCH(${JSON.stringify(first.urlPath)}, { params: { path: { id } }, body: { name: "Ada" } });\n`,
  );
  const resource = first.schema[0]!.toLowerCase() + first.schema.slice(1);
  await writeFile(
    path.join(dir, "usage-client.ts"),
    `import { createKirimClient } from "./src/index.js";\nconst kirim = createKirimClient({ apiKey: "sk_test" });\n` +
      `export const call = (id: string) => kirim.${resource}.update(id, { name: "Ada" });\n`,
  );
  await writeFile(path.join(dir, "tsconfig.types.json"), tsconfig(["generated/kirim-api.ts", "generated/usage-types.ts"]));
  await writeFile(path.join(dir, "tsconfig.client.json"), tsconfig(["usage-client.ts"]));
  return { dir, firstPath: first.urlPath, resource };
}

async function surface(dir: string): Promise<void> {
  const document = parse(await readFile(path.join(dir, "generated", bundleFile), "utf8"));
  await writeFile(path.join(dir, "generated", clientSurfaceFile), renderClientSurface(document));
  await writeFile(path.join(dir, "generated", schemaTypesFile), renderSchemaTypes(document));
}

async function minGzip(entry: string): Promise<{ min: number; gzip: number }> {
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
  const bytes = result.outputFiles[0]!.contents;
  return { min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const ms = (samples: Timed[]) => median(samples.map((sample) => sample.ms));
const failed = (samples: Timed[]) => samples.find((sample) => sample.code !== 0);

interface SizeRow {
  operations: number;
  min: number;
  gzip: number;
  typesAloneMs: number;
  clientMs: number;
}

async function sizeAndBuild(): Promise<SizeRow[]> {
  const rows: SizeRow[] = [];
  for (const operations of sizes) {
    const { dir } = await syntheticProject(operations);
    const genDir = path.join(dir, "generated");
    const typesAlone: Timed[] = [];
    const client: Timed[] = [];
    for (let run = 0; run < runs; run++) {
      typesAlone.push(await timedCall(() => generateTypes(genDir, { quiet: true })));
      typesAlone.push(await timed(tool("tsc"), ["-p", "tsconfig.types.json"], { cwd: dir }));
      client.push(await timedCall(() => generateTypes(genDir, { quiet: true })));
      client.push(await timedCall(() => surface(dir)));
      client.push(await timed(tool("tsc"), ["-p", "tsconfig.client.json"], { cwd: dir }));
    }
    for (const samples of [typesAlone, client]) {
      const bad = failed(samples);
      if (bad) throw new Error(`${operations} operations: a step failed:\n${bad.output.slice(0, 2000)}`);
    }
    // Each run is a chain of steps: the run's time is their sum; the median is over runs.
    const perRun = (samples: Timed[], steps: number) =>
      median(Array.from({ length: runs }, (_, run) => samples.slice(run * steps, run * steps + steps).reduce((sum, sample) => sum + sample.ms, 0)));
    const size = await minGzip(path.join(dir, "src/index.ts"));
    rows.push({ operations, ...size, typesAloneMs: perRun(typesAlone, 2), clientMs: perRun(client, 3) });
    console.log(`surface: ${operations} operations: ${size.gzip} B min+gzip; types alone ${rows.at(-1)!.typesAloneMs.toFixed(0)} ms, client ${rows.at(-1)!.clientMs.toFixed(0)} ms`);
  }
  return rows;
}

/** esbuild bundle of a client's entry for Node, to import and call here. */
async function bundleClient(entry: string, outfile: string): Promise<string> {
  await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "node", target: "node24", outfile, logLevel: "silent" });
  return outfile;
}

interface PerCall {
  baseline: string;
  rounds: number;
  callsPerRound: number;
  currentUs: number;
  baselineUs: number;
}

async function perCall(): Promise<PerCall> {
  const old = path.join(scratch, "baseline");
  await mkdir(old, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${values.baseline} src generated | tar -x -C "${old}"`], { cwd: projectRoot });
  const example = parse(await readFile(path.join(projectRoot, "generated", bundleFile), "utf8")).paths["/customers/{id}"].patch.responses["200"].content[
    "application/json"
  ].examples.updatedCustomer.value;
  const text = JSON.stringify(example);
  const fetch = async () => new Response(text, { status: 200, headers: { "content-type": "application/json" } });
  type Client = { customers: { update(id: string, body: object): Promise<unknown> } };
  const load = async (entry: string, name: string): Promise<Client> => {
    const file = await bundleClient(entry, path.join(scratch, `${name}.mjs`));
    const module = (await import(file)) as { createKirimClient(options: object): Client };
    return module.createKirimClient({ apiKey: "sk_test_bench", fetch, maxRetries: 0 });
  };
  const clients = { current: await load(path.join(projectRoot, "src/index.ts"), "current"), baseline: await load(path.join(old, "src/index.ts"), "baseline") };
  const callsPerRound = quick ? 200 : 3000;
  const rounds = quick ? 3 : 21;
  const body = { name: "Ada Lovelace", metadata: { plan: "pro" } };
  const time = async (client: Client, calls: number) => {
    const started = performance.now();
    for (let i = 0; i < calls; i++) await client.customers.update("cus_01HXYZABCDEFGHJKMNPQRSTVWX", body);
    return ((performance.now() - started) * 1000) / calls;
  };
  await time(clients.current, callsPerRound);
  await time(clients.baseline, callsPerRound);
  const samples = { current: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (["current", "baseline"] as const) : (["baseline", "current"] as const);
    for (const name of order) samples[name].push(await time(clients[name], callsPerRound));
  }
  return { baseline: values.baseline!, rounds, callsPerRound, currentUs: median(samples.current), baselineUs: median(samples.baseline) };
}

function report(rows: SizeRow[], call: PerCall): string {
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const perOp = (last.gzip - first.gzip) / (last.operations - first.operations);
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: projectRoot }).toString().trim();
  return [
    "# Generated client surface: size, build time, per-call cost",
    "",
    `Measured by \`npm run bench:surface${quick ? " -- --quick" : ""}\` (bench/client-surface.ts) on ${new Date().toISOString().slice(0, 10)}, commit ${commit},`,
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB. The machines here are noisy and`,
    "differ by up to 3× between two of the same kind: read the ratios, not the absolute times.",
    "",
    "## Size per operation (synthetic specs, esbuild minified ESM for the browser, gzip -9)",
    "",
    "| operations | client min (B) | client min+gzip (B) |",
    "| ---: | ---: | ---: |",
    ...rows.map((row) => `| ${row.operations} | ${row.min} | ${row.gzip} |`),
    "",
    `Each added operation costs **${perOp.toFixed(1)} B** min+gzip ((${last.gzip} − ${first.gzip}) / ${last.operations - first.operations}); the target is ≤ 100 B.`,
    "One table row per operation, no code per operation.",
    "",
    `## Build time: client (types + surface + typecheck) against types alone (medians of ${runs} runs)`,
    "",
    "| operations | types alone (ms) | client (ms) | ratio |",
    "| ---: | ---: | ---: | ---: |",
    ...rows.map((row) => `| ${row.operations} | ${row.typesAloneMs.toFixed(0)} | ${row.clientMs.toFixed(0)} | ${(row.clientMs / row.typesAloneMs).toFixed(2)}× |`),
    "",
    "Types alone: openapi-typescript, then `tsc` on the types and a file calling one operation through openapi-fetch.",
    "Client: openapi-typescript, the surface generator, then `tsc` on src/ + generated/ and a file calling one generated",
    "method. Wall clock including process start-up. Target: ratio ≤ 2× at 1,000 operations.",
    "",
    "## Per-call cost of customers.update (mocked fetch, CPU only)",
    "",
    "| client | µs per call (median of rounds) |",
    "| --- | ---: |",
    `| this commit (generated surface) | ${call.currentUs.toFixed(2)} |`,
    `| baseline ${call.baseline} (hand-written update) | ${call.baselineUs.toFixed(2)} |`,
    "",
    `Ratio this / baseline: **${(call.currentUs / call.baselineUs).toFixed(3)}×** (${call.rounds} interleaved rounds of ${call.callsPerRound} sequential`,
    "calls each after one warm-up round per client; both bundled by esbuild from their own src/ and generated/; the fetch",
    "returns the spec's 200 example). Target: no worse than the baseline (≈ 1.00× within noise).",
    "",
  ].join("\n");
}

try {
  if (values["per-call-only"]) {
    const call = await perCall();
    console.log(`per call: this ${call.currentUs.toFixed(2)} µs, baseline ${call.baselineUs.toFixed(2)} µs, ratio ${(call.currentUs / call.baselineUs).toFixed(3)}×`);
  } else {
    const text = report(await sizeAndBuild(), await perCall());
    await writeFile(out, text);
    console.log(`\n${text}\nWritten to ${path.relative(projectRoot, out) || out}`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
