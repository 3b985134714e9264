// Version discipline: a breaking change needs a major bump, an additive one at least a minor one; documentation needs
// none. info.version (the API, the wire) is judged by the wire alone; the client package's version by the larger of
// the wire's bump and the client surface's (a renamed method breaks callers with the wire unchanged).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { specRootIn } from "./base-ref.ts";
import type { SdkComparison } from "./compare-sdk.ts";
import type { Comparison } from "./compare-specs.ts";

export type Bump = "major" | "minor" | "none";

export function requiredBump(comparison: Comparison): Bump {
  if (comparison.breaking.length > 0) return "major";
  if (comparison.changes.some((change) => change.kind === "additive")) return "minor";
  return "none";
}

/** What the client surface alone asks of the client package's version. */
export function sdkBump(sdk: SdkComparison): Bump {
  if (sdk.breaking.length > 0) return "major";
  if (sdk.changes.length > 0) return "minor";
  return "none";
}

const bumpOrder: Bump[] = ["none", "minor", "major"];

/** The client package's required bump: the larger of the wire's and the client surface's. */
export function clientBump(wire: Comparison, sdk: SdkComparison): Bump {
  const [a, b] = [requiredBump(wire), sdkBump(sdk)];
  return bumpOrder.indexOf(a) >= bumpOrder.indexOf(b) ? a : b;
}

interface Version {
  major: number;
  minor: number;
  patch: number;
}

function parseVersion(text: unknown): Version | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(String(text ?? "").trim());
  return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) } : undefined;
}

/** What is wrong with going from `before` to `after` when `bump` is required; undefined when it is fine. */
export function bumpProblem(
  what: string,
  before: string | undefined,
  after: string | undefined,
  bump: Bump,
): string | undefined {
  if (bump === "none" || before === undefined) return undefined;
  const from = parseVersion(before);
  const to = parseVersion(after);
  if (!from) return `${what} at the base is "${before}", not a semantic version (MAJOR.MINOR.PATCH)`;
  if (!to) return `${what} is "${after ?? "(missing)"}", not a semantic version (MAJOR.MINOR.PATCH)`;
  const wanted = bump === "major" ? `${from.major + 1}.0.0` : `${from.major}.${from.minor + 1}.0`;
  const enough =
    bump === "major"
      ? to.major > from.major
      : to.major > from.major || (to.major === from.major && to.minor > from.minor);
  return enough ? undefined : `${what} is ${after}; a ${bump} bump from ${before} is needed (e.g. ${wanted})`;
}

/** info.version of a spec tree's openapi.yaml (undefined when it has none). */
async function specVersion(rootFile: string): Promise<string | undefined> {
  const document = parse(await readFile(rootFile, "utf8")) as { info?: { version?: unknown } } | null;
  const version = document?.info?.version;
  return version === undefined ? undefined : String(version);
}

/**
 * The client package's "version": client/package.json beside openapi/, or, in a base from before the package got
 * its own manifest, the root package.json (undefined when neither has one).
 */
export async function packageVersion(projectDir: string): Promise<string | undefined> {
  for (const manifestFile of ["client/package.json", "package.json"]) {
    try {
      const manifest = JSON.parse(await readFile(path.join(projectDir, manifestFile), "utf8")) as { version?: unknown };
      if (manifest.version !== undefined) return String(manifest.version);
    } catch {
      // not there: try the next
    }
  }
  return undefined;
}

/** Before and after, of info.version and of the client package's version. */
export interface Versions {
  spec: [string | undefined, string | undefined];
  client: [string | undefined, string | undefined];
}

/** The versions of a base tree and a working tree (each a folder holding openapi/ and the package manifests). */
export async function versionsOf(baseDir: string, headDir: string): Promise<Versions> {
  return {
    spec: [await specVersion(specRootIn(baseDir)), await specVersion(specRootIn(headDir))],
    client: [await packageVersion(baseDir), await packageVersion(headDir)],
  };
}
