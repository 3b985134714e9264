// The scripts that read generated/openapi.yaml say what to do when it is not there: one line, no stack, no tool's help.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { runScript, runScriptInProcess } from "../helpers/run.ts";

const advice = "generated/openapi.yaml does not exist: run `npm run generate` first.";

test.each([
  ["mock.ts", ["--port", "0"], [`✖ the mock did not start: ${advice}`]],
  ["docs.ts", [], [expect.stringMatching(/^✖ docs failed after \d+\.\d s$/), advice]],
])("`%s` without a bundle says to generate one, and nothing else", async (script, args, stderrLines) => {
  const empty = await mkdtemp(path.join(tmpdir(), "kirim-no-bundle-"));
  onTestFinished(() => rm(empty, { recursive: true, force: true }));
  // mock.ts ends with process.exit, so it runs as a child; docs.ts ends in `main`, so in this process.
  const { code, stderr } = await (script === "mock.ts" ? runScript : runScriptInProcess)(script, args, empty);
  expect(code).toBe(1);
  expect(stderr.trim().split("\n")).toEqual(stderrLines);
});
