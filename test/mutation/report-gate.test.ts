// The gate of `npm run test:mutation` (scripts/lib/mutation/report-gate.ts), fed made-up Stryker reports: it must fail on a
// low score, a survivor nobody explained, any survivor in guarded code, and a stale or malformed list.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { guardedAreas } from "../../scripts/lib/mutation/guarded.ts";
import {
  type GuardedArea,
  judge,
  type MutationReport,
  parseAccepted,
  type ReportMutant,
  staleGuards,
} from "../../scripts/lib/mutation/report-gate.ts";

const source = [
  "export function checkId(id) {",
  '  return id !== "";',
  "}",
  "export function greeting() {",
  '  return "hello";',
  "}",
  "",
].join("\n");

function mutant(
  status: string,
  line: number,
  startColumn: number,
  endColumn: number,
  mutatorName: string,
  replacement: string,
): ReportMutant {
  return {
    status,
    mutatorName,
    replacement,
    location: { start: { line, column: startColumn }, end: { line, column: endColumn } },
  };
}

const idSurvives = mutant("Survived", 2, 10, 19, "ConditionalExpression", "true");
const wordingSurvives = mutant("Survived", 5, 10, 17, "StringLiteral", '""');
const killed = (count: number) =>
  Array.from({ length: count }, () => mutant("Killed", 2, 10, 19, "EqualityOperator", 'id === ""'));

function report(...mutants: ReportMutant[]): MutationReport {
  return { files: { "src/x.ts": { source, mutants } } };
}

const guarded: GuardedArea[] = [{ file: "src/x.ts", functions: ["checkId"], guards: "an id" }];
const wordingLine = 'src/x.ts | StringLiteral | "hello" → "" | greeting wording only; nothing branches on it';

describe("the mutation gate", () => {
  test("passes a run where every mutant was killed or timed out", () => {
    const verdict = judge(report(...killed(30), mutant("Timeout", 2, 10, 19, "BlockStatement", "{}")), "", guarded);
    expect(verdict).toEqual({ score: 100, survivors: [], problems: [] });
  });

  test("fails on a survivor the list does not explain, printing the line to add", () => {
    const verdict = judge(report(...killed(30), wordingSurvives), "# none yet\n", guarded);
    expect(verdict.problems).toHaveLength(1);
    expect(verdict.problems[0]).toContain("new survivor src/x.ts:5");
    expect(verdict.problems[0]).toContain('src/x.ts | StringLiteral | "hello" → "" | WHY');
  });

  test("passes a survivor the list explains, matched by what it changes, not by line", () => {
    const verdict = judge(report(...killed(30), wordingSurvives), `${wordingLine}\n`, guarded);
    expect(verdict.problems).toEqual([]);
    expect(verdict.survivors.map((survivor) => survivor.functions)).toEqual([["greeting"]]);
  });

  test("fails on a survivor in guarded code even when the list explains it", () => {
    const excuse = 'src/x.ts | ConditionalExpression | id !== "" → true | equivalent, honest';
    const verdict = judge(report(...killed(30), idSurvives), `${excuse}\n`, guarded);
    expect(verdict.problems.some((problem) => problem.includes("survives in code that guards an id"))).toBe(true);
    const wholeFile = judge(report(...killed(30), wordingSurvives), `${wordingLine}\n`, [
      { file: "src/x.ts", guards: "a secret" },
    ]);
    expect(wholeFile.problems.some((problem) => problem.includes("guards a secret"))).toBe(true);
  });

  test("fails when the score drops below 95 %, even with every survivor explained", () => {
    const verdict = judge(report(...killed(10), wordingSurvives), `${wordingLine}\n`, guarded);
    expect(verdict.score).toBeCloseTo(90.9, 1);
    expect(verdict.problems).toEqual(["mutation score 90.91 % is below 95 %"]);
  });

  test("counts a mutant no test covers as a survivor", () => {
    const verdict = judge(report(...killed(30), { ...wordingSurvives, status: "NoCoverage" }), "", guarded);
    expect(verdict.survivors).toHaveLength(1);
    expect(verdict.problems[0]).toContain("new survivor");
  });

  test("fails on a listed survivor that no longer survives, and on a line without a reason", () => {
    expect(judge(report(...killed(30)), `${wordingLine}\n`, guarded).problems[0]).toContain("no longer survives");
    const { problems } = parseAccepted(
      'src/x.ts | StringLiteral | "hello" → ""\nsrc/x.ts | StringLiteral | "hello" → "" | WHY\n',
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^line 1: expected "file \| mutator \| original → replacement \| why it is harmless"/);
    expect(problems[1]).toMatch(/^line 2: expected .*, got "src\/x\.ts \| StringLiteral \| "hello" → "" \| WHY"$/);
  });
});

test("a guarded area naming a function or file the source no longer has is reported (a rename must not unguard code)", () => {
  expect(staleGuards(guarded, { "src/x.ts": source })).toEqual([]);
  expect(
    staleGuards(
      [
        { file: "src/x.ts", functions: ["checkIdentifier"], guards: "an id" },
        { file: "src/gone.ts", guards: "a timer" },
      ],
      { "src/x.ts": source },
    ),
  ).toEqual(["guarded function checkIdentifier is not in src/x.ts", "guarded file src/gone.ts does not exist"]);
});

test("every file and function scripts/lib/mutation/guarded.ts names exists in src/", async () => {
  const sources: Record<string, string> = {};
  for (const area of guardedAreas) sources[area.file] = await readFile(path.join(projectRoot, area.file), "utf8");
  expect(staleGuards(guardedAreas, sources)).toEqual([]);
});

test("the committed list of survivors is well-formed and explains each one outside guarded code", async () => {
  const text = await readFile(path.join(projectRoot, "scripts/lib/mutation/survivors.txt"), "utf8");
  const { accepted, problems } = parseAccepted(text);
  expect(problems).toEqual([]);
  const guardedFiles = guardedAreas.filter((area) => !area.functions).map((area) => area.file);
  for (const entry of accepted) {
    expect(entry.file).toMatch(/^src\//);
    expect(guardedFiles).not.toContain(entry.file);
    expect(entry.why.length, entry.why).toBeGreaterThan(15);
  }
});
