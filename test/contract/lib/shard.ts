// How the contract suite scales with the number of operations.
// - KIRIM_CONTRACT_SHARD=i/n takes every n-th operation from the i-th (1-based), so n shards together test each
//   operation exactly once and the operations of one path spread over the shards. vitest's own --shard splits by
//   file, and one file holds every operation; this splits inside it.
// - Property runs per property: 200 up to 10 operations, then a budget of 2,000 runs per property shared by all
//   operations, at least 25 each, so that the suite's time grows with its fixed cost per operation rather than with
//   200 generated requests per operation.

export interface Shard {
  has(index: number): boolean;
  /** " (shard i/n)" for report titles; "" when unsharded. */
  label: string;
}

export function shardOf(setting: string | undefined): Shard {
  if (!setting) return { has: () => true, label: "" };
  const match = /^(\d+)\/(\d+)$/.exec(setting.trim());
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!match || count < 1 || index < 1 || index > count)
    throw new Error(`KIRIM_CONTRACT_SHARD must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got ${JSON.stringify(setting)}`);
  return { has: (position) => position % count === index - 1, label: ` (shard ${index}/${count})` };
}

/** Property-based runs per property for a spec of `operations` operations (KIRIM_PBT_RUNS overrides it). */
export function runsPerProperty(operations: number): number {
  return Math.max(25, Math.min(200, Math.floor(2_000 / Math.max(1, operations))));
}

/**
 * From this many operations on, GitHub Actions runs the contract project in `shardCount` shards (the contract-shards
 * job of .github/workflows/ci.yml) instead of inside `npm run ci`. Measured: bench/RESULTS.md, contract-scale.
 */
export const shardThreshold = 40;
export const shardCount = 4;

/** The shards CI runs for a spec of `operations` operations: none below the threshold. */
export function shardPlan(operations: number): string[] {
  return operations < shardThreshold
    ? []
    : Array.from({ length: shardCount }, (_, index) => `${index + 1}/${shardCount}`);
}
