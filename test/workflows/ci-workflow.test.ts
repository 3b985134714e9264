// .github/workflows/ci.yml and .ci/run must run the same npm scripts, so the forge and the local CI cannot drift apart.
// The workflow may add only what needs the forge (lint annotations, the PR gate, the Pages build); everything else
// about it that matters (Node from .nvmrc, full history, PR-only gate, main-only deploy) is checked here too.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/tools.ts";

type Json = Record<string, any>;

/** npm commands a workflow may run that .ci/run does not, and why. */
const forgeOnly: Record<string, string> = {
  "diff:spec": "needs a pull request's base branch",
};

/** `npm ci`, `npm test`, `npm run x -- …` → ci, test, x (in order of appearance). */
function npmCommands(shell: string): string[] {
  const commands: string[] = [];
  for (const line of shell.split("\n")) {
    if (/^\s*(#|echo\b)/.test(line)) continue;
    for (const match of line.matchAll(/\bnpm (ci|test|run ([\w:-]+))\b/g)) commands.push(match[2] ?? match[1]!);
  }
  return commands;
}

function steps(job: Json | undefined): Json[] {
  return (job?.steps ?? []) as Json[];
}

function findStep(job: Json | undefined, predicate: (step: Json) => boolean): Json | undefined {
  return steps(job).find(predicate);
}

const runs = (script: string) => (step: Json) => typeof step.run === "string" && npmCommands(step.run).includes(script);
const uses = (action: string) => (step: Json) => typeof step.uses === "string" && step.uses.startsWith(`${action}@`);
const onlyOnMainPush = (condition: unknown) =>
  typeof condition === "string" && condition.includes("github.event_name == 'push'") && condition.includes("github.ref == 'refs/heads/main'");

/** Everything wrong with a workflow, given .ci/run and package.json; empty when all is well. */
function workflowProblems(workflowText: string, ciRun: string, packageJson: Json): string[] {
  const problems: string[] = [];
  const workflow = parse(workflowText) as Json;
  const jobs = (workflow.jobs ?? {}) as Record<string, Json>;
  const allSteps = Object.values(jobs).flatMap(steps);
  const workflowNpm = allSteps.flatMap((step) => (typeof step.run === "string" ? npmCommands(step.run) : []));
  const localNpm = npmCommands(ciRun);

  for (const command of localNpm) if (!workflowNpm.includes(command)) problems.push(`.ci/run runs npm ${command}; the workflow does not`);
  for (const command of new Set(workflowNpm)) {
    if (!localNpm.includes(command) && !(command in forgeOnly)) problems.push(`the workflow runs npm ${command}; .ci/run does not`);
    if (!["ci", "test"].includes(command) && !(command in (packageJson.scripts ?? {}))) problems.push(`npm run ${command} is not a package.json script`);
  }

  const ci = Object.values(jobs).find((job) => findStep(job, runs("test")));
  if (!ci) return [...problems, "no job runs npm test"];
  const checkout = findStep(ci, uses("actions/checkout"));
  if (!checkout || !checkout.uses.endsWith("@v4")) problems.push("the test job must use actions/checkout@v4");
  if (checkout?.with?.["fetch-depth"] !== 0) problems.push("checkout needs fetch-depth: 0 (diff:spec needs the merge base)");
  const setupNode = findStep(ci, uses("actions/setup-node"));
  if (!setupNode || !setupNode.uses.endsWith("@v4") || setupNode.with?.["node-version-file"] !== ".nvmrc") {
    problems.push("Node must come from actions/setup-node@v4 with node-version-file: .nvmrc");
  }
  if (setupNode?.with?.["node-version"] !== undefined) problems.push("node-version must not be pinned beside .nvmrc");

  const lint = findStep(ci, runs("lint"));
  if (!lint || !/--format[ =]github-actions/.test(lint.run)) problems.push("lint must run with --format github-actions");
  if (!findStep(ci, runs("check:generated"))) problems.push("the drift check (npm run check:generated) is missing");
  const testStep = findStep(ci, runs("test"));
  if (testStep?.if !== undefined) problems.push("npm test must run on every event");

  if (!workflow.on?.pull_request && !(Array.isArray(workflow.on) && workflow.on.includes("pull_request"))) problems.push("the workflow must run on pull_request");
  const gate = findStep(ci, runs("diff:spec"));
  if (!gate) problems.push("the breaking-change gate (npm run diff:spec) is missing");
  else if (gate.if !== "github.event_name == 'pull_request'") problems.push("diff:spec must run on pull requests (if: github.event_name == 'pull_request')");
  else if (!/--base\b/.test(gate.run) || !String(gate.env?.BASE_REF ?? "").includes("github.base_ref")) problems.push("diff:spec must compare with the pull request's base");

  const upload = allSteps.find(uses("actions/upload-pages-artifact"));
  if (!upload) problems.push("docs are not uploaded with actions/upload-pages-artifact");
  else {
    if (upload.with?.path !== "dist/docs") problems.push("the Pages artifact must be dist/docs");
    if (!onlyOnMainPush(upload.if)) problems.push("the Pages artifact must be uploaded only on pushes to main");
  }
  const deployJob = Object.values(jobs).find((job) => findStep(job, uses("actions/deploy-pages")));
  if (!deployJob) problems.push("no job deploys with actions/deploy-pages");
  else {
    if (!onlyOnMainPush(deployJob.if)) problems.push("the deploy job must run only on pushes to main");
    if (deployJob.permissions?.pages !== "write" || deployJob.permissions?.["id-token"] !== "write") problems.push("the deploy job needs permissions pages: write and id-token: write");
    if (deployJob.environment?.name !== "github-pages") problems.push("the deploy job must use the github-pages environment");
    const needs = [deployJob.needs].flat();
    const ciName = Object.entries(jobs).find(([, job]) => job === ci)?.[0];
    if (!needs.includes(ciName)) problems.push("the deploy job must wait for the test job (needs)");
  }
  return problems;
}

const read = (relative: string) => readFile(path.join(projectRoot, relative), "utf8");
const [workflowText, ciRun, packageJson] = await Promise.all([
  read(".github/workflows/ci.yml"),
  read(".ci/run"),
  read("package.json").then((text) => JSON.parse(text) as Json),
]);

describe(".github/workflows/ci.yml", () => {
  test(".ci/run runs npm ci, lint, npm test, the drift check and the docs build", () => {
    expect(npmCommands(ciRun)).toEqual(["ci", "lint", "test", "check:generated", "docs"]);
  });

  test("runs the same npm scripts as .ci/run, and is wired the way the README says", () => {
    expect(workflowProblems(workflowText, ciRun, packageJson)).toEqual([]);
    const jobs = Object.values((parse(workflowText) as Json).jobs as Record<string, Json>);
    const commands = jobs.flatMap(steps).flatMap((step) => (typeof step.run === "string" ? npmCommands(step.run) : []));
    expect(new Set(commands)).toEqual(new Set(["ci", "lint", "check:generated", "diff:spec", "test", "docs"]));
  });

  test("fails when the two drift apart or a gate is mis-wired", () => {
    const mutate = (from: string | RegExp, to: string) => {
      const mutated = workflowText.replace(from, to);
      expect(mutated, `mutation ${String(from)} did not apply`).not.toBe(workflowText);
      return workflowProblems(mutated, ciRun, packageJson);
    };
    expect(mutate("run: npm run check:generated", "run: echo skipped")).toContain("the drift check (npm run check:generated) is missing");
    expect(mutate("run: npm run check:generated", "run: npm run check:generated && npm run bench")).toContain(
      "the workflow runs npm bench; .ci/run does not",
    );
    expect(workflowProblems(workflowText, `${ciRun}\nnpm run build\n`, packageJson)).toContain(".ci/run runs npm build; the workflow does not");
    expect(mutate("node-version-file: .nvmrc", "node-version: 24")).toContain("Node must come from actions/setup-node@v4 with node-version-file: .nvmrc");
    expect(mutate("fetch-depth: 0", "fetch-depth: 1")).toContain("checkout needs fetch-depth: 0 (diff:spec needs the merge base)");
    expect(mutate("run: npm run lint -- --format github-actions", "run: npm run lint")).toContain("lint must run with --format github-actions");
    expect(mutate("        if: github.event_name == 'pull_request'\n", "")).toContain(
      "diff:spec must run on pull requests (if: github.event_name == 'pull_request')",
    );
    expect(mutate("    if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n    runs-on", "    runs-on")).toContain(
      "the deploy job must run only on pushes to main",
    );
    expect(mutate("      id-token: write\n", "")).toContain("the deploy job needs permissions pages: write and id-token: write");
  });
});
