import { isRecord } from "./is-record.js";
import type { OperationSpec } from "./operation-spec.js";

/** A request body as sent: built once per call, so that every retry sends the same bytes. */
export interface EncodedBody {
  readonly payload: BodyInit | undefined;
  /** The Content-Type to send; undefined for no body, and for multipart, whose boundary fetch writes. */
  readonly contentType: string | undefined;
  /** False for a ReadableStream: it is consumed by the first attempt, so the call is not retried. */
  readonly replayable: boolean;
}

const NO_BODY: EncodedBody = { payload: undefined, contentType: undefined, replayable: true };

export function encodeBody(body: unknown, spec: OperationSpec, where: string): EncodedBody {
  if (body === undefined) {
    if (spec.body === "required") throw new TypeError(`${where}: body is required`);
    return NO_BODY;
  }
  // OpenAPI allows it; fetch refuses it (a TypeError that would otherwise pass for a connection failure).
  if (spec.method === "GET" || spec.method === "HEAD")
    throw new TypeError(`${where}: a ${spec.method} request cannot carry a body`);
  const contentType = spec.contentType ?? "application/json";
  switch (spec.bodyEncoding) {
    case "multipart":
      return { payload: multipart(body, where), contentType: undefined, replayable: true };
    case "form":
      return { payload: formUrlEncoded(body, where), contentType, replayable: true };
    case "text":
      if (typeof body !== "string") throw new TypeError(`${where}: body must be a string`);
      return { payload: body, contentType, replayable: true };
    case "binary":
      return binary(body, contentType, where);
    default:
      return { payload: json(body, where), contentType, replayable: true };
  }
}

function json(body: unknown, where: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`${where}: body cannot be serialised to JSON (${reason})`);
  }
  // JSON.stringify gives undefined for a function or a symbol.
  if (text === undefined) throw new TypeError(`${where}: body cannot be serialised to JSON (${typeof body})`);
  return text;
}

/**
 * Raw bytes. An ArrayBuffer or typed array is copied into a Blob once, so that a caller changing it during a retry
 * changes nothing on the wire. A media range such as `image/*` in the spec is sent as the Blob's own type.
 */
function binary(body: unknown, contentType: string, where: string): EncodedBody {
  if (body instanceof ReadableStream) return { payload: body, contentType, replayable: false };
  let blob: Blob;
  if (body instanceof Blob) blob = body;
  else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) blob = new Blob([body as ArrayBuffer]);
  else throw new TypeError(`${where}: body must be a Blob, ArrayBuffer, typed array or ReadableStream`);
  const type = contentType.includes("*") ? blob.type || "application/octet-stream" : contentType;
  return { payload: blob, contentType: type, replayable: true };
}

/** Fields of a multipart or urlencoded body: arrays repeat the field, absent values are left out. */
function fields(body: unknown, where: string, append: (name: string, value: string | Blob) => void): void {
  if (!isRecord(body)) throw new TypeError(`${where}: body must be an object of the form's fields`);
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item == null) continue;
      // An object field is JSON, the default media type OpenAPI gives it in a multipart body.
      append(name, item instanceof Blob ? item : typeof item === "object" ? json(item, where) : String(item));
    }
  }
}

function multipart(body: unknown, where: string): FormData {
  if (body instanceof FormData) return body;
  const form = new FormData();
  // A Blob becomes a file part (a File keeps its name); anything else a text part.
  fields(body, where, (name, value) => form.append(name, value));
  return form;
}

function formUrlEncoded(body: unknown, where: string): string {
  if (body instanceof URLSearchParams) return body.toString();
  const form = new URLSearchParams();
  fields(body, where, (name, value) => {
    if (value instanceof Blob) throw new TypeError(`${where}: ${name} is a Blob, which a urlencoded body cannot carry`);
    form.append(name, value);
  });
  return form.toString();
}
