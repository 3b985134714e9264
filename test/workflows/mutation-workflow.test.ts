// .github/workflows/mutation.yml runs `npm run test:mutation` nightly and on demand, never on every pull request
// (it takes minutes), and always uploads Stryker's HTML report. Checked here, with mutations of the file that must fail.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";

type Json = Record<string, any>;

function workflowProblems(text: string, strykerConfig: Json, packageJson: Json): string[] {
  const problems: string[] = [];
  const workflow = parse(text) as Json;
  const on = (workflow.on ?? {}) as Json;
  const crons = ((on.schedule ?? []) as Json[]).map((entry) => entry.cron).filter((cron) => typeof cron === "string");
  if (crons.length === 0) problems.push("the workflow must run on a schedule");
  if (!("workflow_dispatch" in on)) problems.push("the workflow must be runnable on demand (workflow_dispatch)");
  if ("pull_request" in on || "push" in on)
    problems.push("mutation testing must not run on every push or pull request");

  const steps = Object.values((workflow.jobs ?? {}) as Record<string, Json>).flatMap(
    (job) => (job.steps ?? []) as Json[],
  );
  const setupNode = steps.find((step) => String(step.uses ?? "").startsWith("actions/setup-node@"));
  if (setupNode?.with?.["node-version-file"] !== ".nvmrc") problems.push("Node must come from .nvmrc");
  if (!steps.some((step) => /\bnpm ci\b/.test(String(step.run ?? ""))))
    problems.push("dependencies must be installed with npm ci");
  if (!steps.some((step) => /\bnpm run test:mutation\b/.test(String(step.run ?? ""))))
    problems.push("the workflow must run npm run test:mutation");
  if (!packageJson.scripts?.["test:mutation"]) problems.push("package.json has no test:mutation script");

  const upload = steps.find((step) => String(step.uses ?? "").startsWith("actions/upload-artifact@"));
  const reportDir = path.posix.dirname(strykerConfig.htmlReporter?.fileName ?? "");
  if (!upload) problems.push("the HTML report is not uploaded");
  else {
    if (upload.if !== "always()") problems.push("the report must be uploaded also when the gate fails (if: always())");
    if (String(upload.with?.path ?? "").replace(/\/$/, "") !== reportDir)
      problems.push(`the artifact must be Stryker's report folder ${reportDir}`);
  }
  return problems;
}

const read = (relative: string) => readFile(path.join(projectRoot, relative), "utf8");
const [text, strykerConfig, packageJson] = await Promise.all([
  read(".github/workflows/mutation.yml"),
  read("stryker.config.json").then((json) => JSON.parse(json) as Json),
  read("package.json").then((json) => JSON.parse(json) as Json),
]);

test("runs npm run test:mutation nightly and on demand, and uploads the HTML report", () => {
  expect(workflowProblems(text, strykerConfig, packageJson)).toEqual([]);
});

test("fails when the schedule, the script or the report upload goes wrong", () => {
  const mutate = (from: string | RegExp, to: string) => {
    const mutated = text.replace(from, to);
    expect(mutated, `mutation ${String(from)} did not apply`).not.toBe(text);
    return workflowProblems(mutated, strykerConfig, packageJson);
  };
  expect(mutate(/ {2}schedule:\n.*\n/, "")).toContain("the workflow must run on a schedule");
  expect(mutate("  workflow_dispatch:\n", "  pull_request:\n")).toEqual(
    expect.arrayContaining([
      "the workflow must be runnable on demand (workflow_dispatch)",
      "mutation testing must not run on every push or pull request",
    ]),
  );
  expect(mutate("node-version-file: .nvmrc", "node-version: 24")).toContain("Node must come from .nvmrc");
  expect(mutate("run: npm ci --no-audit --no-fund", "run: npm install")).toContain(
    "dependencies must be installed with npm ci",
  );
  expect(mutate("uses: actions/upload-artifact@v4", "uses: actions/cache@v4")).toContain(
    "the HTML report is not uploaded",
  );
  expect(mutate("run: npm run test:mutation", "run: npx stryker run")).toContain(
    "the workflow must run npm run test:mutation",
  );
  expect(mutate("        if: always()\n", "")).toContain(
    "the report must be uploaded also when the gate fails (if: always())",
  );
  expect(mutate("path: reports/mutation/", "path: reports/")).toContain(
    "the artifact must be Stryker's report folder reports/mutation",
  );
  expect(workflowProblems(text, strykerConfig, { scripts: {} })).toContain("package.json has no test:mutation script");
});

test("npm test does not run mutation testing (it takes minutes)", () => {
  expect(packageJson.scripts.test).not.toMatch(/stryker|test:mutation/);
});
