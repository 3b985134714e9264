import { mediaType } from "./media-type.js";
import type { ResponseReading } from "./operation-spec.js";

/**
 * A 2xx body that openapi-fetch handed over unread: the "blob" reading as a Blob with the bytes as sent, any other by
 * the response's Content-Type ("auto"). The "json" and "text" readings never come here: they are read as text
 * (textBody). Empty is undefined.
 */
export async function readBody(response: Response, reading: ResponseReading | undefined): Promise<unknown> {
  const how = reading === "blob" ? "blob" : readingFor(response.headers.get("content-type"));
  if (how === "blob") {
    const blob = await response.blob();
    return blob.size === 0 ? undefined : blob;
  }
  return textBody(await response.text(), how);
}

/** A body read as text (undefined when there was none): parsed when the reading is JSON. */
export function textBody(text: string | undefined, reading: "json" | "text"): unknown {
  if (!text) return undefined;
  return reading === "json" ? parseJson(text) : text;
}

/** JSON types (`application/json`, any `+json`) parsed; `text/*` and XML as text; anything else as bytes. */
export function readingFor(contentType: string | null): "json" | "text" | "blob" {
  const type = mediaType(contentType);
  if (type === "application/json" || type.endsWith("+json")) return "json";
  if (type.startsWith("text/") || type === "application/xml" || type.endsWith("+xml")) return "text";
  return "blob";
}

/** Raw text when the body is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
