import { type ParseArgsConfig, parseArgs } from "node:util";

// Prints a pipeline step's name, then its outcome and wall time.
/** The one failure type of a step: its message is what the user reads (no stack); `step` names the step, if known. */
export class StepFailed<TStep extends string = string> extends Error {
  readonly step: TStep | undefined;
  constructor(message: string, step?: TStep) {
    super(message);
    this.step = step;
  }
}

export async function step<T>(name: string, action: () => Promise<T>): Promise<T> {
  console.log(`▶ ${name}`);
  const started = performance.now();
  try {
    const result = await action();
    console.log(`✔ ${name} (${seconds(started)})`);
    return result;
  } catch (error) {
    console.error(`✖ ${name} failed after ${seconds(started)}`);
    throw error;
  }
}

function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

let latestRun: Promise<void> = Promise.resolve();

/** Runs a script's main function; a failed step exits 1 with its message, never with a raw stack. */
export function main(body: () => Promise<void>): void {
  latestRun = body().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (message) console.error(message);
    process.exitCode = 1;
  });
}

/** The run the latest `main` call started: what a test that runs a script in its own process awaits (test/helpers/run.ts). */
export function latestMainRun(): Promise<void> {
  return latestRun;
}

/** node:util's parseArgs for a script run by `main`: a bad flag fails with its message and the usage, never a stack. */
export function parseOptions<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new StepFailed(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  }
}
