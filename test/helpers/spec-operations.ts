// Every operation of any OpenAPI 3.1 document, for the contract suite: the generator's analysis
// (scripts/lib/codegen/operation-shape.ts), refused operations included. Unlike the generator, which leaves out an
// operation that cannot become a client method, the suite still tests it over raw HTTP. Its name is the client's where
// the naming rules give one (client-names.ts), else the operationId, else "METHOD /path".
import { clientNameOf } from "../../scripts/lib/codegen/client-names.ts";
import { documentShapeOf, type OperationModel, resolveRef } from "../../scripts/lib/codegen/operation-model.ts";
import { isIdempotent } from "../../scripts/lib/codegen/operation-shape.ts";

type Json = any;

/** An operation as the contract suite needs it: the generator's model without its client-shape analysis. */
export type AnyOperation = Omit<OperationModel, "shape">;

export function operationsOfAnySpec(document: Json): AnyOperation[] {
  const names = new Set<string>();
  return documentShapeOf(document).sightings.map(({ path, httpMethod, operation, parameters }) => {
    const clientName = clientNameOf(operation);
    const fallback = typeof operation.operationId === "string" ? operation.operationId : `${httpMethod} ${path}`;
    let [resource, method] = "error" in clientName ? ["", fallback] : [clientName.resource, clientName.method];
    // Names stay unique, so each operation's tests have their own title.
    while (names.has(`${resource}.${method}`)) method = `${method}'`;
    names.add(`${resource}.${method}`);
    const requestBody = operation.requestBody ? resolveRef(document, operation.requestBody) : undefined;
    return {
      operationId: operation.operationId,
      httpMethod,
      path,
      resource,
      method,
      operation,
      parameters,
      pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!),
      queryParams: parameters.filter((p: Json) => p.in === "query").map((p) => p.name as string),
      body: requestBody ? (requestBody.required ? "required" : "optional") : undefined,
      idempotent: isIdempotent(httpMethod, operation),
      successStatuses: Object.keys(operation.responses ?? {})
        .filter((status) => /^2\d\d$/.test(status))
        .map(Number)
        .sort((a, b) => a - b),
      summary: operation.summary,
      description: operation.description,
      tag: operation.tags?.[0],
    };
  });
}
