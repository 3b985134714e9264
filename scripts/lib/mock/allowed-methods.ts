// The methods the spec documents for a request's path, for the `Allow` header of a 405 (RFC 9110 §15.5.6).
import { readFileSync, statSync } from "node:fs";
import { parse } from "yaml";

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

interface PathMethods {
  segments: string[];
  methods: string[];
}

let cached: { spec: string; mtimeMs: number; paths: PathMethods[] } | undefined;

/** The spec's paths with their methods, read again only when the file changed (Prism reloads it too). */
function documentedPaths(spec: string): PathMethods[] {
  const mtimeMs = statSync(spec).mtimeMs;
  if (cached?.spec === spec && cached.mtimeMs === mtimeMs) return cached.paths;
  const document = parse(readFileSync(spec, "utf8")) as { paths?: Record<string, Record<string, unknown> | null> };
  const paths = Object.entries(document?.paths ?? {}).map(([template, item]) => ({
    segments: template.split("/"),
    methods: httpMethods.filter((method) => item && typeof item === "object" && method in item),
  }));
  cached = { spec, mtimeMs, paths };
  return paths;
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
  let paths: PathMethods[];
  try {
    paths = documentedPaths(spec);
  } catch {
    return undefined;
  }
  const actual = new URL(target, "http://placeholder").pathname.split("/");
  const exact = paths.find((item) => item.segments.join("/") === actual.join("/"));
  const found = exact ?? paths.find((item) => matches(item.segments, actual));
  return found ? found.methods.map((method) => method.toUpperCase()) : undefined;
}
