// What each operation of a spec becomes in the client, or why it cannot become a method: one analysis shared by the
// lint rules kirim/client-method-names and kirim/client-representable (redocly/kirim-plugin.js, on the unbundled
// files) and by the generator (operation-model.ts, on the bundle). Because both run this same code, `npm run generate`
// refuses exactly what lint refuses, with the same sentence.
//
// The analysis walks the document through a Walker: lint's resolves `$ref`s across files and locates a problem at
// `openapi/<file>:<line>:<col>`; the generator's follows the bundle's local `$ref`s and locates by JSON pointer.
// It imports only types, client-names.ts and pagination-shape.ts, so the lint plugin can load it from a copy of the lint config.
import type {
  BodyEncoding,
  PaginationSpec,
  ParameterStyle,
  QueryStyle,
  ResponseReading,
  SecuritySchemeSpec,
} from "../../../src/operation-spec.ts";
import { clientNameOf, methodExtension } from "./client-names.ts";
import { analysePagination } from "./pagination-shape.ts";

type Json = any;

export interface Walker<L> {
  /** The node a `$ref` points to (itself when it is no `$ref`) and where it is. */
  resolve(node: Json, at: L): { node: Json; at: L };
  /** The location of a key below `at`. */
  child(at: L, keys: readonly (string | number)[]): L;
}

export type ShapeRule = "client-method-names" | "client-representable" | "client-pagination";

export interface ShapeProblem<L> {
  rule: ShapeRule;
  message: string;
  at: L;
}

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export interface ParameterShape {
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  /** Typed integer or number (path parameters are then sent in decimal). */
  numeric: boolean;
  /** The JSON types its schema allows (empty when it does not say). */
  types: string[];
  /** Set only when the serialisation differs from the location's default for this parameter's type. */
  style?: QueryStyle | ParameterStyle;
  /** The resolved parameter object. */
  parameter: Json;
}

export interface BodyShape {
  required: boolean;
  mediaType: string;
  encoding: BodyEncoding;
}

/** One media type of a success response, and how the client reads it. */
export interface ResponseContent {
  status: string;
  /** undefined: the response has no body. */
  mediaType: string | undefined;
  reading: "json" | "text" | "blob";
}

export interface OperationShape<L> {
  path: string;
  httpMethod: HttpMethod;
  operationId: string | undefined;
  resource: string;
  method: string;
  operation: Json;
  at: L;
  /** Path-level and operation-level parameters (the operation's win on the same name and location), resolved. */
  parameters: ParameterShape[];
  /** Path parameter names in URL order. */
  pathParams: string[];
  body: BodyShape | undefined;
  /** The statuses the method resolves with: the 2xx ones (`2XX` included), else `default`, else none. */
  successStatuses: string[];
  /** What each success status carries, in spec order. */
  successContent: ResponseContent[];
  /** Undefined: the default (`application/json`). */
  accept: string | undefined;
  /** Undefined: the default (`json`). */
  reading: ResponseReading | undefined;
  /** The effective security requirement (the document's default applied); `[]` for a public operation. */
  security: string[][];
  idempotent: boolean;
  /** The header the client sends a fresh idempotency key in (`x-kirim-idempotency-key`), as the spec spells it. */
  idempotencyKey: string | undefined;
  deprecated: boolean;
  /** How to ask for the next page (`x-kirim-pagination`), for a list operation that declares it. */
  pagination: PaginationSpec | undefined;
}

export interface SchemeShape {
  name: string;
  spec: SecuritySchemeSpec;
}

export interface WebhookShape {
  name: string;
  /** `<Pascal>WebhookPayload`. */
  typeName: string;
  httpMethod: HttpMethod;
  mediaType: string;
}

/** Every operation of the document, in path then method order, whether or not it can become a client method. */
export interface OperationSighting<L> {
  path: string;
  httpMethod: HttpMethod;
  operation: Json;
  at: L;
  /** Path-level and operation-level parameters (the operation's win on the same name and location), resolved. */
  parameters: Json[];
  /** Its client method; undefined when refused (each reason is in `problems`). */
  shape: OperationShape<L> | undefined;
}

export interface DocumentShape<L> {
  operations: OperationShape<L>[];
  /** The contract suite tests refused operations too, over raw HTTP. */
  sightings: OperationSighting<L>[];
  schemes: SchemeShape[];
  webhooks: WebhookShape[];
  problems: ShapeProblem<L>[];
}

export const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof httpMethods)[number];

const idempotentExtension = "x-kirim-idempotent";
export const idempotencyKeyExtension = "x-kirim-idempotency-key";
/** An HTTP field name (RFC 9110 §5.1: a token). */
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const clientOptionExtension = "x-kirim-client-option";

/** Safe to repeat by HTTP's definition (RFC 9110 §9.2.2); PATCH and POST only when the spec says so. */
const idempotentByDefinition: ReadonlySet<HttpMethod> = new Set(["get", "head", "put", "delete", "options", "trace"]);

/** Whether retrying the operation after a 5xx or a timeout is safe. */
export function isIdempotent(httpMethod: HttpMethod, operation: Json): boolean {
  return idempotentByDefinition.has(httpMethod) || operation[idempotentExtension] === true;
}

/** The client's own options: a credential option may not take one of these names. */
const clientOptionNames: ReadonlySet<string> = new Set(["baseUrl", "timeoutMs", "maxRetries", "fetch", "headers"]);

const allowedStyles: Record<ParameterLocation, readonly string[]> = {
  path: ["simple", "label", "matrix"],
  query: ["form", "spaceDelimited", "pipeDelimited", "deepObject"],
  header: ["simple"],
  cookie: ["form"],
};
const defaultStyles: Record<ParameterLocation, string> = {
  path: "simple",
  query: "form",
  header: "simple",
  cookie: "form",
};

/** Header parameters OpenAPI says to ignore: the client sets these itself. */
const ignoredHeaders: ReadonlySet<string> = new Set(["accept", "content-type", "authorization"]);

/** Headers the client or fetch set themselves, which cannot carry an idempotency key. */
const reservedKeyHeaders: ReadonlySet<string> = new Set([...ignoredHeaders, "cookie", "host", "content-length"]);

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `application/json`, `application/problem+json`, `application/vnd.x+json; charset=utf-8`. */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(";")[0]!.trim().toLowerCase();
  return essence === "application/json" || essence.endsWith("+json");
}

/** `text/*` and XML: sent as a string, and read as one by src/operation-spec.ts's "auto". */
export function isTextMediaType(mediaType: string): boolean {
  const essence = mediaType.split(";")[0]!.trim().toLowerCase();
  return essence.startsWith("text/") || essence === "application/xml" || essence.endsWith("+xml");
}

type Reading = ResponseContent["reading"];

/** How the runtime's "auto" reading reads a body by its Content-Type (src/operation-spec.ts). */
function readingByContentType(mediaType: string): Reading {
  if (isJsonMediaType(mediaType)) return "json";
  if (isTextMediaType(mediaType)) return "text";
  return "blob";
}

/**
 * How a response body is read when its reading is the operation's only one: by its media type, except that a file
 * export is bytes, a Blob, even when its type is text: `text/csv` (issue 19 lists it with the PDFs), and any non-JSON
 * media type whose schema says `format: binary`.
 */
function documentedReading<L>(walker: Walker<L>, mediaType: string, media: { node: Json; at: L }): Reading {
  const byContentType = readingByContentType(mediaType);
  if (byContentType !== "text") return byContentType;
  const essence = mediaType.split(";")[0]!.trim().toLowerCase();
  const schema = walker.resolve(media.node?.schema, walker.child(media.at, ["schema"])).node;
  return essence === "text/csv" || schema?.format === "binary" ? "blob" : "text";
}

function bodyEncodingOf(mediaType: string): BodyEncoding {
  const essence = mediaType.split(";")[0]!.trim().toLowerCase();
  if (isJsonMediaType(mediaType)) return "json";
  if (essence === "multipart/form-data") return "multipart";
  if (essence === "application/x-www-form-urlencoded") return "form";
  if (isTextMediaType(mediaType)) return "text";
  return "binary";
}

/** Which of a request body's media types the client sends: JSON first, then multipart, form, text, binary. */
const encodingPreference: readonly BodyEncoding[] = ["json", "multipart", "form", "text", "binary"];

/** A path key split at its first `#`: the URL path the client calls, and the fragment it never sends. */
export function splitFragment(path: string): [string, string?] {
  const hash = path.indexOf("#");
  return hash === -1 ? [path] : [path.slice(0, hash), path.slice(hash + 1)];
}

/** "new-event" → "NewEvent". */
export function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join("");
}

/** The types a schema allows, from `type` (a string or a list); empty when it does not say. */
function schemaTypes<L>(walker: Walker<L>, schema: Json, at: L): string[] {
  const resolved = walker.resolve(schema, at).node;
  if (!resolved || typeof resolved !== "object") return [];
  return [resolved.type ?? []].flat().filter((type: unknown): type is string => typeof type === "string");
}

/** Analyses every operation under `paths`, the security schemes and the webhooks of an OpenAPI 3.1 document. */
export function analyseDocument<L>(root: Json, rootAt: L, walker: Walker<L>): DocumentShape<L> {
  const problems: ShapeProblem<L>[] = [];
  const refuse = (rule: ShapeRule, message: string, at: L) => problems.push({ rule, message, at });
  const schemes = analyseSchemes(root, rootAt, walker, refuse);
  const schemeNames = new Set(Object.keys(walker.resolve(root?.components?.securitySchemes ?? {}, rootAt).node ?? {}));
  const operations: OperationShape<L>[] = [];
  const sightings: OperationSighting<L>[] = [];
  const taken = new Map<string, string>();

  const paths = walker.resolve(root?.paths ?? {}, walker.child(rootAt, ["paths"]));
  for (const [path, pathItemOrRef] of Object.entries<Json>(paths.node ?? {})) {
    const pathItem = walker.resolve(pathItemOrRef, walker.child(paths.at, [path]));
    if (!pathItem.node || typeof pathItem.node !== "object") continue;
    for (const httpMethod of httpMethods) {
      const operation = pathItem.node[httpMethod];
      if (!operation || typeof operation !== "object") continue;
      const at = walker.child(pathItem.at, [httpMethod]);
      const sighting: OperationSighting<L> = {
        path,
        httpMethod,
        operation,
        at,
        parameters: operationParameters(walker, pathItem, operation, at).map((parameter) => parameter.node),
        shape: undefined,
      };
      sightings.push(sighting);
      const where = `${httpMethod.toUpperCase()} ${path}`;
      const nameAt = walker.child(at, [methodExtension in operation ? methodExtension : "operationId"]);
      const name = clientNameOf(operation);
      if ("error" in name) {
        refuse("client-method-names", `${where} cannot become a client method: ${name.error}.`, nameAt);
        continue;
      }
      const key = `${name.resource}.${name.method}`;
      const earlier = taken.get(key);
      if (earlier) {
        refuse(
          "client-method-names",
          `${where} becomes the client method ${key}, which ${earlier} already is; set ${methodExtension} on one of them.`,
          nameAt,
        );
        continue;
      }
      taken.set(key, where);
      const shape = analyseOperation(
        { root, rootAt, walker, refuse, where, schemeNames, problemCount: () => problems.length },
        { path, httpMethod, operation, at, pathItem },
      );
      if (shape) {
        sighting.shape = { ...shape, resource: name.resource, method: name.method };
        operations.push(sighting.shape);
      }
    }
  }
  const webhooks = analyseWebhooks(root, rootAt, walker, refuse);
  return { operations, sightings, schemes, webhooks, problems };
}

interface Context<L> {
  root: Json;
  rootAt: L;
  walker: Walker<L>;
  refuse: (rule: ShapeRule, message: string, at: L) => void;
  where: string;
  schemeNames: ReadonlySet<string>;
  problemCount: () => number;
}

interface OperationAt<L> {
  path: string;
  httpMethod: HttpMethod;
  operation: Json;
  at: L;
  pathItem: { node: Json; at: L };
}

/** An operation's shape without its name, or undefined after refusing it (each reason reported). */
function analyseOperation<L>(
  context: Context<L>,
  { path, httpMethod, operation, at, pathItem }: OperationAt<L>,
): Omit<OperationShape<L>, "resource" | "method"> | undefined {
  const { refuse, where } = context;
  const before = context.problemCount();
  const parameters = analyseParameters(context, pathItem, operation, at);
  // A `#` starts a URL's fragment, which HTTP never sends (RFC 3986 §3.5): some specs use it to give one URL several
  // operations (`/cookies#exploded`). The client calls the URL before it, so a template after it could not be sent.
  const [wirePath, fragment = ""] = splitFragment(path);
  const pathParams = [...wirePath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  for (const [, name] of fragment.matchAll(/\{([^}]+)\}/g))
    refuse(
      "client-representable",
      `${where}: {${name}} comes after the path's \`#\`, which starts a URL fragment that is never sent; move it before the \`#\`.`,
      pathItem.at,
    );
  for (const name of pathParams) {
    if (!parameters.some((parameter) => parameter.in === "path" && parameter.name === name))
      refuse(
        "client-representable",
        `${where}: the path template names {${name}} but no path parameter "${name}" is declared; declare it (in: path, required: true).`,
        at,
      );
  }
  if (httpMethod === "trace")
    refuse(
      "client-representable",
      `${where}: fetch refuses the TRACE method (the Fetch standard forbids it), so no client method could call it; leave it out of the spec the client is generated from.`,
      at,
    );
  const body = analyseBody(context, httpMethod, operation, at);
  const responses = analyseResponses(context, operation, at);
  const security = analyseSecurity(context, operation, at);
  const pagination = analysePagination({
    ...context,
    operation,
    at,
    parameters,
    hasBody: operation.requestBody !== undefined,
    successContent: responses.successContent,
  });
  const idempotencyKey = analyseIdempotencyKey(context, httpMethod, operation, at);
  // An operation with any problem is left out; each problem was reported.
  if (context.problemCount() > before) return undefined;
  return {
    path,
    httpMethod,
    operationId: typeof operation.operationId === "string" ? operation.operationId : undefined,
    operation,
    at,
    parameters,
    pathParams,
    body,
    ...responses,
    security,
    idempotent: isIdempotent(httpMethod, operation),
    idempotencyKey,
    deprecated: operation.deprecated === true,
    pagination,
  };
}

/**
 * `x-kirim-idempotency-key: <header name>` on a POST or PATCH: the client sends a fresh key in that header per call,
 * the same on each retry, so the operation is retried like an idempotent one. Other methods are idempotent already.
 */
function analyseIdempotencyKey<L>(
  context: Context<L>,
  httpMethod: HttpMethod,
  operation: Json,
  at: L,
): string | undefined {
  const { walker, refuse, where } = context;
  if (!(idempotencyKeyExtension in operation)) return undefined;
  const name = operation[idempotencyKeyExtension];
  const nameAt = walker.child(at, [idempotencyKeyExtension]);
  if (typeof name !== "string" || !headerName.test(name)) {
    refuse(
      "client-representable",
      `${where}: ${idempotencyKeyExtension} is ${JSON.stringify(name)}; it must name the header that carries the key, such as Idempotency-Key.`,
      nameAt,
    );
    return undefined;
  }
  if (reservedKeyHeaders.has(name.toLowerCase())) {
    refuse(
      "client-representable",
      `${where}: ${idempotencyKeyExtension} names ${name}, a header the client or fetch sets itself; name another, such as Idempotency-Key.`,
      nameAt,
    );
    return undefined;
  }
  if (httpMethod !== "post" && httpMethod !== "patch") {
    refuse(
      "client-representable",
      `${where}: ${idempotencyKeyExtension} is for a POST or PATCH; a ${httpMethod.toUpperCase()} is retried without a key already.`,
      nameAt,
    );
    return undefined;
  }
  return name;
}

function analyseParameters<L>(
  context: Context<L>,
  pathItem: { node: Json; at: L },
  operation: Json,
  at: L,
): ParameterShape[] {
  const { walker, refuse, where } = context;
  const shapes: ParameterShape[] = [];
  const argumentNames = new Map<string, ParameterLocation>();
  for (const { node: parameter, at: parameterAt } of operationParameters(walker, pathItem, operation, at)) {
    const location = parameter?.in as ParameterLocation;
    const name = parameter?.name;
    if (!(location in allowedStyles) || typeof name !== "string") continue;
    if (location === "header" && ignoredHeaders.has(name.toLowerCase())) continue;
    if (parameter.content !== undefined) {
      refuse(
        "client-representable",
        `${where}: parameter "${name}" is described by \`content\`; the client serialises parameters from a \`schema\` and \`style\` only.`,
        walker.child(parameterAt, ["content"]),
      );
      continue;
    }
    const style = parameter.style ?? defaultStyles[location];
    if (!allowedStyles[location].includes(style)) {
      refuse(
        "client-representable",
        `${where}: parameter "${name}" in ${location} has style "${style}"; in ${location} OpenAPI allows ${allowedStyles[location].join(", ")}.`,
        walker.child(parameterAt, ["style"]),
      );
      continue;
    }
    if (location !== "path") {
      const earlier = argumentNames.get(name);
      if (earlier) {
        refuse(
          "client-representable",
          `${where}: parameters "${name}" in ${earlier} and in ${location} share a name; the client takes both from one params object, so rename one.`,
          walker.child(parameterAt, ["name"]),
        );
        continue;
      }
      argumentNames.set(name, location);
    }
    const explode = parameter.explode ?? style === "form";
    const types = schemaTypes(walker, parameter.schema, walker.child(parameterAt, ["schema"]));
    // A primitive is written the same whatever `explode` says, and only a path's label and matrix styles change it.
    const primitive = types.length > 0 && types.every((type) => type !== "array" && type !== "object");
    const styleMatters = style !== defaultStyles[location] && (location === "path" || !primitive);
    const explodeMatters = explode !== (defaultStyles[location] === "form") && !primitive;
    const isDefault = !styleMatters && !explodeMatters;
    shapes.push({
      name,
      in: location,
      required: location === "path" || parameter.required === true,
      deprecated: parameter.deprecated === true,
      numeric: types.length > 0 && types.every((type) => type === "integer" || type === "number" || type === "null"),
      types,
      ...(isDefault ? {} : { style: { style, explode } as QueryStyle | ParameterStyle }),
      parameter,
    });
  }
  return shapes;
}

/** Path-level and operation-level parameters, resolved; an operation-level one overrides a path-level one of the same name and location. */
function operationParameters<L>(
  walker: Walker<L>,
  pathItem: { node: Json; at: L },
  operation: Json,
  at: L,
): { node: Json; at: L }[] {
  const located = [
    ...listed(walker, pathItem.node.parameters, walker.child(pathItem.at, ["parameters"])),
    ...listed(walker, operation.parameters, walker.child(at, ["parameters"])),
  ];
  const byKey = new Map<string, { node: Json; at: L }>();
  for (const parameter of located) byKey.set(`${parameter.node?.in}:${parameter.node?.name}`, parameter);
  return [...byKey.values()];
}

/** The entries of a list that may be a `$ref`, each resolved with its location. */
function listed<L>(walker: Walker<L>, list: Json, at: L): { node: Json; at: L }[] {
  const resolved = walker.resolve(list ?? [], at);
  if (!Array.isArray(resolved.node)) return [];
  return resolved.node.map((item: Json, index: number) => walker.resolve(item, walker.child(resolved.at, [index])));
}

/** Methods fetch sends without a body: it throws for a body on them (the Fetch standard, "new Request"). */
const bodilessMethods: ReadonlySet<HttpMethod> = new Set(["get", "head"]);

function analyseBody<L>(context: Context<L>, httpMethod: HttpMethod, operation: Json, at: L): BodyShape | undefined {
  const { walker, refuse, where } = context;
  if (operation.requestBody === undefined) return undefined;
  const requestBody = walker.resolve(operation.requestBody, walker.child(at, ["requestBody"]));
  if (bodilessMethods.has(httpMethod)) {
    refuse(
      "client-representable",
      `${where}: a ${httpMethod.toUpperCase()} request cannot carry a body (fetch refuses one); send its fields as query parameters, or make the operation a POST.`,
      walker.child(at, ["requestBody"]),
    );
    return undefined;
  }
  const mediaTypes = Object.keys(requestBody.node?.content ?? {});
  if (mediaTypes.length === 0) {
    refuse(
      "client-representable",
      `${where}: the request body lists no media type under \`content\`, so the client would not know what to send.`,
      requestBody.at,
    );
    return undefined;
  }
  const ranked = [...mediaTypes].sort(
    (a, b) => encodingPreference.indexOf(bodyEncodingOf(a)) - encodingPreference.indexOf(bodyEncodingOf(b)),
  );
  const mediaType = ranked[0]!;
  const encoding = bodyEncodingOf(mediaType);
  if (encoding === "multipart" || encoding === "form") {
    const mediaAt = walker.child(requestBody.at, ["content", mediaType]);
    const schema = walker.resolve(requestBody.node.content[mediaType]?.schema, walker.child(mediaAt, ["schema"]));
    const types = schemaTypes(walker, schema.node, schema.at);
    if (types.length > 0 && !types.includes("object")) {
      refuse(
        "client-representable",
        `${where}: the ${mediaType} body's schema is ${types.join(" | ")}; the client builds ${mediaType} from an object's fields, so its schema must be an object.`,
        schema.at,
      );
      return undefined;
    }
  }
  return { required: requestBody.node.required === true, mediaType, encoding };
}

function analyseResponses<L>(
  context: Context<L>,
  operation: Json,
  at: L,
): Pick<OperationShape<L>, "successStatuses" | "successContent" | "accept" | "reading"> {
  const { walker } = context;
  const responses = walker.resolve(operation.responses ?? {}, walker.child(at, ["responses"]));
  const statuses = Object.keys(responses.node ?? {});
  const success = statuses.filter((status) => /^2(\d\d|XX)$/i.test(status));
  const successStatuses = success.length > 0 ? success : statuses.includes("default") ? ["default"] : [];
  const documented: ResponseContent[] = [];
  for (const status of successStatuses) {
    const response = walker.resolve(responses.node[status], walker.child(responses.at, [status]));
    const mediaTypes = Object.keys(response.node?.content ?? {});
    if (mediaTypes.length === 0) documented.push({ status, mediaType: undefined, reading: "json" });
    for (const mediaType of mediaTypes) {
      const media = walker.resolve(response.node.content[mediaType], walker.child(response.at, ["content", mediaType]));
      documented.push({ status, mediaType, reading: documentedReading(walker, mediaType, media) });
    }
  }
  const readings = [...new Set(documented.filter((content) => content.mediaType).map((content) => content.reading))];
  const reading: ResponseReading | undefined =
    readings.length === 0 || (readings.length === 1 && readings[0] === "json")
      ? undefined
      : readings.length === 1
        ? readings[0]
        : "auto";
  // Read "auto", the runtime goes by the answer's Content-Type, so a CSV among JSON arrives as a string: typed so.
  const successContent =
    reading === "auto"
      ? documented.map((content) =>
          content.mediaType ? { ...content, reading: readingByContentType(content.mediaType) } : content,
        )
      : documented;
  const withBody = successContent.filter((content) => content.mediaType !== undefined);
  const mediaTypes = [...new Set(withBody.map((content) => content.mediaType!))];
  const json = mediaTypes.filter(isJsonMediaType);
  const others = mediaTypes.filter((mediaType) => !isJsonMediaType(mediaType));
  const acceptList = [...json, ...others.map((mediaType) => `${mediaType};q=0.9`)];
  const accept =
    acceptList.length === 0 || (acceptList.length === 1 && acceptList[0] === "application/json")
      ? undefined
      : json.length === 0
        ? others.join(", ")
        : acceptList.join(", ");
  return { successStatuses, successContent, accept, reading };
}

function analyseSecurity<L>(context: Context<L>, operation: Json, at: L): string[][] {
  const { walker, refuse, where, root, rootAt, schemeNames } = context;
  const own = operation.security !== undefined;
  const requirementAt = own ? walker.child(at, ["security"]) : walker.child(rootAt, ["security"]);
  const requirements = walker.resolve((own ? operation.security : root?.security) ?? [], requirementAt).node;
  if (!Array.isArray(requirements)) return [];
  const alternatives: string[][] = [];
  requirements.forEach((requirement: Json, index: number) => {
    const names = Object.keys(requirement ?? {});
    for (const name of names) {
      if (!schemeNames.has(name))
        refuse(
          "client-representable",
          `${where}: security names "${name}", which components.securitySchemes does not declare.`,
          walker.child(requirementAt, [index, name]),
        );
    }
    alternatives.push(names);
  });
  return alternatives;
}

function analyseSchemes<L>(
  root: Json,
  rootAt: L,
  walker: Walker<L>,
  refuse: (rule: ShapeRule, message: string, at: L) => void,
): SchemeShape[] {
  const schemesAt = walker.child(rootAt, ["components", "securitySchemes"]);
  const declared = walker.resolve(root?.components?.securitySchemes ?? {}, schemesAt);
  const schemes: SchemeShape[] = [];
  const options = new Map<string, string>();
  for (const [name, schemeOrRef] of Object.entries<Json>(declared.node ?? {})) {
    const { node: scheme, at } = walker.resolve(schemeOrRef, walker.child(declared.at, [name]));
    const explicit = scheme?.[clientOptionExtension];
    const option = explicit ?? optionName(name);
    const optionAt = explicit === undefined ? at : walker.child(at, [clientOptionExtension]);
    if (typeof option !== "string" || !identifier.test(option)) {
      refuse(
        "client-representable",
        `Security scheme "${name}" gives the client option ${JSON.stringify(option)}, which is not a JavaScript identifier; set ${clientOptionExtension} to one.`,
        optionAt,
      );
      continue;
    }
    if (clientOptionNames.has(option) || option === "then" || option in Object.prototype) {
      refuse(
        "client-representable",
        `Security scheme "${name}" gives the client option "${option}", which the client already uses; set ${clientOptionExtension} to another name.`,
        optionAt,
      );
      continue;
    }
    const earlier = options.get(option);
    if (earlier) {
      refuse(
        "client-representable",
        `Security schemes "${earlier}" and "${name}" both give the client option "${option}"; set ${clientOptionExtension} on one of them.`,
        optionAt,
      );
      continue;
    }
    options.set(option, name);
    const type = scheme?.type;
    const httpScheme = typeof scheme?.scheme === "string" ? scheme.scheme.toLowerCase() : undefined;
    if (type === "oauth2" || type === "openIdConnect" || (type === "http" && httpScheme === "bearer"))
      schemes.push({ name, spec: { type: "bearer", option } });
    else if (type === "http" && httpScheme === "basic") schemes.push({ name, spec: { type: "basic", option } });
    else if (type === "apiKey" && ["header", "query", "cookie"].includes(scheme.in) && typeof scheme.name === "string")
      schemes.push({ name, spec: { type: "apiKey", option, in: scheme.in, name: scheme.name } });
    else
      refuse(
        "client-representable",
        `Security scheme "${name}" (${type === "http" ? `http ${scheme?.scheme}` : type}) cannot be sent by the client, which supports http bearer and basic, apiKey in a header, query or cookie, oauth2 and openIdConnect.`,
        walker.child(at, [type === "http" ? "scheme" : "type"]),
      );
  }
  return schemes;
}

/** A scheme's default client option: its name in camelCase ("petstore_auth" → "petstoreAuth"). */
function optionName(schemeName: string): string {
  const words = schemeName.split(/[^A-Za-z0-9$]+/).filter(Boolean);
  return words
    .map((word, index) =>
      index === 0 ? word[0]!.toLowerCase() + word.slice(1) : word[0]!.toUpperCase() + word.slice(1),
    )
    .join("");
}

function analyseWebhooks<L>(
  root: Json,
  rootAt: L,
  walker: Walker<L>,
  refuse: (rule: ShapeRule, message: string, at: L) => void,
): WebhookShape[] {
  const webhooks = walker.resolve(root?.webhooks ?? {}, walker.child(rootAt, ["webhooks"]));
  const shapes: WebhookShape[] = [];
  const typeNames = new Map<string, string>();
  for (const [name, pathItemOrRef] of Object.entries<Json>(webhooks.node ?? {})) {
    const pathItem = walker.resolve(pathItemOrRef, walker.child(webhooks.at, [name]));
    for (const httpMethod of httpMethods) {
      const operation = pathItem.node?.[httpMethod];
      if (!operation?.requestBody) continue;
      const requestBody = walker.resolve(operation.requestBody, walker.child(pathItem.at, [httpMethod, "requestBody"]));
      const mediaTypes = Object.keys(requestBody.node?.content ?? {});
      const mediaType = mediaTypes.find(isJsonMediaType) ?? mediaTypes[0];
      if (!mediaType) continue;
      const typeName = `${pascalCase(name)}WebhookPayload`;
      const earlier = typeNames.get(typeName);
      if (earlier) {
        refuse(
          "client-method-names",
          `Webhooks "${earlier}" and "${name}" both give the type name ${typeName}; rename one of them.`,
          pathItem.at,
        );
        break;
      }
      if (!identifier.test(typeName)) {
        refuse(
          "client-method-names",
          `Webhook "${name}" gives the type name ${typeName}, which is not a TypeScript identifier; rename it.`,
          pathItem.at,
        );
        break;
      }
      typeNames.set(typeName, name);
      shapes.push({ name, typeName, httpMethod, mediaType });
      break;
    }
  }
  return shapes;
}
