// `npm run lint`: openapi/ against redocly.yaml (recommended-strict plus house rules), in this process.
import { formatProblems, getTotals, type OutputFormat } from "@redocly/openapi-core";
import { StepFailed } from "../cli/steps.ts";
import { lintProblems, lintSpec, type SpecProject } from "./redocly-project.ts";

/** Redocly's own report formats, for CI (`--format github-actions` annotates the diff) and other tools. */
export const reportFormats: readonly OutputFormat[] = [
  "codeframe",
  "stylish",
  "json",
  "checkstyle",
  "codeclimate",
  "summary",
  "github-actions",
  "markdown",
  "junit",
];

/**
 * Lints the spec; fails on any problem, warnings included. Without `format`, the failure lists each problem as
 * `openapi/<file>.yaml:<line>:<col>` with what to change. With one, Redocly's formatter prints the report (to stdout)
 * and the failure only sums up.
 */
export async function lint(project: SpecProject, format?: OutputFormat): Promise<void> {
  if (!format) return lintSpec(project);
  const problems = await lintProblems(project);
  // Thin spot: formatProblems and getTotals are what the Redocly CLI prints its reports with; openapi-core exports
  // them but its README does not document them.
  formatProblems(problems, { format, totals: getTotals(problems), version: "openapi-core", command: "lint" });
  if (problems.length > 0)
    throw new StepFailed(
      `Lint failed: ${problems.length} ${problems.length === 1 ? "problem" : "problems"} in openapi/ (report above).`,
    );
}
