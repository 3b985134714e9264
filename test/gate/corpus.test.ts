// The breaking-change gate against a corpus of single spec changes (cases.yaml, loaded by cases.ts): every case must
// get its expected verdict, for the expected rule. Precision and recall are printed and must both be 1.00. The
// engines run in-process (Optic) and as a binary (oasdiff), four cases at a time.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { specRootIn } from "../../scripts/lib/gate/base-ref.ts";
import { type Comparison, compareSpecTrees } from "../../scripts/lib/gate/compare-specs.ts";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";
import { type Case, cases, parseCases, type SpecEdit } from "./cases.ts";

const outcomes = new Map<string, Comparison | Error>();

const copies: ProjectCopy[] = [];
afterAll(() => Promise.all(copies.map((copy) => copy.remove())));

/** A copy of the project's openapi/ with `edits` applied in order; an edit whose text is not there throws. */
async function specCopy(edits: SpecEdit[]): Promise<ProjectCopy> {
  const copy = await copyProject(["openapi"]);
  copies.push(copy);
  for (const { file, from, to } of edits) await copy.edit(path.join("openapi", file), from, to);
  return copy;
}

async function judge(spec: Case): Promise<Comparison> {
  const base = await specCopy(spec.setup);
  const head = await specCopy([...spec.setup, ...spec.edit]);
  return compareSpecTrees(
    { rootFile: specRootIn(base.dir), label: "base" },
    { rootFile: specRootIn(head.dir), label: "working copy" },
  );
}

async function inBatches<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

const rulesOf = (comparison: Comparison) => comparison.breaking.map((finding) => finding.rule);

beforeAll(async () => {
  const started = performance.now();
  await inBatches(cases, 4, async (spec) => {
    outcomes.set(
      spec.name,
      await judge(spec).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
    );
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const lines: string[] = [];
  for (const spec of cases) {
    const outcome = outcomes.get(spec.name);
    const flagged = outcome instanceof Error ? false : outcome!.breaking.length > 0;
    if (flagged && spec.breaking) truePositives++;
    if (flagged && !spec.breaking) falsePositives++;
    if (!flagged && spec.breaking) falseNegatives++;
    const verdict =
      outcome instanceof Error
        ? `ERROR ${outcome.message}`
        : flagged
          ? `breaking (${[...new Set(rulesOf(outcome!))].join(", ")})`
          : "safe";
    lines.push(`  ${!(outcome instanceof Error) && flagged === spec.breaking ? "✔" : "✖"} ${spec.name}: ${verdict}`);
  }
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const breaking = cases.filter((spec) => spec.breaking).length;
  console.log(
    [
      `Breaking-change corpus: ${cases.length} cases (${breaking} breaking, ${cases.length - breaking} safe) in ${seconds} s`,
      ...lines,
      `precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}`,
    ].join("\n"),
  );
  summary.precision = precision;
  summary.recall = recall;
}, 300_000);

const summary = { precision: 0, recall: 0 };

describe("breaking-change corpus", () => {
  test("has at least 50 cases, both verdicts, and unique names", () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(cases.some((spec) => spec.breaking)).toBe(true);
    expect(cases.some((spec) => !spec.breaking)).toBe(true);
    expect(new Set(cases.map((spec) => spec.name)).size).toBe(cases.length);
  });

  test.each(cases.map((spec) => [spec.name, spec] as const))("%s", (_name, spec) => {
    const outcome = outcomes.get(spec.name);
    if (outcome instanceof Error) throw outcome;
    const comparison = outcome!;
    const report = comparison.breaking
      .map((finding) => `${finding.engine} [${finding.rule}] ${finding.message} @ ${finding.location}`)
      .join("\n");
    if (spec.breaking) {
      expect(rulesOf(comparison), report).toContain(spec.rule);
      for (const finding of comparison.breaking) {
        expect(finding.message, "a message built from a field that is not there").not.toMatch(/\bundefined\b/);
        expect(finding.location, report).toMatch(/^openapi\/\S+\.yaml:\d+/);
        expect(finding.fix.length).toBeGreaterThan(10);
      }
    } else {
      expect(report).toBe("");
    }
  });

  test("an excepted finding is reported as excepted, with its reason, not dropped", () => {
    const outcome = outcomes.get("format removed (oasdiff false positive, excepted)");
    if (!(outcome && "excepted" in outcome)) throw new Error(`no comparison for the excepted case: ${outcome}`);
    expect(outcome.excepted.map((finding) => `${finding.engine}: ${finding.rule}`)).toEqual([
      "oasdiff: request-property-type-changed",
    ]);
    expect(outcome.excepted[0]!.excepted).toMatch(/removing a format widens what is accepted/);
  });

  test("precision and recall are both 1.00", () => {
    expect(summary).toEqual({ precision: 1, recall: 1 });
  });
});

describe("the corpus loader refuses a malformed row, naming it", () => {
  const edit = { file: "openapi.yaml", replace: "a", with: "b" };
  const row = { name: "a case", breaking: true, rule: "r", edit: [edit] };
  const corpus = (...rows: unknown[]) => stringify({ cases: rows });
  const { rule: _rule, ...withoutRule } = row;
  const { with: _with, ...withoutWith } = edit;

  test.each([
    ["no cases list", stringify({ snippets: {} }), /a list `cases`/],
    ["an unknown top-level key", stringify({ cases: [], case: [] }), /unknown top-level key case/],
    ["a misspelt key", corpus({ ...row, breakng: true }), /case 1 "a case": unknown key breakng/],
    ["a verdict that is not a boolean", corpus({ ...row, breaking: "yes" }), /breaking must be true or false/],
    ["no rule", corpus(withoutRule), /case 1 "a case": rule must be non-empty text/],
    ["no edit", corpus({ ...row, edit: [] }), /case 1 "a case" edit: must be a non-empty list/],
    ["both replace and pattern", corpus({ ...row, edit: [{ ...edit, pattern: "b" }] }), /edit\[0\]: give either/],
    ["an edit without with", corpus({ ...row, edit: [withoutWith] }), /with must be text/],
    [
      "a file outside openapi/",
      corpus({ ...row, edit: [{ ...edit, file: "../x.yaml" }] }),
      /file must be a path under/,
    ],
    ["flags on a replace", corpus({ ...row, edit: [{ ...edit, flags: "m" }] }), /flags go with pattern/],
    [
      "a pattern that does not compile",
      corpus({ ...row, edit: [{ file: "openapi.yaml", pattern: "(a", with: "b" }] }),
      /pattern is not a valid regular expression/,
    ],
    ["a setup that is not a list", corpus({ ...row, setup: edit }), /case 1 "a case" setup: must be a non-empty list/],
    ["a name used twice", corpus(row, row), /case "a case" is listed twice/],
  ])("%s", (_label, text, message) => {
    expect(() => parseCases(text)).toThrow(message);
  });

  test("a well-formed row loads, setup defaulting to none", () => {
    const pattern = { file: "openapi.yaml", pattern: "^v(\\d)$", flags: "m", with: "w$1" };
    expect(parseCases(corpus({ ...row, edit: [edit, pattern] }))).toEqual([
      {
        ...row,
        setup: [],
        edit: [
          { file: "openapi.yaml", from: "a", to: "b" },
          { file: "openapi.yaml", from: /^v(\d)$/m, to: "w$1" },
        ],
      },
    ]);
  });
});
