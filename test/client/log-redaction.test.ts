// What a log line shows of headers and URLs (src/log-redaction.ts): credential headers hidden whole, API-key cookies
// and query parameters by name, whoever set them, and every configured secret anywhere else.
import { expect, test } from "vitest";
import { logRedaction } from "../../src/log-redaction.ts";
import type { SecuritySchemeSpec, SecuritySchemeTable } from "../../src/operation-spec.ts";
import { secretRedactor } from "../../src/redact.ts";
import { everyFeature } from "../helpers/every-feature.ts";

const schemes = {
  bearer: { type: "bearer", option: "token" },
  headerKey: { type: "apiKey", option: "headerKey", in: "header", name: "X-API-Key" },
  queryKey: { type: "apiKey", option: "queryKey", in: "query", name: "api_key" },
  cookieKey: { type: "apiKey", option: "cookieKey", in: "cookie", name: "sid" },
  spacedKey: { type: "apiKey", option: "spacedKey", in: "query", name: "x key" },
  // A cookie's name is written as it is, not percent-encoded.
  dollarCookie: { type: "apiKey", option: "dollarCookie", in: "cookie", name: "tok$" },
} satisfies SecuritySchemeTable;

const forLog = logRedaction(schemes, everyFeature.apiKeyIn);
const redact = secretRedactor(["configured_s3cret"]);

test("credential headers are hidden whole, whatever their value; others show with configured secrets redacted", () => {
  const headers = new Headers({
    Authorization: "Bearer callers_own",
    "Proxy-Authorization": "Basic xyz",
    "x-api-key": "callers_key",
    // A header that merely shares a name with a query or cookie scheme is not a credential header.
    api_key: "shown",
    sid: "shown too",
    // Only a Cookie or Set-Cookie header is read as cookies.
    "x-note": "sid=not a cookie",
    "x-echo": "saw configured_s3cret",
    accept: "application/json",
  });
  expect(JSON.parse(forLog.headers(headers, redact))).toEqual({
    accept: "application/json",
    api_key: "shown",
    authorization: "[redacted]",
    "proxy-authorization": "[redacted]",
    sid: "shown too",
    "x-api-key": "[redacted]",
    "x-echo": "saw [redacted]",
    "x-note": "sid=not a cookie",
  });
});

test.each([
  ["theme=dark; sid=abc", "theme=dark; sid=[redacted]"],
  ["sid=abc; theme=dark", "sid=[redacted]; theme=dark"],
  ["sid=a=b", "sid=[redacted]"],
  ["flag; sidx=1; xsid=2; sid=", "flag; sidx=1; xsid=2; sid=[redacted]"],
  ["sidx; theme=1", "sidx; theme=1"],
  ["tok$=abc", "tok$=[redacted]"],
  ["theme=configured_s3cret", "theme=[redacted]"],
  // Only the cookie scheme's name: not the query's or the header key's.
  ["api_key=shown; X-API-Key=shown; sid=k", "api_key=shown; X-API-Key=shown; sid=[redacted]"],
])("the cookie %s is shown as %s", (cookie, shown) => {
  expect(JSON.parse(forLog.headers(new Headers({ cookie }), redact))).toEqual({ cookie: shown });
});

test("a Set-Cookie of the cookie scheme's name is hidden too", () => {
  const headers = new Headers([["set-cookie", "sid=new_session; Path=/; HttpOnly"]]);
  expect(JSON.parse(forLog.headers(headers, redact))).toEqual({ "set-cookie": "sid=[redacted]; Path=/; HttpOnly" });
});

test.each([
  ["http://h/v1/r", "http://h/v1/r"],
  ["http://h/v1/configured_s3cret", "http://h/v1/[redacted]"],
  ["http://h/v1/r?page=2&api_key=callers", "http://h/v1/r?page=2&api_key=[redacted]"],
  ["http://h/v1/r?api_key=a=b&page=2", "http://h/v1/r?api_key=[redacted]&page=2"],
  ["http://h/v1/r?x%20key=callers&x key=raw", "http://h/v1/r?x%20key=[redacted]&x key=raw"],
  ["http://h/v1/r?flag&api_keyX&api_key2=1&xapi_key=2", "http://h/v1/r?flag&api_keyX&api_key2=1&xapi_key=2"],
  ["http://h/v1/r?token=configured_s3cret", "http://h/v1/r?token=[redacted]"],
  // No query: a path segment that looks like a pair is not one.
  ["http://h/v1/a&api_key=literal", "http://h/v1/a&api_key=literal"],
  // Only the query scheme's name: not the cookie's or the header key's.
  ["http://h/v1/r?sid=shown&X-API-Key=shown&api_key=k", "http://h/v1/r?sid=shown&X-API-Key=shown&api_key=[redacted]"],
])("the URL %s is shown as %s", (url, shown) => {
  expect(forLog.url(url, redact)).toBe(shown);
});

test("only an apiKey scheme's name is hidden, even where another scheme's table entry carries a place and a name", () => {
  const stray = { type: "bearer", option: "oauth", in: "query", name: "access_token" } as SecuritySchemeSpec;
  const strayForLog = logRedaction({ ...schemes, stray }, everyFeature.apiKeyIn);
  expect(strayForLog.url("http://h/v1/r?access_token=shown", redact)).toBe("http://h/v1/r?access_token=shown");
});
