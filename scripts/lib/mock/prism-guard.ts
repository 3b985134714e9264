// Runs Prism as its child and stops it when our own parent goes away, however that happens.
// The parent keeps our stdin open; when the parent exits — even by SIGKILL, where no handler of its
// own can run — the pipe closes, and we stop Prism before exiting. No orphan Prism outlives a test run.
//
// Usage (spawned by scripts/lib/mock/prism-launcher.ts, never by hand): node prism-guard.ts <prism bin> <prism args…>
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("prism-guard: missing the command to run");
  process.exit(2);
}

const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;

function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
  // Prism stops within milliseconds on SIGTERM; do not let a stuck one keep the guard alive.
  setTimeout(() => child.kill("SIGKILL"), 3_000).unref();
}

process.stdin.on("end", () => stop("SIGTERM"));
process.stdin.on("close", () => stop("SIGTERM"));
process.stdin.on("error", () => stop("SIGTERM"));
process.stdin.resume();
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(signal));

child.on("error", (error) => {
  console.error(`prism-guard: cannot start ${command}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal && !stopping ? 1 : 0)));
