// The breaking-change gate against a corpus of single spec changes (cases.yaml, loaded by cases.ts): every case must
// get its expected verdict, for the expected rule, for the API (the wire) and for the client package (the wire and
// the generated client's surface). Precision and recall of both are printed and must be 1.00. The engines run
// in process (redocly diff, the client surface) and as a binary (oasdiff), four cases at a time.
import { rename } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { specRootIn } from "../../scripts/lib/gate/base-ref.ts";
import { type Comparisons, compareTrees } from "../../scripts/lib/gate/compare.ts";
import type { Finding } from "../../scripts/lib/gate/compare-specs.ts";
import { clientBump, requiredBump } from "../../scripts/lib/gate/version-bump.ts";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";
import { type Case, cases, parseCases, type SpecEdit } from "./cases.ts";

const outcomes = new Map<string, Comparisons | Error>();

const copies: ProjectCopy[] = [];
afterAll(() => Promise.all(copies.map((copy) => copy.remove())));

/** A copy of the project's openapi/ with `edits` applied in order; an edit whose text is not there throws. */
async function specCopy(edits: SpecEdit[]): Promise<ProjectCopy> {
  const copy = await copyProject(["openapi"]);
  copies.push(copy);
  for (const edit of edits) {
    const file = path.join("openapi", edit.file);
    if ("moveTo" in edit) await rename(copy.file(file), copy.file(path.join("openapi", edit.moveTo)));
    else await copy.edit(file, edit.from, edit.to);
  }
  return copy;
}

/** The base of each setup, copied once: the engines only read it, and most cases share the unchanged spec. */
const bases = new Map<string, Promise<ProjectCopy>>();

async function judge(spec: Case): Promise<Comparisons> {
  const setup = JSON.stringify(spec.setup);
  if (!bases.has(setup)) bases.set(setup, specCopy(spec.setup));
  const base = await bases.get(setup)!;
  const head = await specCopy([...spec.setup, ...spec.edit]);
  return compareTrees(
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

const rulesOf = (comparison: { breaking: Finding[] }) => comparison.breaking.map((finding) => finding.rule);
/** Whether the case breaks the client's callers: given by its bumps, else exactly when it breaks the wire. */
const breaksClient = (spec: Case) => (spec.bumps ? spec.bumps.client === "major" : spec.breaking);
const flaggedForClient = ({ wire, sdk }: Comparisons) => wire.breaking.length + sdk.breaking.length > 0;

/** Precision and recall of `flagged` against `expected` over the cases that ran. */
function score(expected: (spec: Case) => boolean, flagged: (outcome: Comparisons) => boolean) {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  for (const spec of cases) {
    const outcome = outcomes.get(spec.name);
    const hit = outcome instanceof Error ? false : flagged(outcome!);
    if (hit && expected(spec)) truePositives++;
    if (hit && !expected(spec)) falsePositives++;
    if (!hit && expected(spec)) falseNegatives++;
  }
  return {
    precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    recall: truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives),
  };
}

beforeAll(async () => {
  const started = performance.now();
  await inBatches(cases, 4, async (spec) => {
    outcomes.set(
      spec.name,
      await judge(spec).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
    );
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const lines: string[] = [];
  for (const spec of cases) {
    const outcome = outcomes.get(spec.name);
    const flagged = outcome instanceof Error ? false : outcome!.wire.breaking.length > 0;
    const verdict =
      outcome instanceof Error
        ? `ERROR ${outcome.message}`
        : `${flagged ? `breaking (${[...new Set(rulesOf(outcome!.wire))].join(", ")})` : "safe"}${outcome!.sdk.breaking.length > 0 ? `; client: ${[...new Set(rulesOf(outcome!.sdk))].join(", ")}` : ""}`;
    const right =
      !(outcome instanceof Error) && flagged === spec.breaking && flaggedForClient(outcome!) === breaksClient(spec);
    lines.push(`  ${right ? "✔" : "✖"} ${spec.name}: ${verdict}`);
  }
  const api = score(
    (spec) => spec.breaking,
    (outcome) => outcome.wire.breaking.length > 0,
  );
  const client = score(breaksClient, flaggedForClient);
  const breaking = cases.filter((spec) => spec.breaking).length;
  console.log(
    [
      `Breaking-change corpus: ${cases.length} cases (${breaking} breaking, ${cases.length - breaking} safe) in ${seconds} s`,
      ...lines,
      `API (wire): precision ${api.precision.toFixed(2)}, recall ${api.recall.toFixed(2)}`,
      `client package: precision ${client.precision.toFixed(2)}, recall ${client.recall.toFixed(2)}`,
    ].join("\n"),
  );
  summary.api = api;
  summary.client = client;
}, 300_000);

const perfect = { precision: 1, recall: 1 };
const summary = { api: { precision: 0, recall: 0 }, client: { precision: 0, recall: 0 } };

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
    const { wire, sdk } = outcome!;
    const listed = (comparison: { breaking: Finding[] }) =>
      comparison.breaking
        .map((finding) => `${finding.engine} [${finding.rule}] ${finding.message} @ ${finding.location}`)
        .join("\n");
    const report = listed(wire);
    if (spec.breaking || breaksClient(spec)) {
      expect([...rulesOf(wire), ...rulesOf(sdk)], `${report}\n${listed(sdk)}`).toContain(spec.rule);
      for (const finding of [...wire.breaking, ...sdk.breaking]) {
        // The compiler's quoted types may say 'undefined'; the gate's own words may not.
        const ownWords = finding.message.replace(/'[^']*'/g, "''");
        expect(ownWords, "a message built from a field that is not there").not.toMatch(/\bundefined\b/);
        expect(finding.location, report).toMatch(/^openapi\/\S+\.yaml:\d+/);
        expect(finding.fix.length).toBeGreaterThan(10);
      }
    }
    if (!spec.breaking) expect(report).toBe("");
    if (!breaksClient(spec)) expect(listed(sdk)).toBe("");
    if (spec.bumps) expect({ api: requiredBump(wire), client: clientBump(wire, sdk) }).toEqual(spec.bumps);
  });

  test("an excepted finding is reported as excepted, with its reason, not dropped", () => {
    const outcome = outcomes.get("format removed (oasdiff false positive, excepted)");
    if (!(outcome && "wire" in outcome)) throw new Error(`no comparison for the excepted case: ${outcome}`);
    expect(outcome.wire.excepted.map((finding) => `${finding.engine}: ${finding.rule}`)).toEqual([
      "oasdiff: request-property-type-changed",
    ]);
    expect(outcome.wire.excepted[0]!.excepted).toMatch(/removing a format widens what is accepted/);
  });

  test("precision and recall are both 1.00, for the API and for the client package", () => {
    expect(summary).toEqual({ api: perfect, client: perfect });
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
    ["a move with a text edit", corpus({ ...row, edit: [{ ...edit, move: "b.yaml" }] }), /move takes only file/],
    [
      "a move out of openapi/",
      corpus({ ...row, edit: [{ file: "a.yaml", move: "../b.yaml" }] }),
      /edit\[0\]: move must be a path under openapi\//,
    ],
    [
      "a bump that is not major, minor or none",
      corpus({ ...row, bumps: { api: "patch", client: "major" } }),
      /case 1 "a case": bumps must be \{ api, client \}/,
    ],
    ["bumps without the client's", corpus({ ...row, bumps: { api: "major" } }), /bumps must be \{ api, client \}/],
  ])("%s", (_label, text, message) => {
    expect(() => parseCases(text)).toThrow(message);
  });

  test("a file move and the expected bumps load", () => {
    const bumps = { api: "minor", client: "major" };
    const move = { file: "components/schemas/Customer.yaml", move: "components/schemas/Client.yaml" };
    expect(parseCases(corpus({ ...row, bumps, edit: [move] }))).toEqual([
      { ...row, bumps, setup: [], edit: [{ file: move.file, moveTo: move.move }] },
    ]);
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
