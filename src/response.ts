import { mediaType } from "./media-type.js";
import type { ResponseReading } from "./operation-spec.js";

/**
 * A 2xx body as the operation documents it: parsed JSON (the raw text when it is not JSON, for the shape check to
 * name), a string, or a Blob with the bytes as sent. Empty is undefined, whatever the reading.
 */
export async function readBody(response: Response, reading: ResponseReading = "json"): Promise<unknown> {
  const how = reading === "auto" ? readingFor(response.headers.get("content-type")) : reading;
  if (how === "blob") {
    const blob = await response.blob();
    return blob.size === 0 ? undefined : blob;
  }
  const text = await response.text();
  if (text === "") return undefined;
  return how === "json" ? parseJson(text) : text;
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
