// One security scheme of each kind the runtime sends (bearer, basic, an API key in a header, a query and a cookie), for
// the tests that check every credential is redacted wherever it went.
import type { SecuritySchemeTable } from "../../src/operation-spec.ts";

export const everySchemeKind = {
  bearerAuth: { type: "bearer", option: "token" },
  basicAuth: { type: "basic", option: "login" },
  headerKey: { type: "apiKey", option: "headerKey", in: "header", name: "X-API-Key" },
  queryKey: { type: "apiKey", option: "queryKey", in: "query", name: "api_key" },
  cookieKey: { type: "apiKey", option: "cookieKey", in: "cookie", name: "sid" },
} satisfies SecuritySchemeTable;
