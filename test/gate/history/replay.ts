// The one file that knows the gate's entry point: runs the gate's wire half in process on a base and a head spec and
// returns one verdict per engine configuration: the gate's own (info.version needs a major bump) and each wire
// engine's findings inside it. The wire half of judgeSpecs (compare.ts), not all of it: the labels judge the wire,
// and generating and typechecking both clients as well would double the corpus's cost for verdicts nobody labelled.
// Repoint this file when the gate's API changes; the test and the labels stay as they are.
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { compareSpecTrees, type Finding } from "../../../scripts/lib/gate/compare-specs.ts";
import { requiredBump } from "../../../scripts/lib/gate/version-bump.ts";

/** The gate's wire engines, each scored alone beside the gate (its own rules, kirim-rules.ts, are not an engine). */
const engines = ["redocly", "oasdiff"] as const satisfies ReadonlyArray<Finding["engine"]>;

export const configurations = ["gate", ...engines] as const;
export type Configuration = (typeof configurations)[number];

export interface Verdict {
  breaking: boolean;
  /** One line per blocking finding: `engine rule — operation: message`. */
  findings: string[];
}

export type Verdicts = Record<Configuration, Verdict>;

const line = (finding: Finding) => `${finding.engine} ${finding.rule} — ${finding.operation}: ${finding.message}`;

function verdictOf(findings: Finding[], breaking = findings.length > 0): Verdict {
  return { breaking, findings: findings.map(line) };
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
    const wire = await compareSpecTrees(await tree("base", baseFile), await tree("revision", headFile));
    const verdicts = { gate: verdictOf(wire.breaking, requiredBump(wire) === "major") } as Verdicts;
    for (const engine of engines)
      verdicts[engine] = verdictOf(wire.breaking.filter((finding) => finding.engine === engine));
    return verdicts;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
