import { isRecord } from "./is-record.js";
import type { OperationSpec, ParameterStyle, QueryStyle } from "./operation-spec.js";

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
 * `numeric`: the spec types it as a number, sent in decimal. Arrays and objects follow `style` (default `simple`).
 */
export function pathSegment(
  value: unknown,
  where: string,
  name: string,
  numeric: boolean,
  style?: ParameterStyle,
): string {
  if (numeric && typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${where}: ${name} must be a finite number`);
  } else if (typeof value !== "object" && (typeof value !== "string" || value === "")) {
    throw new TypeError(`${where}: ${name} must be a non-empty string`);
  }
  const text = styled(name, value, style?.style ?? "simple", style?.explode ?? false, where, encodeURIComponent);
  // URL parsers treat these as "this/parent directory" even when percent-encoded (%2E%2E).
  if (text === "." || text === "..") {
    throw new TypeError(`${where}: ${name} "${text}" cannot be sent: URLs read it as a relative path step`);
  }
  if (text === "") throw new TypeError(`${where}: ${name} must not be empty`);
  return text;
}

/** What one call's `params` object becomes: the query string (without `?`), header values and cookie pairs. */
export interface SerializedParams {
  query: string;
  headers: [name: string, value: string][];
  cookies: string[];
}

const NO_PARAMS: SerializedParams = { query: "", headers: [], cookies: [] };

/** Reads a `params` object (query, header and cookie parameters by their spec names) for the operation `spec`. */
export function serializeParams(params: unknown, spec: OperationSpec, where: string): SerializedParams {
  if (params === undefined) return NO_PARAMS;
  if (!isRecord(params)) throw new TypeError(`${where}: params must be an object of the operation's parameters`);
  const { query = [], header = [], cookie = [] } = spec;
  for (const name in params) {
    if (!query.includes(name) && !header.includes(name) && !cookie.includes(name)) {
      throw new TypeError(`${where}: unknown parameter "${name}"`);
    }
  }
  const pairs: string[] = [];
  for (const name of query) {
    const value = params[name];
    if (value != null) pairs.push(...queryPairs(name, value, spec.queryStyles?.[name], where));
  }
  const headers: [string, string][] = [];
  for (const name of header) {
    const style = spec.headerStyles?.[name];
    const value = params[name];
    if (value != null) headers.push([name, styled(name, value, "simple", style?.explode ?? false, where, String)]);
  }
  const cookies: string[] = [];
  for (const name of cookie) {
    const value = params[name];
    if (value != null) cookies.push(...formPairs(name, value, spec.cookieStyles?.[name]?.explode ?? true, ",", where));
  }
  return { query: pairs.join("&"), headers, cookies };
}

/** A Cookie header's value from its `name=value` pairs; absent parts left out. */
export function joinCookies(...pairs: (string | null)[]): string {
  return pairs.filter(Boolean).join("; ");
}

const DELIMITERS = { form: ",", spaceDelimited: "%20", pipeDelimited: "|" } as const;

/** `name=value` pairs of one query parameter by OpenAPI's `style`/`explode` (default `form`, exploded). */
function queryPairs(name: string, value: unknown, style: QueryStyle | undefined, where: string): string[] {
  if (style?.style === "deepObject") return deepPairs(encodeURIComponent(name), value, where);
  return formPairs(name, value, style?.explode ?? true, DELIMITERS[style?.style ?? "form"], where);
}

/** `form` style: an exploded array repeats the name, an exploded object sends its own keys, else one delimited value. */
function formPairs(name: string, value: unknown, explode: boolean, delimiter: string, where: string): string[] {
  const key = encodeURIComponent(name);
  if (typeof value !== "object") return [`${key}=${encodeURIComponent(scalarText(value, name, where))}`];
  const entries = collectionEntries(value, name, where, encodeURIComponent);
  if (Array.isArray(value)) {
    if (entries.length === 0) return [];
    return explode ? entries.map(([item]) => `${key}=${item}`) : [`${key}=${entries.flat().join(delimiter)}`];
  }
  return explode ? entries.map(([field, item]) => `${field}=${item}`) : [`${key}=${entries.flat().join(delimiter)}`];
}

/** `deepObject`: `name[field]=value`, nested objects as `name[a][b]`, arrays repeat the key. */
function deepPairs(key: string, value: unknown, where: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => deepPairs(key, item, where));
  if (!isRecord(value)) return [`${key}=${encodeURIComponent(scalarText(value, key, where))}`];
  return Object.entries(value).flatMap(([field, item]) =>
    item == null ? [] : deepPairs(`${key}[${encodeURIComponent(field)}]`, item, where),
  );
}

/**
 * `simple`, `label` and `matrix` styles (path and header parameters): `a,b` / `.a.b` / `;id=a;id=b` and, for objects,
 * `k,v` or `k=v` pairs. `encode` is applied to every name and value that came from the caller.
 */
function styled(
  name: string,
  value: unknown,
  style: string,
  explode: boolean,
  where: string,
  encode: (text: string) => string,
): string {
  const lead = style === "label" ? "." : style === "matrix" ? ";" : "";
  const prefix = style === "matrix" ? `${name}=` : "";
  if (typeof value !== "object") return lead + prefix + encode(scalarText(value, name, where));
  const entries = collectionEntries(value, name, where, encode);
  const separator = explode && style !== "simple" ? lead : ",";
  if (!explode) return lead + prefix + entries.flat().join(",");
  if (Array.isArray(value)) return lead + entries.map(([item]) => prefix + item).join(separator);
  return lead + entries.map(([field, item]) => `${field}=${item}`).join(separator);
}

/** An array's items as `[text]`, an object's fields as `[key, text]`, each encoded; absent fields left out. */
function collectionEntries(
  value: object | null,
  name: string,
  where: string,
  encode: (text: string) => string,
): string[][] {
  if (Array.isArray(value)) return value.map((item) => [encode(scalarText(item, name, where))]);
  if (!isRecord(value)) throw new TypeError(`${where}: ${name} must be a string, number, boolean, array or object`);
  return Object.entries(value)
    .filter(([, item]) => item != null)
    .map(([field, item]) => [encode(field), encode(scalarText(item, name, where))]);
}

function scalarText(value: unknown, name: string, where: string): string {
  if (typeof value === "string") {
    if (/\p{Surrogate}/u.test(value)) {
      throw new TypeError(`${where}: ${name} contains an unpaired UTF-16 surrogate and cannot be put in a URL`);
    }
    return value;
  }
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") return String(value);
  throw new TypeError(`${where}: ${name} must hold strings, finite numbers or booleans`);
}
