// The operations of a bundled spec as the client sees them: which resource and method each becomes, its arguments,
// body, responses, security and whether retrying it is safe. The client-surface generator, the contract suite and the
// breaking-change gate read them here. The analysis itself is operation-shape.ts, which lint runs too.

import { decodePointer, encodePointer } from "../spec/source-locations.ts";
import {
  analyseDocument,
  type DocumentShape,
  type HttpMethod,
  type OperationShape,
  type Walker,
} from "./operation-shape.ts";

export type { HttpMethod } from "./operation-shape.ts";

type Json = any;

/** A place in the bundle: the JSON pointer's segments. */
export type BundlePlace = readonly (string | number)[];

export interface OperationModel {
  operationId: string;
  httpMethod: HttpMethod;
  path: string;
  resource: string;
  method: string;
  /** The operation object as the bundle writes it. */
  operation: Json;
  /** Its parameters, path-level and operation-level (which wins on the same name and location), resolved. */
  parameters: Json[];
  /** Path parameter names in URL order. */
  pathParams: string[];
  /** Query parameter names, in spec order. */
  queryParams: string[];
  /** Whether the operation takes a body, and whether the spec requires it. */
  body: "required" | "optional" | undefined;
  /** Safe to retry after a 5xx or a timeout (see retry rules in src/retry.ts). */
  idempotent: boolean;
  /** The documented numeric 2xx statuses, ascending. */
  successStatuses: number[];
  summary: string | undefined;
  description: string | undefined;
  /** The first tag, as written in the spec (the docs group operations by it). */
  tag: string | undefined;
  /** Everything the client surface is generated from: body encoding, parameter styles, responses, security. */
  shape: OperationShape<BundlePlace>;
}

/** Follows local `$ref`s (`#/components/…`) inside a bundled document. */
export function resolveRef(document: Json, node: Json): Json {
  return resolveWithPlace(document, node, []).node;
}

function resolveWithPlace(document: Json, node: Json, at: BundlePlace): { node: Json; at: BundlePlace } {
  let current = node;
  let place = at;
  for (let hops = 0; current && typeof current === "object" && typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${current.$ref}`);
    const ref: string = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
    place = decodePointer(ref);
    current = place.reduce((parent: Json, part) => (parent === undefined ? undefined : parent[part]), document);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return { node: current, at: place };
}

function bundleWalker(document: Json): Walker<BundlePlace> {
  return {
    resolve: (node, at) => resolveWithPlace(document, node, at),
    child: (at, keys) => [...at, ...keys],
  };
}

/** The whole analysis of a bundled document, problems included (located by JSON pointer). */
export function documentShapeOf(document: Json): DocumentShape<BundlePlace> {
  return analyseDocument(document, [], bundleWalker(document));
}

/**
 * Every operation of a bundled document, in path then method order. Throws one message listing every problem: the
 * same sentences `npm run lint` prints at their file and line, so it happens only for a spec that skipped lint.
 */
export function operationsOf(document: Json): OperationModel[] {
  const shape = documentShapeOf(document);
  if (shape.problems.length > 0)
    throw new Error(
      `The spec's operations cannot all become client methods (npm run lint shows each at its file and line):\n  ${shape.problems
        .map((problem) => `${encodePointer(problem.at.map(String)) || "#"}: ${problem.message}`)
        .join("\n  ")}`,
    );
  return shape.operations.map((operation) => ({
    operationId: operation.operationId ?? `${operation.resource}.${operation.method}`,
    httpMethod: operation.httpMethod,
    path: operation.path,
    resource: operation.resource,
    method: operation.method,
    operation: operation.operation,
    parameters: operation.parameters.map((parameter) => parameter.parameter),
    pathParams: operation.pathParams,
    queryParams: operation.parameters.filter((p) => p.in === "query").map((p) => p.name),
    body: operation.body ? (operation.body.required ? "required" : "optional") : undefined,
    idempotent: operation.idempotent,
    successStatuses: operation.successStatuses
      .filter((status) => /^\d+$/.test(status))
      .map(Number)
      .sort((a, b) => a - b),
    summary: operation.operation.summary,
    description: operation.operation.description,
    tag: operation.operation.tags?.[0],
    shape: operation,
  }));
}
