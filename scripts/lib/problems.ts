// Redocly's problems as one line each, `openapi/<file>.yaml:<line>:<col>  <severity>  <rule>  <message>`, plus what to
// change where the rule's own message does not say. Editors and terminals open `file:line:col` with a click.
import path from "node:path";
import { type NormalizedProblem, getLineColLocation } from "@redocly/openapi-core";

const hints: Record<string, string> = {
  "no-invalid-media-type-examples": "the example does not match its schema: change the example (or the schema, if the example is right).",
  "no-invalid-schema-examples": "the example does not match its schema: change the example (or the schema, if the example is right).",
  "no-invalid-parameter-examples": "the example does not match the parameter's schema: change one of them.",
  "no-unresolved-refs": "the $ref points at a file or pointer that does not exist or does not parse: fix the path or that file.",
  struct: "this is not valid OpenAPI 3.1 here: fix the key or value (see the OpenAPI 3.1 specification).",
  "no-unused-components": "nothing refers to this component: $ref it from an operation, or delete it.",
};

export function describeProblems(problems: NormalizedProblem[], root: string): string {
  return problems.map((problem) => describeProblem(problem, root)).join("\n");
}

function describeProblem(problem: NormalizedProblem, root: string): string {
  const severity = problem.severity === "warn" ? "warning" : problem.severity;
  const message = relativePaths(problem.message.trim(), root);
  const hint = hints[problem.ruleId];
  return `${where(problem, root)}  ${severity}  ${problem.ruleId}  ${message}${hint ? `\n    → ${hint}` : ""}`;
}

/**
 * Thin spot: getLineColLocation is exported by @redocly/openapi-core (its CLI formats every problem with it) but not
 * in its README. It turns a problem's JSON pointer into the line and column of that node in the YAML source.
 */
function where(problem: NormalizedProblem, root: string): string {
  const location = problem.location[0];
  if (!location) return "openapi/";
  const file = relativePaths(location.source.absoluteRef, root);
  try {
    const { start } = getLineColLocation(location);
    return `${file}:${start.line}:${start.col}`;
  } catch {
    return `${file} at ${location.pointer ?? "#"}`;
  }
}

function relativePaths(text: string, root: string): string {
  return text.replaceAll(`${path.resolve(root)}${path.sep}`, "");
}
