// The generated client's public API at the base against the working copy's: what breaks a caller of @kirim/client
// even when the wire contract is unchanged (a renamed operationId, tag, x-kirim-method or schema component; a
// narrowed signature; a dropped error code), and what it gains. redocly diff and oasdiff compare the wire only.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { StepFailed } from "../cli/steps.ts";
import { methodExtension } from "../codegen/client-names.ts";
import { type OperationModel, resolveRef } from "../codegen/operation-model.ts";
import { encodePointer } from "../spec/source-locations.ts";
import { type Change, type Finding, type Locate, locator, type SpecTree } from "./compare-specs.ts";
import { methodName, operationName, type SdkSurface, sdkSurfaceOf } from "./sdk-surface.ts";
import { signatureBreaks } from "./sdk-typecheck.ts";
import { type SpecReads, type TreeReads, treeReads } from "./spec-reads.ts";

export interface SdkComparison {
  /** Changes that stop code written against the base client from compiling (engine `sdk`). */
  breaking: Finding[];
  /** What the client gains: new methods, exported types, error codes. */
  changes: Change[];
  /** Each operation's method at the base and in the working copy, for the changelog. */
  methods: Map<string, { base?: string; head?: string }>;
  /** Why nothing was compared, when the base or the working copy generates no client. */
  skipped?: string;
}

/** The `operation` of a finding about the package's exported types rather than one method. */
const clientTypes = "(client types)";

const fixes = {
  renamed: (old: string) =>
    `keep the old name with \`${methodExtension}: ${old}\` on the operation, or ship the rename in a new major version of the client`,
  removed: "deprecate the operation (`deprecated: true`) and remove it in the next major version of the client",
  arguments:
    "keep accepting every argument the method took: a new parameter or body optional, a field's type widened, not narrowed",
  result: "keep the response's type: add optional fields, do not remove, retype or widen existing ones",
  typeRenamed: (old: string) =>
    `keep the schema's name ${old} (its file name under components/schemas/, or its key under components.schemas), or ship the rename in a new major version of the client`,
  typeRemoved: (old: string) =>
    `keep the schema ${old} under components.schemas (callers import the type by name), or remove it in a new major version of the client`,
  errorCode: "keep documenting the code in x-kirim-error-codes (callers compare error.code with it)",
};

/** Compares the client surfaces two spec trees generate; `reads` as compareSpecTrees takes it. */
export async function compareSdkSurfaces(
  base: SpecTree,
  head: SpecTree,
  reads: TreeReads = treeReads(base, head),
): Promise<SdkComparison> {
  let baseSurface: SdkSurface;
  let headSurface: SdkSurface;
  try {
    [baseSurface, headSurface] = [
      await sdkSurfaceOf(reads.base, base.label),
      await sdkSurfaceOf(reads.head, head.label),
    ];
  } catch (error) {
    // A tree that generates no client has no surface to compare; `npm run generate` (and CI) refuses it, naming why.
    if (!(error instanceof StepFailed)) throw error;
    return { breaking: [], changes: [], methods: new Map(), skipped: error.message };
  }
  const locate = locator(base, head, reads);
  const found = [
    await compareMethods(baseSurface, headSurface, locate),
    await compareTypes(
      baseSurface,
      headSurface,
      { ...base, reads: reads.base },
      { ...head, reads: reads.head },
      locate,
    ),
    await compareErrorCodes(baseSurface, headSurface, locate),
  ];
  const methods = new Map<string, { base?: string; head?: string }>();
  for (const model of baseSurface.methods) methods.set(operationName(model), { base: methodName(model) });
  for (const model of headSurface.methods)
    methods.set(operationName(model), { ...methods.get(operationName(model)), head: methodName(model) });
  return { breaking: found.flatMap((part) => part.breaking), changes: found.flatMap((part) => part.changes), methods };
}

interface Found {
  breaking: Finding[];
  changes: Change[];
}

/** Methods renamed or removed, narrowed (the typecheck), and new. */
async function compareMethods(base: SdkSurface, head: SdkSurface, locate: Locate): Promise<Found> {
  const headByName = new Map(head.methods.map((model) => [methodName(model), model]));
  const breaking: Finding[] = [];
  const kept: OperationModel[] = [];
  for (const model of base.methods) {
    if (headByName.has(methodName(model))) kept.push(model);
    else breaking.push(await lostMethod(model, head, locate));
  }
  const baseNames = new Set(base.methods.map(methodName));
  const renamedTo = new Set(breaking.filter((finding) => finding.rule === "method-renamed").map((f) => f.operation));
  const changes: Change[] = head.methods
    .filter((model) => !baseNames.has(methodName(model)) && !renamedTo.has(operationName(model)))
    .map((model) => ({
      kind: "additive",
      operation: operationName(model),
      text: `new method kirim.${methodName(model)}(…)`,
    }));

  // Declarations identical to the base's cannot narrow a signature: the typecheck (the costly part) is skipped.
  const sameDeclarations =
    base.files.length === head.files.length && base.files.every((file, index) => file.text === head.files[index]!.text);
  for (const narrowed of sameDeclarations ? [] : signatureBreaks(base, head, kept)) {
    const model = headByName.get(methodName(narrowed.method))!;
    const what =
      narrowed.check === "arguments"
        ? "no longer accepts the arguments it did"
        : "resolves to something its old result type does not allow";
    breaking.push({
      engine: "sdk",
      rule: narrowed.check === "arguments" ? "method-arguments-narrowed" : "method-result-changed",
      message: `kirim.${methodName(model)}(…) ${what}: ${narrowed.message}`,
      operation: operationName(model),
      location: await locate("head", operationPointer(model)),
      fix: fixes[narrowed.check],
    });
  }
  return { breaking, changes };
}

function operationPointer(model: OperationModel, ...rest: string[]): string {
  return encodePointer(["paths", model.path, model.httpMethod, ...rest]);
}

/** A base method the working copy no longer has by name: renamed when its operation is still there, else removed. */
async function lostMethod(model: OperationModel, head: SdkSurface, locate: Locate): Promise<Finding> {
  const old = methodName(model);
  const successor = head.methods.find(
    (candidate) => candidate.path === model.path && candidate.httpMethod === model.httpMethod,
  );
  if (!successor) {
    return {
      engine: "sdk",
      rule: "method-removed",
      message: `kirim.${old}(…) is gone: its operation was removed`,
      operation: operationName(model),
      location: await locate("base", operationPointer(model)),
      fix: fixes.removed,
    };
  }
  const before = model.operation;
  const after = successor.operation;
  const [cause, pointer] =
    before[methodExtension] !== after[methodExtension]
      ? [
          `${methodExtension} ${before[methodExtension] ?? "(none)"} → ${after[methodExtension] ?? "(none)"}`,
          methodExtension,
        ]
      : before.tags?.[0] !== after.tags?.[0]
        ? [`first tag ${before.tags?.[0]} → ${after.tags?.[0]}`, "tags"]
        : [`operationId ${before.operationId} → ${after.operationId}`, "operationId"];
  const present = pointer === methodExtension && after[methodExtension] === undefined ? [] : [pointer];
  return {
    engine: "sdk",
    rule: "method-renamed",
    message: `kirim.${old}(…) is now kirim.${methodName(successor)}(…) (${cause}); callers of the old name stop compiling`,
    operation: operationName(successor),
    location: await locate("head", operationPointer(successor, ...present)),
    fix: fixes.renamed(old),
  };
}

type ReadTree = SpecTree & { reads: SpecReads };

/** Exported schema types the working copy lacks (renamed when a new name holds the same schema, else removed), and new ones. */
async function compareTypes(
  base: SdkSurface,
  head: SdkSurface,
  baseTree: ReadTree,
  headTree: ReadTree,
  locate: Locate,
): Promise<Found> {
  const headNames = new Set(head.schemaNames);
  const baseNames = new Set(base.schemaNames);
  const newNames = head.schemaNames.filter((name) => !baseNames.has(name));
  const schemaText = (surface: SdkSurface, name: string) => JSON.stringify(surface.document.components.schemas[name]);
  const breaking: Finding[] = [];
  const renamedTo = new Set<string>();
  for (const name of base.schemaNames.filter((name) => !headNames.has(name))) {
    const successor = newNames.find((candidate) => schemaText(head, candidate) === schemaText(base, name));
    if (successor) renamedTo.add(successor);
    breaking.push({
      engine: "sdk",
      rule: successor ? "type-renamed" : "type-removed",
      message: successor
        ? `the exported type ${name} is now ${successor}; code importing ${name} stops compiling`
        : `the exported type ${name} is gone; code importing it stops compiling`,
      operation: clientTypes,
      location: successor
        ? await schemaLocation(headTree, "head", successor, locate)
        : await schemaLocation(baseTree, "base", name, locate),
      fix: successor ? fixes.typeRenamed(name) : fixes.typeRemoved(name),
    });
  }
  const changes: Change[] = newNames
    .filter((name) => !renamedTo.has(name))
    .map((name) => ({ kind: "additive", operation: clientTypes, text: `new exported type ${name}` }));
  return { breaking, changes };
}

/** Where a schema's name comes from: its key under components.schemas, else the file it is named after. */
async function schemaLocation(tree: ReadTree, side: "base" | "head", name: string, locate: Locate): Promise<string> {
  const root = (await tree.reads.yaml(tree.rootFile)) as { components?: { schemas?: Record<string, unknown> } };
  if (root?.components?.schemas?.[name] === undefined) {
    const file = path.join("components", "schemas", `${name}.yaml`);
    const present = await readFile(path.join(path.dirname(tree.rootFile), file)).then(
      () => true,
      () => false,
    );
    if (present) return `openapi/${file}:1${side === "base" ? ` (${tree.label})` : ""}`;
  }
  return locate(side, encodePointer(["components", "schemas", name]));
}

/** `KnownErrorCode` members dropped (located where the base documented them) and gained. */
async function compareErrorCodes(base: SdkSurface, head: SdkSurface, locate: Locate): Promise<Found> {
  const headCodes = new Set(head.errorCodes);
  const baseCodes = new Set(base.errorCodes);
  const breaking: Finding[] = [];
  for (const code of base.errorCodes.filter((code) => !headCodes.has(code)))
    breaking.push(await lostErrorCode(code, base, locate));
  const changes: Change[] = head.errorCodes
    .filter((code) => !baseCodes.has(code))
    .map((code) => ({ kind: "additive", operation: clientTypes, text: `KnownErrorCode gains "${code}"` }));
  return { breaking, changes };
}

async function lostErrorCode(code: string, base: SdkSurface, locate: Locate): Promise<Finding> {
  for (const model of base.methods) {
    for (const [status, response] of Object.entries<any>(model.operation.responses ?? {})) {
      const documented = resolveRef(base.document, response);
      if (!documented?.["x-kirim-error-codes"]?.[code]) continue;
      return {
        engine: "sdk",
        rule: "error-code-removed",
        message: `KnownErrorCode no longer includes "${code}"`,
        operation: operationName(model),
        location: await locate("base", operationPointer(model, "responses", status, "x-kirim-error-codes", code)),
        fix: fixes.errorCode,
      };
    }
  }
  throw new Error(`error code ${code} is documented nowhere in the base`);
}
