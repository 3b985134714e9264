// The public surface of the client that a spec tree generates: its methods, exported schema types and documented
// error codes, plus the generated/ files that declare them, rendered in memory by the same code as `npm run generate`.
import { StepFailed } from "../cli/steps.ts";
import { exportedSchemaNames } from "../codegen/client-surface.ts";
import { type GeneratedFile, renderDeclarations } from "../codegen/generate.ts";
import { documentedErrorCodes } from "../codegen/known-error-codes.ts";
import { type OperationModel, operationsOf } from "../codegen/operation-model.ts";
import type { SpecReads } from "./spec-reads.ts";

type Json = any;

export interface SdkSurface {
  /** The bundled document the surface was generated from. */
  document: Json;
  methods: OperationModel[];
  /** Named types of generated/schemas.ts (the package exports them). */
  schemaNames: string[];
  /** The members of `KnownErrorCode`. */
  errorCodes: string[];
  /** generated/kirim-api.ts, client.ts and schemas.ts as `npm run generate` would write them for this tree. */
  files: GeneratedFile[];
}

/** The client surface of a tree; `label` names the tree in a failure. */
export async function sdkSurfaceOf(reads: SpecReads, label: string): Promise<SdkSurface> {
  const document = await reads.bundle();
  const key = JSON.stringify(document);
  let surface = surfaces.get(key);
  if (!surface) {
    surface = render(document, label);
    surfaces.set(key, surface);
    surface.catch(() => surfaces.delete(key));
  }
  return surface;
}

/** Surfaces by bundled document: many comparisons in one process (the test corpus) share a base. */
const surfaces = new Map<string, Promise<SdkSurface>>();

async function render(document: Json, label: string): Promise<SdkSurface> {
  try {
    const files = await renderDeclarations(document);
    return {
      document,
      methods: operationsOf(document),
      schemaNames: exportedSchemaNames(document),
      errorCodes: documentedErrorCodes(document),
      files,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StepFailed(`The client surface of openapi/ (${label}) cannot be generated:\n  ${reason}`);
  }
}

/** `customers.update`: how callers reach a method, `kirim.customers.update(…)`. */
export const methodName = (model: OperationModel) => `${model.resource}.${model.method}`;

/** `PATCH /customers/{id}`: the operation behind a method, as the gate's other findings name it. */
export const operationName = (model: OperationModel) => `${model.httpMethod.toUpperCase()} ${model.path}`;
