// Running commands and the project's scripts from tests, on the one process runner (scripts/lib/cli/run-tools.ts).
import path from "node:path";
import { pathToFileURL } from "node:url";
import { format } from "node:util";
import { projectRoot, quietEnv, type RunResult, run } from "../../scripts/lib/cli/run-tools.ts";
import { latestMainRun } from "../../scripts/lib/cli/steps.ts";

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

let inProcessQueue: Promise<unknown> = Promise.resolve();
let inProcessRuns = 0;

/**
 * Runs a script whose work is in `main` (scripts/lib/cli/steps.ts) in this process, as `runScript` would in a child:
 * in `cwd`, with `args` and `env`, resolving with its exit code and what it printed. A child pays about a second of CPU
 * to load the spec tooling again; here it is loaded once. One run at a time, since a run changes the working
 * directory; not for scripts that call process.exit or keep running (mock, dev, contract:provider).
 */
export function runScriptInProcess(
  script: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  return runMainInProcess(path.join(projectRoot, "scripts", script), args, cwd, env);
}

/** `runScriptInProcess` for a `main` script outside scripts/ (bench/run.ts), by its absolute path. */
export function runMainInProcess(
  file: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  const result = inProcessQueue.then(() => runInProcess(file, args, cwd, env));
  inProcessQueue = result.catch(() => {});
  return result;
}

async function runInProcess(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  const result: RunResult = { code: 0, output: "", stdout: "", stderr: "" };
  const print = (key: "stdout" | "stderr", text: string) => {
    result.output += text;
    result[key] += text;
  };
  const saved = {
    cwd: process.cwd(),
    argv: process.argv,
    exitCode: process.exitCode,
    env: Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]])),
    console: { log: console.log, info: console.info, warn: console.warn, error: console.error },
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
  };
  const writeTo = (key: "stdout" | "stderr") =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      print(key, typeof chunk === "string" ? chunk : Buffer.from(chunk).toString());
      const callback = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  try {
    process.chdir(cwd);
    process.argv = [process.execPath, file, ...args];
    process.exitCode = undefined;
    Object.assign(process.env, env);
    console.log = console.info = (...parts: unknown[]) => print("stdout", `${format(...parts)}\n`);
    console.warn = console.error = (...parts: unknown[]) => print("stderr", `${format(...parts)}\n`);
    process.stdout.write = writeTo("stdout");
    process.stderr.write = writeTo("stderr");
    // A new query makes a new instance of the script module, so its top-level `main(…)` runs again.
    await import(`${pathToFileURL(file).href}?run=${++inProcessRuns}`);
    await latestMainRun();
    result.code = Number(process.exitCode ?? 0);
  } finally {
    process.stdout.write = saved.stdoutWrite;
    process.stderr.write = saved.stderrWrite;
    Object.assign(console, saved.console);
    for (const [name, value] of Object.entries(saved.env)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    process.exitCode = saved.exitCode;
    process.argv = saved.argv;
    process.chdir(saved.cwd);
  }
  return result;
}
