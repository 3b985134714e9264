// The dependency check of `npm run build` (scripts/lib/codegen/build-package.ts): the published client/package.json must depend on
// the versions this repository tests the client with, and a copy where it does not fails the build, naming the package.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { buildPackage } from "../../scripts/lib/codegen/build-package.ts";

/** A folder holding only the two package.json files the check reads. */
async function packageRoot(published: Record<string, string>, developed: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "kirim-package-deps-"));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  await mkdir(path.join(root, "client"));
  await writeFile(path.join(root, "client/package.json"), JSON.stringify({ dependencies: published }));
  await writeFile(path.join(root, "package.json"), JSON.stringify({ dependencies: developed }));
  return root;
}

test("a published dependency at another version than the tested one fails the build, naming both", async () => {
  const root = await packageRoot({ "openapi-fetch": "0.16.0" }, { "openapi-fetch": "0.17.0" });
  await expect(buildPackage(root)).rejects.toThrow(
    "client/package.json's dependencies differ from the ones the client is tested with:\n" +
      "  openapi-fetch: client/package.json has 0.16.0, package.json has 0.17.0",
  );
});

test("a published dependency the repository does not have fails it too", async () => {
  const root = await packageRoot({ "left-pad": "1.3.0" }, { "openapi-fetch": "0.17.0" });
  await expect(buildPackage(root)).rejects.toThrow("left-pad: client/package.json has 1.3.0, package.json has none");
});

test("matching dependencies pass: the package is built", async () => {
  const root = await packageRoot({ "openapi-fetch": "0.17.0" }, { "openapi-fetch": "0.17.0" });
  await writeFile(path.join(root, "client/README.md"), "# @kirim/client\n");
  await writeFile(path.join(root, "index.ts"), "export const answer = 42;\n");
  await writeFile(
    path.join(root, "tsconfig.build.json"),
    // lib without the DOM: the same build, without tsc parsing the DOM's declarations for a file that uses none.
    JSON.stringify({
      compilerOptions: { outDir: "dist/package", module: "nodenext", lib: ["es2022"] },
      files: ["index.ts"],
    }),
  );
  const output = await buildPackage(root);
  expect((await readdir(output)).sort()).toEqual(["README.md", "index.js", "package.json"]);
});
