// Precision and recall of each engine configuration on the definite pairs (breaking or safe, both versions valid),
// with the pairs it got wrong, and the report the test prints.
import type { VersionPair } from "./pairs.ts";
import type { Configuration, Verdicts } from "./replay.ts";

export interface Replayed {
  pair: VersionPair;
  verdicts: Verdicts;
}

export interface Score {
  configuration: Configuration;
  breakingPairs: number;
  safePairs: number;
  caught: number;
  /** Safe pairs it blocked. */
  falseAlarms: Replayed[];
  /** Breaking pairs it let pass. */
  misses: Replayed[];
  precision: number;
  recall: number;
}

export const isDefinite = (pair: VersionPair) => pair.label !== "ambiguous" && !pair.touchesInvalid;

export function scoreOf(replayed: Replayed[], configuration: Configuration): Score {
  const definite = replayed.filter(({ pair }) => isDefinite(pair));
  const blocked = (entry: Replayed) => entry.verdicts[configuration].breaking;
  const breaking = definite.filter(({ pair }) => pair.label === "breaking");
  const safe = definite.filter(({ pair }) => pair.label === "safe");
  const caught = breaking.filter(blocked).length;
  const falseAlarms = safe.filter(blocked);
  return {
    configuration,
    breakingPairs: breaking.length,
    safePairs: safe.length,
    caught,
    falseAlarms,
    misses: breaking.filter((entry) => !blocked(entry)),
    // A configuration that blocks nothing has no wrong blocks (precision 1) and, given breaking pairs, recall 0.
    precision: caught + falseAlarms.length === 0 ? 1 : caught / (caught + falseAlarms.length),
    recall: breaking.length === 0 ? 1 : caught / breaking.length,
  };
}

const name = ({ pair }: Replayed) => `${pair.spec} ${pair.base} → ${pair.head}`;

/** One line per configuration, then each wrong verdict with the pair's reason and the gate's findings. */
export function report(scores: Score[]): string {
  const lines: string[] = [];
  for (const score of scores) {
    lines.push(
      `${score.configuration}: precision ${score.precision.toFixed(2)}, recall ${score.recall.toFixed(2)} ` +
        `(${score.caught}/${score.breakingPairs} breaking caught, ${score.falseAlarms.length}/${score.safePairs} safe blocked)`,
    );
    for (const entry of score.falseAlarms) {
      lines.push(`  false alarm ${name(entry)} (safe: ${entry.pair.reason})`);
      for (const finding of entry.verdicts[score.configuration].findings) lines.push(`    ${finding}`);
    }
    for (const entry of score.misses) lines.push(`  missed ${name(entry)} (breaking: ${entry.pair.reason})`);
  }
  return lines.join("\n");
}
