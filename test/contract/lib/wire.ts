// How a request of any operation goes on the wire, for the raw-HTTP tests: each parameter serialised by its
// `style`/`explode` (OpenAPI 3.1 §4.8.12.4: simple, label, matrix in paths; form, spaceDelimited, pipeDelimited,
// deepObject in queries; simple headers; form cookies), the body encoded as its media type (JSON, form-urlencoded,
// multipart, text, bytes).
import { isJsonMediaType, type SpecOperation } from "../../helpers/bundled-spec.ts";
import type { RawRequest } from "./http.ts";

type Json = any;

/** One request of an operation, as values (before serialisation). */
export interface OperationRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown> | undefined;
  /** Header and cookie parameters by name (absent: none sent). */
  headers?: Record<string, unknown>;
  cookies?: Record<string, unknown>;
  body: unknown;
}

const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function styleOf(parameter: Json): { style: string; explode: boolean } {
  const style =
    parameter.style ?? ({ path: "simple", query: "form", header: "simple", cookie: "form" } as Json)[parameter.in];
  return { style, explode: parameter.explode ?? style === "form" };
}

/** A path parameter's segment, percent-encoded except for its style's delimiters. */
function pathValue(parameter: Json, value: unknown): string {
  const { style, explode } = styleOf(parameter);
  const name = parameter.name as string;
  const e = (item: unknown) => encodeURIComponent(text(item));
  const pairs = (object: object, between: string, join: string) =>
    Object.entries(object)
      .map(([key, item]) => `${e(key)}${between}${e(item)}`)
      .join(join);
  const prefix = style === "label" ? "." : style === "matrix" ? ";" : "";
  if (Array.isArray(value)) {
    if (style === "matrix")
      return explode ? value.map((item) => `;${name}=${e(item)}`).join("") : `;${name}=${value.map(e).join(",")}`;
    return prefix + value.map(e).join(explode && style === "label" ? "." : ",");
  }
  if (value !== null && typeof value === "object") {
    if (style === "matrix") return explode ? `;${pairs(value, "=", ";")}` : `;${name}=${pairs(value, ",", ",")}`;
    return prefix + (explode ? pairs(value, "=", style === "label" ? "." : ",") : pairs(value, ",", ","));
  }
  return style === "matrix" ? `;${name}=${e(value)}` : prefix + e(value);
}

/** `name=value` pairs of a query parameter, already encoded. */
function queryPairs(parameter: Json, value: unknown): string[] {
  const { style, explode } = styleOf(parameter);
  const name = encodeURIComponent(parameter.name);
  const e = (item: unknown) => encodeURIComponent(text(item));
  const delimiter = style === "spaceDelimited" ? "%20" : style === "pipeDelimited" ? "%7C" : ",";
  if (Array.isArray(value))
    return explode ? value.map((item) => `${name}=${e(item)}`) : [`${name}=${value.map(e).join(delimiter)}`];
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (style === "deepObject") return entries.map(([key, item]) => `${name}%5B${e(key)}%5D=${e(item)}`);
    if (explode) return entries.map(([key, item]) => `${e(key)}=${e(item)}`);
    return [`${name}=${entries.flatMap(([key, item]) => [e(key), e(item)]).join(delimiter)}`];
  }
  return [`${name}=${e(value)}`];
}

/** A header parameter's value (simple style). */
function headerValue(parameter: Json, value: unknown): string {
  const { explode } = styleOf(parameter);
  if (Array.isArray(value)) return value.map(text).join(",");
  if (value !== null && typeof value === "object")
    return Object.entries(value)
      .map(([key, item]) => (explode ? `${key}=${text(item)}` : `${key},${text(item)}`))
      .join(",");
  return text(value);
}

/** A cookie parameter as `name=value` (form style). */
function cookiePair(parameter: Json, value: unknown): string {
  const e = (item: unknown) => encodeURIComponent(text(item));
  const { explode } = styleOf(parameter);
  if (Array.isArray(value))
    return explode
      ? value.map((item) => `${parameter.name}=${e(item)}`).join("; ")
      : `${parameter.name}=${value.map(e).join(",")}`;
  if (value !== null && typeof value === "object")
    return explode
      ? Object.entries(value)
          .map(([key, item]) => `${key}=${e(item)}`)
          .join("; ")
      : `${parameter.name}=${Object.entries(value)
          .flatMap(([key, item]) => [key, e(item)])
          .join(",")}`;
  return `${parameter.name}=${e(value)}`;
}

/** The body as its media type carries it; undefined body → nothing sent. */
function encodedBody(mediaType: string, body: unknown): { body: RawRequest["rawBody"]; contentType: string | null } {
  if (isJsonMediaType(mediaType)) return { body: JSON.stringify(body), contentType: mediaType };
  if (/^application\/x-www-form-urlencoded/i.test(mediaType)) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries((body ?? {}) as object))
      for (const item of Array.isArray(value) ? value : [value]) form.append(key, text(item));
    return { body: form.toString(), contentType: mediaType };
  }
  if (/^multipart\//i.test(mediaType)) {
    // A part per property: primitives as text, arrays and objects as JSON (multipart's default for them).
    const form = new FormData();
    for (const [key, value] of Object.entries((body ?? {}) as object))
      form.append(key, typeof value === "string" ? value : JSON.stringify(value));
    return { body: form, contentType: null }; // fetch writes the boundary
  }
  return { body: typeof body === "string" ? body : JSON.stringify(body), contentType: mediaType };
}

/** The raw request for `request`: parameters serialised, credentials added, the body encoded, Accept set. */
export function onTheWire(
  op: SpecOperation,
  request: OperationRequest,
  credentials: Pick<RawRequest, "authorization" | "headers" | "query">,
): RawRequest {
  const path: Record<string, string> = {};
  for (const parameter of op.parameters("path"))
    if (request.path[parameter.name] !== undefined)
      path[parameter.name] = pathValue(parameter, request.path[parameter.name]);
  const pairs = Object.entries(credentials.query ?? {}).map(
    ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(text(value))}`,
  );
  for (const parameter of op.parameters("query")) {
    const value = request.query?.[parameter.name];
    if (value !== undefined) pairs.push(...queryPairs(parameter, value));
  }
  const headers: Record<string, string> = { ...credentials.headers, accept: acceptFor(op) };
  for (const parameter of op.parameters("header")) {
    const value = request.headers?.[parameter.name];
    if (value !== undefined) headers[parameter.name.toLowerCase()] = headerValue(parameter, value);
  }
  const cookies = op
    .parameters("cookie")
    .filter((parameter) => request.cookies?.[parameter.name] !== undefined)
    .map((parameter) => cookiePair(parameter, request.cookies![parameter.name]));
  if (headers.cookie) cookies.unshift(headers.cookie);
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  const mediaType = op.requestMediaType();
  const encoded = request.body === undefined || !mediaType ? undefined : encodedBody(mediaType, request.body);
  return {
    path,
    encodedPath: true,
    rawQuery: pairs.join("&"),
    headers,
    authorization: credentials.authorization ?? null,
    ...(encoded ? { rawBody: encoded.body, contentType: encoded.contentType } : { contentType: null }),
  };
}

/** JSON first where a 2xx offers it, then anything (so an image or an HTML answer is not refused with a 406). */
function acceptFor(op: SpecOperation): string {
  const types = op.model.successStatuses.flatMap((status) => op.responseMediaTypes(String(status)));
  const json = types.find(isJsonMediaType);
  return json ? `${json}, */*;q=0.1` : "*/*";
}
