// npm run dev [-- --mock [--port 4010]]
//
// Watches openapi/ and, on every save, runs lint → bundle → generate → typecheck in this one warm process
// (scripts/lib/pipeline/dev-session.ts), printing one line per run:
//   ✔ 12:00:01 lint+bundle+generate 0.14 s, typecheck 0.82 s
//   ✖ 12:00:09 lint failed after 0.12 s:  (then the first problems, as openapi/<file>.yaml:<line>:<col>)
// A broken save keeps the watcher going and leaves generated/ as it was (only a save that fails typecheck has
// rewritten it). A change to redocly.yaml or redocly/ reloads the lint config. With --mock, Prism serves
// generated/openapi.yaml on 127.0.0.1 (--port 0 picks a free port) through the launcher `npm run mock` uses
// (scripts/lib/mock/prism-launcher.ts), and reloads it by itself whenever a save rewrites the bundle.
import { existsSync, watch } from "node:fs";
import { parseArgs } from "node:util";
import { bundleFile } from "./lib/codegen/generate.ts";
import { defaultMockPort, type PrismServer, parsePort, startPrism } from "./lib/mock/prism-launcher.ts";
import { type DevSession, openDevSession } from "./lib/pipeline/dev-session.ts";

const watched = "openapi";
const configFile = "redocly.yaml";
const pluginDir = "redocly";
const outDir = "generated";
const debounceMs = 150;
const excerptLines = 12;

function parseOptions() {
  try {
    return parseArgs({
      options: {
        mock: { type: "boolean", default: false },
        port: { type: "string", default: String(defaultMockPort) },
      },
    }).values;
  } catch (error) {
    console.error(`✖ ${error instanceof Error ? error.message : error}\nusage: npm run dev [-- --mock [--port N]]`);
    process.exit(2);
  }
}
const values = parseOptions();

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

let session: DevSession;
let configChanged = false;

async function runOnce(): Promise<void> {
  const at = clock();
  if (configChanged) {
    try {
      await session.reloadConfig();
      configChanged = false;
    } catch (error) {
      console.log(
        `✖ ${at} lint config failed to load:\n${indent(error instanceof Error ? error.message : String(error))}`,
      );
      return;
    }
  }
  const outcome = await session.save();
  if (outcome.ok) {
    const unchanged = outcome.changed.length === 0 ? " (generated/ unchanged)" : "";
    console.log(
      `✔ ${at} lint+bundle+generate ${seconds(outcome.generateMs)}, typecheck ${seconds(outcome.typecheckMs)}${unchanged}`,
    );
    return;
  }
  const lines = outcome.message.split("\n").filter((line) => line.trim() !== "");
  const shown = lines.slice(0, excerptLines).map((line) => `    ${line}`);
  if (lines.length > excerptLines) {
    shown.push(
      `    … ${lines.length - excerptLines} more lines (run \`npm run ${outcome.stage === "typecheck" ? "typecheck" : "lint"}\` for all)`,
    );
  }
  console.log(`✖ ${at} ${outcome.stage} failed after ${seconds(outcome.ms)}:\n${shown.join("\n")}`);
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
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

async function startMock(port: number): Promise<PrismServer> {
  let prism: PrismServer;
  try {
    prism = await startPrism({
      spec: `${outDir}/${bundleFile}`,
      port,
      readyTimeoutMs: 60_000,
      showOutput: true,
      outputPrefix: "  mock │ ",
    });
  } catch (error) {
    console.error(`✖ the mock did not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  // The launcher restarts a Prism that exits on its own; this settles only when it stops doing so.
  void prism.exited.then((why) => {
    if (shuttingDown) return;
    console.error(`✖ the mock stopped: ${why}. Run \`npm run mock\` alone to see why.`);
    process.exit(1);
  });
  console.log(`Mock: ${prism.url} (Prism on ${outDir}/${bundleFile}; it reloads after every good save)`);
  return prism;
}

// ── main ────────────────────────────────────────────────────────────────────────────────────────────────────────────

let shuttingDown = false;

if (!existsSync(watched)) {
  console.error(`✖ ${watched}/ not found: run \`npm run dev\` from the project root.`);
  process.exit(1);
}
let port: number;
try {
  port = parsePort(values.port);
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

console.log(
  `Watching ${watched}/ — every save runs lint → bundle → generate → typecheck in this process. Ctrl-C stops.`,
);
try {
  session = await openDevSession();
} catch (error) {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
function onConfigChange(): void {
  configChanged = true;
  schedule();
}
// Folders, not files: an editor that saves by renaming a new file into place would leave a file watcher behind.
const watchers = [
  watch(watched, { recursive: true }, (_event, file) => {
    if (!isEditorNoise(file)) schedule();
  }),
  watch(".", (_event, file) => {
    if (file === configFile) onConfigChange();
  }),
  ...(existsSync(pluginDir)
    ? [
        watch(pluginDir, { recursive: true }, (_event, file) => {
          if (!isEditorNoise(file)) onConfigChange();
        }),
      ]
    : []),
];
for (const watcher of watchers) {
  watcher.on("error", (error) => {
    console.error(`✖ watching for changes failed: ${error.message}`);
    process.exit(1);
  });
}

let mock: PrismServer | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    shuttingDown = true;
    for (const watcher of watchers) watcher.close();
    clearTimeout(timer);
    if (mock) void mock.stop().then(() => process.exit(0));
    else process.exit(0);
  });
}

await drain();
if (values.mock && !shuttingDown) mock = await startMock(port);
