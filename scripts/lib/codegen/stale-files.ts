// Whether a committed generated/ folder is exactly what its spec produces: `npm run check:generated` asks it of
// Kirim's generated/, test/codegen/every-shape.test.ts of the every-shape fixture's, and both say it the same way.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { GeneratedFile } from "./generate.ts";

/** The files of `dir` that differ from `fresh`, missing or left over included, named relative to `root`. */
export async function staleFiles(dir: string, fresh: GeneratedFile[], root = process.cwd()): Promise<string[]> {
  const expected = new Map(fresh.map((file) => [file.name, file.text]));
  const committed = await readdir(dir).catch(() => [] as string[]);
  const stale: string[] = [];
  for (const name of [...new Set([...expected.keys(), ...committed])].sort()) {
    const shown = path.relative(root, path.join(dir, name));
    const actual = await readFile(path.join(dir, name), "utf8").catch(() => undefined);
    if (actual === undefined) stale.push(`${shown} (missing)`);
    // Generating only writes what the spec produces; a leftover file must be deleted by hand.
    else if (!expected.has(name)) stale.push(`${shown} (not produced by the spec: delete it)`);
    else if (expected.get(name) !== actual) stale.push(shown);
  }
  return stale;
}

/** "<dir>/ is stale: <files> differ from what <source> produces.", then the command that regenerates it. */
export function staleMessage(folder: string, stale: string[], source: string, regenerate: string): string {
  return (
    `${folder}/ is stale: ${stale.join(", ")} ${stale.length === 1 ? "differs" : "differ"} from what ${source} produces.\n` +
    `Run \`${regenerate}\` and commit ${folder}/.`
  );
}
