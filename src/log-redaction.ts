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
  const names = { header: headerNames, query: new Set<string>(), cookie: new Set<string>() };
  for (const scheme of Object.values(schemes)) {
    // A header's name in lower case (as Headers gives it), a query parameter's as the client writes it into the URL.
    if (scheme.type === "apiKey") {
      const name = scheme.name;
      names[scheme.in].add(
        scheme.in === "header" ? name.toLowerCase() : scheme.in === "query" ? encodeURIComponent(name) : name,
      );
    }
  }
  const { query, cookie } = slots;
  return {
    headers(headers, redact) {
      const shown: Record<string, string> = {};
      headers.forEach((value, name) => {
        shown[name] = headerNames.has(name)
          ? REDACTED
          : redact.text(
              cookie && (name === "cookie" || name === "set-cookie") ? cookie.hide(value, names.cookie) : value,
            );
      });
      return JSON.stringify(shown);
    },
    url: (url, redact) => redact.text(query ? query.hide(url, names.query) : url),
  };
}
