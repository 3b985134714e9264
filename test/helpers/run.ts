// Running commands and the project's scripts from tests, on the one process runner (scripts/lib/cli/run-tools.ts).
import path from "node:path";
import { projectRoot, quietEnv, type RunResult, run } from "../../scripts/lib/cli/run-tools.ts";

/**
 * Runs a command to completion without echoing it; a non-zero exit is a result, not an exception. With `timeoutMs`,
 * it is stopped (SIGTERM) after that long and resolves with what it printed so far.
 */
export function runCommand(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  timeoutMs?: number,
): Promise<RunResult> {
  return run(command, args, {
    cwd,
    quiet: true,
    env: { ...quietEnv, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
    timeoutMs,
  });
}

/** Runs one of the project's pipeline scripts (scripts/*.ts) with the current Node, in `cwd`. */
export function runScript(
  script: string,
  args: string[],
  cwd: string,
  env?: NodeJS.ProcessEnv,
  timeoutMs?: number,
): Promise<RunResult> {
  return runCommand(process.execPath, [path.join(projectRoot, "scripts", script), ...args], cwd, env, timeoutMs);
}
