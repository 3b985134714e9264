// Re-runs the contract suite in a child process (through `npm run contract:provider`'s script), for the
// meta tests that prove the suite fails when the spec or the server is wrong. The meta tests are their own
// vitest project ("contract-meta"), so the child run (project "contract") never recurses into them.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect } from "vitest";
import { projectRoot, quietEnv, type RunResult } from "../../../scripts/lib/cli/run-tools.ts";
import { runScript } from "../../helpers/run.ts";

/** Property-based runs per property in child runs: enough to exercise them, cheap enough to run several children. */
const childRuns = 25;

/** One worker per child suite: the meta tests run several children side by side, and a child's files then share
 * their imports (Ajv, fast-check, the bundle) instead of loading them once per worker. */
export const childSuiteVitestArgs = ["--maxWorkers=1"];

/** Runs the contract suite to completion (killed after `timeoutMs`); the runner stops it if this worker exits first. */
export function runContractSuite(args: string[], timeoutMs = 90_000): Promise<RunResult> {
  const vitestArgs = ["--", ...childSuiteVitestArgs];
  return runScript(
    "contract-provider.ts",
    ["--runs", String(childRuns), ...args, ...vitestArgs],
    projectRoot,
    { CI: "1" },
    timeoutMs,
  );
}

/**
 * Runs the contract suite and kills its Prism (SIGKILL, by the pid the global setup prints) as soon as the run has
 * started it: the suite must outlast the restart. Resolves with the run and the pid it killed (undefined: none seen).
 */
export function runContractSuiteKillingPrism(
  args: string[],
  timeoutMs = 90_000,
): Promise<RunResult & { killed: number | undefined }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(projectRoot, "scripts/contract-provider.ts"),
        "--runs",
        String(childRuns),
        ...args,
        "--",
        ...childSuiteVitestArgs,
      ],
      {
        cwd: projectRoot,
        env: { ...quietEnv, CI: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    const result: RunResult & { killed: number | undefined } = {
      code: 0,
      output: "",
      stdout: "",
      stderr: "",
      killed: undefined,
    };
    const collect = (key: "stdout" | "stderr") => (chunk: Buffer) => {
      const text = chunk.toString();
      result.output += text;
      result[key] += text;
      const started = /contract: Prism mock on \S+ \(pid (\d+)\)/.exec(result.output);
      if (started && result.killed === undefined) {
        result.killed = Number(started[1]);
        process.kill(result.killed, "SIGKILL");
      }
    };
    child.stdout.on("data", collect("stdout"));
    child.stderr.on("data", collect("stderr"));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ ...result, code: code ?? (signal ? 128 : 1) });
    });
  });
}

/** The last lines of a run's output, for assertion messages. */
export function tail(result: RunResult, lines = 60): string {
  return `exit ${result.code}\n${result.output.split("\n").slice(-lines).join("\n")}`;
}

/** Runs the contract suite with `args` and asserts that some of its tests fail, and that its output names each of `what`. */
export async function expectSuiteToFailNaming(args: string[], what: RegExp[]): Promise<void> {
  const run = await runContractSuite(args);
  expect(run.code, tail(run)).not.toBe(0);
  expect(run.output, tail(run)).toMatch(/Tests\s+\d+ failed/);
  for (const name of what) expect(run.output, tail(run)).toMatch(name);
}
