// Both comparisons of a base and a working copy, side by side: the wire contract (compare-specs.ts: redocly diff and
// oasdiff) and the generated client's surface (compare-sdk.ts). When both fail, the wire's error is the one reported.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SdkComparison } from "./compare-sdk.ts";
import { type Comparison, compareSpecTrees, type SpecTree } from "./compare-specs.ts";
import { type TreeReads, treeReads } from "./spec-reads.ts";
import { type Bump, clientBump, requiredBump } from "./version-bump.ts";

export interface Comparisons {
  wire: Comparison;
  sdk: SdkComparison;
}

export async function compareTrees(base: SpecTree, head: SpecTree): Promise<Comparisons> {
  // One judgement bundles each tree once and parses each file once: both comparisons read the same.
  const reads = treeReads(base, head);
  const [wire, sdk] = await Promise.allSettled([
    compareSpecTrees(base, head, reads),
    compareClients(base, head, reads),
  ]);
  if (wire.status === "rejected") throw wire.reason;
  if (sdk.status === "rejected") throw sdk.reason;
  return { wire: wire.value, sdk: sdk.value };
}

export interface Verdict extends Comparisons {
  /** The bump each version needs: info.version by the wire, the client package by the wire and its surface. */
  bumps: { api: Bump; client: Bump };
}

/**
 * The gate's whole judgement of two spec trees, in process, without git or version files: each root is an
 * openapi.yaml (its $refs resolved from its folder). Throws StepFailed, one line naming the file, on a spec that
 * cannot be read.
 */
export async function judgeSpecs(baseRoot: string, headRoot: string): Promise<Verdict> {
  const comparisons = await compareTrees(
    { rootFile: baseRoot, label: "base" },
    { rootFile: headRoot, label: "revision" },
  );
  return {
    ...comparisons,
    bumps: { api: requiredBump(comparisons.wire), client: clientBump(comparisons.wire, comparisons.sdk) },
  };
}

/** judgeSpecs on two single-file specs given as text (bundled documents, say), each written to its own temp folder. */
export async function judgeSpecTexts(baseText: string, revisionText: string): Promise<Verdict> {
  const folders = await Promise.all([baseText, revisionText].map(() => mkdtemp(path.join(tmpdir(), "kirim-judge-"))));
  try {
    const [baseRoot, headRoot] = folders.map((folder) => path.join(folder, "openapi.yaml")) as [string, string];
    await Promise.all([writeFile(baseRoot, baseText), writeFile(headRoot, revisionText)]);
    return await judgeSpecs(baseRoot, headRoot);
  } finally {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  }
}

/**
 * Identical openapi/ folders generate identical clients: then the generator and TypeScript (about a second to load)
 * are not even loaded. That is the common case in CI, a pull request that leaves the spec alone.
 */
async function compareClients(base: SpecTree, head: SpecTree, reads: TreeReads): Promise<SdkComparison> {
  if (await sameFiles(path.dirname(base.rootFile), path.dirname(head.rootFile)))
    return { breaking: [], changes: [], methods: new Map() };
  const { compareSdkSurfaces } = await import("./compare-sdk.ts");
  return compareSdkSurfaces(base, head, reads);
}

async function sameFiles(baseDir: string, headDir: string): Promise<boolean> {
  const list = async (dir: string) =>
    (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
      .sort();
  const [baseFiles, headFiles] = await Promise.all([list(baseDir), list(headDir)]);
  if (baseFiles.join("\n") !== headFiles.join("\n")) return false;
  for (const file of baseFiles) {
    const [before, after] = await Promise.all([readFile(path.join(baseDir, file)), readFile(path.join(headDir, file))]);
    if (!before.equals(after)) return false;
  }
  return true;
}
