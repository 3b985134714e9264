// Temp copies of the project, so tests can break the spec without touching the working tree.
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectRoot, quietEnv, run } from "../../scripts/lib/cli/run-tools.ts";

/** The lint config: redocly.yaml, its plugin, and the analysis (and naming rules) the plugin shares with the generator. */
export const lintConfigParts = [
  "redocly.yaml",
  "redocly",
  "scripts/lib/codegen/client-names.ts",
  "scripts/lib/codegen/operation-shape.ts",
  "scripts/lib/codegen/pagination-shape.ts",
];
const specParts = ["openapi", ...lintConfigParts, "generated"];
/** The spec and what typechecks against it: for copies that run the pipeline or the watcher. */
export const specAndClientParts = [...specParts, "src", "tsconfig.json", "package.json"];

export interface ProjectCopy {
  dir: string;
  file(relative: string): string;
  read(relative: string): Promise<string>;
  write(relative: string, text: string): Promise<void>;
  /** Replaces `from` with `to` in a file, failing loudly if `from` is not there (so a test cannot silently stop breaking anything). */
  edit(relative: string, from: string | RegExp, to: string): Promise<void>;
  remove(): Promise<void>;
}

export async function copyProject(parts: string[] = specParts): Promise<ProjectCopy> {
  const dir = await mkdtemp(path.join(tmpdir(), "kirim-project-"));
  for (const part of parts) await cp(path.join(projectRoot, part), path.join(dir, part), { recursive: true });
  await symlink(path.join(projectRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  const file = (relative: string) => path.join(dir, relative);
  const copy: ProjectCopy = {
    dir,
    file,
    read: (relative) => readFile(file(relative), "utf8"),
    write: (relative, text) => writeFile(file(relative), text),
    async edit(relative, from, to) {
      const before = await copy.read(relative);
      // Plain-text `from` puts `to` in literally; a RegExp `from` lets `to` name its groups ($1).
      const after = typeof from === "string" ? before.replace(from, () => to) : before.replace(from, to);
      if (after === before) throw new Error(`edit of ${relative}: ${String(from)} not found`);
      await copy.write(relative, after);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  return copy;
}

/** Every file of a folder (generated/, say) by name, to compare two states of it byte for byte. */
export async function folderContents(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(path.join(dir, name), "utf8")])),
  );
}

export type CommittedCopy = ProjectCopy & { git(...args: string[]): Promise<string> };

/** Makes the copy a git repo with everything but node_modules and `ignored` committed on `branch`. */
export async function commitCopy(copy: ProjectCopy, branch = "main", ignored: string[] = []): Promise<CommittedCopy> {
  await copy.write(".gitignore", ["node_modules", ...ignored, ""].join("\n"));
  const identity = ["-c", "user.name=Kirim Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"];
  const git = async (...args: string[]) => {
    const result = await run("git", [...identity, ...args], { cwd: copy.dir, quiet: true, env: quietEnv });
    if (result.code !== 0) throw new Error(`git ${args.join(" ")}: ${result.output}`);
    return result.stdout;
  };
  await git("init", "--quiet", `--initial-branch=${branch}`);
  await git("add", "--all");
  await git("commit", "--quiet", "--message", "spec as published");
  return Object.assign(copy, { git });
}
