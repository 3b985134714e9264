import createClient from "openapi-fetch";
import { type KirimResources, operationTable, securitySchemes } from "../generated/client.js";
import {
  addCredential,
  createAuth,
  credentialsToSend,
  credentialValue,
  describeAlternatives,
  type Scheme,
} from "./auth.js";
import { type EncodedBody, encodeBody } from "./body.js";
import { causeChain } from "./cause-chain.js";
import { createApiError, KirimConnectionError, KirimError, KirimTimeoutError } from "./errors.js";
import { isRecord } from "./is-record.js";
import type { OperationSpec, OperationTable, SecuritySchemeTable } from "./operation-spec.js";
import {
  type KirimClientOptions,
  type RequestOptions,
  type ResolvedRequestOptions,
  resolveClientOptions,
  resolveRequestOptions,
} from "./options.js";
import {
  compilePath,
  joinCookies,
  pathSegment,
  type RequestHeaders,
  type SerializedParams,
  serializeParams,
} from "./params.js";
import { secretRedactor } from "./redact.js";
import { readBody, textBody } from "./response.js";
import { retryDelayMs } from "./retry.js";
import { defaultRuntime, type Runtime } from "./runtime.js";

export type { OperationSpec } from "./operation-spec.js";

/**
 * One resource per tag of the spec, one method per operation (generated/client.ts). Each method takes the path
 * parameters in URL order, then the body (or, without one, the `params` object of query, header and cookie
 * parameters), then {@link RequestOptions}; it resolves to the documented 2xx body and rejects with a
 * {@link KirimError} subclass, or with the signal's reason when `options.signal` aborts.
 */
export type KirimClient = KirimResources<RequestOptions>;

/** The 2xx body's required fields with their allowed JSON types ("any" allows all). */
type Shape = [field: string, types: string[]][];

/** What one call sends; built once, so that every retry sends the same request (bar a credential function's result). */
interface Call extends Sent {
  body: EncodedBody;
  /** The schemes whose credential is a function, called per attempt. */
  perAttempt: Scheme[];
  options: ResolvedRequestOptions;
}

/** One attempt's request: the call's, plus the credentials resolved for it, and every secret it holds (for redaction). */
interface Sent {
  /** Path and query, from the arguments, with the credentials that are not functions. */
  url: string;
  /** The client's and the call's headers, then what the client adds: never over a header the caller set. */
  headers: RequestHeaders;
  secrets: readonly string[];
}

type LooseRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

export function createKirimClient(options: KirimClientOptions): KirimClient {
  return createKirimClientWithRuntime(options, defaultRuntime);
}

/**
 * Same as {@link createKirimClient}, with the clock and sleep swappable and, for tests of the runtime itself, another
 * operation table and security schemes. Not exported by the package.
 */
export function createKirimClientWithRuntime(
  options: KirimClientOptions,
  runtime: Runtime,
  table: OperationTable = operationTable,
  schemes: SecuritySchemeTable = securitySchemes,
): KirimClient {
  const settings = resolveClientOptions(options);
  const auth = createAuth(schemes, options as unknown as Record<string, unknown>, "createKirimClient");
  // openapi-fetch carries every request (its middleware is the extension point). It is handed the path with its query
  // and the headers already built here, since per-parameter styles, cookies and credentials in a query or cookie are
  // beyond its serialisers; its body serialiser is the identity, as the body is encoded once per call, for retries.
  const api = createClient({
    baseUrl: settings.baseUrl,
    fetch: settings.fetch,
    bodySerializer: (body: unknown) => body as never,
    // Redirects are not followed: the API never redirects, and a credential must not travel anywhere else.
    redirect: "manual",
  });
  const request = api.request as unknown as LooseRequest;
  const staticRedactor = secretRedactor(auth.secrets);
  const redactorFor = (secrets: readonly string[]) =>
    secrets === auth.secrets ? staticRedactor : secretRedactor(secrets);
  const apiError = (response: Response, body: unknown, secrets: readonly string[], documented?: string) => {
    const redact = redactorFor(secrets);
    return createApiError(
      response.status,
      redact.body(body),
      redact.headers(response.headers),
      runtime.now(),
      documented,
    );
  };

  async function attempt(spec: OperationSpec, shape: Shape | undefined, call: Call, sent: Sent): Promise<unknown> {
    const reading = spec.reading ?? "json";
    const asText = reading === "json" || reading === "text" ? reading : undefined;
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException("Attempt timed out", "TimeoutError")),
      call.options.timeoutMs,
    );
    const signal = call.options.signal ? AbortSignal.any([call.options.signal, timeout.signal]) : timeout.signal;
    try {
      const { data, error, response } = await request(spec.method, sent.url, {
        headers: sent.headers,
        body: call.body.payload,
        signal,
        // Required for a stream body (sent as it is read), accepted with any other.
        duplex: "half",
        // Read inside the attempt, so that the timeout covers it too. As text when the reading is JSON or text (a body
        // that is not JSON then comes back as text for the shape check to name); else read below, as "auto" needs the
        // Content-Type first.
        parseAs: asText ? "text" : "stream",
      });
      // openapi-fetch gives an error body as parsed JSON, else its text ("" when empty).
      if (!response.ok) throw apiError(response, error === "" ? undefined : error, sent.secrets);
      const body = asText ? textBody(data as string | undefined, asText) : await readBody(response, spec.reading);
      if (shape && !hasShape(body, shape))
        throw apiError(response, body, sent.secrets, `{ ${shape.map(([field]) => field).join(", ")} } JSON`);
      return body;
    } catch (error) {
      if (call.options.signal?.aborted) throw call.options.signal.reason;
      if (error instanceof KirimError) throw error;
      // The timeout's own reason, which holds no secret.
      if (timeout.signal.aborted) throw new KirimTimeoutError(call.options.timeoutMs, { cause: error });
      const redact = redactorFor(sent.secrets);
      const message = `Kirim API connection failed (${settings.baseUrl}): ${describeCause(error)}`;
      throw new KirimConnectionError(redact.text(message), { cause: redact.cause(error) });
    } finally {
      clearTimeout(timer);
    }
  }

  /** The method for one operation: checks and serialises its arguments once, then attempts and retries. */
  function bindOperation(name: string, spec: OperationSpec) {
    const template = compilePath(spec.path);
    const numeric = template.names.map((param) => spec.numeric?.includes(param) === true);
    const shape: Shape | undefined =
      spec.returns && Object.entries(spec.returns).map(([field, types]) => [field, types.split("|")]);
    const alternatives = auth.alternatives(spec.security, name);
    rows.push(alternatives);
    const takesParams = Boolean(spec.query?.length || spec.header?.length || spec.cookie?.length);
    const count = template.names.length;
    return async (...args: unknown[]): Promise<unknown> => {
      let url = template.texts[0]!;
      for (let index = 0; index < count; index++) {
        const param = template.names[index]!;
        url +=
          pathSegment(args[index], name, param, numeric[index]!, spec.pathStyles?.[param]) + template.texts[index + 1];
      }
      const optionsArgument = spec.body || takesParams ? args[count + 1] : args[count];
      const params = spec.body
        ? isRecord(optionsArgument)
          ? (optionsArgument.params ?? optionsArgument.query)
          : undefined
        : takesParams
          ? args[count]
          : undefined;
      const serialized = serializeParams(params, spec, name);
      // Serialised once: every retry re-sends these exact bytes.
      const body = encodeBody(spec.body ? args[count] : undefined, spec, name);
      const options = resolveRequestOptions(optionsArgument, settings, name);
      if (serialized.query) url += `?${serialized.query}`;

      const headers = requestHeaders(
        settings.headers,
        options.headers,
        serialized,
        spec.accept,
        body.contentType,
        name,
      );
      const call: Call = { url, headers, secrets: auth.secrets, body, perAttempt: [], options };
      for (const scheme of credentialsToSend(alternatives, headers, params, name)) {
        if (typeof scheme.credential === "function") call.perAttempt.push(scheme);
        // Configured (a scheme the caller sends is not returned), and not a function: the secret itself.
        else addCredential(call, scheme, scheme.credential!);
      }
      for (let retryIndex = 0; ; retryIndex++) {
        call.options.signal?.throwIfAborted();
        // The call's request plus the credentials that are functions, called for this attempt, each into a copy: the
        // call's own request is not changed. Without any, the call itself is sent, with no await.
        let sent: Sent = call;
        for (const scheme of call.perAttempt) {
          const secret = await credentialValue(scheme, name);
          sent = { url: sent.url, headers: { ...sent.headers }, secrets: [...sent.secrets, secret] };
          addCredential(sent, scheme, secret);
        }
        try {
          return await attempt(spec, shape, call, sent);
        } catch (error) {
          // A stream body was consumed by the attempt and cannot be sent again.
          if (call.options.signal?.aborted || retryIndex >= call.options.maxRetries || !body.replayable) throw error;
          const delay = retryDelayMs(error, retryIndex, runtime, spec.idempotent === true);
          if (delay === undefined) throw error;
          await runtime.sleep(delay, call.options.signal);
        }
      }
    };
  }

  // Each operation's security alternatives, pushed as it is bound.
  const rows: Scheme[][][] = [];
  const resources: Record<string, unknown> = {};
  for (const [resource, operations] of Object.entries(table)) {
    const bound = Object.entries(operations).map(([method, spec]) => [
      method,
      bindOperation(`${resource}.${method}`, spec),
    ]);
    resources[resource] = Object.freeze(Object.fromEntries(bound));
  }

  // A client that no operation can be called with fails here, rather than on its first call.
  const usable = (schemes: Scheme[]) =>
    schemes.every(
      (scheme) => scheme.credential !== undefined || settings.headers[scheme.name.toLowerCase()] !== undefined,
    );
  if (rows.length > 0 && rows.every((alternatives) => alternatives.length > 0 && !alternatives.some(usable))) {
    throw new TypeError(`createKirimClient: ${describeAlternatives(rows[0]!)} is required`);
  }
  return Object.freeze(resources) as unknown as KirimClient;
}

/**
 * What the operation adds (Accept, Content-Type, then the header parameters, so that one named Accept wins over the
 * default), under the client's headers and the call's over those, and the cookie parameters after any Cookie the caller
 * set. A header the caller set is theirs: nothing of that name is added.
 */
function requestHeaders(
  clientHeaders: RequestHeaders,
  callHeaders: Headers | undefined,
  params: SerializedParams,
  accept = "application/json",
  contentType: string | undefined,
  where: string,
): RequestHeaders {
  const headers: RequestHeaders = { accept };
  if (contentType) headers["content-type"] = contentType;
  for (const [name, value] of params.headers) {
    if (!PRINTABLE_ASCII.test(value)) throw new TypeError(`${where}: ${name} must be printable ASCII`);
    headers[name.toLowerCase()] = value;
  }
  Object.assign(headers, clientHeaders);
  // Headers objects give their names in lower case.
  callHeaders?.forEach((value, name) => {
    headers[name] = value;
  });
  if (params.cookies.length > 0) headers.cookie = joinCookies(headers.cookie, ...params.cookies);
  return headers;
}

const PRINTABLE_ASCII = /^[\t\x20-\x7e]*$/;

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** The cheap check that a 2xx body is the documented one: its required top-level fields, with their JSON types. */
function hasShape(value: unknown, shape: Shape): boolean {
  if (!isRecord(value)) return false;
  for (const [field, types] of shape) {
    if (!(field in value)) return false;
    if (types[0] !== "any" && !types.includes(jsonType(value[field]))) return false;
  }
  return true;
}

/** "fetch failed: connect ECONNREFUSED 127.0.0.1:1234": undici puts the useful part in `cause`. */
function describeCause(error: unknown): string {
  const messages = causeChain(error)
    .slice(0, 4)
    .map((cause) => (cause instanceof Error ? cause.message : String(cause)));
  return messages.filter(Boolean).join(": ") || "unknown network error";
}
