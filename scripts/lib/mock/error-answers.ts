// What the mock answers to an invalid request, in the API's own Error format, built from Prism's own findings.
//
// Prism 5.16 answers an invalid request with the spec's first 422 example, whatever was wrong (`invalid_email`,
// `param: email` for a bad `metadata`); the truth is only in its `sl-violations` header. These functions turn that
// header into `{ error: { type, code, message, param, request_id } }`, and answer the bodies Prism never answers
// (malformed JSON, and `false`, `0`, `null`, `""`, on which it hangs). Codes are those the 422 response documents.
import { randomBytes } from "node:crypto";
import type { components } from "../../../generated/kirim-api.ts";

export interface PrismViolation {
  location?: (string | number)[];
  severity?: string;
  code?: string | number;
  message?: string;
}

type ApiErrorBody = components["schemas"]["Error"];

/** A request id in the documented form (`^req_[0-9A-Za-z]+$`), recognisable as the mock's. */
export function mockRequestId(): string {
  return `req_mock${randomBytes(6).toString("hex")}`;
}

const outOfRange = new Set([
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "multipleOf",
]);

/** The documented code for one of Prism's (Ajv's) violation codes. */
function documentedCode(violation: PrismViolation, param: string | undefined): string {
  const code = String(violation.code ?? "");
  if (code === "415") return "unsupported_media_type";
  if (code === "additionalProperties") return "unknown_field";
  if (code === "minProperties" && param === undefined) return "empty_update";
  if (code === "format") return /"email"/.test(violation.message ?? "") ? "invalid_email" : "invalid_format";
  if (code === "type") return "invalid_type";
  if (outOfRange.has(code)) return "value_out_of_range";
  if (code === "required") return "missing_field";
  if (code === "enum" || code === "const") return "invalid_value";
  return "invalid_request";
}

/** "request.body.metadata" → "metadata"; the unknown key itself for an additional property. */
function paramOf(violation: PrismViolation): string | undefined {
  // Greedy up to the final quote: the key itself may hold quotes.
  const found = /; found '(.*)'$/s.exec(violation.message ?? "");
  if (violation.code === "additionalProperties" && found) {
    const parent = (violation.location ?? []).slice(2).join(".");
    return parent ? `${parent}.${found[1]}` : found[1];
  }
  const location = (violation.location ?? []).map(String);
  if (location[0] !== "request" || location.length < 3) return undefined;
  return location.slice(2).join(".");
}

function valueAt(body: unknown, param: string | undefined): unknown {
  if (param === undefined) return body;
  let value: unknown = body;
  for (const key of param.split("."))
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

const typeNames: Record<string, string> = {
  object: "an object",
  array: "an array",
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean",
  null: "null",
};

/** Prism's sentence, about the field rather than "Request body property …", with what was actually sent. */
function sentence(
  violation: PrismViolation,
  param: string | undefined,
  body: unknown,
  contentType: string | undefined,
): string {
  const code = String(violation.code ?? "");
  if (code === "additionalProperties") return `Unknown field "${param}": this operation does not accept it.`;
  if (code === "415")
    return `Content type ${contentType ? `"${contentType}" ` : ""}is not accepted. ${violation.message ?? ""}.`.replace(
      / \.$/,
      "",
    );
  if (code === "minProperties" && param === undefined) return "The update is empty: send at least one field.";
  const subject = param ?? "The body";
  const rule = (violation.message ?? "is invalid").replace(/^Request body( property [^ ]+)?\s*/, "").replace(
    /^must be ([a-z]+(?:,[a-z]+)*)$/,
    (_, types: string) =>
      `must be ${types
        .split(",")
        .map((type) => typeNames[type] ?? type)
        .join(" or ")}`,
  );
  const sent = code === "type" || code === "format" || code === "enum" ? `; got ${describe(valueAt(body, param))}` : "";
  return `${subject} ${rule}${sent}.`;
}

/**
 * The Error body for Prism's request violations (its `sl-violations` header), or undefined when none is about the
 * request. The first violation gives code and param; the message also counts the others, so none is hidden.
 */
export function errorFromViolations(
  violations: PrismViolation[],
  body: unknown,
  contentType?: string,
): ApiErrorBody | undefined {
  const about = violations.filter(
    (violation) => violation.location?.[0] === "request" && violation.severity !== "Warning",
  );
  const first = about[0];
  if (!first) return undefined;
  const param = paramOf(first);
  const others = about.slice(1).map((violation) => sentence(violation, paramOf(violation), body, contentType));
  const message = sentence(first, param, body, contentType) + (others.length ? ` Also: ${others.join(" ")}` : "");
  const error: ApiErrorBody["error"] = {
    type: "invalid_request_error",
    code: documentedCode(first, param),
    message,
    request_id: mockRequestId(),
  };
  if (param !== undefined) error.param = param;
  return { error };
}

/**
 * Node hands a header over as Latin-1 (one character per byte); Prism's header is UTF-8 (or, through
 * violations-header.ts, ASCII), so "é" would read "Ã©". Bytes that are not UTF-8 stay as Node read them.
 */
function utf8HeaderText(header: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(header, "latin1"));
  } catch {
    return header;
  }
}

/** Parses the `sl-violations` header; anything unreadable counts as no violations. */
export function parseViolations(header: string | undefined): PrismViolation[] {
  if (!header) return [];
  try {
    const parsed = JSON.parse(utf8HeaderText(header)) as unknown;
    return Array.isArray(parsed) ? (parsed as PrismViolation[]) : [];
  } catch {
    return [];
  }
}

/**
 * A JSON request body Prism would never answer: malformed, or a falsy JSON value. Returns the 422 to send, or
 * undefined when Prism can have it. Only `application/json` (and `+json`) bodies are looked at.
 */
export function unanswerableBody(contentType: string | undefined, raw: string): ApiErrorBody | undefined {
  if (!contentType || !/^application\/([\w.-]+\+)?json\b/i.test(contentType.trim())) return undefined;
  if (raw === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      error: {
        type: "invalid_request_error",
        code: "invalid_json",
        message: `The body is not valid JSON: ${reason}.`,
        request_id: mockRequestId(),
      },
    };
  }
  if (value) return undefined;
  return {
    error: {
      type: "invalid_request_error",
      code: "invalid_type",
      message: `The body must be a JSON object; got ${describe(value)}.`,
      request_id: mockRequestId(),
    },
  };
}
