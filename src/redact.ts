const REDACTED = "[redacted]";

export interface SecretRedactor {
  body(body: unknown): unknown;
  headers(headers: Headers): Headers;
}

/**
 * Removes the API key from what goes into an error (its body, headers and so its message), so that a
 * server that echoes the request back cannot make the key appear in logs. Successful bodies are not
 * touched: they go only to the caller, who holds the key anyway, and copying them would cost every call.
 */
export function secretRedactor(secret: string): SecretRedactor {
  const forms = [...new Set([secret, JSON.stringify(secret).slice(1, -1)])];
  const contains = (text: string) => forms.some((form) => text.includes(form));
  const redact = (text: string) => forms.reduce((result, form) => result.replaceAll(form, REDACTED), text);
  return {
    body(body) {
      if (typeof body === "string") return redact(body);
      if (body === undefined) return body;
      const json = JSON.stringify(body);
      return contains(json) ? JSON.parse(redact(json)) : body;
    },
    headers(headers) {
      let leaked = false;
      headers.forEach((value) => {
        leaked ||= contains(value);
      });
      if (!leaked) return headers;
      const clean = new Headers();
      headers.forEach((value, name) => clean.append(name, redact(value)));
      return clean;
    },
  };
}
