// The spec's paths as the mock matches requests to them: the methods documented for a request's path (for the `Allow`
// header of a 405, RFC 9110 §15.5.6) and the operation a request is for.
import { readFileSync, statSync } from "node:fs";
import { parse } from "yaml";

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type Json = any;

interface PathMethods {
  segments: string[];
  methods: string[];
  /** The path item as the bundle writes it. */
  item: Json;
}

let cached: { spec: string; mtimeMs: number; document: Json; paths: PathMethods[] } | undefined;

/** The spec and its paths with their methods, read again only when the file changed (Prism reloads it too). */
function documented(spec: string): { document: Json; paths: PathMethods[] } {
  const mtimeMs = statSync(spec).mtimeMs;
  if (cached?.spec === spec && cached.mtimeMs === mtimeMs) return cached;
  const document = parse(readFileSync(spec, "utf8")) as { paths?: Record<string, Record<string, unknown> | null> };
  const paths = Object.entries(document?.paths ?? {}).map(([template, item]) => ({
    segments: template.split("/"),
    methods: httpMethods.filter((method) => item && typeof item === "object" && method in item),
    item,
  }));
  cached = { spec, mtimeMs, document, paths };
  return cached;
}

function documentedPaths(spec: string): PathMethods[] {
  return documented(spec).paths;
}

/** `/customers/{id}` matches `/customers/cus_1`: a template segment matches any one non-empty segment. */
function matches(template: string[], actual: string[]): boolean {
  return (
    template.length === actual.length &&
    template.every((segment, index) => (/^\{[^}]+\}$/.test(segment) ? actual[index] !== "" : segment === actual[index]))
  );
}

/**
 * The upper-case methods the spec documents for `target` (a path without the base path, query allowed), or undefined
 * when no documented path matches it or the spec cannot be read.
 */
export function allowedMethods(spec: string, target: string): string[] | undefined {
  return pathOf(spec, target)?.methods.map((method) => method.toUpperCase());
}

function pathOf(spec: string, target: string): PathMethods | undefined {
  let paths: PathMethods[];
  try {
    paths = documentedPaths(spec);
  } catch {
    return undefined;
  }
  const actual = new URL(target, "http://placeholder").pathname.split("/");
  const exact = paths.find((item) => item.segments.join("/") === actual.join("/"));
  return exact ?? paths.find((item) => matches(item.segments, actual));
}

/** The operation a request is for, with the document it is in (for its `$ref`s), or undefined. */
export function operationAt(
  spec: string,
  method: string,
  target: string,
): { operation: Json; document: Json } | undefined {
  const operation = pathOf(spec, target)?.item?.[method.toLowerCase()];
  return operation ? { operation, document: cached!.document } : undefined;
}
