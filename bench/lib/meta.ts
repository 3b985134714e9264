// Where and how a bench run happened: machine, Node, date, commit, command.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { projectRoot } from "../../scripts/lib/tools.ts";

export interface RunMeta {
  date: string;
  command: string;
  node: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  commit: string;
  /** The working tree differed from HEAD when the run started (uncommitted work was measured too). */
  dirty: boolean;
  quick: boolean;
}

export function runMeta(command: string, quick: boolean): RunMeta {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    command,
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit: git(["rev-parse", "--short", "HEAD"]) || "unknown",
    dirty: git(["status", "--porcelain"]) !== "",
    quick,
  };
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: projectRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}
