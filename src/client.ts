import createClient from "openapi-fetch";
import { type KirimResources, operationTable, securitySchemes } from "../generated/client.js";
import { runtimeFeatures } from "../generated/features.js";
import { type KirimPromiseKind, newResponseSlot, type ResponseSlot, withResponseAccess } from "./api-promise.js";
import {
  addCredential,
  createAuth,
  credentialsToSend,
  credentialValue,
  describeAlternatives,
  type Scheme,
} from "./auth.js";
import { type EncodedBody, encodeBody } from "./body.js";
import { withAttempts, withBaseUrlHint } from "./call-errors.js";
import { causeChain } from "./cause-chain.js";
import { processEnvironment, withEnvironmentDefaults } from "./environment.js";
import { createApiError, KirimConnectionError, KirimError, KirimTimeoutError } from "./errors.js";
import { linked, partsFor, type RuntimeFeatures } from "./features.js";
import { isRecord } from "./is-record.js";
import { type AttemptWatch, createObserver } from "./observe.js";
import type { OperationSpec, OperationTable, SecuritySchemeTable } from "./operation-spec.js";
import {
  type KirimClientOptions,
  type RequestOptions,
  type ResolvedRequestOptions,
  resolveClientOptions,
  resolveObserveOptions,
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
import { textBody } from "./response.js";
import { retryDelayMs } from "./retry.js";
import { defaultRuntime, type Runtime } from "./runtime.js";
import { sdkUserAgent } from "./user-agent.js";

export type { OperationSpec } from "./operation-spec.js";

/**
 * One resource per tag of the spec, one method per operation (generated/client.ts). Each method takes the path
 * parameters in URL order, then the body (or, without one, the `params` object of query, header and cookie
 * parameters), then {@link RequestOptions}; it resolves to the documented 2xx body and rejects with a
 * {@link KirimError} subclass, or with the signal's reason when `options.signal` aborts. The promise also has
 * `.withResponse()` and `.asResponse()` (src/api-promise.ts).
 */
export type KirimClient = KirimResources<RequestOptions, KirimPromiseKind>;

/** The 2xx body's required fields with their allowed JSON types ("any" allows all). */
type Shape = [field: string, types: string[]][];

/** What one call sends; built once, so that every retry sends the same request (bar a credential function's result). */
interface Call extends Sent {
  body: EncodedBody;
  /** The schemes whose credential is a function, called per attempt. */
  perAttempt: Scheme[];
  options: ResolvedRequestOptions;
  /** Where the 2xx response goes for `.withResponse()`, and whether `.asResponse()` wants its body unread. */
  slot: ResponseSlot;
  /** When `totalTimeoutMs` runs out (`runtime.now()` time); Infinity without one. */
  deadline: number;
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

/** `options` left out fall back to KIRIM_BASE_URL and KIRIM_API_KEY (src/environment.ts). */
export function createKirimClient(options?: KirimClientOptions): KirimClient {
  const filled = withEnvironmentDefaults(options, securitySchemes, processEnvironment());
  return createKirimClientWithRuntime(filled as KirimClientOptions, defaultRuntime);
}

/**
 * Same as {@link createKirimClient}, with the clock and sleep swappable and, for tests of the runtime itself, another
 * operation table, security schemes and the runtime's optional parts they need (test/helpers/every-feature.ts has them
 * all). Not exported by the package.
 */
export function createKirimClientWithRuntime(
  options: KirimClientOptions,
  runtime: Runtime,
  table: OperationTable = operationTable,
  schemes: SecuritySchemeTable = securitySchemes,
  features: RuntimeFeatures = runtimeFeatures,
): KirimClient {
  const settings = resolveClientOptions(options);
  const auth = createAuth(schemes, options as unknown as Record<string, unknown>, "createKirimClient", features);
  // Hooks and logs: undefined when none is configured, and then no call pays for them.
  const observer = createObserver(resolveObserveOptions(options as never), schemes, runtime, features.apiKeyIn);
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
    const error = createApiError(
      response.status,
      redact.body(body),
      redact.headers(response.headers),
      runtime.now(),
      documented,
    );
    return withBaseUrlHint(error, settings.baseUrl);
  };

  async function attempt(
    spec: OperationSpec,
    shape: Shape | undefined,
    call: Call,
    sent: Sent,
    watch?: AttemptWatch,
  ): Promise<unknown> {
    const reading = spec.reading ?? "json";
    const asText = reading === "json" || reading === "text" ? reading : undefined;
    const timeout = new AbortController();
    // The attempt's own limit, or what is left of the call's total when that is less.
    const left = call.deadline - runtime.now();
    const totalLimited = left < call.options.timeoutMs;
    const timer = setTimeout(
      () => timeout.abort(new DOMException("Attempt timed out", "TimeoutError")),
      totalLimited ? Math.max(left, 1) : call.options.timeoutMs,
    );
    const signal = call.options.signal ? AbortSignal.any([call.options.signal, timeout.signal]) : timeout.signal;
    try {
      const { error, response } = await request(spec.method, sent.url, {
        headers: sent.headers,
        body: call.body.payload,
        signal,
        // Required for a stream body (sent as it is read), accepted with any other.
        duplex: "half",
        // A 2xx body is read below, inside the attempt so that the timeout covers it too, and only once the response
        // is here, so that `.asResponse()` called after the method returned can still have it unread.
        parseAs: "stream",
        middleware: watch?.middleware,
      });
      // openapi-fetch gives an error body as parsed JSON, else its text ("" when empty).
      if (!response.ok) throw apiError(response, error === "" ? undefined : error, sent.secrets);
      call.slot.response = response;
      // The caller streams the body: from here only their own signal bounds it.
      if (call.slot.raw) return undefined;
      call.slot.read = true;
      // As text when the reading is JSON or text (a body that is not JSON stays text for the shape check to name).
      const body = asText ? textBody(await response.text(), asText) : await features.readers![reading]!(response);
      if (shape && !hasShape(body, shape))
        throw apiError(response, body, sent.secrets, `{ ${shape.map(([field]) => field).join(", ")} } JSON`);
      return body;
    } catch (error) {
      if (call.options.signal?.aborted) throw call.options.signal.reason;
      if (error instanceof KirimError) throw error;
      const redact = redactorFor(sent.secrets);
      // Usually the timeout's own reason; a custom fetch that ignores the signal may reject later with its own error.
      if (timeout.signal.aborted)
        throw totalLimited
          ? new KirimTimeoutError(call.options.totalTimeoutMs!, { cause: redact.cause(error) }, "totalTimeoutMs")
          : new KirimTimeoutError(call.options.timeoutMs, { cause: redact.cause(error) });
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
    const [parameters, encoder] = partsFor(spec, features, name);
    // An idempotency key makes a POST or PATCH as safe to repeat as an idempotent operation.
    const keyHeader = spec.idempotencyKey;
    const freshKey = keyHeader === undefined ? undefined : linked(features.idempotencyKey, name, "idempotencyKey");
    const safeToRepeat = spec.idempotent === true || keyHeader !== undefined;
    const run = async (args: unknown[], slot: ResponseSlot): Promise<unknown> => {
      let url = template.texts[0]!;
      for (let index = 0; index < count; index++) {
        const param = template.names[index]!;
        url +=
          pathSegment(args[index], name, param, numeric[index]!, spec.pathStyles?.[param], parameters) +
          template.texts[index + 1];
      }
      const optionsArgument = spec.body || takesParams ? args[count + 1] : args[count];
      const params = spec.body
        ? isRecord(optionsArgument)
          ? (optionsArgument.params ?? optionsArgument.query)
          : undefined
        : takesParams
          ? args[count]
          : undefined;
      const serialized = serializeParams(params, spec, name, parameters);
      // Serialised once: every retry re-sends these exact bytes.
      const body = encodeBody(spec.body ? args[count] : undefined, spec, name, encoder);
      const options = resolveRequestOptions(optionsArgument, settings, name);
      if (serialized.query) url += `?${serialized.query}`;

      const headers = requestHeaders(settings.headers, options.headers, serialized, spec.accept, body.contentType);
      // One key per call, in every attempt of it; a key the caller set (headers or params) is theirs.
      if (freshKey) headers[keyHeader!] ??= freshKey();
      // Without a total limit, Infinity: no comparison with it needs a case of its own.
      const deadline = runtime.now() + (options.totalTimeoutMs ?? Number.POSITIVE_INFINITY);
      const call: Call = { url, headers, secrets: auth.secrets, body, perAttempt: [], options, slot, deadline };
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
        const watch = observer?.attempt(name, spec.method, sent.url, retryIndex + 1, sent.secrets);
        try {
          return await (watch
            ? watch.outcome(attempt(spec, shape, call, sent, watch))
            : attempt(spec, shape, call, sent));
        } catch (error) {
          // A stream body was consumed by the attempt and cannot be sent again.
          const delay =
            call.options.signal?.aborted || retryIndex >= call.options.maxRetries || !body.replayable
              ? undefined
              : retryDelayMs(error, retryIndex, runtime, safeToRepeat);
          if (delay === undefined) throw withAttempts(error, retryIndex + 1);
          // Never a pause that would end past the total limit.
          if (runtime.now() + delay >= call.deadline) {
            const spent = (error as KirimTimeoutError).limit === "totalTimeoutMs";
            throw withAttempts(
              spent ? error : new KirimTimeoutError(options.totalTimeoutMs!, { cause: error }, "totalTimeoutMs"),
              retryIndex + 1,
            );
          }
          watch?.retrying(delay);
          await runtime.sleep(delay, call.options.signal);
        }
      }
    };
    return (...args: unknown[]) => {
      const slot = newResponseSlot();
      return withResponseAccess(run(args, slot), slot);
    };
  }

  // Each operation's security alternatives, pushed as it is bound.
  const rows: Scheme[][][] = [];
  const resources: Record<string, unknown> = {};
  for (const [resource, operations] of Object.entries(table)) {
    const bound = Object.entries(operations).map(([method, spec]) => {
      const call = bindOperation(`${resource}.${method}`, spec);
      const where = `${resource}.${method}`;
      return [method, spec.pagination ? linked(features.paginated, where, "paginated")(call, spec, where) : call];
    });
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
): RequestHeaders {
  const headers: RequestHeaders = { accept };
  if (USER_AGENT) headers["user-agent"] = USER_AGENT;
  if (contentType) headers["content-type"] = contentType;
  Object.assign(headers, params.headers, clientHeaders);
  // Headers objects give their names in lower case.
  callHeaders?.forEach((value, name) => {
    headers[name] = value;
  });
  if (params.cookie) headers.cookie = joinCookies(headers.cookie, params.cookie);
  return headers;
}

/** Under every header of the caller's: theirs wins. */
const USER_AGENT = sdkUserAgent();

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
