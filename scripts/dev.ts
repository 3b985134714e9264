// npm run dev [-- --mock [--port 4010]]
//
// Watches openapi/ and, on every save, runs lint → bundle → generate → typecheck, printing one line per run:
//   ✔ 12:00:01 lint+bundle+generate+typecheck 2.3 s
//   ✖ 12:00:09 lint failed after 0.4 s:  (then the first error lines)
// A broken save keeps the watcher going; one that fails lint or bundling leaves generated/ as it was. With --mock,
// Prism serves generated/openapi.yaml on 127.0.0.1 (--port 0 picks a free port) and reloads it by itself whenever a
// save rewrites the bundle.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, watch } from "node:fs";
import { parseArgs } from "node:util";
import { bundle, bundleFile, generateClientSurface, generateTypes, specRoot } from "./lib/generate.ts";
import { freePort } from "./lib/prism.ts";
import { StepFailed } from "./lib/step.ts";
import { bin, quietEnv, run } from "./lib/tools.ts";

const watched = "openapi";
const outDir = "generated";
const debounceMs = 150;
const excerptLines = 12;

function parseOptions() {
  try {
    return parseArgs({ options: { mock: { type: "boolean", default: false }, port: { type: "string", default: "4010" } } }).values;
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : error}\nusage: npm run dev [-- --mock [--port N]]`);
    process.exit(2);
  }
}
const values = parseOptions();

class StageFailed extends Error {
  readonly stage: string;
  constructor(stage: string, detail: string) {
    super(detail);
    this.stage = stage;
  }
}

async function stage(name: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    throw new StageFailed(name, error instanceof Error ? error.message : String(error));
  }
}

async function tool(name: string, args: string[], pick: (output: string) => string[]): Promise<void> {
  const result = await run(bin(name), args, { quiet: true });
  if (result.code !== 0) throw new StepFailed(pick(result.output).join("\n") || result.output.trim());
}

/** Redocly's stylish format: the file line, then `line:col  error  rule  message` lines. */
function lintErrors(output: string): string[] {
  return output.split("\n").filter((line) => /^\S.*\.ya?ml:$/.test(line) || /^\s+\d+:\d+\s+(error|warning)\s/.test(line));
}

function tscErrors(output: string): string[] {
  return output.split("\n").filter((line) => line.trim() !== "");
}

async function regenerate(): Promise<void> {
  await stage("lint", () => tool("redocly", ["lint", specRoot, "--format", "stylish"], lintErrors));
  await stage("bundle", () => bundle(outDir, { quiet: true }));
  await stage("generate", async () => {
    await generateTypes(outDir, { quiet: true });
    await generateClientSurface(outDir);
  });
  await stage("typecheck", () => tool("tsc", ["--noEmit", "-p", "tsconfig.json"], tscErrors));
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

async function runOnce(): Promise<void> {
  const started = performance.now();
  const at = clock();
  const took = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  try {
    await regenerate();
    console.log(`✔ ${at} lint+bundle+generate+typecheck ${took()}`);
  } catch (error) {
    const failed = error instanceof StageFailed ? error : new StageFailed("run", String(error));
    const lines = failed.message.split("\n").filter((line) => line.trim() !== "");
    const shown = lines.slice(0, excerptLines).map((line) => `    ${line}`);
    if (lines.length > excerptLines) shown.push(`    … ${lines.length - excerptLines} more lines (run \`npm run ${failed.stage === "typecheck" ? "typecheck" : "lint"}\` for all)`);
    console.log(`✖ ${at} ${failed.stage} failed after ${took()}:\n${shown.join("\n")}`);
  }
}

// ── the watch loop: debounce bursts of events, never run twice at once, rerun once if saves came in meanwhile ──────

let running = false;
let pending = false;
let timer: NodeJS.Timeout | undefined;

async function drain(): Promise<void> {
  if (running) {
    pending = true;
    return;
  }
  running = true;
  try {
    do {
      pending = false;
      await runOnce();
    } while (pending);
  } finally {
    running = false;
  }
}

function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void drain(), debounceMs);
}

function isEditorNoise(file: string | null): boolean {
  return file !== null && /(^|\/)(\.#|#)|~$|\.sw[a-p]$|\.tmp$/.test(file);
}

// ── Prism (--mock) ──────────────────────────────────────────────────────────────────────────────────────────────────

function prefixLines(stream: NodeJS.ReadableStream, prefix: string): void {
  let rest = "";
  stream.on("data", (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line.trim() !== "") console.log(`${prefix}${line}`);
  });
}

async function startMock(requested: number): Promise<ChildProcess> {
  // Prism restarts its server on each change and listens again on the port it was given, so it needs a fixed one.
  const port = requested === 0 ? await freePort() : requested;
  const child = spawn(bin("prism"), ["mock", `${outDir}/${bundleFile}`, "--host", "127.0.0.1", "--port", String(port), "--errors"], {
    env: { ...quietEnv, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  prefixLines(child.stdout!, "  mock │ ");
  prefixLines(child.stderr!, "  mock │ ");
  child.on("exit", (code, signal) => {
    if (shuttingDown) return;
    console.error(`✖ Prism exited (${signal ?? `code ${code}`}); stopping. Run \`npm run mock\` alone to see why.`);
    process.exit(1);
  });
  console.log(`Mock: http://127.0.0.1:${port} (Prism on ${outDir}/${bundleFile}; it reloads after every good save)`);
  return child;
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────────────────────────

let shuttingDown = false;

if (!existsSync(watched)) {
  console.error(`✖ ${watched}/ not found: run \`npm run dev\` from the project root.`);
  process.exit(1);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`✖ --port ${values.port} is not a port number.`);
  process.exit(1);
}

console.log(`Watching ${watched}/ — every save runs lint → bundle → generate → typecheck. Ctrl-C stops.`);
const watcher = watch(watched, { recursive: true }, (_event, file) => {
  if (!isEditorNoise(file)) schedule();
});
watcher.on("error", (error) => {
  console.error(`✖ watching ${watched}/ failed: ${error.message}`);
  process.exit(1);
});

let mock: ChildProcess | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    shuttingDown = true;
    watcher.close();
    clearTimeout(timer);
    if (mock && mock.exitCode === null) {
      mock.once("exit", () => process.exit(0));
      mock.kill("SIGTERM");
    } else process.exit(0);
  });
}

await drain();
if (values.mock && !shuttingDown) mock = await startMock(port);
