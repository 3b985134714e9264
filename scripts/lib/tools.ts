// Where the pipeline's tools live and the environment they run in.
import { spawn } from "node:child_process";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

/** Every tool we call that can phone home is told not to. */
export const quietEnv: NodeJS.ProcessEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  OPTIC_TELEMETRY_LEVEL: "off",
  SCARF_ANALYTICS: "false",
  DO_NOT_TRACK: "1",
};

export function bin(name: string): string {
  return path.join(projectRoot, "node_modules", ".bin", name);
}

export interface RunResult {
  code: number;
  output: string;
}

/** Runs a tool, streaming its output unless `quiet`, and resolves with its exit code and combined output. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; quiet?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? quietEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      output += chunk.toString();
      if (!options.quiet) stream.write(chunk);
    };
    child.stdout.on("data", collect(process.stdout));
    child.stderr.on("data", collect(process.stderr));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}
