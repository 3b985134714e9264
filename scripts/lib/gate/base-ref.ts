// The base a spec diff compares with: a git ref (default: the merge base with main), extracted into a temp folder.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "../cli/run-tools.ts";
import { StepFailed } from "../cli/steps.ts";

/** What `git archive` extracts for the base: the spec, and the manifests holding the client package's version. */
const specInputs = ["openapi", "client/package.json", "package.json"];

export interface Base {
  /** What the user sees: `merge base with main`, `HEAD`, `v1.2.0`. */
  label: string;
  commit: string;
}

async function git(args: string[]): Promise<{ code: number; out: string }> {
  const result = await run("git", args, { quiet: true });
  return { code: result.code, out: result.output.trim() };
}

async function commitOf(ref: string): Promise<string | undefined> {
  const result = await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  return result.code === 0 ? result.out : undefined;
}

/** The commit to compare with; undefined (with a message) when the repository has no commits yet. */
export async function resolveBase(explicit: string | undefined): Promise<Base | undefined> {
  if ((await git(["rev-parse", "--is-inside-work-tree"])).code !== 0) {
    throw new StepFailed("This compares openapi/ with a git ref, but this directory is not in a git repository.");
  }
  if (explicit !== undefined) {
    const commit = await commitOf(explicit);
    if (!commit)
      throw new StepFailed(
        `--base ${explicit} is not a commit in this repository (for a pull request, fetch it first: git fetch origin ${explicit.replace(/^origin\//, "")}).`,
      );
    return { label: explicit, commit };
  }
  const head = await commitOf("HEAD");
  if (!head) {
    console.log(
      "✔ No commits yet: there is no earlier spec to break, so there is nothing to compare. (Pass --base <ref> to compare with one.)",
    );
    return undefined;
  }
  // On a pull request in GitHub Actions the target branch is GITHUB_BASE_REF; locally it is main.
  const targets = [
    process.env.GITHUB_BASE_REF ? `origin/${process.env.GITHUB_BASE_REF}` : undefined,
    "main",
    "origin/main",
  ].filter((ref): ref is string => ref !== undefined);
  for (const target of targets) {
    if (!(await commitOf(target))) continue;
    const mergeBase = await git(["merge-base", "HEAD", target]);
    if (mergeBase.code === 0 && mergeBase.out) return { label: `merge base with ${target}`, commit: mergeBase.out };
  }
  console.log(
    `! No merge base with main: no ${targets.join(" or ")} branch shares history with HEAD.\n` +
      "  Falling back to HEAD, so only uncommitted edits are checked. Pass --base <ref> to choose what to compare with.",
  );
  return { label: "HEAD", commit: head };
}

/**
 * Runs `use` on a temp folder holding openapi/ (and the client's version) as they are at `base`, then removes it;
 * false, without calling `use`, when the base has no openapi/.
 */
export async function withBaseTree(base: Base, use: (baseDir: string) => Promise<void>): Promise<boolean> {
  const baseDir = await mkdtemp(path.join(tmpdir(), "kirim-base-"));
  try {
    if (!(await extractBase(base.commit, baseDir))) return false;
    await use(baseDir);
    return true;
  } finally {
    await rm(baseDir, { recursive: true, force: true });
  }
}

async function extractBase(commit: string, into: string): Promise<boolean> {
  const listed = await git(["ls-tree", "--name-only", commit, "--", ...specInputs]);
  const present = listed.out.split("\n").filter(Boolean);
  if (!present.includes("openapi")) return false;
  await extractFromGit(commit, present, into);
  return true;
}

/** Writes `paths` as they are at `commit` into the folder `into` (git archive piped into tar). */
export function extractFromGit(commit: string, paths: string[], into: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const archive = spawn("git", ["archive", "--format=tar", commit, "--", ...paths], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const untar = spawn("tar", ["-x", "-C", into], { stdio: ["pipe", "ignore", "pipe"] });
    let errors = "";
    archive.stderr.on("data", (chunk: Buffer) => (errors += chunk));
    untar.stderr.on("data", (chunk: Buffer) => (errors += chunk));
    archive.stdout.pipe(untar.stdin);
    archive.on("error", reject);
    untar.on("error", reject);
    untar.on("close", (code) =>
      code === 0 ? resolve() : reject(new StepFailed(`git archive ${commit} failed:\n${errors.trim()}`)),
    );
  });
}

export const specRootIn = (dir: string) => path.join(dir, "openapi", "openapi.yaml");
