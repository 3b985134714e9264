// redocly diff reports a node that several operations share (a $ref'd response, parameter or schema) once, under the
// first operation it meets it in. A caller reads the changelog by operation, so a change there belongs to every
// operation that reaches the node through its $refs; this finds them in the spec tree's own files.
import path from "node:path";
import { httpMethods } from "../codegen/operation-shape.ts";
import { decodePointer } from "../spec/source-locations.ts";
import type { SpecReads } from "./spec-reads.ts";

type Json = any;

/** Where a node lives: an absolute file and a JSON pointer inside it (`#/…`, or "" for the whole file). */
export interface NodePlace {
  file: string;
  pointer: string;
}

/** The operations (`PATCH /customers/{id}`, as the gate names them) that reach a place through a `$ref`. */
export type SharedBy = (place: NodePlace) => string[];

export async function operationsSharing(reads: SpecReads): Promise<SharedBy> {
  const { rootFile, yaml: load } = reads;
  /** `file#pointer` of every $ref target → the operations whose tree reaches it. */
  const reached = new Map<string, Set<string>>();

  const walk = async (node: Json, file: string, operation: string, seen: Set<string>): Promise<void> => {
    if (Array.isArray(node)) {
      for (const item of node) await walk(item, file, operation, seen);
      return;
    }
    if (node === null || typeof node !== "object") return;
    if (typeof node.$ref === "string") {
      const [target, fragment = ""] = node.$ref.split("#");
      const targetFile = target ? path.resolve(path.dirname(file), target) : file;
      const key = `${targetFile}#${fragment}`;
      if (seen.has(key)) return;
      seen.add(key);
      const operations = reached.get(key) ?? new Set<string>();
      reached.set(key, operations.add(operation));
      await walk(nodeAt(await load(targetFile), fragment), targetFile, operation, seen);
    }
    for (const [name, value] of Object.entries(node)) if (name !== "$ref") await walk(value, file, operation, seen);
  };

  const root = await load(rootFile);
  for (const [route, item] of Object.entries<Json>(root?.paths ?? {})) {
    let pathItem = item;
    let file = rootFile;
    if (typeof item?.$ref === "string") {
      const [target, fragment = ""] = item.$ref.split("#");
      file = target ? path.resolve(path.dirname(rootFile), target) : rootFile;
      pathItem = nodeAt(await load(file), fragment);
    }
    for (const method of httpMethods)
      if (pathItem?.[method]) await walk(pathItem[method], file, `${method.toUpperCase()} ${route}`, new Set());
  }

  return ({ file, pointer }) => {
    const inside = decodePointer(pointer);
    const operations = new Set<string>();
    for (const [key, sharing] of reached) {
      const [keyFile, keyPointer = ""] = splitKey(key);
      if (keyFile !== file) continue;
      const prefix = decodePointer(keyPointer);
      if (prefix.every((segment, index) => inside[index] === segment)) for (const name of sharing) operations.add(name);
    }
    return [...operations].sort();
  };
}

function splitKey(key: string): [string, string] {
  const at = key.lastIndexOf("#");
  return [key.slice(0, at), key.slice(at + 1)];
}

function nodeAt(document: Json, pointer: string): Json {
  return decodePointer(pointer).reduce((node, segment) => node?.[segment], document);
}
