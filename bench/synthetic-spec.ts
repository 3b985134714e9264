// A spec of N operations made from ours, for the scaling and dev-loop benches: openapi/ as it is, plus N − 1 copies of
// every file that belongs to the customer (path file, schemas, parameter, code samples) with "customer" renamed
// "item<k>", each copy's path and tag added to openapi.yaml. So it measures N operations like the real one, lints
// clean under redocly.yaml, and follows the spec as it changes.
import { cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse, stringify } from "yaml";
import { projectRoot } from "../scripts/lib/cli/run-tools.ts";

interface Root {
  paths: Record<string, unknown>;
  tags: Array<{ name: string }>;
}

/** Writes the spec into `dir` (its openapi/ folder) and returns how many files it has. */
export async function writeSyntheticSpec(dir: string, operations: number): Promise<number> {
  if (!Number.isInteger(operations) || operations < 1)
    throw new Error(`A synthetic spec needs a whole number of operations, at least 1; got ${operations}.`);
  await cp(path.join(projectRoot, "openapi"), dir, { recursive: true });
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  const perResource = files.filter((file) => /customer/i.test(file));
  const root = parse(await readFile(path.join(dir, "openapi.yaml"), "utf8")) as Root;
  const [paths, tags] = [Object.entries(root.paths), root.tags];
  for (let k = 2; k <= operations; k++) {
    const rename = (text: string) => text.replaceAll("customer", `item${k}`).replaceAll("Customer", `Item${k}`);
    for (const file of perResource) {
      await mkdir(path.dirname(path.join(dir, rename(file))), { recursive: true });
      await writeFile(path.join(dir, rename(file)), rename(await readFile(path.join(dir, file), "utf8")));
    }
    for (const [url, item] of paths)
      if (url.includes("customer")) root.paths[rename(url)] = parse(rename(stringify(item)));
    for (const tag of tags) if (tag.name.includes("Customer")) root.tags.push({ ...tag, name: rename(tag.name) });
  }
  await writeFile(path.join(dir, "openapi.yaml"), stringify(root));
  return files.length + perResource.length * (operations - 1);
}
