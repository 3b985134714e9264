import { type BasicEncoder, type CredentialSlot, linked, type RuntimeFeatures } from "./features.js";
import { isRecord } from "./is-record.js";
import type { SecuritySchemeTable } from "./operation-spec.js";
import { joinCookies, type RequestHeaders } from "./params.js";
import { REDACTED } from "./redact.js";

/** One security scheme with the credential the client was given for it. */
export interface Scheme {
  /** The header (in lower case), query parameter or cookie that carries it. */
  readonly name: string;
  /** For a query parameter or a cookie; undefined for a header. */
  readonly slot: CredentialSlot | undefined;
  /** The client option that holds the credential. */
  readonly option: string;
  /** The secret (basic: its base64 form), or a function called per attempt; undefined when not given. */
  readonly credential: string | (() => unknown) | undefined;
  /** What precedes the secret in a header: `Bearer `, `Basic ` or nothing. */
  readonly prefix: string;
}

export interface Auth {
  /** Every configured secret as the client holds it, for redaction (basic's encoded form and password included). */
  readonly secrets: readonly string[];
  /** The operation's `security` alternatives as schemes; throws on a scheme the table does not declare. */
  alternatives(security: readonly (readonly string[])[] | undefined, where: string): Scheme[][];
}

// Visible ASCII only: anything else fetch would refuse later, in a message that quotes the secret.
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Reads the credential options of the spec's security schemes from the client's options and checks each, without
 * ever quoting one. bearer, oauth2 and openIdConnect: a token; apiKey: the key; basic: `{ username, password }`.
 */
export function createAuth(
  schemes: SecuritySchemeTable,
  options: Record<string, unknown>,
  where: string,
  features: RuntimeFeatures,
): Auth {
  const secrets: string[] = [];
  const byName = new Map<string, Scheme>();
  for (const [schemeName, spec] of Object.entries(schemes)) {
    const value = options[spec.option];
    const name = `options.${spec.option}`;
    let credential: Scheme["credential"];
    if (spec.type === "basic") {
      const encode = linked(features.basic, `${where}: security scheme "${schemeName}"`, "basic");
      if (value !== undefined) {
        const { password, encoded } = encode(value, where, name);
        credential = encoded;
        secrets.push(password, encoded);
      }
    } else if (typeof value === "function") {
      credential = value as () => unknown;
    } else if (value !== undefined) {
      credential = checkedSecret(value, where, name);
      secrets.push(credential);
    }
    const { option } = spec;
    const prefix = spec.type === "apiKey" ? "" : spec.type === "basic" ? "Basic " : "Bearer ";
    const slotFor = (outside: "query" | "cookie") =>
      linked(features.apiKeyIn?.[outside], `${where}: security scheme "${schemeName}"`, `apiKeyIn.${outside}`);
    byName.set(
      schemeName,
      spec.type !== "apiKey"
        ? { name: "authorization", slot: undefined, option, credential, prefix }
        : spec.in === "header"
          ? // A header's name in lower case, as a request's headers are keyed.
            { name: spec.name.toLowerCase(), slot: undefined, option, credential, prefix }
          : { name: spec.name, slot: slotFor(spec.in), option, credential, prefix },
    );
  }
  return {
    secrets,
    alternatives: (security = [], operation) =>
      security.map((alternative) =>
        alternative.map((schemeName) => {
          const scheme = byName.get(schemeName);
          if (!scheme) throw new TypeError(`${operation}: unknown security scheme "${schemeName}"`);
          return scheme;
        }),
      ),
  };
}

/** The secret for one attempt of a scheme whose credential is a function: its result, checked (and never quoted). */
export async function credentialValue(scheme: Scheme, where: string): Promise<string> {
  const credential = scheme.credential as () => unknown;
  return checkedSecret(await credential(), where, `options.${scheme.option}()`, true);
}

/**
 * The schemes a call adds itself: of the first alternative whose every scheme has a credential or is sent by the caller
 * (a header they set, a query parameter or cookie of the scheme's name), those the caller does not send. No
 * alternatives: a public operation, nothing to send.
 */
export function credentialsToSend(
  alternatives: Scheme[][],
  headers: RequestHeaders,
  params: unknown,
  where: string,
): Scheme[] {
  const supplied = (scheme: Scheme) =>
    scheme.slot ? scheme.slot.sent(scheme.name, headers, params) : headers[scheme.name] !== undefined;
  if (alternatives.length === 0) return [];
  const chosen = alternatives.find((schemes) =>
    schemes.every((scheme) => scheme.credential !== undefined || supplied(scheme)),
  );
  if (!chosen) throw new TypeError(`${where}: ${describeAlternatives(alternatives)} is required`);
  return chosen.filter((scheme) => !supplied(scheme));
}

/** Puts a credential where its scheme says: a header (prefixed), a query parameter or a cookie, percent-encoded. */
export function addCredential(
  request: { url: string; readonly headers: RequestHeaders },
  scheme: Scheme,
  secret: string,
): void {
  if (scheme.slot) scheme.slot.add(request, scheme.name, secret);
  else request.headers[scheme.name] = scheme.prefix + secret;
}

// The slots below are linked by generated/features.ts only for a spec with an API key in a query or a cookie.

const pair = (name: string, secret: string) => `${encodeURIComponent(name)}=${encodeURIComponent(secret)}`;

export const queryCredential: CredentialSlot = {
  add(request, name, secret) {
    request.url += (request.url.includes("?") ? "&" : "?") + pair(name, secret);
  },
  sent: (name, _headers, params) => isRecord(params) && params[name] != null,
  hider(schemes) {
    // As the client writes a name into the URL.
    const names = apiKeyNames(schemes, "query", encodeURIComponent);
    return (url) => {
      const queryAt = url.indexOf("?");
      return queryAt === -1 ? url : url.slice(0, queryAt + 1) + hidePairs(url.slice(queryAt + 1), "&", names);
    };
  },
};

export const cookieCredential: CredentialSlot = {
  add(request, name, secret) {
    request.headers.cookie = joinCookies(request.headers.cookie, pair(name, secret));
  },
  sent: (name, headers) => `; ${headers.cookie}`.includes(`; ${name}=`),
  hider(schemes) {
    const names = apiKeyNames(schemes, "cookie", (name) => name);
    return (cookie) => hidePairs(cookie, ";", names);
  },
};

/** The names of the API keys of `schemes` that travel in `place`, as `spell` writes them. */
function apiKeyNames(schemes: SecuritySchemeTable, place: string, spell: (name: string) => string): Set<string> {
  const names = new Set<string>();
  for (const scheme of Object.values(schemes)) {
    if (scheme.type === "apiKey" && scheme.in === place) names.add(spell(scheme.name));
  }
  return names;
}

/** `name=value` pairs joined by `separator`, those whose name is in `names` with their value hidden. */
function hidePairs(text: string, separator: string, names: ReadonlySet<string>): string {
  return text
    .split(separator)
    .map((pair) => {
      const equals = pair.indexOf("=");
      return equals !== -1 && names.has(pair.slice(0, equals).trim()) ? `${pair.slice(0, equals)}=${REDACTED}` : pair;
    })
    .join(separator);
}

/** "options.apiKey, or options.user and options.key": what an operation needs, for the error when none is given. */
export function describeAlternatives(alternatives: Scheme[][]): string {
  return alternatives.map((schemes) => schemes.map((scheme) => `options.${scheme.option}`).join(" and ")).join(", or ");
}

function checkedSecret(value: unknown, where: string, name: string, returned = false): string {
  if (typeof value !== "string" || value === "") {
    throw new TypeError(
      `${where}: ${name} must ${returned ? "return" : "be"} a non-empty string${returned ? "" : " or a function that returns one"}`,
    );
  }
  if (!VISIBLE_ASCII.test(value)) {
    throw new TypeError(`${where}: ${name} contains spaces, control or non-ASCII characters`);
  }
  return value;
}

/**
 * `{ username, password }` checked, and its base64 form (RFC 7617: of the UTF-8 bytes of `username:password`). Linked
 * by generated/features.ts only for a spec with an HTTP Basic scheme.
 */
export const basicCredential: BasicEncoder = (value, where, name) => {
  if (!isRecord(value) || typeof value.username !== "string" || typeof value.password !== "string") {
    throw new TypeError(`${where}: ${name} must be { username, password }, both strings`);
  }
  const pair = `${value.username}:${value.password}`;
  if (value.username.includes(":") || /\p{Surrogate}/u.test(pair)) {
    throw new TypeError(`${where}: ${name} has a ":" in the username, or an unpaired UTF-16 surrogate`);
  }
  return { password: value.password, encoded: base64(pair) };
};

/** Base64 of the UTF-8 bytes, with what every runtime has. */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
