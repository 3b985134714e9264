// Runs a pipeline tool as the scripts do (same binaries, same quiet environment) and times it, wall clock,
// including process start-up: that is what a developer waits for.
import path from "node:path";
import { bin, quietEnv, run } from "../../scripts/lib/tools.ts";

/** The tools' environment, with this Node (24) first on PATH so `npm run …` children use it too. */
export const benchEnv: NodeJS.ProcessEnv = {
  ...quietEnv,
  PATH: [path.dirname(process.execPath), quietEnv["PATH"] ?? ""].join(path.delimiter),
};

export interface Timed {
  ms: number;
  code: number;
  output: string;
}

export async function timed(command: string, args: string[], options: { cwd?: string } = {}): Promise<Timed> {
  const started = performance.now();
  const result = await run(command, args, { quiet: true, env: benchEnv, ...(options.cwd ? { cwd: options.cwd } : {}) });
  return { ms: performance.now() - started, code: result.code, output: result.output };
}

export function tool(name: string): string {
  return bin(name);
}

/** Times an in-process async action (e.g. the pipeline's own `bundle()`), which throws on failure. */
export async function timedCall(action: () => Promise<unknown>): Promise<Timed> {
  const started = performance.now();
  try {
    await action();
    return { ms: performance.now() - started, code: 0, output: "" };
  } catch (error) {
    return { ms: performance.now() - started, code: 1, output: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs `action` `times` times and keeps every sample (callers take the median). */
export async function repeat(times: number, action: () => Promise<Timed>): Promise<Timed[]> {
  const samples: Timed[] = [];
  for (let i = 0; i < times; i++) samples.push(await action());
  return samples;
}
