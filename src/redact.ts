import { isRecord } from "./is-record.js";

const REDACTED = "[redacted]";

export interface SecretRedactor {
  text(text: string): string;
  body(body: unknown): unknown;
  headers(headers: Headers): Headers;
  /** What was thrown without its secrets: an Error itself when it holds none, else a copy (its cause chain too). */
  cause(error: unknown): unknown;
}

/**
 * Removes every credential from what goes into an error (its body, headers, message and cause), so that a server
 * that echoes the request back cannot make a secret appear in logs. Successful bodies are not touched: they go only
 * to the caller, who holds the credentials anyway, and copying them would cost every call.
 */
export function secretRedactor(secrets: readonly string[]): SecretRedactor {
  // Each secret also as it appears inside JSON text (a `"` or `\` escaped) and percent-encoded (a query or cookie).
  // Longest first: for a key ending in `\` the plain key is a prefix of its JSON form.
  const forms = [
    ...new Set(secrets.flatMap((secret) => [JSON.stringify(secret).slice(1, -1), secret, encodeURIComponent(secret)])),
  ]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  const text = (value: string) => forms.reduce((result, form) => result.replaceAll(form, REDACTED), value);
  const body = (value: unknown): unknown => {
    if (typeof value === "string") return text(value);
    if (Array.isArray(value)) return value.map(body);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), body(item)]));
    return value;
  };
  // Whatever was thrown: a string, an object or array (walked), an Error (its message, its own fields, its `cause`,
  // an AggregateError's `errors`). What was met before on the way (a loop, or the same object twice) is cut, so that
  // no copy points at an original holding a secret. An Error with nothing to redact is handed on as it is.
  const cause = (value: unknown, seen = new Set<unknown>()): unknown => {
    if (typeof value === "string") return text(value);
    if (typeof value !== "object" || value === null) return value;
    if (seen.has(value)) return undefined;
    seen.add(value);
    if (!(value instanceof Error)) {
      if (Array.isArray(value)) return value.map((item) => cause(item, seen));
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [text(key), cause(item, seen)]));
    }
    const next = cause(value.cause, seen);
    // Its own fields (a proxy's `request`, the `code` the retry decision reads), the cause apart.
    const fields = Object.entries(value)
      .filter(([key]) => key !== "cause")
      .map(([key, item]) => [key, cause(item, seen)] as const);
    const inner = value instanceof AggregateError ? value.errors.map((item) => cause(item, seen)) : undefined;
    const own = value as unknown as Record<string, unknown>;
    if (
      next === value.cause &&
      text(value.message) === value.message &&
      fields.every(([key, item]) => item === own[key]) &&
      (inner === undefined || inner.every((item, index) => item === (value as AggregateError).errors[index]))
    )
      return value;
    const copy = Object.assign(new Error(text(value.message), { cause: next }), Object.fromEntries(fields));
    if (inner) Object.assign(copy, { errors: inner });
    copy.name = value.name;
    return copy;
  };
  return {
    text,
    body,
    headers(headers) {
      const clean = new Headers();
      headers.forEach((value, name) => {
        clean.append(name, text(value));
      });
      return clean;
    },
    cause,
  };
}
