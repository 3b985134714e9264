// The one file that knows the gate's entry point: runs the gate's wire comparison on a base and a head spec and
// returns one verdict per engine configuration (the gate as it decides, and each engine's own findings inside it).
// Repoint this file when the gate's API changes; the test and the labels stay as they are.
import { compareSpecTrees, type Finding } from "../../../scripts/lib/gate/compare-specs.ts";

export const configurations = ["gate", "oasdiff", "optic"] as const;
export type Configuration = (typeof configurations)[number];

export interface Verdict {
  breaking: boolean;
  /** One line per blocking finding: `engine rule — operation: message`. */
  findings: string[];
}

export type Verdicts = Record<Configuration, Verdict>;

const line = (finding: Finding) => `${finding.engine} ${finding.rule} — ${finding.operation}: ${finding.message}`;

function verdictOf(findings: Finding[]): Verdict {
  return { breaking: findings.length > 0, findings: findings.map(line) };
}

/** The gate's verdicts on a change from `baseFile` to `headFile` (single-file specs); throws what the gate throws. */
export async function replay(baseFile: string, headFile: string): Promise<Verdicts> {
  const comparison = await compareSpecTrees(
    { rootFile: baseFile, label: "base" },
    { rootFile: headFile, label: "head" },
  );
  return {
    gate: verdictOf(comparison.breaking),
    oasdiff: verdictOf(comparison.breaking.filter((finding) => finding.engine === "oasdiff")),
    optic: verdictOf(comparison.breaking.filter((finding) => finding.engine === "optic")),
  };
}
