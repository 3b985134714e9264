// Re-runs the contract suite in a child process (through `npm run contract:provider`'s script), for the
// meta tests that prove the suite fails when the spec or the server is wrong. The meta tests are their own
// vitest project ("contract-meta"), so the child run (project "contract") never recurses into them.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { projectRoot, quietEnv } from "../../../scripts/lib/tools.ts";

export interface ChildRun {
  code: number;
  output: string;
}

/** Property-based runs per property in child runs: enough to exercise them, cheap enough to run several children. */
export const childRuns = 25;

// If this test worker goes away mid-run, take the child runs (and so their Prisms) with it.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGTERM");
});

export function runContractSuite(args: string[], timeoutMs = 90_000): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, "scripts/contract-provider.ts"), "--runs", String(childRuns), ...args], {
      cwd: projectRoot,
      env: { ...quietEnv, NO_COLOR: "1", FORCE_COLOR: "0", KIRIM_CONTRACT_SPEC: "", KIRIM_CONTRACT_UPSTREAM: "", CI: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** The last lines of a run's output, for assertion messages. */
export function tail(run: ChildRun, lines = 60): string {
  return `exit ${run.code}\n${run.output.split("\n").slice(-lines).join("\n")}`;
}
