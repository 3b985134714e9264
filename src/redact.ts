import { isRecord } from "./is-record.js";

const REDACTED = "[redacted]";

export interface SecretRedactor {
  text(text: string): string;
  body(body: unknown): unknown;
  headers(headers: Headers): Headers;
  /** The error itself when no message along its `cause` chain holds a secret, else a copy of the chain without them. */
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
  // A cause chain that loops is cut where it comes back, so that no copy points at an original holding a secret.
  // Whatever was thrown is covered: a string or a plain object (a custom fetch may throw either), an Error's own
  // fields besides its message (a proxy's `request` or `url`), and an AggregateError's `errors`.
  const cause = (error: unknown, seen = new Set<unknown>()): unknown => {
    if (typeof error === "string") return text(error);
    if (!(error instanceof Error)) return isRecord(error) || Array.isArray(error) ? body(error) : error;
    if (seen.has(error)) return undefined;
    seen.add(error);
    const next = cause(error.cause, seen);
    const inner = error instanceof AggregateError ? error.errors.map((item) => cause(item, seen)) : undefined;
    const fields = Object.entries(error).filter(([key]) => key !== "cause");
    if (
      next === error.cause &&
      text(error.message) === error.message &&
      !inner?.some((item, index) => item !== (error as AggregateError).errors[index]) &&
      !fields.some(([, value]) => holdsSecret(value, seen))
    )
      return error;
    const copy = new Error(text(error.message), { cause: next });
    for (const [key, value] of fields)
      (copy as unknown as Record<string, unknown>)[key] = value instanceof Error ? cause(value, seen) : body(value);
    if (inner) Object.defineProperty(copy, "errors", { value: inner, writable: true, configurable: true });
    // The name, and the `code` the retry decision reads (ECONNREFUSED: nothing was sent), when not an own field.
    copy.name = error.name;
    if (!("code" in copy)) Object.assign(copy, { code: (error as { code?: unknown }).code });
    return copy;
  };
  const holdsSecret = (value: unknown, seen: Set<unknown>): boolean => {
    if (value instanceof Error) return cause(value, new Set(seen)) !== value;
    let json: string | undefined;
    try {
      json = typeof value === "string" ? value : JSON.stringify(value);
    } catch {
      // Not JSON (a cycle, a BigInt): assume the worst, the copy holds its redacted form.
      return true;
    }
    return json !== undefined && text(json) !== json;
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
