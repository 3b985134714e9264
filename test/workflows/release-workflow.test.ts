// The release workflow publishes the client package, and only it, with provenance, from a version tag that matches
// client/package.json, after the tests pass. Each rule is shown failing on a broken copy of the workflow.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";

type Json = Record<string, any>;
const workflowText = await readFile(path.join(projectRoot, ".github/workflows/release.yml"), "utf8");

/** Everything wrong with a release workflow; empty when all is well. */
function releaseProblems(workflow: Json): string[] {
  const problems: string[] = [];
  const triggers = Object.keys(workflow.on ?? {});
  if (triggers.join() !== "push" || workflow.on.push.branches || !workflow.on.push.tags?.length) {
    problems.push("must run only on pushed tags");
  }
  const jobs = Object.values(workflow.jobs ?? {}) as Json[];
  const steps = jobs.flatMap((job) => (job.steps ?? []) as Json[]);
  const runIndex = (pattern: RegExp) =>
    steps.findIndex((step) => typeof step.run === "string" && pattern.test(step.run));
  const publish = runIndex(/\bnpm publish\b/);
  if (publish < 0) return [...problems, "no npm publish step"];
  const publishRun = String(steps[publish]!.run);
  if (!/npm publish \.\/dist\/package\b/.test(publishRun))
    problems.push("must publish ./dist/package, not the repository");
  if (!publishRun.includes("--provenance")) problems.push("must publish with --provenance");
  const publishJob = jobs.find((job) => (job.steps ?? []).includes(steps[publish]));
  if (publishJob?.permissions?.["id-token"] !== "write") problems.push("the publishing job needs id-token: write");
  if (!/NPM_TOKEN/.test(JSON.stringify(steps[publish]!.env ?? {})))
    problems.push("publish needs NODE_AUTH_TOKEN from a secret");
  const testStep = runIndex(/\bnpm test\b/);
  const buildStep = runIndex(/\bnpm run build\b/);
  const versionCheck = runIndex(/client\/package\.json/);
  if (testStep < 0 || testStep > publish) problems.push("npm test must run before publishing");
  if (buildStep < 0 || buildStep > publish) problems.push("npm run build must run before publishing");
  if (versionCheck < 0 || versionCheck > publish)
    problems.push("the tag must be checked against client/package.json before publishing");
  return problems;
}

test("the release workflow passes every rule", () => {
  expect(releaseProblems(parse(workflowText) as Json)).toEqual([]);
});

test.each([
  [
    "also runs on main",
    (w: Json) => {
      w.on.push.branches = ["main"];
    },
    "must run only on pushed tags",
  ],
  [
    "publishes the repository",
    (w: Json) => {
      w.jobs.publish.steps.at(-1).run = "npm publish --provenance";
    },
    "must publish ./dist/package, not the repository",
  ],
  [
    "drops provenance",
    (w: Json) => {
      w.jobs.publish.steps.at(-1).run = "npm publish ./dist/package";
    },
    "must publish with --provenance",
  ],
  [
    "no OIDC token",
    (w: Json) => {
      delete w.jobs.publish.permissions["id-token"];
    },
    "the publishing job needs id-token: write",
  ],
  [
    "never publishes",
    (w: Json) => {
      w.jobs.publish.steps.pop();
    },
    "no npm publish step",
  ],
  [
    "publishes without the npm token",
    (w: Json) => {
      delete w.jobs.publish.steps.at(-1).env;
    },
    "publish needs NODE_AUTH_TOKEN from a secret",
  ],
  [
    "builds only after publishing",
    (w: Json) => {
      const steps: Json[] = w.jobs.publish.steps;
      steps.push(
        ...steps.splice(
          steps.findIndex((s) => s.run === "npm run build"),
          1,
        ),
      );
    },
    "npm run build must run before publishing",
  ],
  [
    "does not check the tag against client/package.json",
    (w: Json) => {
      w.jobs.publish.steps = w.jobs.publish.steps.filter((s: Json) => !String(s.run).includes("client/package.json"));
    },
    "the tag must be checked against client/package.json before publishing",
  ],
  [
    "skips the tests",
    (w: Json) => {
      w.jobs.publish.steps = w.jobs.publish.steps.filter((s: Json) => s.run !== "npm test");
    },
    "npm test must run before publishing",
  ],
])("a workflow that %s fails", (_label, breakIt, problem) => {
  const broken = parse(stringify(parse(workflowText))) as Json;
  breakIt(broken);
  expect(releaseProblems(broken)).toContain(problem);
});

test("client/package.json's version is a plain semver the tag pattern v*.*.* can match", async () => {
  const { version } = JSON.parse(await readFile(path.join(projectRoot, "client/package.json"), "utf8")) as {
    version: string;
  };
  expect(version).toMatch(/^\d+\.\d+\.\d+$/);
});
