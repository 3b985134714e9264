// Credentials for an operation's security requirement (OpenAPI `security`, the document's default when the operation
// has none): the first alternative the spec lists, each of its schemes filled with a test value — a bearer token
// (also for oauth2 and openIdConnect), HTTP Basic, or an API key in its header, query parameter or cookie.
import type { LoadedSpec, SpecOperation } from "../../helpers/bundled-spec.ts";
import { apiKey, type RawRequest } from "./http.ts";

type Json = any;

export type Credentials = Pick<RawRequest, "authorization" | "headers" | "query">;

const basicUser = "contract";

export function credentialsFor(spec: LoadedSpec, op: SpecOperation): Credentials {
  const requirements: Json[] = op.raw.security ?? spec.doc.security ?? [];
  // An empty requirement object means "no credential needed" (an optional-auth alternative).
  if (requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0))
    return { authorization: null, headers: {}, query: {} };
  const credentials: Required<Credentials> = { authorization: null, headers: {}, query: {} };
  const cookies: string[] = [];
  for (const name of Object.keys(requirements[0])) {
    const scheme = spec.resolve(spec.doc.components?.securitySchemes?.[name]);
    if (!scheme) throw new Error(`security scheme "${name}" of ${op.label} is not in components.securitySchemes`);
    if (scheme.type === "http" && /^basic$/i.test(scheme.scheme))
      credentials.authorization = `Basic ${Buffer.from(`${basicUser}:${apiKey}`).toString("base64")}`;
    else if (scheme.type === "http" || scheme.type === "oauth2" || scheme.type === "openIdConnect")
      credentials.authorization = `Bearer ${apiKey}`;
    else if (scheme.type === "apiKey" && scheme.in === "header")
      credentials.headers[scheme.name.toLowerCase()] = apiKey;
    else if (scheme.type === "apiKey" && scheme.in === "query") credentials.query[scheme.name] = apiKey;
    else if (scheme.type === "apiKey" && scheme.in === "cookie") cookies.push(`${scheme.name}=${apiKey}`);
    else throw new Error(`security scheme "${name}" of ${op.label} has a type the suite cannot fill: ${scheme.type}`);
  }
  if (cookies.length > 0) credentials.headers.cookie = cookies.join("; ");
  return credentials;
}
