// The operations of a bundled spec as the client sees them: which resource and method each becomes, its
// arguments, and whether retrying it is safe. The client-surface generator and the contract suite read them here.
//
// How an operation is named lives in scripts/lib/codegen/client-names.ts, beside the lint plugin that checks it.

import { decodePointer } from "../spec/source-locations.ts";
import { clientNameOf, methodExtension } from "./client-names.ts";

const idempotentExtension = "x-kirim-idempotent";

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** Safe to repeat by HTTP's definition (RFC 9110 §9.2.2); PATCH and POST only when the spec says so. */
const idempotentByDefinition: ReadonlySet<HttpMethod> = new Set(["get", "head", "put", "delete", "options", "trace"]);

type Json = any;

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
  /** Whether the operation takes a JSON body, and whether the spec requires it. */
  body: "required" | "optional" | undefined;
  /** Safe to retry after a 5xx or a timeout (see retry rules in src/retry.ts). */
  idempotent: boolean;
  /** The documented 2xx statuses, ascending. */
  successStatuses: number[];
  summary: string | undefined;
  description: string | undefined;
  /** The first tag, as written in the spec (the docs group operations by it). */
  tag: string | undefined;
}

/** Follows local `$ref`s (`#/components/…`) inside a bundled document. */
export function resolveRef(document: Json, node: Json): Json {
  let current = node;
  for (let hops = 0; current && typeof current === "object" && typeof current.$ref === "string"; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${current.$ref}`);
    const ref: string = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
    current = decodePointer(ref).reduce((at: Json, part) => (at === undefined ? undefined : at[part]), document);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return current;
}

/** Every operation of a bundled document, in path then method order; throws one message listing every problem. */
export function operationsOf(document: Json): OperationModel[] {
  const models: OperationModel[] = [];
  const problems: string[] = [];
  for (const [path, pathItemOrRef] of Object.entries<Json>(document?.paths ?? {})) {
    const pathItem = resolveRef(document, pathItemOrRef);
    for (const httpMethod of httpMethods) {
      const operation = pathItem?.[httpMethod];
      if (!operation) continue;
      const where = `${httpMethod.toUpperCase()} ${path}`;
      const name = clientNameOf(operation);
      if ("error" in name) {
        problems.push(`${where}: ${name.error}`);
        continue;
      }
      const allParameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: Json) =>
        resolveRef(document, p),
      );
      // An operation-level parameter overrides a path-level one of the same name and location.
      const parameters = [...new Map<string, Json>(allParameters.map((p: Json) => [`${p.in}:${p.name}`, p])).values()];
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
      const requestBody = operation.requestBody ? resolveRef(document, operation.requestBody) : undefined;
      const bodyTypes = Object.keys(requestBody?.content ?? {});
      if (requestBody && !bodyTypes.includes("application/json")) {
        problems.push(
          `${where}: the request body is ${bodyTypes.join(", ") || "without content"}; the client sends application/json only`,
        );
        continue;
      }
      const bodySchema = requestBody ? resolveRef(document, requestBody.content["application/json"].schema) : undefined;
      if (requestBody && bodySchema?.type !== "object") {
        problems.push(
          `${where}: the JSON request body must be an object schema (type: object), so it can gain optional fields later`,
        );
        continue;
      }
      const successStatuses = Object.keys(operation.responses ?? {})
        .filter((status) => /^2\d\d$/.test(status))
        .map(Number)
        .sort((a, b) => a - b);
      if (successStatuses.length === 0) {
        problems.push(`${where}: documents no 2xx response, so the client would not know what it resolves to`);
        continue;
      }
      models.push({
        operationId: operation.operationId,
        httpMethod,
        path,
        resource: name.resource,
        method: name.method,
        operation,
        parameters,
        pathParams: inPath,
        queryParams: parameters.filter((p) => p.in === "query").map((p) => p.name as string),
        body: requestBody ? (requestBody.required ? "required" : "optional") : undefined,
        idempotent: idempotentByDefinition.has(httpMethod) || operation[idempotentExtension] === true,
        successStatuses,
        summary: operation.summary,
        description: operation.description,
        tag: operation.tags?.[0],
      });
    }
  }
  const seen = new Map<string, string>();
  for (const model of models) {
    const key = `${model.resource}.${model.method}`;
    const where = `${model.httpMethod.toUpperCase()} ${model.path}`;
    const earlier = seen.get(key);
    if (earlier)
      problems.push(`${where}: becomes ${key}, which ${earlier} already is; set ${methodExtension} on one of them`);
    else seen.set(key, where);
  }
  if (problems.length > 0)
    throw new Error(`The spec's operations cannot all become client methods:\n  ${problems.join("\n  ")}`);
  return models;
}
