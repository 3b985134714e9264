// The history corpus holds together: pairs.yaml labels every consecutive pair of versions once, a malformed or
// incomplete pairs.yaml is refused by name, and the score fails a gate that blocks nothing or everything.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { historyDir, loadHistory, parseHistory, type VersionPair, versionsOnDisk } from "./pairs.ts";
import { configurations, type Verdicts } from "./replay.ts";
import { isDefinite, type Replayed, scoreOf } from "./score.ts";

const pairsText = readFileSync(path.join(historyDir, "pairs.yaml"), "utf8");
const versions = versionsOnDisk();

describe("pairs.yaml", () => {
  it("labels every consecutive pair of every spec's versions, with definite pairs of both kinds", () => {
    const { pairs, invalid } = loadHistory();
    const expected = [...versions.values()].reduce((sum, names) => sum + names.length - 1, 0);
    expect(pairs).toHaveLength(expected);
    expect(versions.size).toBeGreaterThanOrEqual(2);
    expect(invalid.length).toBeGreaterThan(0);
    const definite = pairs.filter(isDefinite);
    expect(definite.some((pair) => pair.label === "breaking")).toBe(true);
    expect(definite.some((pair) => pair.label === "safe")).toBe(true);
  });

  it("lists every version with the sha256 it was extracted with (README.md)", () => {
    const readme = readFileSync(path.join(historyDir, "README.md"), "utf8");
    for (const [spec, names] of versions)
      for (const version of names) {
        const sha256 = createHash("sha256")
          .update(readFileSync(path.join(historyDir, spec, `${version}.yaml`)))
          .digest("hex");
        expect(readme, `${spec}/${version}.yaml`).toContain(`| \`${spec}/${version}.yaml\` |`);
        expect(readme, `${spec}/${version}.yaml`).toContain(sha256);
      }
  });

  const refused: Array<[string, (text: string) => string, RegExp]> = [
    [
      "a pair left out",
      (text) => text.replace(/ {2}- \{ spec: museum, base: 03-0da2be9.*\n.*\n/, ""),
      /museum 03-0da2be9 → 04-b6c0fe7 is labelled 0 times/,
    ],
    [
      "a pair labelled twice",
      (text) => text.replace(/( {2}- \{ spec: webhook, base: 01-4357386.*\n.*\n)/, "$1$1"),
      /webhook 01-4357386 → 02-a69874b is labelled 2 times/,
    ],
    ["an unknown label", (text) => text.replace("label: safe", "label: fine"), /label must be one of/],
    ["a missing reason", (text) => text.replace(/reason: "[^"]*"/, 'reason: ""'), /reason must be non-empty text/],
    ["an unknown key", (text) => text.replace("label: safe,", "label: safe, verdict: safe,"), /unknown key verdict/],
    [
      "a pair that skips a version",
      (text) => text.replace("base: 01-0624581, head: 02-2dc4209", "base: 01-0624581, head: 03-0da2be9"),
      /museum 01-0624581 → 02-2dc4209 is labelled 0 times/,
    ],
    [
      "an invalid version that does not exist",
      (text) => text.replace("version: 02-b209536", "version: 02-0000000"),
      /no version tictactoe\/02-0000000\.yaml/,
    ],
  ];
  it.each(refused)("refuses %s, naming it", (_, edit, message) => {
    const edited = edit(pairsText);
    expect(edited).not.toBe(pairsText);
    expect(() => parseHistory(edited, versions)).toThrow(message);
  });
});

describe("the score", () => {
  const { pairs } = loadHistory();
  const always =
    (breaking: boolean) =>
    (pair: VersionPair): Replayed => {
      const verdict = { breaking, findings: breaking ? ["stand-in"] : [] };
      return { pair, verdicts: Object.fromEntries(configurations.map((name) => [name, verdict])) as Verdicts };
    };

  it("fails a gate that lets everything pass (recall 0) and one that blocks everything (precision below 1)", () => {
    const passing = scoreOf(pairs.map(always(false)), "gate");
    expect(passing.recall).toBe(0);
    expect(passing.misses.length).toBe(passing.breakingPairs);
    const blocking = scoreOf(pairs.map(always(true)), "gate");
    expect(blocking.recall).toBe(1);
    expect(blocking.precision).toBeLessThan(1);
    expect(blocking.falseAlarms.length).toBe(blocking.safePairs);
  });

  it("scores only definite pairs: ambiguous ones and those touching an invalid version never count", () => {
    const oracle = (pair: VersionPair): Replayed => always(pair.label === "breaking")(pair);
    const flipped = pairs.map((pair) => (isDefinite(pair) ? oracle(pair) : always(pair.label !== "breaking")(pair)));
    const score = scoreOf(flipped, "gate");
    expect([score.precision, score.recall]).toEqual([1, 1]);
    expect(score.breakingPairs + score.safePairs).toBe(pairs.filter(isDefinite).length);
  });
});
