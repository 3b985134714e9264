// Every operation of any OpenAPI 3.1 document, for the contract suite. Unlike the client generator's operationsOf
// (scripts/lib/codegen/operation-model.ts), which refuses a spec whose operations cannot all become client methods,
// this refuses nothing: an operation with a form body, no 2xx or a name the client cannot use is still tested over
// raw HTTP. Its name is the client's where the naming rules give one (client-names.ts), else the operationId, else
// "METHOD /path".
import { clientNameOf } from "../../scripts/lib/codegen/client-names.ts";
import { type HttpMethod, type OperationModel, resolveRef } from "../../scripts/lib/codegen/operation-model.ts";
import { httpMethods } from "../../scripts/lib/codegen/operation-shape.ts";

type Json = any;

const idempotentByDefinition = new Set<HttpMethod>(["get", "head", "put", "delete", "options", "trace"]);

/** An operation as the contract suite needs it: the generator's model without its client-shape analysis. */
export type AnyOperation = Omit<OperationModel, "shape">;

export function operationsOfAnySpec(document: Json): AnyOperation[] {
  const models: AnyOperation[] = [];
  const names = new Set<string>();
  for (const [path, pathItemOrRef] of Object.entries<Json>(document?.paths ?? {})) {
    const pathItem = resolveRef(document, pathItemOrRef);
    for (const httpMethod of httpMethods) {
      const operation = pathItem?.[httpMethod];
      if (!operation) continue;
      const all = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: Json) =>
        resolveRef(document, p),
      );
      const parameters = [...new Map<string, Json>(all.map((p: Json) => [`${p.in}:${p.name}`, p])).values()];
      const requestBody = operation.requestBody ? resolveRef(document, operation.requestBody) : undefined;
      const clientName = clientNameOf(operation);
      const fallback = typeof operation.operationId === "string" ? operation.operationId : `${httpMethod} ${path}`;
      let [resource, method] = "error" in clientName ? ["", fallback] : [clientName.resource, clientName.method];
      // Names stay unique, so each operation's tests have their own title.
      while (names.has(`${resource}.${method}`)) method = `${method}'`;
      names.add(`${resource}.${method}`);
      models.push({
        operationId: operation.operationId,
        httpMethod,
        path,
        resource,
        method,
        operation,
        parameters,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!),
        queryParams: parameters.filter((p) => p.in === "query").map((p) => p.name as string),
        body: requestBody ? (requestBody.required ? "required" : "optional") : undefined,
        idempotent: idempotentByDefinition.has(httpMethod) || operation["x-kirim-idempotent"] === true,
        successStatuses: Object.keys(operation.responses ?? {})
          .filter((status) => /^2\d\d$/.test(status))
          .map(Number)
          .sort((a, b) => a - b),
        summary: operation.summary,
        description: operation.description,
        tag: operation.tags?.[0],
      });
    }
  }
  return models;
}
