import createClient from "openapi-fetch";
import type { paths } from "../generated/kirim-api.js";
import { createApiError, isRecord, KirimConnectionError, KirimError, KirimTimeoutError } from "./errors.js";
import { bearerAuth } from "./middleware.js";
import {
  assertCustomerId,
  resolveClientOptions,
  resolveRequestOptions,
  serializeBody,
  type KirimClientOptions,
  type RequestOptions,
  type ResolvedRequestOptions,
} from "./options.js";
import { secretRedactor } from "./redact.js";
import { retryDelayMs } from "./retry.js";
import { defaultRuntime, type Runtime } from "./runtime.js";
import type { CustomerEnvelope, CustomerUpdate } from "./types.js";

export interface KirimClient {
  readonly customers: {
    /**
     * `PATCH /customers/{id}`: changes the fields in `body` and resolves to `{ data, request_id }`.
     * Rejects with a {@link KirimError} subclass, or with the signal's reason when `options.signal` aborts.
     */
    update(id: string, body: CustomerUpdate, options?: RequestOptions): Promise<CustomerEnvelope>;
  };
}

export function createKirimClient(options: KirimClientOptions): KirimClient {
  return createKirimClientWithRuntime(options, defaultRuntime);
}

/** Same as {@link createKirimClient}, with the clock and sleep swappable (tests). Not exported by the package. */
export function createKirimClientWithRuntime(options: KirimClientOptions, runtime: Runtime): KirimClient {
  const settings = resolveClientOptions(options);
  const api = createClient<paths>({
    baseUrl: settings.baseUrl,
    fetch: settings.fetch,
    headers: settings.headers,
    // Redirects are not followed: the API never redirects, and the key must not travel anywhere else.
    redirect: "manual",
  });
  api.use(bearerAuth(settings.apiKey));
  const redact = secretRedactor(settings.apiKey);
  const apiError = (response: Response, body: unknown) =>
    createApiError(response.status, redact.body(body), redact.headers(response.headers), runtime.now());

  async function attemptUpdate(id: string, body: CustomerUpdate, payload: string, call: ResolvedRequestOptions) {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException("Attempt timed out", "TimeoutError")), call.timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout.signal]) : timeout.signal;
    try {
      // Body reading happens inside PATCH with parseAs "text", so the timeout covers it too.
      const { data, error, response } = await api.PATCH("/customers/{id}", {
        params: { path: { id } },
        body,
        bodySerializer: () => payload,
        parseAs: "text",
        headers: call.headers,
        signal,
      });
      if (!response.ok) throw apiError(response, error);
      const parsed = parseJson(data);
      if (!isCustomerEnvelope(parsed)) throw apiError(response, parsed);
      return parsed;
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      if (error instanceof KirimError) throw error;
      if (timeout.signal.aborted) throw new KirimTimeoutError(call.timeoutMs, { cause: error });
      throw new KirimConnectionError(`Kirim API connection failed (${settings.baseUrl}): ${describeCause(error)}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  async function update(id: string, body: CustomerUpdate, options?: RequestOptions): Promise<CustomerEnvelope> {
    assertCustomerId(id);
    // Serialised once: every retry re-sends these exact bytes. Retrying is safe because the update sets
    // fields to the values sent, so applying it twice equals applying it once (see the spec).
    const payload = serializeBody(body);
    const call = resolveRequestOptions(options, settings);
    for (let retryIndex = 0; ; retryIndex++) {
      call.signal?.throwIfAborted();
      try {
        return await attemptUpdate(id, body, payload, call);
      } catch (error) {
        if (call.signal?.aborted || retryIndex >= call.maxRetries) throw error;
        const delay = retryDelayMs(error, retryIndex, runtime);
        if (delay === undefined) throw error;
        await runtime.sleep(delay, call.signal);
      }
    }
  }

  return Object.freeze({ customers: Object.freeze({ update }) });
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

function isCustomerEnvelope(value: unknown): value is CustomerEnvelope {
  return isRecord(value) && isRecord(value.data) && typeof value.request_id === "string";
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
