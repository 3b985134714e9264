import type { RuntimeFeatures } from "./features.js";
import type { SecuritySchemeTable } from "./operation-spec.js";
import { REDACTED, type SecretRedactor } from "./redact.js";

/**
 * What a log line shows of a request or response: besides every configured secret (the attempt's redactor), the
 * values of the places a credential travels by name, whoever set them (a caller's own Authorization or API-key
 * header, query parameter or cookie is as secret as the configured one).
 */
export interface LogRedaction {
  /** Headers as JSON; Authorization, Proxy-Authorization and API-key headers hidden whole, API-key cookies by name
   * (in Cookie and Set-Cookie). */
  headers(headers: Headers, redact: SecretRedactor): string;
  /** The URL with every API-key query parameter's value hidden. */
  url(url: string, redact: SecretRedactor): string;
}

/**
 * `slots`: the client's linked API-key slots, which hide a query parameter or cookie by name; a spec with no API key
 * in a query or cookie has none, and needs none.
 */
export function logRedaction(schemes: SecuritySchemeTable, slots: RuntimeFeatures["apiKeyIn"] = {}): LogRedaction {
  const headerNames = new Set(["authorization", "proxy-authorization"]);
  for (const scheme of Object.values(schemes)) {
    // In lower case, as Headers gives it.
    if (scheme.type === "apiKey" && scheme.in === "header") headerNames.add(scheme.name.toLowerCase());
  }
  const hideQuery = slots.query?.hider(schemes);
  const hideCookies = slots.cookie?.hider(schemes);
  return {
    headers(headers, redact) {
      const shown: Record<string, string> = {};
      headers.forEach((value, name) => {
        shown[name] = headerNames.has(name)
          ? REDACTED
          : redact.text(hideCookies && (name === "cookie" || name === "set-cookie") ? hideCookies(value) : value);
      });
      return JSON.stringify(shown);
    },
    url: (url, redact) => redact.text(hideQuery ? hideQuery(url) : url),
  };
}
