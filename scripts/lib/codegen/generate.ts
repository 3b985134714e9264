// spec → bundle → types and client surface, in this process. `npm run generate`, `check:generated`, `pipeline` and
// the `npm run dev` watcher all produce generated/ through renderGenerated and writeGenerated, so they cannot disagree
// by a byte.
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3, type SchemaObject } from "openapi-typescript";
import ts from "typescript";
import { StepFailed, step } from "../cli/steps.ts";
import { bundleSpec, bundleText, lintSpec, openSpecProject, type SpecProject } from "../spec/redocly-project.ts";
import { clientSurfaceFile, renderClientSurface, renderSchemaTypes, schemaTypesFile } from "./client-surface.ts";
import { renderRuntimeFeatures, runtimeFeaturesFile } from "./runtime-features.ts";

export const bundleFile = "openapi.yaml";
export const typesFile = "kirim-api.ts";

export interface GeneratedFile {
  /** File name inside generated/. */
  name: string;
  text: string;
}

/**
 * openapi-typescript options (7.13.0, pinned), chosen on purpose; the CLI flags they mirror are in brackets:
 * rootTypes          [--root-types] also export each component as a named type (SchemaCustomer, ResponseNotFound…).
 * emptyObjectsUnknown [--empty-objects-unknown] an object schema without properties becomes Record<string, unknown>,
 *                    not Record<string, never> — a forgotten `additionalProperties` must not make a field unusable.
 * No alphabetize: types keep the spec's field order, which is the order the docs show.
 * silent: its warnings would only repeat what our lint reports, with a JSON pointer instead of a file and line.
 * transform: a binary string (`format: binary`, or a 3.1 `contentMediaType` without `contentEncoding`) is a `Blob`, the
 *                    type the client takes for file parts and uploads; openapi-typescript would say `string`.
 */
const typeOptions = { rootTypes: true, emptyObjectsUnknown: true, silent: true, transform: binaryAsBlob } as const;

const blobType = ts.factory.createTypeReferenceNode("Blob");

function binaryAsBlob(schema: SchemaObject): ts.TypeNode | undefined {
  if (typeof schema !== "object" || schema === null || !("type" in schema)) return undefined;
  const types = [schema.type].flat();
  if (!types.includes("string")) return undefined;
  const binary =
    ("format" in schema && schema.format === "binary") ||
    ("contentMediaType" in schema && schema.contentMediaType !== undefined && !("contentEncoding" in schema));
  if (!binary) return undefined;
  return types.includes("null")
    ? ts.factory.createUnionTypeNode([blobType, ts.factory.createLiteralTypeNode(ts.factory.createNull())])
    : blobType;
}

/**
 * The one place where the files of generated/ are produced from the bundled document. openapiTS + astToString +
 * COMMENT_HEADER are openapi-typescript's documented Node API, and exactly what its CLI writes. `src`: the specifier
 * of src/ from the folder the files go to, for features.ts (runtime-features.ts); `../src` is Kirim's generated/.
 */
export async function renderGenerated(document: object, src = "../src"): Promise<GeneratedFile[]> {
  return [
    { name: bundleFile, text: bundleText(document) },
    ...(await renderDeclarations(document)),
    { name: runtimeFeaturesFile, text: renderClient(document, (bundled) => renderRuntimeFeatures(bundled, src)) },
  ];
}

/** The TypeScript files of generated/ (types, client surface, schema types): what the client's callers compile against. */
export async function renderDeclarations(document: object): Promise<GeneratedFile[]> {
  return [
    { name: typesFile, text: await renderTypes(document) },
    { name: clientSurfaceFile, text: renderClient(document, renderClientSurface) },
    { name: schemaTypesFile, text: renderClient(document, renderSchemaTypes) },
  ];
}

/**
 * generated/client.ts (one table row and one typed method signature per operation) and generated/schemas.ts (named
 * schema types): see client-surface.ts.
 */
function renderClient(document: object, render: (document: object) => string): string {
  try {
    return render(structuredClone(document));
  } catch (error) {
    throw new StepFailed(
      `The client surface cannot be generated: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** `source`: the bundled document, or the URL of a bundle file. */
async function renderTypes(source: object | URL): Promise<string> {
  // A copy: openapiTS bundles an object in place, and the caller's document must stay as the bundle wrote it.
  const input = source instanceof URL ? source : (structuredClone(source) as OpenAPI3);
  // Thin spot: openapiTS lints once more with Redocly's `minimal` rules (ours are stricter and ran first) and prints
  // each error with console.error itself before throwing the last one; `silent` covers warnings only. Its lines are
  // collected here, so the failure below prints each of them once, instead of them plus the thrown copy.
  const printed: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
  try {
    return COMMENT_HEADER + astToString(await openapiTS(input, typeOptions));
  } catch (error) {
    const thrown = error instanceof Error ? error.message : String(error);
    const lines = [...new Set([...printed.map(plain), thrown])].map((line) => `  ${line}`);
    throw new StepFailed(`openapi-typescript could not turn the bundle into types:\n${lines.join("\n")}`);
  } finally {
    console.error = consoleError;
  }
}

/** openapi-typescript's console lines without colours or its ✘ mark. */
function plain(line: string): string {
  return (
    line
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes (ESC [ … m)
      .replace(/\x1b\[[0-9;]*m/g, "")
      .replace(/^\s*✘\s*/, "")
      .trim()
  );
}

/**
 * Writes the files that changed into `dir`, all or nothing: each is written to a staging folder beside the project's
 * other scratch files (same file system), then renamed over its old version, which is atomic per file. Nothing in `dir`
 * is touched before every file has been produced, and unchanged files keep their timestamps (no needless reloads).
 * Returns the names of the files it replaced.
 */
export async function writeGenerated(dir: string, files: GeneratedFile[]): Promise<string[]> {
  const changed: GeneratedFile[] = [];
  for (const file of files) {
    const current = await readFile(path.join(dir, file.name), "utf8").catch(() => undefined);
    if (current !== file.text) changed.push(file);
  }
  if (changed.length === 0) return [];
  const scratch = path.join(path.dirname(path.resolve(dir)), ".tmp");
  await mkdir(scratch, { recursive: true });
  await mkdir(dir, { recursive: true });
  const staging = await mkdtemp(path.join(scratch, "generated-"));
  try {
    for (const file of changed) await writeFile(path.join(staging, file.name), file.text);
    for (const file of changed) await rename(path.join(staging, file.name), path.join(dir, file.name));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return changed.map((file) => file.name);
}

/** openapi/ → the contents of generated/: lint, bundle and render, each a printed step. */
export async function buildGenerated(project: SpecProject): Promise<GeneratedFile[]> {
  const pass = project.pass();
  await step("lint", () => lintSpec(project, pass));
  const document = await step("bundle", () => bundleSpec(project, pass));
  return step("generate types and client surface", () => renderGenerated(document));
}

/** `npm run generate`: lint, bundle, render, then replace the changed files of `outDir`; on any error, `outDir` is untouched. */
export async function generateAll(outDir: string, options: { project?: SpecProject } = {}): Promise<string[]> {
  const project = options.project ?? (await openSpecProject());
  const files = await buildGenerated(project);
  return writeGenerated(outDir, files);
}

/** `npm run bundle`: openapi/ → `outDir`/openapi.yaml only. */
export async function bundle(outDir: string): Promise<string> {
  const project = await openSpecProject();
  const text = bundleText(await bundleSpec(project));
  await writeGenerated(outDir, [{ name: bundleFile, text }]);
  return path.join(outDir, bundleFile);
}

/** The bench's types step: `outDir`/openapi.yaml (bundled beforehand) → `outDir`/kirim-api.ts. */
export async function generateTypes(outDir: string): Promise<string> {
  const text = await renderTypes(pathToFileURL(path.resolve(outDir, bundleFile)));
  await writeGenerated(outDir, [{ name: typesFile, text }]);
  return path.join(outDir, typesFile);
}
