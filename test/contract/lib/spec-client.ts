// The generated client of a spec that is not Kirim's: generated/client.ts rendered for the served spec
// (scripts/lib/codegen/spec-file.ts, in this process), its operation table and security schemes run by src/'s runtime,
// as Kirim's own client runs its. The contract suite sends its valid requests and forced responses through it.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse, stringify } from "yaml";
import { createKirimClientWithRuntime } from "../../../src/client.ts";
import type { RuntimeFeatures } from "../../../src/features.ts";
import type { KirimClientOptions, RequestOptions } from "../../../src/options.ts";
import { defaultRuntime } from "../../../src/runtime.ts";
import type { SpecOperation } from "../../helpers/bundled-spec.ts";
import { apiKey } from "./http.ts";
import type { OperationRequest } from "./wire.ts";

type Json = any;
type Method = (...args: unknown[]) => Promise<unknown>;

interface Row {
  method: string;
  path: string;
  body?: string;
  bodyEncoding?: string;
  query?: string[];
  header?: string[];
  cookie?: string[];
}

interface Scheme {
  type: "bearer" | "basic" | "apiKey";
  option: string;
}

export interface SpecClient {
  /** The generated method for `op` (matched by HTTP method and path), or undefined when the client has none. */
  methodFor(op: SpecOperation): Method | undefined;
  /** The method's arguments: path parameters in URL order, then the body (options.params beside it) or params. */
  argumentsFor(op: SpecOperation, request: OperationRequest, options: RequestOptions): unknown[];
}

/**
 * A GET or HEAD with a body (parameters-style's `GET /anything/form-data/deepObject`) cannot be a client method:
 * fetch refuses to send one, and lint refuses the spec. The copy the client is generated from leaves such operations
 * out; the suite tests them over raw HTTP.
 */
function withoutBodiedReads(document: Json): { document: Json; changed: boolean } {
  let changed = false;
  for (const item of Object.values<Json>(document.paths ?? {}))
    for (const method of ["get", "head"])
      if (item?.[method]?.requestBody) {
        delete item[method];
        changed = true;
      }
  return { document, changed };
}

function credentialOptions(schemes: Record<string, Scheme>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const scheme of Object.values(schemes))
    options[scheme.option] = scheme.type === "basic" ? { username: "contract", password: apiKey } : apiKey;
  return options;
}

const pathNames = (template: string) => [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);

/**
 * Writes the generated client of `specFile` into `dir` (client.ts and what it imports). A shard's global setup calls
 * this while Prism starts, so the worker only imports the result (loadSpecClient).
 */
export async function writeSpecClient(specFile: string, dir: string): Promise<void> {
  const { document, changed } = withoutBodiedReads(parse(await readFile(specFile, "utf8")));
  let source = specFile;
  if (changed) {
    // A spec that refers to files beside it would need its copy there; none of the public specs does.
    source = path.join(dir, "spec.yaml");
    await writeFile(source, stringify(document));
  }
  // Imported here, not at the top: a worker that loads a client written by the global setup never needs the generator.
  const { generateFromSpecFile } = await import("../../../scripts/lib/codegen/spec-file.ts");
  for (const file of await generateFromSpecFile(source, undefined, undefined, dir))
    await writeFile(path.join(dir, file.name), file.text);
}

/** Generates the client for `specFile` into a temporary folder, imports it and runs it against `baseUrl`. */
export async function specClient(specFile: string, baseUrl: string): Promise<SpecClient> {
  const dir = await mkdtemp(path.join(tmpdir(), "kirim-contract-client-"));
  try {
    await writeSpecClient(specFile, dir);
    return await loadSpecClient(dir, baseUrl);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Imports the client writeSpecClient wrote into `dir` and runs it against `baseUrl`. */
export async function loadSpecClient(dir: string, baseUrl: string): Promise<SpecClient> {
  const generated = (await import(pathToFileURL(path.join(dir, "client.ts")).href)) as {
    operationTable: Record<string, Record<string, Row>>;
    securitySchemes: Record<string, Scheme>;
  };
  // The runtime's optional parts the spec needs, as its generated features.ts links them.
  const { runtimeFeatures } = (await import(pathToFileURL(path.join(dir, "features.ts")).href)) as {
    runtimeFeatures: RuntimeFeatures;
  };
  // maxRetries 0: a forced 429 or 500 must surface as the error under test, not be retried.
  const options = {
    baseUrl,
    maxRetries: 0,
    timeoutMs: 10_000,
    ...credentialOptions(generated.securitySchemes),
  } as unknown as KirimClientOptions;
  const client = createKirimClientWithRuntime(
    options,
    defaultRuntime,
    generated.operationTable as never,
    generated.securitySchemes as never,
    runtimeFeatures,
  ) as unknown as Record<string, Record<string, Method>>;
  const rows = new Map<string, { row: Row; method: Method }>();
  for (const [resource, methods] of Object.entries(generated.operationTable))
    for (const [name, row] of Object.entries(methods))
      rows.set(`${row.method} ${decodeURIComponent(row.path)}`, { row, method: client[resource]![name]! });
  const rowOf = (op: SpecOperation) => rows.get(`${op.model.httpMethod.toUpperCase()} ${op.model.path}`);
  return {
    methodFor: (op) => rowOf(op)?.method,
    argumentsFor(op, request, requestOptions) {
      const { row } = rowOf(op)!;
      const args: unknown[] = pathNames(decodeURIComponent(row.path)).map((name) => request.path[name]);
      const params = { ...request.query, ...request.headers, ...request.cookies };
      const hasParams = Boolean(row.query?.length || row.header?.length || row.cookie?.length);
      // The suite draws a raw body as text (what goes on the wire); the client takes bytes for it.
      const body =
        row.bodyEncoding === "binary" && typeof request.body === "string"
          ? new TextEncoder().encode(request.body)
          : request.body;
      if (row.body) args.push(body, hasParams ? { ...requestOptions, params } : requestOptions);
      else if (hasParams) args.push(params, requestOptions);
      else args.push(requestOptions);
      return args;
    },
  };
}
