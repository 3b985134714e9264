// Runs Prism as its child and stops it when our own parent goes away, however that happens.
// The parent keeps our stdin open; when the parent exits — even by SIGKILL, where no handler of its
// own can run — the pipe closes, and we stop Prism before exiting. No orphan Prism outlives a test run.
// Over the IPC channel the parent opened, it tells the parent Prism's own pid, and how Prism exited (a signal that
// killed Prism would otherwise reach the parent only as our exit code 1).
//
// Usage (spawned by scripts/lib/mock/prism-launcher.ts, never by hand): node prism-guard.ts <command> <args…>
import { spawn } from "node:child_process";

export type GuardMessage = { prismPid: number } | { prismExited: string };

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("prism-guard: missing the command to run");
  process.exit(2);
}

const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;

function tell(message: GuardMessage, then: () => void = () => {}): void {
  if (process.send && process.connected) process.send(message, then);
  else then();
}

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
process.on("disconnect", () => stop("SIGTERM"));
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(signal));

child.on("spawn", () => tell({ prismPid: child.pid! }));
child.on("error", (error) => {
  console.error(`prism-guard: cannot start ${command}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) =>
  tell({ prismExited: signal ?? `code ${code}` }, () => process.exit(code ?? (signal && !stopping ? 1 : 0))),
);
