import type { Middleware } from "openapi-fetch";

/** Sets the bearer token on every request; the key lives only in this closure. */
export function bearerAuth(apiKey: string): Middleware {
  return {
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${apiKey}`);
      return request;
    },
  };
}
