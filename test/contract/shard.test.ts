// Shards of the contract suite (KIRIM_CONTRACT_SHARD=i/n, lib/shard.ts): together they test every operation exactly
// once, evenly, for sizes up to 100; a malformed setting is refused by name. And the
// property runs per operation shrink with the spec's size within their bounds.
import { describe, expect, it } from "vitest";
import { runsPerProperty, shardCount, shardOf, shardPlan, shardThreshold } from "./lib/shard.ts";

/** The operations each shard of `count` takes, by the suite's own filter. */
function split<T>(items: T[], count: number): T[][] {
  return Array.from({ length: count }, (_, index) => {
    const shard = shardOf(`${index + 1}/${count}`);
    return items.filter((_item, position) => shard.has(position));
  });
}

describe("KIRIM_CONTRACT_SHARD", () => {
  it("n shards of a spec's operations test each exactly once, evenly, for n = 1 … 6", () => {
    const names = Array.from({ length: 20 }, (_, index) => `resource${index % 3}.operation${index}`);
    for (let count = 1; count <= 6; count++) {
      const shards = split(names, count);
      expect(shards.flat().toSorted(), `${count} shards`).toEqual(names.toSorted());
      const sizes = shards.map((shard) => shard.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("every index from 0 to 99 falls in exactly one of n shards, for n = 1 … 8", () => {
    const indexes = Array.from({ length: 100 }, (_, index) => index);
    for (let count = 1; count <= 8; count++) {
      const taken = split(indexes, count).flat();
      expect(taken.toSorted((a, b) => a - b)).toEqual(indexes);
    }
  });

  it("unset takes everything; a malformed setting is refused, naming it", () => {
    expect(shardOf(undefined).has(123)).toBe(true);
    expect(shardOf(undefined).label).toBe("");
    expect(shardOf("2/4").label).toBe(" (shard 2/4)");
    for (const bad of ["0/4", "5/4", "1/0", "x", "1-4"])
      expect(() => shardOf(bad)).toThrow(`KIRIM_CONTRACT_SHARD must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${bad}"`);
  });
});

it("property runs: 200 up to 10 operations, a shared budget above, never fewer than 25", () => {
  expect([1, 10, 11, 40, 80, 100, 1_000].map(runsPerProperty)).toEqual([200, 200, 181, 50, 25, 25, 25]);
});

it("CI shards a spec from the threshold on, and not below it", () => {
  expect(shardPlan(1)).toEqual([]);
  expect(shardPlan(shardThreshold - 1)).toEqual([]);
  expect(shardPlan(shardThreshold)).toHaveLength(shardCount);
  expect(shardPlan(1_000)).toEqual(Array.from({ length: shardCount }, (_, index) => `${index + 1}/${shardCount}`));
});
