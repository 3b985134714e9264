// The contract-scale section of bench/RESULTS.md: the contract suite's wall time per operation on synthetic specs of
// 10 and 100 operations, unsharded and in 4 shards (KIRIM_CONTRACT_SHARD).
//
// Each spec is bench/synthetic-spec.ts's (ours plus copies of the customer operation as item<k>), bundled, with the
// original /customers/{id} left out: no operation is then one generated/client.ts has, so the suite runs every
// operation over raw HTTP as it does for another API's spec (the client path costs about the same per request).
// Each run is `vitest run --project contract test/contract/operations.test.ts` in a child process (Prism's start and
// vitest's collection included), the property runs per operation as the suite chooses them for that size.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { bin, projectRoot, quietEnv, run } from "../scripts/lib/cli/run-tools.ts";
import { StepFailed } from "../scripts/lib/cli/steps.ts";
import { bundleSpecTree } from "../scripts/lib/spec/redocly-project.ts";
import { runsPerProperty } from "../test/contract/lib/shard.ts";
import { operationsOfAnySpec } from "../test/helpers/spec-operations.ts";
import { writeSyntheticSpec } from "./synthetic-spec.ts";

const shards = 4;

interface Measured {
  wallMs: number;
  tests: number;
}

/** A bundle of `operations` synthetic operations, none of them the client's; returns its file. */
async function syntheticBundle(dir: string, operations: number): Promise<string> {
  const tree = path.join(dir, `spec-${operations}`, "openapi");
  await writeSyntheticSpec(tree, operations + 1);
  const bundle = (await bundleSpecTree(path.join(tree, "openapi.yaml"))) as { paths: Record<string, unknown> };
  delete bundle.paths["/customers/{id}"];
  const count = operationsOfAnySpec(bundle).length;
  if (count !== operations) throw new StepFailed(`the synthetic bundle has ${count} operations, not ${operations}`);
  const file = path.join(dir, `bundle-${operations}.yaml`);
  await writeFile(file, stringify(bundle));
  return file;
}

async function contractRun(spec: string, shard?: string): Promise<Measured> {
  const env = { ...quietEnv, KIRIM_CONTRACT_SPEC: spec, ...(shard ? { KIRIM_CONTRACT_SHARD: shard } : {}) };
  const started = performance.now();
  const result = await run(bin("vitest"), ["run", "--project", "contract", "test/contract/operations.test.ts"], {
    cwd: projectRoot,
    quiet: true,
    env,
  });
  const wallMs = performance.now() - started;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: vitest's colour codes are stripped
  const plain = result.output.replace(/\u001b\[[0-9;]*m/g, "");
  if (result.code !== 0)
    throw new StepFailed(
      `the contract suite failed on ${spec}${shard ? ` (shard ${shard})` : ""}:\n${plain.slice(-3000)}`,
    );
  return { wallMs, tests: Number(/Tests\s+(\d+) passed/.exec(plain)?.[1] ?? 0) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function contractScale(quick: boolean): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kirim-contract-scale-"));
  try {
    const sizes = quick ? [10] : [10, 100];
    const rows: string[] = [];
    const unsharded = new Map<number, Measured>();
    for (const operations of sizes) {
      const spec = await syntheticBundle(dir, operations);
      const whole = await contractRun(spec);
      unsharded.set(operations, whole);
      const parts: Measured[] = [];
      for (let index = 1; index <= shards; index++) parts.push(await contractRun(spec, `${index}/${shards}`));
      const slowest = Math.max(...parts.map((part) => part.wallMs));
      const testsInShards = parts.reduce((sum, part) => sum + part.tests, 0);
      rows.push(
        `| ${operations} | ${runsPerProperty(operations)} | ${whole.tests} | ${seconds(whole.wallMs)} | ${(whole.wallMs / operations / 1000).toFixed(2)} s | ${parts.map((part) => seconds(part.wallMs)).join(", ")} | ${(slowest / whole.wallMs).toFixed(2)}× | ${testsInShards} |`,
      );
    }
    const ratio =
      unsharded.size === 2
        ? `\n\n100 operations ÷ 10, unsharded: **${(unsharded.get(100)!.wallMs / unsharded.get(10)!.wallMs).toFixed(2)}×** (aim ≤ 4×).`
        : "";
    return [
      `| operations | property runs each | tests | wall, unsharded | per operation | wall of each of ${shards} shards (one after another) | slowest shard ÷ unsharded | tests in all shards |`,
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
    ]
      .join("\n")
      .concat(ratio);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
