// Where the pipeline's tools live and the environment they run in.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { StepFailed } from "./steps.ts";

export const projectRoot = path.resolve(import.meta.dirname, "../../..");

/** Every tool we call that can phone home is told not to. */
export const quietEnv: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  SCARF_ANALYTICS: "false",
  DO_NOT_TRACK: "1",
};

/** A tool installed in the project's node_modules/.bin. */
export function bin(name: string): string {
  return path.join(projectRoot, "node_modules", ".bin", name);
}

export interface RunResult {
  code: number;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  /** Collect the output without echoing it. */
  quiet?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Sends SIGTERM after this long; the run then resolves with the exit the signal causes. */
  timeoutMs?: number;
}

// If this process goes away mid-run, its children go with it.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGTERM");
});

/**
 * The one process runner: runs a command to completion, streaming its output unless `quiet`, and resolves with its
 * exit code and output. A non-zero exit is a result, not an exception; a command that cannot start rejects.
 */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? quietEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    const timer =
      options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGTERM"), options.timeoutMs);
    const result: RunResult = { code: 0, output: "", stdout: "", stderr: "" };
    const collect = (key: "stdout" | "stderr", stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      const text = chunk.toString();
      result.output += text;
      result[key] += text;
      if (!options.quiet) stream.write(chunk);
    };
    child.stdout.on("data", collect("stdout", process.stdout));
    child.stderr.on("data", collect("stderr", process.stderr));
    child.on("error", (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ ...result, code: code ?? (signal ? 128 : 1) });
    });
  });
}

/** `run` inside a step: a non-zero exit fails the step, naming the command (`name`, or the command and its arguments). */
export async function runOrFail(
  command: string,
  args: string[],
  options: RunOptions & { name?: string } = {},
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const name = options.name ?? [path.basename(command), ...args].join(" ");
    throw new StepFailed(`${name} exited with ${result.code}.`);
  }
  return result;
}
