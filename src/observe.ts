import type { Middleware } from "openapi-fetch";
import { KirimApiError } from "./errors.js";
import { type KirimAttemptInfo, KirimHookError, runHook } from "./hooks.js";
import { isRecord } from "./is-record.js";
import { logRedaction } from "./log-redaction.js";
import { mediaType } from "./media-type.js";
import type { SecuritySchemeTable } from "./operation-spec.js";
import type { ResolvedObserveOptions } from "./options.js";
import { type SecretRedactor, secretRedactor } from "./redact.js";
import type { Runtime } from "./runtime.js";

/** Hooks and logs for the client's calls: undefined when neither is configured, so a call pays nothing for them. */
export interface Observer {
  /** The watcher of one attempt, created once its credentials are known (`secrets`: all of them, for redaction). */
  attempt(operation: string, method: string, url: string, attempt: number, secrets: readonly string[]): AttemptWatch;
}

export interface AttemptWatch {
  /** openapi-fetch middleware for this attempt's request (undefined when no hook or log needs the request). */
  readonly middleware: Middleware[] | undefined;
  /** The attempt's result, passed through once logged and handed to `onError`. */
  outcome<T>(result: Promise<T>): Promise<T>;
  /** The call will retry after this attempt, in `delayMs`. */
  retrying(delayMs: number): void;
}

const ERROR = 1;
const WARN = 2;
const INFO = 3;
const DEBUG = 4;
const BODY_LOG_LIMIT = 4_000;

export function createObserver(
  options: ResolvedObserveOptions,
  schemes: SecuritySchemeTable,
  runtime: Runtime,
): Observer | undefined {
  const { hooks, logRank, logger } = options;
  if (logRank === 0 && !hooks.onRequest && !hooks.onResponse && !hooks.onError) return undefined;
  const forLog = logRedaction(schemes);
  // At warn and error, without hooks, a failed attempt says all the log needs: no middleware.
  const wantsRequest =
    logRank >= INFO || hooks.onRequest !== undefined || hooks.onResponse !== undefined || hooks.onError !== undefined;
  return {
    attempt(operation, method, url, attempt, secrets) {
      const info: KirimAttemptInfo = { operation, attempt };
      const redact = secretRedactor(secrets);
      const started = runtime.now();
      const prefix = `[kirim] ${operation} ${method} ${redact.text(url.split("?")[0]!)}`;
      let request: Request | undefined;
      let status: number | undefined;
      let headerRequestId: string | undefined;

      const middleware: Middleware = {
        async onRequest(event) {
          request = event.request;
          if (hooks.onRequest) {
            const returned = await runHook("onRequest", info, redact, () =>
              hooks.onRequest!({ ...info, request: event.request }),
            );
            if (returned !== undefined && !(returned instanceof Request)) {
              throw new KirimHookError("onRequest", info, "must return a Request or nothing");
            }
            // A request built anew loses the attempt's signal (its timeout and the caller's): it is given it back.
            if (returned) request = new Request(returned, { signal: event.request.signal });
          }
          if (logRank >= DEBUG) {
            logger.debug(
              `${prefix} attempt ${attempt} request ${forLog.url(request.url, redact)} headers ${forLog.headers(request.headers, redact)}${await bodyForLog(request, redact)}`,
            );
          }
          return request;
        },
        async onResponse(event) {
          status = event.response.status;
          headerRequestId = event.response.headers.get("x-request-id") ?? undefined;
          if (logRank >= DEBUG) {
            logger.debug(
              `${prefix} attempt ${attempt} response ${status} headers ${forLog.headers(event.response.headers, redact)}${await bodyForLog(event.response, redact)}`,
            );
          }
          if (hooks.onResponse) {
            const durationMs = runtime.now() - started;
            await runHook("onResponse", info, redact, () =>
              hooks.onResponse!({ ...info, request: request!, response: event.response, durationMs }),
            );
          }
          return undefined;
        },
      };

      return {
        middleware: wantsRequest ? [middleware] : undefined,
        async outcome(result) {
          try {
            const body = await result;
            if (logRank >= INFO) {
              const requestId =
                isRecord(body) && typeof body.request_id === "string" ? body.request_id : headerRequestId;
              logger.info(`${prefix} → ${status} ${details(runtime.now() - started, attempt, requestId)}`);
            }
            return body;
          } catch (error) {
            const duration = runtime.now() - started;
            if (error instanceof KirimHookError) {
              if (logRank >= ERROR) logger.error(`${prefix} (attempt ${attempt}): ${error.message}`);
              throw error;
            }
            if (logRank >= WARN) {
              const apiError = error instanceof KirimApiError ? error : undefined;
              const requestId = apiError?.requestId ?? headerRequestId;
              const summary = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
              logger.warn(
                `${prefix} → ${apiError?.status ?? status ?? "no response"} ${details(duration, attempt, requestId)}: ${redact.text(summary)}`,
              );
            }
            if (hooks.onError)
              await runHook("onError", info, redact, () => hooks.onError!({ ...info, error, request }));
            throw error;
          }
        },
        retrying(delayMs) {
          if (logRank >= WARN) logger.warn(`[kirim] ${operation}: retrying in ${delayMs} ms (attempt ${attempt + 1})`);
        },
      };
    },
  };
}

function details(durationMs: number, attempt: number, requestId: string | undefined): string {
  return `in ${durationMs} ms (attempt ${attempt}${requestId ? `, request ${requestId}` : ""})`;
}

/** ` body <text>` for a textual body (JSON, text, XML, a form), redacted and cut; any other is only named. */
async function bodyForLog(message: Request | Response, redact: SecretRedactor): Promise<string> {
  if (message.body === null) return "";
  const type = mediaType(message.headers.get("content-type"));
  const textual =
    type === "application/json" ||
    type.endsWith("+json") ||
    type.startsWith("text/") ||
    type.endsWith("xml") ||
    type === "application/x-www-form-urlencoded";
  if (!textual) return ` body (${type || "untyped"}, not shown)`;
  let text: string;
  try {
    text = await readStart(message.clone().body!);
  } catch {
    return " body (unreadable)";
  }
  const cut = text.length > BODY_LOG_LIMIT ? `${text.slice(0, BODY_LOG_LIMIT)}…` : text;
  return ` body ${redact.text(cut)}`;
}

/**
 * The body's text up to a little past the log's limit, then no more: a long or endless stream (a download the caller
 * reads as it comes) is not waited for. The clone's reader is cancelled, which leaves the original's branch intact.
 */
async function readStart(body: ReadableStream<Uint8Array>): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length <= BODY_LOG_LIMIT) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      text += decoder.decode(value, { stream: true });
    }
    return text;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
