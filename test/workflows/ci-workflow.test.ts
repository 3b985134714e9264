// CI has one entry point, `npm run ci` (scripts/ci.ts): .ci/run and .github/workflows/ci.yml both call it after
// `npm ci`. The workflow adds only what needs the forge (lint annotations, the PR gate, the Pages deploy); what matters
// about that is checked here: Node from .nvmrc, the gate on pull requests only, the deploy from main only.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { ciSteps } from "../../scripts/ci.ts";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { copyProject } from "../helpers/project-copy.ts";
import { runScript } from "../helpers/run.ts";

type Json = Record<string, any>;

const steps = (job: Json | undefined): Json[] => (job?.steps ?? []) as Json[];
const runs = (pattern: RegExp) => (step: Json) => typeof step.run === "string" && pattern.test(step.run);
const uses = (action: string) => (step: Json) => typeof step.uses === "string" && step.uses.startsWith(`${action}@`);
const onlyOnMainPush = (condition: unknown) =>
  typeof condition === "string" &&
  condition.includes("github.event_name == 'push'") &&
  condition.includes("github.ref == 'refs/heads/main'");

/** Everything wrong with the workflow; empty when all is well. */
function workflowProblems(workflowText: string): string[] {
  const problems: string[] = [];
  const workflow = parse(workflowText) as Json;
  const jobs = (workflow.jobs ?? {}) as Record<string, Json>;
  const ci = Object.values(jobs).find((job) => steps(job).some(runs(/\bnpm run ci\b/)));
  if (!ci) return ["no job runs npm run ci"];
  const setupNode = steps(ci).find(uses("actions/setup-node"));
  if (setupNode?.with?.["node-version-file"] !== ".nvmrc" || setupNode.with?.["node-version"] !== undefined) {
    problems.push("Node must come from actions/setup-node with node-version-file: .nvmrc (and no pinned node-version)");
  }
  if (steps(ci).find(runs(/\bnpm run ci\b/))?.if !== undefined) problems.push("npm run ci must run on every event");
  const gate = steps(ci).find(runs(/\bnpm run diff:spec\b/));
  if (gate?.if !== "github.event_name == 'pull_request'") problems.push("diff:spec must run on pull requests only");
  const upload = Object.values(jobs).flatMap(steps).find(uses("actions/upload-pages-artifact"));
  if (!onlyOnMainPush(upload?.if)) problems.push("the Pages artifact must be uploaded only on pushes to main");
  const deploy = Object.values(jobs).find((job) => steps(job).some(uses("actions/deploy-pages")));
  if (!onlyOnMainPush(deploy?.if)) problems.push("the deploy job must run only on pushes to main");
  return problems;
}

const read = (relative: string) => readFile(path.join(projectRoot, relative), "utf8");
const [workflowText, ciRun] = await Promise.all([read(".github/workflows/ci.yml"), read(".ci/run")]);

describe("the CI entry point", () => {
  test("runs the spec's lint, the whole project's typecheck, every test and the docs build, in that order", () => {
    expect(ciSteps().map((args) => args.join(" "))).toEqual(["run lint", "run typecheck", "test", "run docs"]);
    expect(ciSteps("github-actions")[0]).toEqual(["run", "lint", "--", "--format", "github-actions"]);
  });

  test(".ci/run installs with npm ci, then runs npm run ci", () => {
    const npm = ciRun
      .split("\n")
      .filter((line) => /^\s*npm /.test(line))
      .map((line) => line.trim());
    expect(npm).toEqual([
      "npm install --prefix .tools/node24 --no-audit --no-fund --no-save node@24 >/dev/null",
      "npm ci --no-audit --no-fund",
      "npm run ci",
    ]);
  });

  test("stops at the first failing step, with its exit", async () => {
    const copy = await copyProject(["openapi", "redocly.yaml", "redocly", "generated", "scripts", "package.json"]);
    try {
      await copy.edit("openapi/openapi.yaml", /openapi: 3\.1\.\d+/, "openapi: 3.1.0\ninfo: [not, an, object]");
      const result = await runScript("ci.ts", [], copy.dir);
      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain("✖ npm run lint failed");
      expect(result.output).not.toContain("▶ npm run typecheck");
    } finally {
      await copy.remove();
    }
  });
});

describe(".github/workflows/ci.yml", () => {
  test("runs npm run ci with Node from .nvmrc, the gate on pull requests, the deploy from main", () => {
    expect(workflowProblems(workflowText)).toEqual([]);
  });

  test("fails when a gate is mis-wired", () => {
    const mutate = (from: string | RegExp, to: string) => {
      const mutated = workflowText.replace(from, to);
      expect(mutated, `mutation ${String(from)} did not apply`).not.toBe(workflowText);
      return workflowProblems(mutated);
    };
    expect(mutate("npm run ci -- --lint-format github-actions", "npm test")).toContain("no job runs npm run ci");
    expect(
      mutate("        run: npm run ci --", "        if: github.event_name == 'push'\n        run: npm run ci --"),
    ).toContain("npm run ci must run on every event");
    expect(mutate("node-version-file: .nvmrc", "node-version: 24")).toContain(
      "Node must come from actions/setup-node with node-version-file: .nvmrc (and no pinned node-version)",
    );
    expect(mutate("        if: github.event_name == 'pull_request'\n", "")).toContain(
      "diff:spec must run on pull requests only",
    );
    expect(
      mutate("    if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n    runs-on", "    runs-on"),
    ).toContain("the deploy job must run only on pushes to main");
    expect(
      mutate(
        "        if: github.event_name == 'push' && github.ref == 'refs/heads/main'\n        uses: actions/upload-pages",
        "        uses: actions/upload-pages",
      ),
    ).toContain("the Pages artifact must be uploaded only on pushes to main");
  });
});
