// The contract suite's jobs in .github/workflows/ci.yml: the shard plan comes from test/contract/shard-plan.ts, each
// planned shard runs the contract project with KIRIM_CONTRACT_SHARD, and the public specs that pass run whole. Each
// rule is shown failing on a broken copy of the workflow text.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";

type Json = Record<string, any>;

const publicSpecs = ["museum", "tictactoe", "petstore"];

/** A GitHub Actions expression as the workflow writes it: `${{ inner }}`. */
const expression = (inner: string) => `\${{ ${inner} }}`;

/** What is wrong with the contract jobs of a workflow; empty when nothing is. */
function contractJobProblems(text: string): string[] {
  const jobs = ((parse(text) as Json).jobs ?? {}) as Record<string, Json>;
  const runsOf = (job: Json | undefined): string[] =>
    ((job?.steps ?? []) as Json[]).map((step) => step.run).filter((run): run is string => typeof run === "string");
  const problems: string[] = [];
  const plan = jobs["contract-plan"];
  if (
    !runsOf(plan).some((run) =>
      run.includes('node test/contract/shard-plan.ts generated/openapi.yaml >> "$GITHUB_OUTPUT"'),
    )
  )
    problems.push("contract-plan must write shard-plan.ts's output to $GITHUB_OUTPUT");
  if (plan?.outputs?.shards !== `${expression("steps.plan.outputs.shards")}`)
    problems.push("contract-plan must output shards");
  const shards = jobs["contract-shards"];
  if (shards?.strategy?.matrix?.shard !== `${expression("fromJSON(needs.contract-plan.outputs.shards)")}`)
    problems.push("contract-shards' matrix must be the plan's shards");
  if (shards?.if !== "needs.contract-plan.outputs.shards != '[]'")
    problems.push("contract-shards must skip an empty plan");
  const shardStep = ((shards?.steps ?? []) as Json[]).find((step) => step.env?.KIRIM_CONTRACT_SHARD);
  if (
    shardStep?.env?.KIRIM_CONTRACT_SHARD !== `${expression("matrix.shard")}` ||
    shardStep?.run !== "npx vitest run --project contract"
  )
    problems.push("each shard must run the contract project with KIRIM_CONTRACT_SHARD from the matrix");
  const specs = jobs["contract-public-specs"];
  const listed = (specs?.strategy?.matrix?.spec ?? []) as string[];
  for (const spec of publicSpecs) if (!listed.includes(spec)) problems.push(`contract-public-specs must run ${spec}`);
  if (
    !runsOf(specs).some((run) =>
      run.includes(
        `npm run contract:provider -- --spec test/fixtures/public-specs/${expression("matrix.spec")}/openapi.yaml`,
      ),
    )
  )
    problems.push("contract-public-specs must run the suite on the matrix's spec");
  return problems;
}

const workflowFile = path.join(projectRoot, ".github/workflows/ci.yml");
// The meta tests run this project in copies of the spec and client parts, without .github/.
const workflow = existsSync(workflowFile) ? await readFile(workflowFile, "utf8") : "";

describe.skipIf(workflow === "")("the contract jobs of ci.yml", () => {
  it("ci.yml plans the shards, runs each, and runs the public specs", () => {
    expect(contractJobProblems(workflow)).toEqual([]);
  });

  it.each([
    [
      "a shard without its setting",
      `KIRIM_CONTRACT_SHARD: ${expression("matrix.shard")}`,
      `KIRIM_CONTRACT_SHARDS: ${expression("matrix.shard")}`,
    ],
    ["a fixed matrix", `${expression("fromJSON(needs.contract-plan.outputs.shards)")}`, "[1/4, 2/4]"],
    ["a public spec left out", "spec: [museum, tictactoe, petstore]", "spec: [museum, tictactoe]"],
    ["no plan output", '>> "$GITHUB_OUTPUT"', "> /dev/null"],
  ])("fails on %s", (_name, from, to) => {
    expect(workflow).toContain(from);
    expect(contractJobProblems(workflow.replace(from, to))).not.toEqual([]);
  });
});
