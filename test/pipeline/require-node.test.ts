// Old Node is refused at once: `npm ci` stops before installing anything (engine-strict in .npmrc), and every npm
// script starts with scripts/require-node.mjs, so an old Node gets the switch command instead of a stack.
import { access, copyFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { isSupportedNode, switchAdvice } from "../../scripts/require-node.mjs";
import { runCommand } from "../helpers/run.ts";
import { runtimeFromNpm } from "../helpers/runtimes.ts";

test("accepts Node 24.18 and later, refuses anything older", () => {
  for (const version of ["v24.18.0", "v24.21.0", "v25.0.0", "26.1.2"])
    expect(isSupportedNode(version), version).toBe(true);
  for (const version of ["v20.20.2", "v22.12.0", "v24.17.9", "v23.99.0"])
    expect(isSupportedNode(version), version).toBe(false);
});

test("passes silently on this Node", async () => {
  const result = await runCommand(process.execPath, ["scripts/require-node.mjs"], projectRoot);
  expect(result).toEqual({ code: 0, output: "", stdout: "", stderr: "" });
});

test("on Node 22 (from npm) the guard exits 1 with the switch advice, not a stack", async () => {
  const node22 = await runtimeFromNpm("node@22");
  const result = await runCommand(node22.bin, ["scripts/require-node.mjs"], projectRoot);
  expect(result.code).toBe(1);
  const version = /this is (v22\.\d+\.\d+)\./.exec(result.stderr)?.[1];
  expect(version, result.stderr).toBeDefined();
  expect(result.stderr.trim()).toBe(switchAdvice(version!));
});

test("the advice names both ways to switch, including the PATH step, and the README quotes it", async () => {
  const advice = switchAdvice("v22.12.0");
  expect(advice).toContain("this is v22.12.0");
  expect(advice).toContain("nvm install && nvm use");
  expect(advice).toContain("npm install --prefix .tools/node24 --no-save node@24");
  expect(advice).toContain('export PATH="$PWD/.tools/node24/node_modules/.bin:$PATH"');
  const readme = await readFile(path.join(projectRoot, "README.md"), "utf8");
  for (const line of advice.split("\n").filter((line) => /^\s{4}(npm|export)/.test(line)))
    expect(readme).toContain(line.trim());
});

test("`npm ci` on Node 22 (from npm) refuses with EBADENGINE before installing anything", async () => {
  const node22 = await runtimeFromNpm("node@22");
  const work = await mkdtemp(path.join(tmpdir(), "kirim-old-node-"));
  try {
    for (const file of ["package.json", "package-lock.json", ".npmrc"])
      await copyFile(path.join(projectRoot, file), path.join(work, file));
    const result = await runCommand("npm", ["ci", "--no-audit", "--no-fund"], work, {
      PATH: `${node22.binDir}${path.delimiter}${process.env.PATH}`,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("EBADENGINE");
    expect(result.stderr).toMatch(/Required: \{"node":">=24\.18"\}/);
    expect(result.stderr).toMatch(/Actual: +\{"node":"v22\./);
    expect(
      await access(path.join(work, "node_modules")).then(
        () => "exists",
        () => "absent",
      ),
    ).toBe("absent");
    expect((await readdir(work)).sort()).toEqual([".npmrc", "package-lock.json", "package.json"]);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

test("guards every npm script that runs project code", async () => {
  const { scripts } = JSON.parse(await readFile(`${projectRoot}/package.json`, "utf8")) as {
    scripts: Record<string, string>;
  };
  const unguarded = Object.entries(scripts)
    .filter(([, command]) => !command.startsWith("node scripts/require-node.mjs && "))
    .map(([name]) => name);
  expect(unguarded).toEqual([]);
});
