// Which operations one shard of the contract suite tests: KIRIM_CONTRACT_SHARD=i/n takes every n-th operation from
// the i-th (1-based), so n shards together test each operation exactly once and the operations of one path spread
// over the shards. vitest's own --shard splits by file, and one file holds every operation; this splits inside it.

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
