// Redocly's problems as one line each, `openapi/<file>.yaml:<line>:<col>  <severity>  <rule>  <message>`, plus what to
// change where the rule's own message does not say. Editors and terminals open `file:line:col` with a click.
import path from "node:path";
import { getLineColLocation, type NormalizedProblem } from "@redocly/openapi-core";

const hints: Record<string, string> = {
  "no-invalid-media-type-examples":
    "the example does not match its schema: change the example (or the schema, if the example is right).",
  "no-invalid-schema-examples":
    "the example does not match its schema: change the example (or the schema, if the example is right).",
  "no-invalid-parameter-examples": "the example does not match the parameter's schema: change one of them.",
  "no-unresolved-refs":
    "a $ref points at a file or pointer that does not exist or does not parse: fix the path or that file.",
  struct: "this is not valid OpenAPI 3.1 here: fix the key or value (see the OpenAPI 3.1 specification).",
  "no-unused-components": "nothing refers to this component: $ref it from an operation, or delete it.",
};

/**
 * One entry per distinct problem: Redocly reports a file that does not parse once for every $ref to it, and those
 * copies are dropped. A rule's hint follows its first problem only.
 */
export function problemList(problems: NormalizedProblem[], root: string): string[] {
  const seen = new Set<string>();
  const hinted = new Set<string>();
  const list: string[] = [];
  for (const problem of problems) {
    const line = describeProblem(problem, root);
    if (seen.has(line)) continue;
    seen.add(line);
    const hint = hints[problem.ruleId];
    if (hint && !hinted.has(problem.ruleId)) {
      hinted.add(problem.ruleId);
      list.push(`${line}\n    → ${hint}`);
    } else list.push(line);
  }
  return list;
}

export function describeProblems(problems: NormalizedProblem[], root: string): string {
  return problemList(problems, root).join("\n");
}

function describeProblem(problem: NormalizedProblem, root: string): string {
  const severity = problem.severity === "warn" ? "warning" : problem.severity;
  const message = relativePaths(problem.message.trim().replace(/\s*\n\s*/g, " "), root);
  return `${where(problem, root)}  ${severity}  ${problem.ruleId}  ${message}`;
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

/** `text` with the project's absolute paths made relative to it, as every message shows them. */
export function relativePaths(text: string, root: string): string {
  return text.replaceAll(`${path.resolve(root)}${path.sep}`, "");
}
