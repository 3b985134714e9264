// Compares two spec trees (each an openapi/ folder) with both engines, redocly diff and oasdiff, plus our own rules
// (kirim-rules.ts), and merges their verdicts: every breaking finding attributed to its engine, located in openapi/,
// with a fix; plus the non-breaking changes (additive, docs-only) for the changelog and the version check.
import path from "node:path";
import { StepFailed } from "../cli/steps.ts";
import { decodePointer, encodePointer } from "../spec/source-locations.ts";
import { kirimRuleFindings } from "./kirim-rules.ts";
import { type OasdiffChange, runOasdiff } from "./oasdiff.ts";
import { type Candidate, exceptions, fixFor, oasdiffBreakingLevel } from "./policy.ts";
import { type RedoclyChange, runRedoclyDiff } from "./redocly-diff.ts";
import { type MessageKey, messageOfOasdiff, messageOfPointer, messagesWithSameFields } from "./same-fields.ts";
import { operationsSharing } from "./shared-nodes.ts";
import { type TreeReads, treeReads } from "./spec-reads.ts";

export interface SpecTree {
  /** The tree's openapi/openapi.yaml. */
  rootFile: string;
  /** How the tree is named in locations: "main", "working copy". */
  label: string;
}

export interface Finding {
  /** `sdk`: the generated client's surface (compare-sdk.ts), beside the two wire engines. */
  engine: "redocly" | "oasdiff" | "kirim" | "sdk";
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

/**
 * Compares two spec trees; a tree the engines cannot read is a StepFailed that says so. `reads`: what the judgement
 * has read of them already (the client comparison beside this one shares it).
 */
export async function compareSpecTrees(
  base: SpecTree,
  head: SpecTree,
  reads: TreeReads = treeReads(base, head),
): Promise<Comparison> {
  const [oasdiff, redocly] = await runBothEngines(base, head);
  const locate = locator(base, head, reads);

  let findings: Finding[] = [];
  /** What each exception is matched on: the finding, and for redocly diff the change behind it. */
  const candidates = new Map<Finding, Candidate>();
  let changes: Change[] = [];
  /** The request or response body each finding and change lies in, where it lies in one (same-fields.ts). */
  const bodyOf = new Map<Finding | Change, MessageKey | undefined>();
  for (const change of oasdiff) {
    const operation = oasdiffOperation(change);
    const item =
      change.level >= oasdiffBreakingLevel
        ? await fromOasdiff(change, operation, locate)
        : { kind: "additive" as const, operation, text: change.text };
    bodyOf.set(item, messageOfOasdiff(change.id, operation, change.text));
    if ("engine" in item) findings.push(item);
    else changes.push(item);
  }
  const sideOf = (file: string) => (file.startsWith(path.dirname(base.rootFile) + path.sep) ? "base" : "head");
  const [sharedInBase, sharedInHead] = await Promise.all([
    operationsSharing(reads.base),
    operationsSharing(reads.head),
  ]);
  /** The change's own operation, and every other one that reaches the same node through a $ref. */
  const operationsOfChange = (change: RedoclyChange): string[] => {
    const own = operationOf(change.path);
    const place = change.revision ?? change.base;
    if (!place || own === "(specification)") return [own];
    const sharing = (place === change.revision ? sharedInHead : sharedInBase)(place);
    return sharing.includes(own) ? sharing : [own];
  };
  for (const change of redocly)
    for (const operation of operationsOfChange(change)) {
      for (const verdict of change.verdicts.filter((verdict) => verdict.impact === "major")) {
        const finding: Finding = {
          engine: "redocly",
          rule: verdict.ruleId,
          message: verdict.message.replace(/`/g, "'").replace(/\.$/, ""),
          operation,
          location: await locate(
            sideOf(verdict.location.file),
            undefined,
            verdict.location.file,
            verdict.location.line,
          ),
          fix: fixFor(verdict.ruleId, verdict.message),
        };
        findings.push(finding);
        bodyOf.set(finding, messageOfPointer(change.path));
        candidates.set(finding, {
          ...finding,
          pointer: change.path,
          property: change.property,
          before: change.base?.value,
          after: change.revision?.value,
        });
      }
      if (change.impact !== "major") {
        const described = describeChange(change, operation);
        changes.push(described);
        bodyOf.set(described, messageOfPointer(change.path));
      }
    }
  for (const finding of kirimRuleFindings(redocly)) {
    const place = finding.place;
    findings.push({
      engine: "kirim",
      rule: finding.rule,
      message: finding.message,
      operation: operationOf(finding.path),
      location: await locate(sideOf(place.file), undefined, place.file, place.line),
      fix: fixFor(finding.rule, finding.message),
    });
  }

  // A body that allows the same fields at the base and in the working copy was only restructured: what the engines
  // found in it (a changed type, removed properties) is its shape, not its contract. One documentation entry instead.
  const rewritten = await restructuredBodies(reads, findings, bodyOf);
  const restructured = (item: Finding | Change) => rewritten.has(bodyOf.get(item) ?? "");
  findings = findings.filter((finding) => !restructured(finding));
  changes = changes.filter((change) => !restructured(change));
  for (const [body, operation] of rewritten)
    changes.push({
      kind: "docs",
      operation,
      text: `${body.slice(operation.length + 1)} restructured with the same fields`,
    });
  for (const finding of findings) {
    const candidate = candidates.get(finding) ?? finding;
    const exception = exceptions.find(
      (entry) =>
        entry.engine === finding.engine && (entry.rule ?? finding.rule) === finding.rule && entry.matches(candidate),
    );
    if (exception) finding.excepted = exception.why;
  }
  const excepted = findings.filter((finding) => finding.excepted);
  // An excepted finding still changes the API (it widens it): additive, so a minor bump and a changelog entry.
  for (const finding of excepted)
    changes.push({ kind: "additive", operation: finding.operation, text: finding.message });
  return { breaking: findings.filter((finding) => !finding.excepted), excepted, changes };
}

/** The bodies (with their operation) that hold a finding and allow the same fields in both trees. */
async function restructuredBodies(
  reads: TreeReads,
  findings: Finding[],
  bodyOf: Map<Finding | Change, MessageKey | undefined>,
): Promise<Map<MessageKey, string>> {
  const withFindings = new Map<MessageKey, string>();
  for (const finding of findings) {
    const body = bodyOf.get(finding);
    if (body) withFindings.set(body, finding.operation);
  }
  if (withFindings.size === 0) return withFindings;
  const same = await messagesWithSameFields(reads.base, reads.head);
  return new Map([...withFindings].filter(([body]) => same.has(body)));
}

async function runBothEngines(base: SpecTree, head: SpecTree) {
  try {
    // Both run to the end; when both fail, redocly diff's error is reported (it names the file that holds the fault).
    const [oasdiff, redocly] = await Promise.allSettled([
      runOasdiff(base.rootFile, head.rootFile),
      runRedoclyDiff(base.rootFile, head.rootFile),
    ]);
    if (redocly.status === "rejected") throw redocly.reason;
    if (oasdiff.status === "rejected") throw oasdiff.reason;
    return [oasdiff.value, redocly.value] as const;
  } catch (error) {
    // Name a file by its place in openapi/ and its tree, not by the temp folder the base was extracted to.
    const named = (text: string) =>
      [base, head].reduce((text, tree) => {
        const folder = path.dirname(tree.rootFile).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        return text.replace(new RegExp(`${folder}/([^\\s:"]+)`, "g"), `openapi/$1 (${tree.label})`);
      }, text);
    if (error instanceof StepFailed) throw new StepFailed(named(error.message));
    const reason = error instanceof Error ? error.message : String(error);
    throw new StepFailed(
      `The specs could not be compared (is every file under openapi/ valid YAML with resolvable $refs? npm run lint says where):\n  ${named(reason.split("\n")[0] ?? reason)}`,
    );
  }
}

/** `PATCH /customers/{id}`; oasdiff names a webhook `webhook:<name>`, written here as the other findings do. */
function oasdiffOperation(change: OasdiffChange): string {
  if (!change.operation || !change.path) return "(specification)";
  const webhook = /^webhook:(.*)$/.exec(change.path);
  return webhook ? `${change.operation} (webhook) ${webhook[1]}` : `${change.operation} ${change.path}`;
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
  "deprecated",
]);

/** A change redocly diff rates minor or patch, for the changelog: documentation, or additive (our x-kirim-* too). */
function describeChange(change: RedoclyChange, operation: string): Change {
  const segments = [...decodePointer(change.path), ...(change.property ? [change.property] : [])];
  const docs = segments.some((segment) => docsKeys.has(segment));
  const text = `${describe(segments)} ${change.kind === "modified" ? "changed" : change.kind}`;
  return { kind: change.impact === "patch" && docs ? "docs" : "additive", operation, text };
}

function pointerOf(route: string, method: string): string {
  return encodePointer(["paths", route, method.toLowerCase()]);
}

/** `PATCH /customers/{id}`, `POST (webhook) customerUpdated`, or `(specification)`. */
function operationOf(pointer: string): string {
  const [first, route, method] = decodePointer(pointer);
  if (first === "paths" && route && method) return `${method.toUpperCase()} ${route}`;
  if (first === "webhooks" && route && method) return `${method.toUpperCase()} (webhook) ${route}`;
  return "(specification)";
}

/** `paths,/customers/{id},patch,responses,422,description` → `response 422 description`. */
function describe(segments: string[]): string {
  const rest = segments[0] === "paths" || segments[0] === "webhooks" ? segments.slice(3) : segments;
  return rest
    .join(" ")
    .replace(/^responses (\d\d\d)/, "response $1")
    .replace(/content application\/json schema ?/g, "body ")
    .replace(/properties /g, "")
    .replace(/requestBody/, "request body")
    .trim();
}

/** Places in either tree as `openapi/<file>:<line>`, from a JSON pointer into the resolved spec or an engine's own file and line. */
export function locator(base: SpecTree, head: SpecTree, reads: TreeReads = treeReads(base, head)): Locate {
  const trees = { base, head };
  const walkers = { base: reads.base.sourceOf, head: reads.head.sourceOf };
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
