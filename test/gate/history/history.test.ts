// The gate on real history: every consecutive pair of four public specs' versions (pairs.yaml) goes through the
// gate's wire comparison in process (replay.ts). On the definite pairs the gate's verdict must have precision and
// recall 1.00; the engines' own scores are printed beside it. Versions that are not valid OpenAPI 3.1, and a file
// that is not OpenAPI at all, must get a verdict or the gate's one-line error, never a crash.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StepFailed } from "../../../scripts/lib/cli/steps.ts";
import { loadHistory, type VersionPair } from "./pairs.ts";
import { configurations, replay } from "./replay.ts";
import { isDefinite, type Replayed, report, scoreOf } from "./score.ts";

const { pairs } = loadHistory();

interface Outcome {
  pair: VersionPair;
  replayed?: Replayed;
  error?: unknown;
}

const outcomes: Outcome[] = [];

/** A failure the gate reports to its user: its own error type, naming the spec file, with no stack trace in it. */
function expectClearError(error: unknown, what: string): void {
  expect(error, `${what}: ${String(error)}`).toBeInstanceOf(StepFailed);
  const message = (error as StepFailed).message;
  expect(message, what).toMatch(/openapi\/openapi\.yaml \((base|revision)\)/);
  expect(message, `${what}: names a temp path`).not.toMatch(/\.\.\/|\/tmp\//);
  expect(message, what).not.toMatch(/\n\s+at /);
}

describe("the gate on real spec histories", () => {
  beforeAll(async () => {
    // One pair at a time: the comparison is mostly in-process work, and the machine is shared.
    for (const pair of pairs) {
      try {
        outcomes.push({ pair, replayed: { pair, verdicts: await replay(pair.baseFile, pair.headFile) } });
      } catch (error) {
        outcomes.push({ pair, error });
      }
    }
  }, 180_000);

  it("gives a verdict on every pair of valid versions", () => {
    const failed = outcomes.filter(({ pair, error }) => !pair.touchesInvalid && error !== undefined);
    expect(failed.map(({ pair, error }) => `${pair.spec} ${pair.base} → ${pair.head}: ${String(error)}`)).toEqual([]);
  });

  it("blocks every breaking pair and no safe one (precision and recall 1.00 on the definite pairs)", () => {
    const replayed = outcomes.flatMap(({ replayed }) => (replayed && isDefinite(replayed.pair) ? [replayed] : []));
    const scores = configurations.map((configuration) => scoreOf(replayed, configuration));
    console.log(
      `History corpus: ${pairs.length} pairs, ${replayed.length} definite ` +
        `(${pairs.filter((pair) => pair.label === "ambiguous").length} ambiguous, ` +
        `${pairs.filter((pair) => pair.touchesInvalid).length} touching an invalid version)\n${report(scores)}`,
    );
    const gate = scores.find((score) => score.configuration === "gate")!;
    expect({ precision: gate.precision, recall: gate.recall }, report([gate])).toEqual({ precision: 1, recall: 1 });
  });

  it("answers a pair with an invalid version with a verdict or its one-line error, never a crash", () => {
    const touching = outcomes.filter(({ pair }) => pair.touchesInvalid);
    expect(touching.length).toBeGreaterThan(0);
    for (const { pair, error } of touching)
      if (error !== undefined) expectClearError(error, `${pair.spec} ${pair.base} → ${pair.head}`);
  });
});

describe("a file that is not OpenAPI", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "kirim-history-"));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  const broken: Array<[string, string]> = [
    ["YAML that does not parse", "openapi: 3.1.0\ninfo: { title: x, version: 1.0.0\npaths: {}\n"],
    [
      "a $ref to a missing file",
      "openapi: 3.1.0\ninfo: { title: x, version: 1.0.0 }\npaths:\n  /a:\n    $ref: missing.yaml\n",
    ],
  ];
  it.each(broken)("as the head (%s) gets the gate's clear error", async (name, text) => {
    const head = path.join(scratch, `${name.replace(/\W+/g, "-")}.yaml`);
    await writeFile(head, text);
    const base = pairs.find((pair) => !pair.touchesInvalid)!.baseFile;
    const error = await replay(base, head).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error, "the gate compared a broken file without complaint").toBeDefined();
    expectClearError(error, name);
  });
});
