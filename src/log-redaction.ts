import type { SecuritySchemeTable } from "./operation-spec.js";
import type { SecretRedactor } from "./redact.js";

const REDACTED = "[redacted]";

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

export function logRedaction(schemes: SecuritySchemeTable): LogRedaction {
  const headerNames = new Set(["authorization", "proxy-authorization"]);
  const cookieNames = new Set<string>();
  const queryNames = new Set<string>();
  const names = { header: headerNames, query: queryNames, cookie: cookieNames };
  for (const scheme of Object.values(schemes)) {
    // A header's name in lower case (as Headers gives it), a query parameter's as the client writes it into the URL.
    if (scheme.type === "apiKey") {
      const name = scheme.name;
      names[scheme.in].add(
        scheme.in === "header" ? name.toLowerCase() : scheme.in === "query" ? encodeURIComponent(name) : name,
      );
    }
  }
  // `name=value` pairs joined by `separator`, those of a secret name with their value hidden.
  const hidePairs = (text: string, separator: string, secret: (name: string) => boolean) =>
    text
      .split(separator)
      .map((pair) => {
        const equals = pair.indexOf("=");
        return equals !== -1 && secret(pair.slice(0, equals)) ? `${pair.slice(0, equals)}=${REDACTED}` : pair;
      })
      .join(separator);
  return {
    headers(headers, redact) {
      const shown: Record<string, string> = {};
      headers.forEach((value, name) => {
        if (headerNames.has(name)) shown[name] = REDACTED;
        else if (name === "cookie" || name === "set-cookie")
          shown[name] = redact.text(hidePairs(value, ";", (key) => cookieNames.has(key.trim())));
        else shown[name] = redact.text(value);
      });
      return JSON.stringify(shown);
    },
    url(url, redact) {
      const queryAt = url.indexOf("?");
      if (queryAt === -1) return redact.text(url);
      const query = hidePairs(url.slice(queryAt + 1), "&", (key) => queryNames.has(key));
      return redact.text(`${url.slice(0, queryAt)}?${query}`);
    },
  };
}
