import type { BodyReader } from "./features.js";
import { mediaType } from "./media-type.js";

/**
 * A 2xx body read as text (undefined when there was none): parsed when the reading is JSON, the raw text when it is not
 * JSON (for the shape check to name).
 */
export function textBody(text: string | undefined, reading: "json" | "text"): unknown {
  if (!text) return undefined;
  return reading === "json" ? parseJson(text) : text;
}

/** Raw text when the body is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// The readers below are linked by generated/features.ts only for a spec that has such a response.

/** A Blob with the bytes as sent; empty is undefined. */
export const readBlob: BodyReader = async (response) => {
  const blob = await response.blob();
  return blob.size === 0 ? undefined : blob;
};

/** By the Content-Type: JSON types (`application/json`, any `+json`) parsed; `text/*` and XML as text; else a Blob. */
export const readAuto: BodyReader = async (response) => {
  const type = mediaType(response.headers.get("content-type"));
  if (type === "application/json" || type.endsWith("+json")) return textBody(await response.text(), "json");
  if (type.startsWith("text/") || type === "application/xml" || type.endsWith("+xml"))
    return textBody(await response.text(), "text");
  return readBlob(response);
};
