// Optic, run in-process: its own spec loader, its own optic.yml loading (the `breaking-changes` standard plus our
// rulesets in scripts/lib/gate/optic-*.js) and its own compareSpecs, on the multi-file spec trees themselves. In-process
// because the CLI costs ~2 s of start-up per comparison and reports no JSON pointer we could map back to openapi/.
import { createRequire } from "node:module";
import path from "node:path";
import { projectRoot } from "../cli/run-tools.ts";
import { StepFailed } from "../cli/steps.ts";

const requireFromOptic = createRequire(createRequire(import.meta.url).resolve("@useoptic/optic/package.json"));

const openapiIo = requireFromOptic("@useoptic/openapi-io") as any;
const { compareSpecs } = requireFromOptic("@useoptic/openapi-utilities") as any;
const { generateRuleRunner } = requireFromOptic("./build/commands/diff/generate-rule-runner.js") as {
  generateRuleRunner: (options: unknown, checks: boolean) => Promise<{ runner: unknown; warnings: string[] }>;
};

const opticStandard = path.join(projectRoot, "optic.yml");

export interface OpticFinding {
  rule: string;
  message: string;
  /** JSON pointer into the base (for removals) or the working copy. */
  pointer: string;
  side: "base" | "head";
}

export interface OpticDiff {
  /** JSON pointer of what changed, in the working copy (or the base when removed). */
  pointer: string;
  kind: "added" | "removed" | "changed";
}

export interface OpticVerdict {
  findings: OpticFinding[];
  diffs: OpticDiff[];
}

/** Loads a spec tree as Optic's CLI does (resolve every $ref, then move path-level parameters into operations). */
async function loadForOptic(rootFile: string): Promise<any> {
  const parsed = await openapiIo.parseOpenAPIWithSourcemap(path.resolve(rootFile), { externalRefHeaders: [] });
  const version = openapiIo.checkOpenAPIVersion(parsed.jsonLike);
  const warnings: string[] = [];
  return { ...openapiIo.denormalize({ ...parsed, version }, version, warnings), version, isEmptySpec: false };
}

let runner: Promise<any> | undefined;

function ruleRunner(): Promise<any> {
  const options = { rulesetArg: opticStandard, config: { configPath: opticStandard }, specVersion: "3.1.x" };
  runner ??= generateRuleRunner(options, true).then((generated) => {
    if (generated.warnings.length > 0)
      throw new StepFailed(`optic.yml could not be loaded:\n${generated.warnings.join("\n")}`);
    return generated.runner;
  });
  return runner;
}

/** Every failed Optic check between two spec trees, and every raw difference (for the changelog). */
export async function runOptic(baseRoot: string, headRoot: string): Promise<OpticVerdict> {
  const [base, head, rules] = await Promise.all([loadForOptic(baseRoot), loadForOptic(headRoot), ruleRunner()]);
  // Our specification rules compare whole documents (servers, security schemes); Optic hands this context to rules.
  const results = await compareSpecs(base, head, rules, { kirim: { base: base.jsonLike, head: head.jsonLike } });
  const findings: OpticFinding[] = [];
  for (const result of results.results as any[]) {
    if (result.passed || result.exempted || result.severity < 2) continue; // 2 = error in Optic's Severity enum
    const location = result.location ?? {};
    // One of our rules may name several breaks, one a line.
    for (const line of String(result.error ?? result.name).split("\n")) {
      const { message, pointer } = splitPointer(line, location.jsonPath ?? "");
      findings.push({
        rule: result.name,
        message,
        pointer,
        side: location.spec === "before" ? "base" : "head",
      });
    }
  }
  const diffs: OpticDiff[] = (results.diffs as any[]).map((diff) => ({
    pointer: diff.after ?? diff.before ?? "",
    kind: diff.after === undefined ? "removed" : diff.before === undefined ? "added" : "changed",
  }));
  return { findings, diffs };
}

/** Our rules end a message with `(at <pointer>)` when the finding sits deeper than the fact Optic reports. */
function splitPointer(message: string, fallback: string): { message: string; pointer: string } {
  const match = /^(.*) \(at (\/[^)]*|)\)$/s.exec(message);
  return match ? { message: match[1]!, pointer: match[2]! } : { message, pointer: fallback };
}
