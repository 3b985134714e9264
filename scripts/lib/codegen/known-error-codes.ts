// The error codes the spec documents (`x-kirim-error-codes` on each 4xx/5xx response), for the client's
// `KnownErrorCode` type in generated/client.ts. The lint rule kirim/error-codes-documented keeps the map well-formed.
import { operationsOf, resolveRef } from "./operation-model.ts";

type Json = any;

const errorCodesExtension = "x-kirim-error-codes";

/** Every code documented on an error response of any operation, sorted, each once. */
export function documentedErrorCodes(document: Json): string[] {
  const codes = new Set<string>();
  for (const model of operationsOf(document)) {
    for (const [status, responseOrRef] of Object.entries<Json>(model.operation.responses ?? {})) {
      if (!/^[45]/.test(status)) continue;
      const documented = resolveRef(document, responseOrRef)?.[errorCodesExtension];
      if (documented && typeof documented === "object") for (const code of Object.keys(documented)) codes.add(code);
    }
  }
  return [...codes].sort();
}

/** The `KnownErrorCode` type: a union of the documented codes (`never` when the spec documents none). */
export function renderKnownErrorCodes(document: Json): string {
  const codes = documentedErrorCodes(document);
  return [
    `/** Every \`error.code\` the spec documents (${errorCodesExtension}). A server may send others: the client accepts any string. */`,
    `export type KnownErrorCode = ${codes.length > 0 ? codes.map((code) => JSON.stringify(code)).join(" | ") : "never"};`,
  ].join("\n");
}
