import { serializeArrayParam, serializeObjectParam } from "openapi-fetch";
import type { ParameterSerializer } from "./features.js";
import { isRecord } from "./is-record.js";
import type { OperationSpec, ParameterStyle } from "./operation-spec.js";

/** A path template split once: `texts[0] {names[0]} texts[1] {names[1]} … texts[n]`, the texts already encoded. */
export interface PathTemplate {
  readonly texts: readonly string[];
  readonly names: readonly string[];
}

export function compilePath(template: string): PathTemplate {
  const pieces = template.split(/\{([^}]+)\}/);
  // A `?` or `#` the spec writes into a path would start the query or a fragment (never sent): it is path text.
  const texts = pieces.filter((_, index) => index % 2 === 0).map((text) => text.replace(/[?#]/g, encodeURIComponent));
  return { texts, names: pieces.filter((_, index) => index % 2 === 1) };
}

/**
 * One path parameter as URL text: refuses the values no percent-encoding can keep inside their segment.
 * `numeric`: the spec types it as a number, sent in decimal. Arrays, objects and styled parameters need `parameters`
 * (src/features.ts), linked for a spec that has them.
 */
export function pathSegment(
  value: unknown,
  where: string,
  name: string,
  numeric: boolean,
  style?: ParameterStyle,
  parameters?: ParameterSerializer,
): string {
  if (numeric && typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${where}: ${name} must be a finite number`);
  } else if (!(parameters && typeof value === "object") && (typeof value !== "string" || value === "")) {
    throw new TypeError(`${where}: ${name} must be a non-empty string`);
  }
  // A scalar in the default style (an id, nearly always) is the value itself, encoded.
  const text =
    typeof value !== "object" && !style
      ? encodeURIComponent(scalarText(value, name, where))
      : parameters!.path(name, value, style, where);
  // URL parsers treat these as "this/parent directory" even when percent-encoded (%2E%2E).
  if (text === "." || text === "..") {
    throw new TypeError(`${where}: ${name} "${text}" cannot be sent: URLs read it as a relative path step`);
  }
  if (text === "") throw new TypeError(`${where}: ${name} must not be empty`);
  return text;
}

/**
 * What one call's `params` object becomes: the query string (without `?`), header values by lower-case name (printable
 * ASCII, checked), and the Cookie header's pairs ("" when none).
 */
export interface SerializedParams {
  query: string;
  headers: RequestHeaders;
  cookie: string;
}

export const NO_PARAMS: SerializedParams = { query: "", headers: {}, cookie: "" };

/**
 * Reads a `params` object (query, header and cookie parameters by their spec names) for the operation `spec`: refuses
 * a name it does not have, then serialises with `parameters`, linked for a spec that has such parameters.
 */
export function serializeParams(
  params: unknown,
  spec: OperationSpec,
  where: string,
  parameters?: ParameterSerializer,
): SerializedParams {
  if (params === undefined) return NO_PARAMS;
  if (!isRecord(params)) throw new TypeError(`${where}: params must be an object of the operation's parameters`);
  const names = [...(spec.query ?? []), ...(spec.header ?? []), ...(spec.cookie ?? [])];
  for (const name in params) if (!names.includes(name)) throw new TypeError(`${where}: unknown parameter "${name}"`);
  return names.length > 0 ? parameters!.serialize(params, spec, where) : NO_PARAMS;
}

/** The serialiser of query, header and cookie parameters and of styled path parameters (src/features.ts). */
export const parameterStyles: ParameterSerializer = {
  serialize(params, spec, where) {
    const { query = [], header = [], cookie = [] } = spec;
    const pairs: string[] = [];
    for (const name of query) {
      const value = params[name];
      const style = spec.queryStyles?.[name];
      if (style?.style === "deepObject") pairs.push(...deepPairs(encodeURIComponent(name), value, where));
      else pairs.push(formStyled(name, value, style?.style, style?.explode, where));
    }
    const headers: RequestHeaders = {};
    for (const name of header) {
      const value = params[name];
      if (value == null) continue;
      const text = styled(name, value, "simple", spec.headerStyles?.[name]?.explode ?? false, where, true);
      if (!PRINTABLE_ASCII.test(text)) throw new TypeError(`${where}: ${name} must be printable ASCII`);
      headers[name.toLowerCase()] = text;
    }
    // Cookie pairs are separated by "; ", not "&" (which is percent-encoded inside a name or value).
    const cookies = cookie.map((name) =>
      formStyled(name, params[name], "form", spec.cookieStyles?.[name]?.explode, where).replaceAll("&", "; "),
    );
    return { query: pairs.filter(Boolean).join("&"), headers, cookie: joinCookies(...cookies) };
  },
  path: (name, value, style, where) => styled(name, value, style?.style ?? "simple", style?.explode ?? false, where),
};

/**
 * A request's headers by lower-case name: a plain object, which openapi-fetch merges and copies for less than a
 * `Headers` per call.
 */
export type RequestHeaders = Record<string, string>;

/** A Cookie header's value from its `name=value` pairs; absent parts left out. */
export function joinCookies(...pairs: (string | undefined)[]): string {
  return pairs.filter(Boolean).join("; ");
}

/**
 * One query or cookie parameter by `form` (default, exploded), `spaceDelimited` or `pipeDelimited` style, its name and
 * keys percent-encoded; "" when absent or an empty array.
 */
function formStyled(name: string, value: unknown, style = "form", explode = true, where: string): string {
  if (value == null || (Array.isArray(value) && value.length === 0)) return "";
  return styled(encodeURIComponent(name), value, style, explode, where);
}

/** `deepObject`: `name[field]=value`, nested objects as `name[a][b]`, arrays repeat the key. */
function deepPairs(key: string, value: unknown, where: string): string[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => deepPairs(key, item, where));
  if (!isRecord(value)) return [`${key}=${encodeURIComponent(scalarText(value, key, where))}`];
  return Object.entries(value).flatMap(([field, item]) =>
    deepPairs(`${key}[${encodeURIComponent(field)}]`, item, where),
  );
}

/**
 * A value by OpenAPI's `style` and `explode`, written by openapi-fetch's serialisers once it is checked: a scalar as a
 * one-item array (the same text in every style), an object without its absent fields and with its keys encoded.
 * `raw`: values are not percent-encoded (header parameters).
 */
function styled(name: string, value: unknown, style: string, explode: boolean, where: string, raw = false): string {
  const options = { style: style as "form", explode, allowReserved: raw };
  if (typeof value !== "object") return serializeArrayParam(name, [scalarText(value, name, where)], options);
  if (Array.isArray(value))
    return serializeArrayParam(
      name,
      value.map((item) => scalarText(item, name, where)),
      options,
    );
  if (!isRecord(value)) throw new TypeError(`${where}: ${name} must be a string, number, boolean, array or object`);
  const fields: Record<string, string> = {};
  for (const [field, item] of Object.entries(value))
    if (item != null) fields[raw ? field : encodeURIComponent(field)] = scalarText(item, name, where);
  return serializeObjectParam(name, fields, options);
}

const PRINTABLE_ASCII = /^[\t\x20-\x7e]*$/;

const UNPAIRED_SURROGATE = /\p{Surrogate}/u;

function scalarText(value: unknown, name: string, where: string): string {
  if (typeof value === "string") {
    if (UNPAIRED_SURROGATE.test(value)) {
      throw new TypeError(`${where}: ${name} contains an unpaired UTF-16 surrogate and cannot be put in a URL`);
    }
    return value;
  }
  if (Number.isFinite(value) || typeof value === "boolean") return String(value);
  throw new TypeError(`${where}: ${name} must hold strings, finite numbers or booleans`);
}
