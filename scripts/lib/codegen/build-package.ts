// The published client package, built apart from this repository's own package.json (which is the API team's
// toolchain, private, Node ≥ 24.18): dist/package/ gets the compiled client, client/package.json (its own name,
// engines and single dependency) and client/README.md (for the client's users; the repository's README stays here).
import { copyFile, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { bin, projectRoot, run } from "../cli/run-tools.ts";
import { StepFailed } from "../cli/steps.ts";

export const packageDir = "dist/package";
const packageFiles = ["package.json", "README.md"];

export async function buildPackage(root: string = projectRoot): Promise<string> {
  await checkDependencies(root); // first: it reads two files, the compile takes seconds
  const output = path.join(root, packageDir);
  await rm(output, { recursive: true, force: true }); // no stale module from a file since removed
  const compile = await run(bin("tsc"), ["-p", "tsconfig.build.json"], { cwd: root });
  if (compile.code !== 0) throw new StepFailed(`tsc -p tsconfig.build.json exited with ${compile.code}.`);
  for (const file of packageFiles) await copyFile(path.join(root, "client", file), path.join(output, file));
  return output;
}

/** The client's dependency must be the version the repository develops and tests it with. */
async function checkDependencies(root: string): Promise<void> {
  const readJson = async (file: string) =>
    JSON.parse(await readFile(path.join(root, file), "utf8")) as { dependencies?: Record<string, string> };
  const [published, developed] = await Promise.all([readJson("client/package.json"), readJson("package.json")]);
  const mismatches = Object.entries(published.dependencies ?? {})
    .filter(([name, version]) => developed.dependencies?.[name] !== version)
    .map(
      ([name, version]) =>
        `${name}: client/package.json has ${version}, package.json has ${developed.dependencies?.[name] ?? "none"}`,
    );
  if (mismatches.length > 0) {
    throw new StepFailed(
      `client/package.json's dependencies differ from the ones the client is tested with:\n  ${mismatches.join("\n  ")}`,
    );
  }
}
