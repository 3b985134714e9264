// The spec one shard's Prism serves: the shard's operations only, and only the components they reach. Prism's start
// grows with the document it parses and dereferences (the 100-operation synthetic bundle: about 7 s against 3 s for
// Kirim's), and every shard paid it for the whole spec. The tests still read the whole spec, so an operation keeps its
// place (and its shard) whatever this leaves out; the files that call operations keep to the shard's (shardKeeps).
import { operationMethod, operationPath } from "../../helpers/bundled-spec.ts";
import { operationsOfAnySpec } from "../../helpers/spec-operations.ts";
import type { Shard } from "./shard.ts";

type Json = any;

/** `#/components/<section>/<name>` of every local $ref under `node`. */
function localRefs(node: Json, found: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) localRefs(item, found);
  else if (node && typeof node === "object")
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/")) {
        const [section, name] = value.slice("#/components/".length).split("/");
        found.add(`${section}/${name}`);
      } else localRefs(value, found);
    }
}

const unescapeStep = (step: string) => step.replaceAll("~1", "/").replaceAll("~0", "~");

/** A copy of `document` with the operations `shard` does not test removed, and the components no one reaches. */
export function specForShard(document: Json, shard: Shard): Json {
  const kept = new Map<string, Set<string>>();
  operationsOfAnySpec(document).forEach((model, index) => {
    // Kirim's update-a-customer operation stays in every shard: negative.test.ts sends its requests in each.
    const seed = model.path === operationPath && model.httpMethod === operationMethod;
    if (shard.has(index) || seed) kept.set(model.path, (kept.get(model.path) ?? new Set()).add(model.httpMethod));
  });
  const paths: Record<string, Json> = {};
  for (const [pathName, item] of Object.entries<Json>(document.paths ?? {})) {
    const methods = kept.get(pathName);
    if (!methods) continue;
    const { get, put, post, delete: del, options, head, patch, trace, ...shared } = item;
    const operations = { get, put, post, delete: del, options, head, patch, trace } as Record<string, Json>;
    paths[pathName] = {
      ...shared,
      ...Object.fromEntries(Object.entries(operations).filter(([method, op]) => op && methods.has(method))),
    };
  }
  // Components reached from the kept paths, transitively; security schemes are read by name, not $ref: all kept.
  const reached = new Set<string>();
  const queue: string[] = [];
  const visit = (node: Json) => {
    const found = new Set<string>();
    localRefs(node, found);
    for (const ref of found) if (!reached.has(ref)) reached.add(ref) && queue.push(ref);
  };
  visit(paths);
  while (queue.length > 0) {
    const [section, name] = queue.shift()!.split("/") as [string, string];
    visit(document.components?.[section]?.[unescapeStep(name)]);
  }
  const components: Record<string, Record<string, Json>> = {};
  for (const [section, entries] of Object.entries<Record<string, Json>>(document.components ?? {})) {
    const keep = Object.entries(entries).filter(
      ([name]) =>
        section === "securitySchemes" || reached.has(`${section}/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`),
    );
    if (keep.length > 0) components[section] = Object.fromEntries(keep);
  }
  const { webhooks: _webhooks, ...rest } = document;
  return { ...rest, paths, components };
}
