// Every npm script starts with scripts/require-node.mjs, so an old Node gets a clear message instead of a stack.
import { readFile } from "node:fs/promises";
import { expect, test } from "vitest";
import { isSupportedNode } from "../../scripts/require-node.mjs";
import { projectRoot, runCommand } from "../support/project-copy.ts";

test("accepts Node 24.18 and later, refuses anything older", () => {
  for (const version of ["v24.18.0", "v24.21.0", "v25.0.0", "26.1.2"]) expect(isSupportedNode(version), version).toBe(true);
  for (const version of ["v20.20.2", "v22.12.0", "v24.17.9", "v23.99.0"]) expect(isSupportedNode(version), version).toBe(false);
});

test("passes silently on this Node", async () => {
  const result = await runCommand(process.execPath, ["scripts/require-node.mjs"], projectRoot);
  expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
});

test("guards every npm script that runs project code", async () => {
  const { scripts } = JSON.parse(await readFile(`${projectRoot}/package.json`, "utf8")) as { scripts: Record<string, string> };
  const unguarded = Object.entries(scripts)
    .filter(([name, command]) => name !== "prepack" && !command.startsWith("node scripts/require-node.mjs && "))
    .map(([name]) => name);
  expect(unguarded).toEqual([]);
  expect(scripts.prepack).toBe("npm run build");
});
