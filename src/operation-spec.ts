// The contract between the client generator (scripts/lib/codegen/client-surface.ts, which writes generated/client.ts)
// and the runtime (src/client.ts, which reads it): one row per operation, plus the spec's security schemes. Data only,
// so the runtime stays one set of plain functions for every operation.
//
// generated/client.ts exports, for any spec (it imports nothing from src/, so its types are written out inline):
// - `operationTable` (satisfies OperationTable) and `securitySchemes` (satisfies SecuritySchemeTable);
// - `clientVersion`: client/package.json's version when generated (the User-Agent's);
// - `PromiseKind`, `PlainPromise` and `Returns<Promised, T>`: a method's promise type, generic over its data;
// - `KirimResources<RequestOptions, Promised>`: one typed method per operation, returning `Returns<Promised, Data>`
//   (a `Promise` by default; src/api-promise.ts's kind for the client). Arguments: the path parameters in URL order,
//   then the body when the operation has one, then a `params` object of the query, header and cookie parameters
//   (for operations with a body: `options.params`), then `options`;
// - `KirimCredentials`: one optional member per `option` of `securitySchemes` — bearer, oauth2, openIdConnect and
//   apiKey: `string | (() => string | Promise<string>)`; basic: `{ username: string; password: string }`;
// - `ErrorEnvelope`: the spec's `Error` schema when it has one, else `{ error?: { type?: string; code?: string;
//   message?: string; param?: string; request_id?: string } }`; `KnownErrorCode`: the documented codes (`never` when
//   none are documented);
// - when an operation has `pagination`: `KirimPagePromise<Page, Item>`, a `Promise<Page>` (the first page's body) that
//   is also an `AsyncIterable<Item>` (every item of every page) with `pages(): AsyncIterable<Page>`; its method returns
//   it (the runtime adds the iteration to what the method returns: src/pagination.ts).
//
// generated/features.ts exports `runtimeFeatures` (src/features.ts): the runtime's optional parts that the rows and
// schemes need (a non-JSON body encoding, a "blob" or "auto" reading, query/header/cookie or styled parameters, HTTP
// Basic, an API key in a query or cookie, pagination), imported from src/, so that a bundle holds those parts only.

/** How the request body is encoded. */
export type BodyEncoding =
  /** JSON.stringify of any JSON value (`application/json` and every `+json` type). */
  | "json"
  /** `multipart/form-data`: the runtime builds a `FormData` from a plain object (Blob/File values become file parts). */
  | "multipart"
  /** `application/x-www-form-urlencoded` from a plain object. */
  | "form"
  /** Raw bytes (`application/octet-stream`, `image/*`, `application/pdf`, …): Blob, ArrayBuffer, typed array or stream. */
  | "binary"
  /** A string sent as it is (`text/*`, XML). */
  | "text";

/** How a success body is read. */
export type ResponseReading =
  /** `JSON.parse` (`application/json`, `+json`). */
  | "json"
  /** A string (`text/*`, XML). */
  | "text"
  /** A `Blob` with the bytes intact. */
  | "blob"
  /** By the response's Content-Type: JSON types parsed, `text/*` and XML as a string, anything else a `Blob`. */
  | "auto";

/** Where a query parameter's non-default serialisation differs from OpenAPI's default (`style: form, explode: true`). */
export interface QueryStyle {
  readonly style: "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";
  readonly explode: boolean;
}

/** A path, header or cookie parameter whose serialisation is not its location's default (`simple`, `explode: false`; cookies: `form`). */
export interface ParameterStyle {
  readonly style: "simple" | "label" | "matrix" | "form";
  readonly explode: boolean;
}

/** One row of generated/client.ts's operation table. Absent fields take the default named in their comment. */
export interface OperationSpec {
  readonly method: string;
  readonly path: string;
  /** Path parameters the spec types as numbers (sent in decimal). */
  readonly numeric?: readonly string[];
  /** Whether the operation takes a body, and whether the spec requires it. */
  readonly body?: "required" | "optional";
  /** How the body is encoded. Default "json". */
  readonly bodyEncoding?: BodyEncoding;
  /** The Content-Type sent with the body. Default `application/json`. */
  readonly contentType?: string;
  /**
   * Query and header (and cookie) parameters by their spec names, all read from one `params` object: the argument after
   * the path parameters for operations without a body, `options.params` for operations with one.
   */
  readonly query?: readonly string[];
  readonly header?: readonly string[];
  readonly cookie?: readonly string[];
  /** Query parameters whose serialisation is not `form` + `explode: true`. */
  readonly queryStyles?: Readonly<Record<string, QueryStyle>>;
  /** Path, header and cookie parameters whose serialisation is not the default (arrays and objects only). */
  readonly pathStyles?: Readonly<Record<string, ParameterStyle>>;
  readonly headerStyles?: Readonly<Record<string, ParameterStyle>>;
  readonly cookieStyles?: Readonly<Record<string, ParameterStyle>>;
  /** Safe to retry after a 5xx or a timeout. Default false. */
  readonly idempotent?: boolean;
  /**
   * The header (lower-case) a fresh idempotency key goes in, one per call and the same on each retry, unless the caller
   * set it; the operation is then retried like an idempotent one (`x-kirim-idempotency-key`).
   */
  readonly idempotencyKey?: string;
  /** The Accept header sent. Default `application/json`. */
  readonly accept?: string;
  /** How the 2xx body is read. Default "json". An empty body is `undefined` whatever this says. */
  readonly reading?: ResponseReading;
  /** JSON types of the 2xx JSON body's required top-level fields, e.g. { data: "object", request_id: "string" }. */
  readonly returns?: Readonly<Record<string, string>>;
  /**
   * The security requirement: alternatives, each a list of scheme names that must all be sent (OpenAPI's
   * `security`, with the document's default already applied). `[]` = a public operation, no credential sent.
   */
  readonly security?: readonly (readonly string[])[];
  /** How to ask for the next page (`x-kirim-pagination`): the method is then also an async iterable of items. */
  readonly pagination?: PaginationSpec;
}

/**
 * How a list operation pages (src/pagination.ts follows it). `items` names the 2xx body's array of items; the field
 * and parameter names are the spec's, at the top level of the body (and of an item, for `cursor`).
 */
export type PaginationSpec =
  /** Stripe's: the next page is asked for with `param` = the last item's `cursor` field, while `hasMore` is true. */
  | {
      readonly style: "cursor";
      readonly items: string;
      readonly param: string;
      readonly cursor: string;
      readonly hasMore: string;
    }
  /** The body's `next` field holds the cursor to send back as `param`; null, absent or empty on the last page. */
  | { readonly style: "next-cursor"; readonly items: string; readonly param: string; readonly next: string }
  /** The body's `next` field holds the next page's URL, whose query parameters are sent; null or absent on the last. */
  | { readonly style: "next-link"; readonly items: string; readonly next: string };

/**
 * One security scheme of the spec, as the runtime applies it; `option` is the client option that holds its credential.
 * oauth2 and openIdConnect are sent as bearer tokens.
 */
export type SecuritySchemeSpec =
  | { readonly type: "bearer"; readonly option: string }
  | { readonly type: "basic"; readonly option: string }
  | {
      readonly type: "apiKey";
      readonly option: string;
      readonly in: "header" | "query" | "cookie";
      /** The header, query parameter or cookie name. */
      readonly name: string;
    };

export type OperationTable = Readonly<Record<string, Readonly<Record<string, OperationSpec>>>>;
export type SecuritySchemeTable = Readonly<Record<string, SecuritySchemeSpec>>;
