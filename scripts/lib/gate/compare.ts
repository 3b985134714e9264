// Both comparisons of a base and a working copy, side by side: the wire contract (compare-specs.ts: oasdiff and
// Optic) and the generated client's surface (compare-sdk.ts). When both fail, the wire's error is the one reported.

import { compareSdkSurfaces, type SdkComparison } from "./compare-sdk.ts";
import { type Comparison, compareSpecTrees, type SpecTree } from "./compare-specs.ts";

export interface Comparisons {
  wire: Comparison;
  sdk: SdkComparison;
}

export async function compareTrees(base: SpecTree, head: SpecTree): Promise<Comparisons> {
  const [wire, sdk] = await Promise.allSettled([compareSpecTrees(base, head), compareSdkSurfaces(base, head)]);
  if (wire.status === "rejected") throw wire.reason;
  if (sdk.status === "rejected") throw sdk.reason;
  return { wire: wire.value, sdk: sdk.value };
}
