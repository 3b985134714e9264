// The peer client: @hey-api/openapi-ts generates an SDK for the same bundle (its fetch client is emitted into the
// output folder, so no runtime package is needed). Its files import each other with `.js` extensions, which Node's
// type stripping cannot resolve, so esbuild compiles the output to one unminified ES module that the bench imports.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { timed, tool } from "./proc.ts";

export interface PeerClient {
  /** Folder with the generated sources (index.ts, sdk.gen.ts, client/…). */
  dir: string;
  /** Compiled ES module exporting `updateCustomer` and `createClient`. */
  module: string;
  generateMs: number;
}

export const heyApiClientPlugin = "@hey-api/client-fetch";

export function heyApiArgs(bundlePath: string, outDir: string): string[] {
  return ["--input", bundlePath, "--output", outDir, "--client", heyApiClientPlugin, "--silent", "--no-log-file"];
}

const generated = new Map<string, Promise<PeerClient>>();

/** Generates (once per bundle and run: overhead and size share it) and compiles the peer client. */
export function generatePeer(bundlePath: string, outDir: string): Promise<PeerClient> {
  let peer = generated.get(bundlePath);
  if (!peer) {
    peer = generateAndCompile(bundlePath, outDir);
    generated.set(bundlePath, peer);
  }
  return peer;
}

async function generateAndCompile(bundlePath: string, outDir: string): Promise<PeerClient> {
  const run = await timed(tool("openapi-ts"), heyApiArgs(bundlePath, outDir));
  if (run.code !== 0) throw new Error(`@hey-api/openapi-ts exited with ${run.code}: ${run.output.trim().slice(0, 500)}`);
  const entry = path.join(outDir, "bench-entry.ts");
  await writeFile(
    entry,
    'export { updateCustomer } from "./sdk.gen.ts";\nexport { createClient, createConfig } from "./client/index.ts";\n',
  );
  const module = path.join(outDir, "bench-entry.mjs");
  await build({ entryPoints: [entry], outfile: module, bundle: true, format: "esm", platform: "node", target: "node24", logLevel: "silent" });
  return { dir: outDir, module, generateMs: run.ms };
}
