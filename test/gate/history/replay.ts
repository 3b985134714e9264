// The one file that knows the gate's entry point: runs the gate's wire comparison on a base and a head spec and
// returns one verdict per engine configuration (the gate as it decides, and each engine's own findings inside it).
// Repoint this file when the gate's API changes; the test and the labels stay as they are.
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { compareSpecTrees, type Finding } from "../../../scripts/lib/gate/compare-specs.ts";

/** The gate's wire engines, each scored alone beside the gate. */
const engines = ["oasdiff", "optic"] as const satisfies ReadonlyArray<Finding["engine"]>;

export const configurations = ["gate", ...engines] as const;
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

/**
 * The gate's verdicts on a change from `baseFile` to `headFile` (single-file specs); throws what the gate throws.
 * Each file is compared as the gate compares a pull request: as `openapi/openapi.yaml` of its own tree.
 */
export async function replay(baseFile: string, headFile: string): Promise<Verdicts> {
  const scratch = await mkdtemp(path.join(tmpdir(), "kirim-replay-"));
  try {
    const tree = async (side: string, file: string) => {
      const rootFile = path.join(scratch, side, "openapi", "openapi.yaml");
      await mkdir(path.dirname(rootFile), { recursive: true });
      await copyFile(file, rootFile);
      return { rootFile, label: side };
    };
    const comparison = await compareSpecTrees(await tree("base", baseFile), await tree("head", headFile));
    const verdicts = { gate: verdictOf(comparison.breaking) } as Verdicts;
    for (const engine of engines)
      verdicts[engine] = verdictOf(comparison.breaking.filter((finding) => finding.engine === engine));
    return verdicts;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
