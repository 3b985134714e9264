// Bundle size: what the client adds to an application bundle. esbuild bundles small entry files for the browser
// (ESM, minified, tree-shaken); we report min, min+gzip (level 9) and min+brotli bytes.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build } from "esbuild";
import { projectRoot } from "../scripts/lib/tools.ts";
import { generatePeer } from "./lib/peer.ts";

export interface SizeEntry {
  name: string;
  /** The entry file's source, as a user would write it. */
  source: string;
  min: number;
  gzip: number;
  brotli: number;
  error?: string;
  /** Minified bytes each source file contributes (esbuild metafile), largest first. */
  inputs?: Array<{ file: string; bytes: number }>;
}

export interface SizeResult {
  entries: SizeEntry[];
  /** Kirim entry minus openapi-fetch alone, min+gzip bytes (undefined when the client is not there yet). */
  addedGzip?: number;
  addedMin?: number;
  esbuild: string;
  skipped: Array<{ entry: string; reason: string }>;
}

export const sizeNames = {
  openapiFetch: "openapi-fetch alone (createClient)",
  kirimFull: "Kirim client, whole public surface (export * from src/index.ts)",
  kirimTypical: "Kirim client, typical import (createKirimClient only)",
  heyApi: "@hey-api/openapi-ts SDK + its fetch client (peer)",
};

export async function runSize(options: { scratch: string; kirim: boolean }): Promise<SizeResult> {
  const dir = path.join(options.scratch, "size");
  await mkdir(dir, { recursive: true });
  const src = path.join(projectRoot, "src/index.ts");
  const skipped: SizeResult["skipped"] = [];
  const entries: SizeEntry[] = [];

  entries.push(await measureEntry(dir, sizeNames.openapiFetch, 'import createClient from "openapi-fetch";\nexport { createClient };\n'));
  if (options.kirim) {
    entries.push(await measureEntry(dir, sizeNames.kirimFull, `export * from ${JSON.stringify(src)};\n`));
    entries.push(await measureEntry(dir, sizeNames.kirimTypical, `export { createKirimClient } from ${JSON.stringify(src)};\n`));
  } else {
    skipped.push({ entry: "Kirim client", reason: "src/index.ts does not export createKirimClient yet." });
  }
  try {
    const peer = await generatePeer(path.join(projectRoot, "generated/openapi.yaml"), path.join(options.scratch, "hey-api"));
    entries.push(await measureEntry(dir, sizeNames.heyApi, `export * from ${JSON.stringify(path.join(peer.dir, "index.ts"))};\nexport { createClient } from ${JSON.stringify(path.join(peer.dir, "client/index.ts"))};\n`));
  } catch (error) {
    skipped.push({ entry: sizeNames.heyApi, reason: error instanceof Error ? error.message : String(error) });
  }

  const base = entries.find((e) => e.name === sizeNames.openapiFetch);
  const full = entries.find((e) => e.name === sizeNames.kirimFull);
  const { version } = await import("esbuild");
  return {
    entries,
    ...(base && full && !full.error ? { addedGzip: full.gzip - base.gzip, addedMin: full.min - base.min } : {}),
    esbuild: version,
    skipped,
  };
}

async function measureEntry(dir: string, name: string, source: string): Promise<SizeEntry> {
  const file = path.join(dir, `${name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.ts`);
  await writeFile(file, source);
  try {
    const result = await build({
      entryPoints: [file],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      treeShaking: true,
      legalComments: "none",
      write: false,
      logLevel: "silent",
      absWorkingDir: projectRoot,
      metafile: true,
      outdir: dir,
    });
    const code = result.outputFiles.find((f) => f.path.endsWith(".js"))!.contents;
    const output = Object.values(result.metafile.outputs)[0];
    const inputs = Object.entries(output?.inputs ?? {})
      .map(([file, info]) => ({ file: file.replace(/^.*node_modules\//, "").replace(/^.*\/hey-api\//, "<hey-api output>/").replace(/^\.tmp\/[^/]+\/size\//, "<entry>/"), bytes: info.bytesInOutput }))
      .filter((i) => i.bytes > 0)
      .sort((a, b) => b.bytes - a.bytes);
    await writeFile(file.replace(/\.ts$/, ".min.js"), code);
    return {
      name,
      source: source.replaceAll(projectRoot + "/", "").replace(/"[^"]*\/hey-api\//g, '"<hey-api output>/'),
      min: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      inputs,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n").slice(0, 4).join(" ") : String(error);
    return { name, source, min: Number.NaN, gzip: Number.NaN, brotli: Number.NaN, error: message };
  }
}
