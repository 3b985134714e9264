import type { BodyEncoder } from "./features.js";
import { isRecord } from "./is-record.js";
import type { OperationSpec } from "./operation-spec.js";

/** What `new Request` takes as a body; spelled from `Request` rather than the DOM lib's `BodyInit`, which Node's types lack. */
type RequestBody = NonNullable<ConstructorParameters<typeof Request>[1]>["body"];

/** A request body as sent: built once per call, so that every retry sends the same bytes. */
export interface EncodedBody {
  readonly payload: RequestBody;
  /** The Content-Type to send; undefined for no body, and for multipart, whose boundary fetch writes. */
  readonly contentType: string | undefined;
  /** False for a ReadableStream: it is consumed by the first attempt, so the call is not retried. */
  readonly replayable: boolean;
}

const NO_BODY = encoded(undefined, undefined);

/** `encoder`: the operation's encoding when it is not JSON (src/features.ts). */
export function encodeBody(body: unknown, spec: OperationSpec, where: string, encoder = jsonBody): EncodedBody {
  if (body === undefined) {
    if (spec.body === "required") throw new TypeError(`${where}: body is required`);
    return NO_BODY;
  }
  // OpenAPI allows it; fetch refuses it (a TypeError that would otherwise pass for a connection failure).
  if (spec.method === "GET" || spec.method === "HEAD")
    throw new TypeError(`${where}: a ${spec.method} request cannot carry a body`);
  return encoder(body, spec.contentType ?? "application/json", where);
}

function encoded(payload: RequestBody, contentType: string | undefined, replayable = true): EncodedBody {
  return { payload, contentType, replayable };
}

const jsonBody: BodyEncoder = (body, contentType, where) => encoded(json(body, where), contentType);

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

// The encoders below are linked by generated/features.ts only for a spec that has such a body.

/** A string sent as it is (`text/*`, XML). */
export const encodeText: BodyEncoder = (body, contentType, where) => {
  if (typeof body !== "string") throw new TypeError(`${where}: body must be a string`);
  return encoded(body, contentType);
};

/**
 * Raw bytes. An ArrayBuffer or typed array is copied into a Blob once, so that a caller changing it during a retry
 * changes nothing on the wire. A media range such as `image/*` in the spec is sent as the Blob's own type.
 */
export const encodeBinary: BodyEncoder = (body, contentType, where) => {
  if (body instanceof ReadableStream) return encoded(body, contentType, false);
  let blob: Blob;
  if (body instanceof Blob) blob = body;
  else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) blob = new Blob([body as ArrayBuffer]);
  else throw new TypeError(`${where}: body must be a Blob, ArrayBuffer, typed array or ReadableStream`);
  const type = contentType.includes("*") ? blob.type || "application/octet-stream" : contentType;
  return encoded(blob, type);
};

/** `multipart/form-data`: a Blob becomes a file part (a File keeps its name); anything else a text part. */
export const encodeMultipart: BodyEncoder = (body, _contentType, where) => {
  let form = body;
  if (!(body instanceof FormData)) {
    const built = new FormData();
    fields(body, where, (name, value) => built.append(name, value));
    form = built;
  }
  // No Content-Type: fetch writes it, with the boundary.
  return encoded(form as FormData, undefined);
};

/** `application/x-www-form-urlencoded`. */
export const encodeForm: BodyEncoder = (body, contentType, where) => {
  let form = body;
  if (!(body instanceof URLSearchParams)) {
    const built = new URLSearchParams();
    fields(body, where, (name, value) => {
      if (value instanceof Blob)
        throw new TypeError(`${where}: ${name} is a Blob, which a urlencoded body cannot carry`);
      built.append(name, value);
    });
    form = built;
  }
  return encoded(String(form), contentType);
};

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
