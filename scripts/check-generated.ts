// npm run check:generated: fails when generated/ is not exactly what openapi/ produces.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { main, StepFailed, step } from "./lib/cli/steps.ts";
import { buildGenerated, type GeneratedFile } from "./lib/codegen/generate.ts";
import { openSpecProject } from "./lib/spec/redocly-project.ts";

const committedDir = "generated";

main(async () => {
  const fresh = await buildGenerated(await openSpecProject());
  await step("compare with generated/", async () => {
    const stale = await staleFiles(fresh);
    if (stale.length > 0) {
      throw new StepFailed(
        `generated/ is stale: ${stale.join(", ")} ${stale.length === 1 ? "differs" : "differ"} from what openapi/ produces.\n` +
          "Run `npm run generate` and commit generated/.",
      );
    }
  });
});

async function staleFiles(fresh: GeneratedFile[]): Promise<string[]> {
  const expected = new Map(fresh.map((file) => [file.name, file.text]));
  const committed = await readdir(committedDir).catch(() => [] as string[]);
  const stale: string[] = [];
  for (const name of [...new Set([...expected.keys(), ...committed])].sort()) {
    const actual = await readFile(path.join(committedDir, name), "utf8").catch(() => undefined);
    if (actual === undefined) stale.push(`generated/${name} (missing)`);
    // `npm run generate` only writes what the spec produces; a leftover file must be deleted by hand.
    else if (!expected.has(name)) stale.push(`generated/${name} (not produced by the spec: delete it)`);
    else if (expected.get(name) !== actual) stale.push(`generated/${name}`);
  }
  return stale;
}
