// Starts one Prism for the whole contract run and hands its URL to the tests; always stops it.
//
// Parameters (environment, so `scripts/contract-provider.ts` and the meta tests can re-run the suite):
//   KIRIM_CONTRACT_SPEC      the bundled spec Prism serves (default generated/openapi.yaml)
//   KIRIM_CONTRACT_UPSTREAM  a real server's base URL: Prism runs `proxy --errors` in front of it instead of `mock --errors`
//   KIRIM_CONTRACT_ALLOW_REMOTE=1  lets that URL be other than loopback (the suite sends PATCH requests that change data)
//   KIRIM_CONTRACT_CLIENT    a folder holding the client already generated for another API's spec (a fixture's committed
//                            generated/): its tests load it instead of generating one, which costs seconds of CPU
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { parse } from "yaml";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { startPrism } from "../../scripts/lib/mock/prism-launcher.ts";
import { loadSpec } from "../helpers/bundled-spec.ts";
import { isLoopbackUrl } from "../helpers/loopback.ts";
import { shardOf } from "./lib/shard.ts";
import { specForShard } from "./lib/shard-spec.ts";
import { writeSpecClient } from "./lib/spec-client.ts";
import { type ContractTarget, clientSpecPath, type PreparedClient, servesClientApi } from "./lib/target.ts";

/**
 * Under KIRIM_CONTRACT_SHARD, Prism serves the shard's operations only (lib/shard-spec.ts), and the tests read the whole
 * spec from a JSON copy: the YAML is parsed once, here.
 */
interface ShardFiles {
  prismSpec: string;
  /** Set for a shard's run: the whole spec as JSON, and the folder the files live in. */
  shard?: { jsonCopy: string; dir: string };
  remove(): void;
}

function shardFiles(specPath: string): ShardFiles {
  const setting = process.env.KIRIM_CONTRACT_SHARD;
  if (!setting) return { prismSpec: specPath, remove: () => {} };
  const dir = mkdtempSync(path.join(tmpdir(), "kirim-contract-shard-"));
  const document = parse(readFileSync(specPath, "utf8"));
  const prismSpec = path.join(dir, "shard.json");
  const jsonCopy = path.join(dir, "whole.json");
  writeFileSync(prismSpec, JSON.stringify(specForShard(document, shardOf(setting))));
  writeFileSync(jsonCopy, JSON.stringify(document));
  return { prismSpec, shard: { jsonCopy, dir }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A shard of another API's spec: its client (of the shard's operations only) is generated here, while Prism starts,
 * rather than by the first test that needs it after the worker has started. A failure is handed on for that test to
 * report.
 */
async function shardClientWhilePrismStarts(
  specPath: string,
  shardSpec: string,
  shard: { jsonCopy: string; dir: string },
): Promise<PreparedClient | undefined> {
  if (servesClientApi(loadSpec(specPath, shard.jsonCopy), loadSpec(clientSpecPath))) return undefined;
  const dir = path.join(shard.dir, "client");
  try {
    mkdirSync(dir);
    await writeSpecClient(shardSpec, dir);
    return { dir };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const specPath = path.resolve(projectRoot, process.env.KIRIM_CONTRACT_SPEC || "generated/openapi.yaml");
  const upstream = process.env.KIRIM_CONTRACT_UPSTREAM || undefined;
  if (upstream && !isLoopbackUrl(upstream) && process.env.KIRIM_CONTRACT_ALLOW_REMOTE !== "1") {
    throw new Error(
      `KIRIM_CONTRACT_UPSTREAM ${upstream} is not a loopback address. The suite sends PATCH requests that change data; ` +
        "point it at a test server, and set KIRIM_CONTRACT_ALLOW_REMOTE=1 to confirm.",
    );
  }
  // 60 s, as `npm run mock`: the meta tests start several suites (each its Prism) side by side on a busy machine.
  const files = shardFiles(specPath);
  const [prism, shardClient] = await Promise.all([
    // Warnings and errors only: nothing reads Prism's line per request here, and writing it is Prism's own CPU.
    startPrism({ spec: files.prismSpec, upstream, readyTimeoutMs: 60_000, prismArgs: ["--verboseLevel", "warn"] }),
    files.shard && shardClientWhilePrismStarts(specPath, files.prismSpec, files.shard),
  ]);
  const target: ContractTarget = {
    baseUrl: prism.url,
    mode: prism.mode,
    specPath,
    specJsonCopy: files.shard?.jsonCopy,
    preparedClient: process.env.KIRIM_CONTRACT_CLIENT
      ? { dir: path.resolve(projectRoot, process.env.KIRIM_CONTRACT_CLIENT) }
      : shardClient,
  };
  project.provide("kirimContract", target);
  console.log(
    `contract: Prism ${prism.mode} on ${prism.url} (pid ${prism.pid}) serving ${path.relative(projectRoot, specPath)}${upstream ? ` → ${upstream}` : ""}`,
  );
  return async () => {
    // The launcher restarts a Prism that exits on its own (a line says so when it happens): a fault of the mock, not of
    // the operations whose requests got a 503 meanwhile.
    if (prism.restarts > 0)
      console.error(`contract: Prism exited on its own and was restarted ${prism.restarts} time(s)`);
    await prism.stop();
    files.remove();
  };
}
