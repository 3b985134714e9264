// What the spec says an answer must be, for any operation: which statuses a valid or an invalid request may get, and
// what is wrong with a response (status, media type, body against the schema of its media type).
import { isJsonMediaType, type SpecOperation } from "../../helpers/bundled-spec.ts";
import { explain, type RawResponse } from "./http.ts";

/** Statuses that answer an invalid request, as the operation documents them: 400 and/or 422, else any 4xx. */
export function invalidRequestStatuses(op: SpecOperation): { accepts(status: number): boolean; says: string } {
  const documented = op
    .statuses()
    .filter((status) => status === "400" || status === "422")
    .map(Number);
  if (documented.length > 0) return { accepts: (status) => documented.includes(status), says: documented.join(" or ") };
  return { accepts: (status) => status >= 400 && status < 500, says: "a 4xx (the operation documents no 400 or 422)" };
}

/** Statuses a valid request may get: its documented 2xx; without any, a documented status (any, with `default`). */
export function validRequestStatuses(op: SpecOperation): { accepts(status: number): boolean; says: string } {
  const success = op.model.successStatuses;
  if (success.length > 0) return { accepts: (status) => success.includes(status), says: success.join(" or ") };
  const statuses = op.statuses();
  // OpenAPI 3.1 lets an operation document no response: then a valid request must only not be refused.
  if (statuses.length === 0)
    return { accepts: (status) => status < 400 || status >= 500, says: "no 4xx (the operation documents no response)" };
  if (statuses.includes("default")) return { accepts: () => true, says: "any (only `default` and errors documented)" };
  const concrete = (status: number) =>
    statuses.some((documented) => documented === String(status) || documented === `${String(status)[0]}XX`);
  return { accepts: concrete, says: `one it documents (${statuses.join(", ")}; no 2xx)` };
}

/** The documented response a status falls under: itself, its range (`4XX`), or `default`. */
export function documentedStatus(op: SpecOperation, status: number): string | undefined {
  const statuses = op.statuses();
  return [String(status), `${String(status)[0]}XX`, "default"].find((candidate) => statuses.includes(candidate));
}

/**
 * The status to ask Prism for (`Prefer: code=…`) to get a documented response: the status itself, or for a range
 * (`4XX`) or `default` the first code that falls under it and under nothing more specific. Prism answers a code the
 * spec does not list with the `default` response (`code=default` itself it refuses).
 */
export function forcedCode(op: SpecOperation, status: string): number {
  if (/^\d{3}$/.test(status)) return Number(status);
  const candidates =
    status === "default"
      ? [500, 400, 599, 499]
      : Array.from({ length: 100 }, (_, index) => Number(status[0]) * 100 + index);
  const code = candidates.find((candidate) => documentedStatus(op, candidate) === status);
  if (code === undefined) throw new Error(`${op.label}: no status code falls under its "${status}" response`);
  return code;
}

function mediaTypeMatches(documented: string, actual: string): boolean {
  const [type, subtype] = documented.toLowerCase().split(";")[0]!.trim().split("/");
  const [actualType, actualSubtype] = actual.toLowerCase().split(";")[0]!.trim().split("/");
  return (type === "*" || type === actualType) && (subtype === "*" || subtype === actualSubtype);
}

/** What breaks the spec in a response documented under `status`: its media type, and a JSON body's schema. */
export function responseProblems(op: SpecOperation, status: string, response: RawResponse): string[] {
  const documented = op.responseMediaTypes(status);
  const contentType = response.headers.get("content-type");
  if (documented.length === 0) return [];
  if (!contentType)
    return response.text === "" ? [] : [`a body without a Content-Type (documented: ${documented.join(", ")})`];
  const mediaType = documented.find((candidate) => mediaTypeMatches(candidate, contentType));
  if (!mediaType) return [`Content-Type ${contentType} is not one documented for ${status} (${documented.join(", ")})`];
  if (!isJsonMediaType(mediaType)) return [];
  if (response.json === undefined) return [`the ${mediaType} body is not JSON`];
  return op.validateResponse(status, response.json, mediaType).errors;
}

/** An assertion message: what was expected, and the response. */
export function expected(what: string, response: RawResponse): string {
  return `expected ${what}\n${explain(response)}`;
}
