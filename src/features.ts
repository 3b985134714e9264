// The runtime's optional parts. Each is linked into a client only when its spec needs it: generated/features.ts (written
// by scripts/lib/codegen/runtime-features.ts) imports exactly the parts the spec's operations use and hands them to
// src/client.ts, so a bundler drops the rest. Kirim's own spec needs none of them.
import type { EncodedBody } from "./body.js";
import type { OperationSpec, ParameterStyle, ResponseReading } from "./operation-spec.js";
import type { RequestHeaders, SerializedParams } from "./params.js";

/** Encodes one body other than JSON; `contentType` is the spec's (a `*` range included). */
export type BodyEncoder = (body: unknown, contentType: string, where: string) => EncodedBody;

/** Reads a 2xx body that is not read as text. */
export type BodyReader = (response: Response) => Promise<unknown>;

/** Query, header and cookie parameters, and path parameters that are arrays, objects or styled. */
export interface ParameterSerializer {
  /** The operation's query, header and cookie parameters from a `params` object already checked for unknown names. */
  serialize(params: Record<string, unknown>, spec: OperationSpec, where: string): SerializedParams;
  /** One path parameter by its style (default `simple`, not exploded). */
  path(name: string, value: unknown, style: ParameterStyle | undefined, where: string): string;
}

/**
 * Adds iteration over pages and items to a paginated operation's method (src/pagination.ts). Typed here rather than
 * imported, so that a spec without pagination never compiles that module.
 */
export type Paginator = (
  method: (...args: unknown[]) => PromiseLike<unknown>,
  spec: OperationSpec,
  where: string,
) => (...args: unknown[]) => PromiseLike<unknown>;

/** HTTP Basic: `{ username, password }` checked, its base64 form and the password (both redacted). */
export type BasicEncoder = (value: unknown, where: string, name: string) => { password: string; encoded: string };

/** An API key sent in a query parameter or a cookie rather than a header. */
export interface CredentialSlot {
  /** Adds `name=secret`, percent-encoded. */
  add(request: { url: string; readonly headers: RequestHeaders }, name: string, secret: string): void;
  /** Whether the call sends it itself (a query parameter in `params`, a cookie among its headers). */
  sent(name: string, headers: RequestHeaders, params: unknown): boolean;
}

export interface RuntimeFeatures {
  /** By the body encoding they serve (JSON is the core's). */
  readonly bodyEncoders?: Readonly<Partial<Record<"multipart" | "form" | "binary" | "text", BodyEncoder>>>;
  /** By the reading they serve: "blob" and "auto" (JSON and text are read by the core). */
  readonly readers?: Readonly<Partial<Record<ResponseReading, BodyReader>>>;
  readonly parameters?: ParameterSerializer;
  /** For a spec with an HTTP Basic scheme. */
  readonly basic?: BasicEncoder;
  /** For a spec with an operation that has `pagination` (src/pagination.ts). */
  readonly paginated?: Paginator;
  /** For a spec with an apiKey scheme `in: query` or `in: cookie`. */
  readonly apiKeyIn?: Readonly<Partial<Record<"query" | "cookie", CredentialSlot>>>;
}

/**
 * The parts one operation needs, each checked when the client is created: its parameter serialiser (undefined when its
 * parameters are all plain path values) and its body encoder (undefined for JSON). A "blob" or "auto" reader is only
 * checked: the attempt reads it from `features`. A pair rather than an object: a few bytes less in every bundle.
 */
export function partsFor(
  spec: OperationSpec,
  features: RuntimeFeatures,
  where: string,
): [parameters: ParameterSerializer | undefined, encoder: BodyEncoder | undefined] {
  const { bodyEncoding, reading } = spec;
  if (reading === "blob" || reading === "auto") linked(features.readers?.[reading], where, `readers.${reading}`);
  return [
    spec.query?.length || spec.header?.length || spec.cookie?.length || spec.pathStyles
      ? linked(features.parameters, where, "parameters")
      : features.parameters,
    bodyEncoding && bodyEncoding !== "json"
      ? linked(features.bodyEncoders?.[bodyEncoding], where, `bodyEncoders.${bodyEncoding}`)
      : undefined,
  ];
}

/**
 * The part an operation needs, named by its place in RuntimeFeatures (`bodyEncoders.multipart`): a table that needs one
 * its features lack is refused when the client is created.
 */
export function linked<T>(part: T | undefined, where: string, what: string): T {
  if (part === undefined)
    throw new TypeError(
      `${where} needs runtimeFeatures.${what}, not linked by generated/features.ts: run npm run generate`,
    );
  return part;
}
