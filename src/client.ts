import createClient from "openapi-fetch";
import { type KirimResources, operationTable } from "../generated/client.js";
import type { paths } from "../generated/kirim-api.js";
import { createApiError, KirimConnectionError, KirimError, KirimTimeoutError } from "./errors.js";
import { isRecord } from "./is-record.js";
import { bearerAuth } from "./middleware.js";
import {
  type KirimClientOptions,
  pathSegment,
  type RequestOptions,
  type ResolvedRequestOptions,
  resolveClientOptions,
  resolveQuery,
  resolveRequestOptions,
  serializeBody,
} from "./options.js";
import { secretRedactor } from "./redact.js";
import { retryDelayMs } from "./retry.js";
import { defaultRuntime, type Runtime } from "./runtime.js";

/**
 * One resource per tag of the spec, one method per operation (generated/client.ts). Each method takes the path
 * parameters in URL order, then the JSON body (or, without one, the query parameters), then {@link RequestOptions};
 * it resolves to the documented 2xx body and rejects with a {@link KirimError} subclass, or with the signal's reason
 * when `options.signal` aborts.
 */
export type KirimClient = KirimResources<RequestOptions>;

/** One row of generated/client.ts's operation table. */
export interface OperationSpec {
  readonly method: string;
  readonly path: string;
  /** Path parameters the spec types as numbers. */
  readonly numeric?: readonly string[];
  readonly body?: "required" | "optional";
  readonly query?: boolean;
  readonly idempotent?: boolean;
  /** JSON types of the 2xx body's required top-level fields, e.g. { data: "object", request_id: "string" }. */
  readonly returns?: Readonly<Record<string, string>>;
}

/** The 2xx body's required fields with their allowed JSON types ("any" allows all). */
type Shape = [field: string, types: string[]][];

/** What one call sends; built once, so every retry sends the same request. */
interface Call {
  path: Record<string, string>;
  query: Record<string, unknown> | undefined;
  payload: string | undefined;
  options: ResolvedRequestOptions;
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
 * operation table. Not exported by the package.
 */
export function createKirimClientWithRuntime(
  options: KirimClientOptions,
  runtime: Runtime,
  table: Readonly<Record<string, Readonly<Record<string, OperationSpec>>>> = operationTable,
): KirimClient {
  const settings = resolveClientOptions(options);
  const api = createClient<paths>({
    baseUrl: settings.baseUrl,
    fetch: settings.fetch,
    headers: settings.headers,
    // Redirects are not followed: the API never redirects, and the key must not travel anywhere else.
    redirect: "manual",
  });
  api.use(bearerAuth(settings.apiKey));
  // The generated table drives the calls; the types come from generated/client.ts's signatures instead.
  const request = api.request as unknown as LooseRequest;
  const redact = secretRedactor(settings.apiKey);
  const apiError = (response: Response, body: unknown, documented?: string) =>
    createApiError(response.status, redact.body(body), redact.headers(response.headers), runtime.now(), documented);

  async function attempt(spec: OperationSpec, shape: Shape | undefined, call: Call): Promise<unknown> {
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException("Attempt timed out", "TimeoutError")),
      call.options.timeoutMs,
    );
    const signal = call.options.signal ? AbortSignal.any([call.options.signal, timeout.signal]) : timeout.signal;
    try {
      // Body reading happens inside the request with parseAs "text", so the timeout covers it too.
      const { data, error, response } = await request(spec.method, spec.path, {
        params: call.query ? { path: call.path, query: call.query } : { path: call.path },
        body: call.payload,
        bodySerializer: () => call.payload,
        parseAs: "text",
        headers: call.options.headers,
        signal,
      });
      if (!response.ok) throw apiError(response, error);
      const parsed = parseJson(data as string | undefined);
      if (shape && !hasShape(parsed, shape))
        throw apiError(response, parsed, `{ ${shape.map(([field]) => field).join(", ")} } JSON`);
      return parsed;
    } catch (error) {
      if (call.options.signal?.aborted) throw call.options.signal.reason;
      if (error instanceof KirimError) throw error;
      if (timeout.signal.aborted) throw new KirimTimeoutError(call.options.timeoutMs, { cause: error });
      throw new KirimConnectionError(`Kirim API connection failed (${settings.baseUrl}): ${describeCause(error)}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** The method for one operation: checks and serialises its arguments once, then attempts and retries. */
  function bindOperation(name: string, spec: OperationSpec) {
    const pathParams = [...spec.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    const shape: Shape | undefined =
      spec.returns && Object.entries(spec.returns).map(([field, types]) => [field, types.split("|")]);
    const numeric = pathParams.map((param) => spec.numeric?.includes(param) === true);
    return async (...args: unknown[]): Promise<unknown> => {
      const path: Record<string, string> = {};
      for (let index = 0; index < pathParams.length; index++) {
        path[pathParams[index]!] = pathSegment(args[index], name, pathParams[index]!, numeric[index]!);
      }
      const second = args[pathParams.length];
      const third = args[pathParams.length + 1];
      const options = spec.body || spec.query ? third : second;
      const query = spec.body ? (isRecord(options) ? options.query : undefined) : spec.query ? second : undefined;
      const call: Call = {
        path,
        query: resolveQuery(query, name),
        // Serialised once: every retry re-sends these exact bytes.
        payload: spec.body ? serializeBody(second, name, spec.body === "required") : undefined,
        options: resolveRequestOptions(options, settings, name),
      };
      for (let retryIndex = 0; ; retryIndex++) {
        call.options.signal?.throwIfAborted();
        try {
          return await attempt(spec, shape, call);
        } catch (error) {
          if (call.options.signal?.aborted || retryIndex >= call.options.maxRetries) throw error;
          const delay = retryDelayMs(error, retryIndex, runtime, spec.idempotent === true);
          if (delay === undefined) throw error;
          await runtime.sleep(delay, call.options.signal);
        }
      }
    };
  }

  const resources: Record<string, unknown> = {};
  for (const [resource, operations] of Object.entries(table)) {
    const methods = Object.entries(operations).map(([method, spec]) => [
      method,
      bindOperation(`${resource}.${method}`, spec),
    ]);
    resources[resource] = Object.freeze(Object.fromEntries(methods));
  }
  return Object.freeze(resources) as unknown as KirimClient;
}

/** Raw text when the body is not JSON; undefined when empty. */
function parseJson(text: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

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
  const parts: string[] = [];
  for (let current = error, depth = 0; current != null && depth < 4; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.filter(Boolean).join(": ") || "unknown network error";
}
