import type { Middleware } from "openapi-fetch";

const REDACTED = "[redacted]";

/** Sets the bearer token on every request; the key lives only in this closure. */
export function bearerAuth(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${apiKey}`);
      return request;
    },
  };
}

/**
 * Replaces the API key in response bodies and headers before anything reads them, so that a server
 * that echoes the request back cannot make the key appear in an error's message, body or headers.
 */
export function redactSecretInResponses(secret: string): Middleware {
  const forms = [...new Set([secret, JSON.stringify(secret).slice(1, -1)])];
  const contains = (text: string) => forms.some((form) => text.includes(form));
  const redact = (text: string) => forms.reduce((result, form) => result.replaceAll(form, REDACTED), text);
  return {
    async onResponse({ response }) {
      // `new Response` only accepts 200–599 (a browser's opaque redirect has status 0 and no body).
      if (response.status < 200) return undefined;
      const text = await response.clone().text();
      let leaked = contains(text);
      const headers = new Headers();
      response.headers.forEach((value, name) => {
        if (contains(value)) leaked = true;
        if (name !== "content-length") headers.append(name, redact(value));
      });
      if (!leaked) return undefined;
      return new Response(text === "" ? null : redact(text), {
        status: response.status,
        statusText: response.statusText,
        headers,
      });
    },
  };
}
