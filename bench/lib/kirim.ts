// Loads our client (src/index.ts) for the bench. src/ imports its siblings with `.js` extensions (as tsc's NodeNext
// output needs), which Node's type stripping cannot resolve, so esbuild compiles src/ to one unminified ES module.
// Packages stay external: the client uses the very openapi-fetch the "bare openapi-fetch" variant uses.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { projectRoot } from "../../scripts/lib/tools.ts";

export const kirimEntry = path.join(projectRoot, "src/index.ts");

/** The fixed public surface of src/index.ts that the bench relies on. */
export interface KirimModule {
  createKirimClient(options: {
    apiKey: string;
    baseUrl?: string;
    timeoutMs?: number;
    maxRetries?: number;
    fetch?: typeof fetch;
    headers?: Record<string, string>;
  }): {
    customers: {
      update(id: string, body: Record<string, unknown>, opts?: unknown): Promise<{ data: { id: string }; request_id: string }>;
    };
  };
}

/** Compiles and imports src/index.ts; rejects with a one-line reason when the client is missing or incomplete. */
export async function loadKirim(scratch: string): Promise<KirimModule> {
  if (!existsSync(kirimEntry)) throw new Error("src/index.ts does not exist yet.");
  const outfile = path.join(scratch, "kirim-client", "index.mjs");
  try {
    await build({ entryPoints: [kirimEntry], outfile, bundle: true, packages: "external", format: "esm", platform: "node", target: "node24", logLevel: "silent" });
  } catch (error) {
    throw new Error(`esbuild could not compile src/index.ts: ${error instanceof Error ? error.message.split("\n").slice(0, 3).join(" ") : String(error)}`);
  }
  const mod = (await import(pathToFileURL(outfile).href)) as Partial<KirimModule>;
  if (typeof mod.createKirimClient !== "function") throw new Error("src/index.ts does not export createKirimClient yet.");
  return mod as KirimModule;
}
