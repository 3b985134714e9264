import { isRecord } from "./is-record.js";

const REDACTED = "[redacted]";

interface SecretRedactor {
  body(body: unknown): unknown;
  headers(headers: Headers): Headers;
}

/**
 * Removes the API key from what goes into an error (its body, headers and so its message), so that a
 * server that echoes the request back cannot make the key appear in logs. Successful bodies are not
 * touched: they go only to the caller, who holds the key anyway, and copying them would cost every call.
 */
export function secretRedactor(secret: string): SecretRedactor {
  // Also the key as it appears inside JSON text (a `"` or `\` escaped), for a body field or header that holds
  // JSON, such as a logged request. That form first: for a key ending in `\` the plain key is a prefix of it.
  const forms = [JSON.stringify(secret).slice(1, -1), secret];
  const redactText = (text: string) => forms.reduce((result, form) => result.replaceAll(form, REDACTED), text);
  const redactValue = (value: unknown): unknown => {
    if (typeof value === "string") return redactText(value);
    if (Array.isArray(value)) return value.map(redactValue);
    if (isRecord(value))
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactText(key), redactValue(item)]));
    return value;
  };
  return {
    body: redactValue,
    headers(headers) {
      const clean = new Headers();
      headers.forEach((value, name) => {
        clean.append(name, redactText(value));
      });
      return clean;
    },
  };
}
