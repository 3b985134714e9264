// JavaScript runtimes from the npm registry (node@22, bun, deno), installed once into node_modules/.cache so repeated
// test runs reuse them. Each is installed into a temp folder and renamed into place, so two test files asking for the
// same runtime at once cannot see half an install.
import { access, constants, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { runCommand } from "./run.ts";

const runtimeCache = path.join(projectRoot, "node_modules", ".cache", "kirim-runtimes");

export interface Runtime {
  /** The package spec it came from, e.g. "node@22". */
  spec: string;
  /** The executable. */
  bin: string;
  /** The folder holding it, to put first on PATH. */
  binDir: string;
}

const executables: Record<string, string> = { node: "node", bun: "bun", deno: "deno" };

async function exists(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** `spec` is an npm package spec whose package ships the runtime's binary: "node@22", "bun", "deno". */
export async function runtimeFromNpm(spec: string): Promise<Runtime> {
  const name = spec.replace(/@[^@]*$/, "") || spec;
  const executable = executables[name];
  if (!executable) throw new Error(`runtimeFromNpm: no known binary for ${spec}`);
  const folder = path.join(runtimeCache, spec.replace(/[^a-zA-Z0-9.-]+/g, "-"));
  const binDir = path.join(folder, "node_modules", ".bin");
  const bin = path.join(binDir, executable);
  if (!(await exists(bin))) {
    await mkdir(runtimeCache, { recursive: true });
    const scratch = await mkdtemp(path.join(runtimeCache, ".installing-"));
    const install = await runCommand(
      "npm",
      ["install", "--prefix", scratch, "--no-save", "--no-audit", "--no-fund", "--no-package-lock", spec],
      scratch,
    );
    if (install.code !== 0) {
      await rm(scratch, { recursive: true, force: true });
      throw new Error(`npm install ${spec} failed:\n${install.stderr}`);
    }
    await rename(scratch, folder).catch(async () => rm(scratch, { recursive: true, force: true })); // another run won
    if (!(await exists(bin))) throw new Error(`npm install ${spec} did not provide ${bin}`);
  }
  return { spec, bin, binDir };
}
