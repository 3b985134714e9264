// npm run check:generated: fails when generated/ is not exactly what openapi/ produces.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { clientSurfaceFile, schemaTypesFile } from "./lib/client-surface.ts";
import { bundleFile, generateAll, typesFile } from "./lib/generate.ts";
import { StepFailed, main, step } from "./lib/step.ts";

const committedDir = "generated";

main(async () => {
  const freshDir = await mkdtemp(path.join(tmpdir(), "kirim-generated-"));
  try {
    await generateAll(freshDir, { quiet: true });
    await step("compare with generated/", async () => {
      const stale = await staleFiles(freshDir);
      if (stale.length > 0) {
        throw new StepFailed(
          `generated/ is stale: ${stale.join(", ")} ${stale.length === 1 ? "differs" : "differ"} from what openapi/ produces.\n` +
            "Run `npm run generate` and commit generated/.",
        );
      }
    });
  } finally {
    await rm(freshDir, { recursive: true, force: true });
  }
});

async function staleFiles(freshDir: string): Promise<string[]> {
  const committed = await readdir(committedDir).catch(() => [] as string[]);
  const names = new Set([bundleFile, typesFile, clientSurfaceFile, schemaTypesFile, ...committed]);
  const stale: string[] = [];
  for (const name of [...names].sort()) {
    const [expected, actual] = await Promise.all([
      readFile(path.join(freshDir, name), "utf8").catch(() => undefined),
      readFile(path.join(committedDir, name), "utf8").catch(() => undefined),
    ]);
    if (actual === undefined) stale.push(`generated/${name} (missing)`);
    else if (expected === undefined) stale.push(`generated/${name} (not produced by the spec)`);
    else if (expected !== actual) stale.push(`generated/${name}`);
  }
  return stale;
}
