// Compares two spec trees (each an openapi/ folder) with both engines, oasdiff and Optic, and merges their verdicts:
// every breaking finding attributed to its engine, located in openapi/, with a fix; plus the non-breaking changes
// (additive, docs-only) for the changelog and the version check.
import path from "node:path";
import { StepFailed } from "../cli/steps.ts";
import { decodePointer, encodePointer, specLocator } from "../spec/source-locations.ts";
import { type OasdiffChange, runOasdiff } from "./oasdiff.ts";
import { type OpticDiff, type OpticFinding, runOptic } from "./optic.ts";
import { exceptions, fixFor, oasdiffBreakingLevel } from "./policy.ts";

export interface SpecTree {
  /** The tree's openapi/openapi.yaml. */
  rootFile: string;
  /** How the tree is named in locations: "main", "working copy". */
  label: string;
}

export interface Finding {
  /** `sdk`: the generated client's surface (compare-sdk.ts), beside the two wire engines. */
  engine: "oasdiff" | "optic" | "sdk";
  rule: string;
  message: string;
  /** `PATCH /customers/{id}` or `(specification)`. */
  operation: string;
  /** `openapi/components/schemas/CustomerUpdate.yaml:16`, with ` (main)` when the place is only in the base. */
  location: string;
  fix: string;
  /** Why a reviewed exception lets this finding pass; undefined when it blocks. */
  excepted?: string;
}

export interface Change {
  kind: "additive" | "docs";
  operation: string;
  text: string;
}

export interface Comparison {
  breaking: Finding[];
  excepted: Finding[];
  changes: Change[];
}

export type Locate = (
  side: "base" | "head",
  pointer: string | undefined,
  file?: string,
  line?: number,
) => Promise<string>;

/** Compares two spec trees; a tree the engines cannot read is a StepFailed that says so. */
export async function compareSpecTrees(base: SpecTree, head: SpecTree): Promise<Comparison> {
  const [oasdiff, optic] = await runBothEngines(base, head);
  const locate = locator(base, head);

  const findings: Finding[] = [];
  const changes: Change[] = [];
  for (const change of oasdiff) {
    const operation = change.operation && change.path ? `${change.operation} ${change.path}` : "(specification)";
    if (change.level >= oasdiffBreakingLevel) findings.push(await fromOasdiff(change, operation, locate));
    else changes.push({ kind: "additive", operation, text: change.text });
  }
  for (const finding of dropCovered(optic.findings)) findings.push(await fromOptic(finding, locate));
  changes.push(...opticOnlyChanges(optic.diffs));

  for (const finding of findings) {
    const exception = exceptions.find(
      (entry) => entry.engine === finding.engine && entry.rule === finding.rule && entry.matches(finding.message),
    );
    if (exception) finding.excepted = exception.why;
  }
  const excepted = findings.filter((finding) => finding.excepted);
  // An excepted finding still changes the API (it widens it): additive, so a minor bump and a changelog entry.
  for (const finding of excepted)
    changes.push({ kind: "additive", operation: finding.operation, text: finding.message });
  return { breaking: findings.filter((finding) => !finding.excepted), excepted, changes };
}

async function runBothEngines(base: SpecTree, head: SpecTree) {
  try {
    return await Promise.all([runOasdiff(base.rootFile, head.rootFile), runOptic(base.rootFile, head.rootFile)]);
  } catch (error) {
    if (error instanceof StepFailed) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StepFailed(
      `The specs could not be compared (is every file under openapi/ valid YAML with resolvable $refs? npm run lint says where):\n  ${reason.split("\n")[0]}`,
    );
  }
}

async function fromOasdiff(change: OasdiffChange, operation: string, locate: Locate): Promise<Finding> {
  const source = change.revisionSource ?? change.baseSource;
  const side = !change.revisionSource && change.baseSource ? "base" : "head";
  const message = change.text.replace(/`/g, "'");
  return {
    engine: "oasdiff",
    rule: change.id,
    message,
    operation,
    // Some checks (nullability, components) carry no source; the operation is the nearest place we know.
    location: await locate(
      side,
      change.path && change.operation ? pointerOf(change.path, change.operation) : "",
      source?.file,
      source?.line,
    ),
    fix: fixFor(change.id, message),
  };
}

async function fromOptic(finding: OpticFinding, locate: Locate): Promise<Finding> {
  return {
    engine: "optic",
    rule: finding.rule,
    message: finding.message.replace(/ This is a breaking change\.$/, ""),
    operation: operationOf(finding.pointer),
    location: await locate(finding.side, finding.pointer),
    fix: fixFor(finding.rule, finding.message),
  };
}

/** Optic reports every property of a removed response or body again; the removal itself says it all. */
function dropCovered(findings: OpticFinding[]): OpticFinding[] {
  const removals = findings.filter((finding) => finding.side === "base").map((finding) => finding.pointer);
  return findings.filter(
    (finding) =>
      !(
        finding.side === "base" &&
        removals.some((pointer) => pointer !== finding.pointer && finding.pointer.startsWith(`${pointer}/`))
      ),
  );
}

const docsKeys = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "x-codeSamples",
  "externalDocs",
  "contact",
  "license",
  "tags",
  "termsOfService",
]);

/** What oasdiff does not report: documentation edits and our own x-kirim-* extensions (from Optic's raw diff). */
function opticOnlyChanges(diffs: OpticDiff[]): Change[] {
  const changes: Change[] = [];
  const seen = new Set<string>();
  for (const diff of diffs) {
    const segments = decodePointer(diff.pointer);
    if (segments[0] === "info" && segments[1] === "version") continue;
    const docs = segments.find((segment) => docsKeys.has(segment));
    const extension = segments.find((segment) => segment.startsWith("x-kirim-"));
    if (!docs && !extension) continue;
    const upTo = segments.indexOf((docs ?? extension)!);
    const text = `${describe(segments.slice(0, upTo + 1))} ${diff.kind}`;
    const operation = operationOf(diff.pointer);
    // Optic reports one edit once per pointer below it (an example's fields, say); an edit of a shared component
    // is still listed under every operation that uses it.
    if (seen.has(`${operation} ${text}`)) continue;
    seen.add(`${operation} ${text}`);
    changes.push({ kind: docs ? "docs" : "additive", operation, text });
  }
  return changes;
}

function pointerOf(route: string, method: string): string {
  return encodePointer(["paths", route, method.toLowerCase()]);
}

function operationOf(pointer: string): string {
  const [first, route, method] = decodePointer(pointer);
  return first === "paths" && route && method ? `${method.toUpperCase()} ${route}` : "(specification)";
}

/** `paths,/customers/{id},patch,responses,422,description` → `response 422 description`. */
function describe(segments: string[]): string {
  const rest = segments[0] === "paths" ? segments.slice(3) : segments;
  return rest
    .join(" ")
    .replace(/^responses (\d\d\d)/, "response $1")
    .replace(/content application\/json schema ?/g, "body ")
    .replace(/properties /g, "")
    .replace(/requestBody/, "request body")
    .trim();
}

/** Places in either tree as `openapi/<file>:<line>`, from a JSON pointer into the resolved spec or an engine's own file and line. */
export function locator(base: SpecTree, head: SpecTree): Locate {
  const trees = { base, head };
  const walkers = { base: specLocator(base.rootFile), head: specLocator(head.rootFile) };
  return async (side, pointer, file, line) => {
    const tree = trees[side];
    // oasdiff percent-encodes file names ({id} → %7Bid%7D).
    let place = file && line ? { file: path.resolve(decodeURIComponent(file)), line } : undefined;
    if (!place && pointer !== undefined) place = await walkers[side](pointer);
    if (!place) return side === "base" ? `openapi/ (${base.label})` : "openapi/";
    const relative = path.join("openapi", path.relative(path.dirname(tree.rootFile), place.file));
    return `${relative}:${place.line}${side === "base" ? ` (${base.label})` : ""}`;
  };
}
