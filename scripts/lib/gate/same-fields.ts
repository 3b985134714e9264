// Structure-only rewrites: a body schema rewritten into `allOf` with the same fields, or split out behind a `$ref`,
// allows exactly what it did, yet both engines compare shapes and report a changed type and removed properties. This
// compares each operation's messages (request body, each response body) by the fields they allow: $refs resolved (their
// constraining siblings kept beside them), `allOf` parts merged where that is plain, documentation keywords dropped. A
// finding inside a message that allows the same fields at the base and in the working copy is a structure-only rewrite.

import { httpMethods } from "../codegen/operation-shape.ts";
import type { SpecReads } from "./spec-reads.ts";

type Json = any;

const documentationKeys = new Set(["description", "title", "example", "examples", "externalDocs", "$comment"]);

/** `PATCH /customers/{id} request`, `PATCH /customers/{id} response 200`: how findings name a message. */
export type MessageKey = string;

/** Every message of every operation (paths and webhooks) of a spec tree, by the fields it allows, as JSON text. */
async function messagesOf(reads: SpecReads): Promise<Map<MessageKey, string>> {
  const document = (await reads.bundle()) as Json;
  const messages = new Map<MessageKey, string>();
  for (const [kind, routes] of [
    ["", document.paths],
    ["(webhook) ", document.webhooks],
  ] as const) {
    for (const [route, item] of Object.entries<Json>(routes ?? {})) {
      for (const method of httpMethods) {
        const operation = item?.[method];
        if (!operation) continue;
        const name = `${method.toUpperCase()} ${kind}${route}`;
        const body = resolve(document, operation.requestBody);
        messages.set(`${name} request`, fieldsOf(document, body && { required: body.required, content: body.content }));
        for (const [status, response] of Object.entries<Json>(operation.responses ?? {})) {
          const { headers, content } = resolve(document, response) ?? {};
          messages.set(`${name} response ${status}`, fieldsOf(document, { headers, content }));
        }
      }
    }
  }
  return messages;
}

function resolve(document: Json, node: Json): Json {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === "string" && depth < 50; depth++) {
    const pointer = current.$ref.replace(/^#\//, "").split("/");
    current = pointer.reduce(
      (at: Json, segment: string) => at?.[segment.replace(/~1/g, "/").replace(/~0/g, "~")],
      document,
    );
  }
  return current;
}

/** A schema (or any node) with $refs resolved, object allOf parts merged and documentation dropped, as JSON text. */
function fieldsOf(document: Json, node: Json): string {
  return JSON.stringify(normalise(document, node, new Set()));
}

// Keywords whose value maps names (a property, a media type, a header) to what follows: a property called `title` or
// `description` is a field, not documentation.
const namedMapKeys = new Set(["properties", "patternProperties", "dependentSchemas", "$defs", "content", "headers"]);

function normalise(document: Json, node: Json, seen: Set<Json>, isNamedMap = false): Json {
  // In OpenAPI 3.1 a $ref's sibling keywords apply beside it, as if both were parts of one allOf.
  const constraining = (key: string) => key !== "$ref" && !documentationKeys.has(key) && !key.startsWith("x-");
  if (!isNamedMap && isSchemaRefWithSiblings(node) && Object.keys(node).some(constraining)) {
    const { $ref, ...siblings } = node;
    return normalise(document, { ...siblings, allOf: [{ $ref }, ...(siblings.allOf ?? [])] }, seen);
  }
  const resolved = resolve(document, node);
  if (Array.isArray(resolved)) return resolved.map((item) => normalise(document, item, seen));
  if (typeof resolved !== "object" || resolved === null) return resolved;
  if (seen.has(resolved)) return "(recursive)";
  seen.add(resolved);
  let result: Json = {};
  for (const key of Object.keys(resolved).sort()) {
    if (!isNamedMap && (documentationKeys.has(key) || key.startsWith("x-"))) continue;
    result[key] = normalise(document, resolved[key], seen, !isNamedMap && namedMapKeys.has(key));
  }
  seen.delete(resolved);
  if (isNamedMap) return result;
  if (Array.isArray(result.allOf)) result = mergeAllOf(result);
  if (Array.isArray(result.required)) result.required = [...new Set(result.required)].sort();
  return result;
}

function isSchemaRefWithSiblings(node: Json): boolean {
  return typeof node === "object" && node !== null && typeof node.$ref === "string" && Object.keys(node).length > 1;
}

// Keywords whose meaning depends on keywords beside them in the same schema: parts holding them are not merged.
const entangledKeys = new Set([
  "patternProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "prefixItems",
  "contains",
  "minContains",
  "maxContains",
  "if",
  "then",
  "else",
  "dependentSchemas",
]);

/**
 * An allOf becomes the one schema its parts amount to, where that is plain: parts empty once documentation is dropped
 * vanish (`allOf: [{ $ref: X }]` allows what `$ref: X` does); the others are merged keyword by keyword: types
 * intersected (`integer` and `number` give `integer`), properties and required fields joined, any other keyword
 * kept when only one part has it or all agree. Anything else (conflicting keywords, keywords that read their
 * neighbours) keeps the allOf as written.
 */
function mergeAllOf(schema: Json): Json {
  const { allOf, ...rest } = schema;
  const parts: Json[] = [rest, ...allOf].filter(
    (part) => typeof part !== "object" || part === null || Object.keys(part).length > 0,
  );
  if (parts.length <= 1) return parts[0] ?? {};
  if (parts.some((part) => typeof part !== "object" || part === null || Array.isArray(part))) return schema;
  if (parts.some((part) => Object.keys(part).some((key) => entangledKeys.has(key)))) return schema;
  const merged: Json = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries<Json>(part)) {
      if (key === "type") {
        merged.type = merged.type === undefined ? value : intersectTypes(merged.type, value);
        if (merged.type === undefined) return schema;
      } else if (key === "properties") {
        merged.properties ??= {};
        for (const [name, property] of Object.entries(value ?? {})) {
          if (name in merged.properties && JSON.stringify(merged.properties[name]) !== JSON.stringify(property))
            return schema;
          merged.properties[name] = property;
        }
      } else if (key === "required") {
        merged.required = [...(merged.required ?? []), ...(value ?? [])];
      } else if (key in merged && JSON.stringify(merged[key]) !== JSON.stringify(value)) {
        return schema;
      } else merged[key] = value;
    }
  }
  // additionalProperties judges the properties of its own part only: merged, it must not see any other part's.
  const closing = parts.filter((part) => part.additionalProperties !== undefined);
  const names = Object.keys(merged.properties ?? {});
  if (closing.some((part) => names.some((name) => !(name in (part.properties ?? {}))))) return schema;
  if (merged.properties)
    merged.properties = Object.fromEntries(Object.entries(merged.properties).sort(([a], [b]) => a.localeCompare(b)));
  if (merged.required) merged.required = [...new Set(merged.required)].sort();
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
}

/** The types two schemas both allow (`integer` lies inside `number`), as `type` writes them; undefined when none. */
function intersectTypes(left: Json, right: Json): Json {
  const list = (type: Json): string[] => (Array.isArray(type) ? type : [type]);
  const allows = (types: string[], type: string) =>
    types.includes(type) || (type === "integer" && types.includes("number"));
  const [a, b] = [list(left), list(right)];
  const both = [...new Set([...a, ...b])].filter((type) => allows(a, type) && allows(b, type)).sort();
  if (both.length === 0) return undefined;
  return both.length === 1 ? both[0] : both;
}

/** The messages that allow the same fields in both trees (a message only one tree has is not among them). */
export async function messagesWithSameFields(baseTree: SpecReads, headTree: SpecReads): Promise<Set<MessageKey>> {
  const [base, head] = await Promise.all([messagesOf(baseTree), messagesOf(headTree)]);
  return new Set([...base].filter(([key, fields]) => head.get(key) === fields).map(([key]) => key));
}

/** The message a redocly diff pointer (`#/paths/~1customers~1{id}/patch/responses/200/…`) lies in. */
export function messageOfPointer(pointer: string): MessageKey | undefined {
  const segments = pointer
    .replace(/^#\//, "")
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  const [kind, route, method, part, status] = segments;
  if ((kind !== "paths" && kind !== "webhooks") || !route || !method) return undefined;
  const name = `${method.toUpperCase()} ${kind === "webhooks" ? "(webhook) " : ""}${route}`;
  if (part === "requestBody") return `${name} request`;
  if (part === "responses" && status) return `${name} response ${status}`;
  return undefined;
}

/** The message an oasdiff finding lies in: its operation, and the status its text names for a response check. */
export function messageOfOasdiff(rule: string, operation: string, message: string): MessageKey | undefined {
  if (
    rule.startsWith("request-body") ||
    rule.startsWith("request-property") ||
    rule.startsWith("new-required-request-property")
  )
    return `${operation} request`;
  if (!rule.startsWith("response-")) return undefined;
  const status = /status [`']?(\d{3}|default)[`']?|[`'](\d{3})[`'] status/.exec(message);
  const code = status?.[1] ?? status?.[2];
  return code ? `${operation} response ${code}` : undefined;
}
