import type { Middleware } from "openapi-fetch";
import { requestIdOf } from "./api-promise.js";
import { KirimApiError } from "./errors.js";
import type { RuntimeFeatures } from "./features.js";
import { describeThrown, type KirimAttemptInfo, KirimHookError, type KirimHookName, runHook } from "./hooks.js";
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

// A log line is written when `logRank` (the level's place in LOG_LEVELS) reaches its level's: error 1, warn 2, info 3,
// debug 4. Numbers rather than named constants, which a bundler keeps as variables.
const BODY_LOG_LIMIT = 4_000;
/** The media types a body log shows as text: JSON (`+json` too), `text/*`, XML, a urlencoded form. */
const TEXTUAL = /^text\/|json$|xml$|urlencoded$/;

export function createObserver(
  options: ResolvedObserveOptions,
  schemes: SecuritySchemeTable,
  runtime: Runtime,
  slots?: RuntimeFeatures["apiKeyIn"],
): Observer | undefined {
  const { hooks, logRank, logger } = options;
  // At warn and error, without hooks, a failed attempt says all the log needs: no middleware.
  const wantsRequest = logRank >= 3 || Boolean(hooks.onRequest || hooks.onResponse || hooks.onError);
  if (logRank === 0 && !wantsRequest) return undefined;
  const forLog = logRedaction(schemes, slots);
  return {
    attempt(operation, method, url, attempt, secrets) {
      const info: KirimAttemptInfo = { operation, attempt };
      const redact = secretRedactor(secrets);
      const started = runtime.now();
      const prefix = `[kirim] ${operation} ${method} ${redact.text(url.split("?")[0]!)}`;
      let request: Request | undefined;
      let response: Response | undefined;
      // A hook called with the attempt's info besides `event`; what it throws becomes a KirimHookError.
      const hook = (name: KirimHookName, event: object) =>
        runHook(name, info, redact, () => (hooks[name] as (event: object) => unknown)({ ...info, ...event }));
      // The line that ends an attempt: its status (or what failed), time and request id.
      const ended = (status: number | string | undefined, requestId: string | undefined) =>
        `${prefix} → ${status} in ${runtime.now() - started} ms (attempt ${attempt}${requestId ? `, request ${requestId}` : ""})`;
      const debug = async (what: string, message: Request | Response) =>
        logger.debug(
          `${prefix} attempt ${attempt} ${what} headers ${forLog.headers(message.headers, redact)}${await bodyForLog(message, redact)}`,
        );

      const middleware: Middleware = {
        async onRequest(event) {
          request = event.request;
          if (hooks.onRequest) {
            const returned = await hook("onRequest", { request: event.request });
            if (returned !== undefined && !(returned instanceof Request)) {
              throw new KirimHookError("onRequest", info, "must return a Request or nothing");
            }
            // A request built anew loses the attempt's signal (its timeout and the caller's): it is given it back.
            if (returned) request = new Request(returned, { signal: event.request.signal });
          }
          if (logRank >= 4) await debug(`request ${forLog.url(request.url, redact)}`, request);
          return request;
        },
        async onResponse(event) {
          response = event.response;
          if (logRank >= 4) await debug(`response ${response.status}`, response);
          if (hooks.onResponse) await hook("onResponse", { request, response, durationMs: runtime.now() - started });
          return undefined;
        },
      };

      return {
        middleware: wantsRequest ? [middleware] : undefined,
        async outcome(result) {
          try {
            const body = await result;
            if (logRank >= 3) {
              // At info every attempt has the middleware, which saw the response this body came in.
              const { headers, status } = response!;
              logger.info(ended(status, requestIdOf(body, headers)));
            }
            return body;
          } catch (error) {
            if (error instanceof KirimHookError) {
              if (logRank >= 1) logger.error(`${prefix} (attempt ${attempt}): ${error.message}`);
              throw error;
            }
            if (logRank >= 2) {
              const apiError = error instanceof KirimApiError ? error : undefined;
              const requestId = apiError ? apiError.requestId : requestIdOf(undefined, response?.headers);
              logger.warn(
                `${ended(apiError?.status ?? response?.status ?? "no response", requestId)}: ${redact.text(describeThrown(error))}`,
              );
            }
            if (hooks.onError) await hook("onError", { error, request });
            throw error;
          }
        },
        retrying(delayMs) {
          if (logRank >= 2) logger.warn(`[kirim] ${operation}: retrying in ${delayMs} ms (attempt ${attempt + 1})`);
        },
      };
    },
  };
}

/**
 * ` body <text>` for a textual body (JSON, text, XML, a form), redacted and cut; any other is only named. The text is
 * read up to a little past the limit, then no more: a long or endless stream (a download the caller reads as it comes)
 * is not waited for. The clone's reader is cancelled, which leaves the original's branch intact.
 */
async function bodyForLog(message: Request | Response, redact: SecretRedactor): Promise<string> {
  if (message.body === null) return "";
  const type = mediaType(message.headers.get("content-type"));
  if (!TEXTUAL.test(type)) return ` body (${type || "untyped"}, not shown)`;
  const decoder = new TextDecoder();
  let text = "";
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  try {
    reader = message.clone().body!.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
      if (text.length > BODY_LOG_LIMIT) return ` body ${redact.text(text.slice(0, BODY_LOG_LIMIT))}…`;
    }
  } catch {
    return " body (unreadable)";
  } finally {
    reader?.cancel().catch(() => undefined);
  }
  return ` body ${redact.text(text + decoder.decode())}`;
}
