import type { Middleware } from "openapi-fetch";
import { KirimApiError } from "./errors.js";
import { type KirimAttemptInfo, KirimHookError, runHook } from "./hooks.js";
import { isRecord } from "./is-record.js";
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

const WARN = 2;
const INFO = 3;
const DEBUG = 4;
const BODY_LOG_LIMIT = 4_000;
const REDACTED = "[redacted]";

/** Where credentials travel besides the configured values: whole header values, cookies and query parameters. */
interface SensitiveNames {
  headers: ReadonlySet<string>;
  cookies: ReadonlySet<string>;
  query: ReadonlySet<string>;
}

export function createObserver(
  options: ResolvedObserveOptions,
  schemes: SecuritySchemeTable,
  runtime: Runtime,
): Observer | undefined {
  const { hooks, logRank, logger } = options;
  if (logRank === 0 && !hooks.onRequest && !hooks.onResponse && !hooks.onError) return undefined;
  const sensitive = sensitiveNames(schemes);
  // At warn and error, without hooks, a failed attempt says all the log needs: no middleware.
  const wantsRequest =
    logRank >= INFO || hooks.onRequest !== undefined || hooks.onResponse !== undefined || hooks.onError !== undefined;
  // Most attempts share the client's own secrets: their redactor is built once.
  let lastSecrets: readonly string[] | undefined;
  let lastRedactor: SecretRedactor | undefined;
  const redactorFor = (secrets: readonly string[]) => {
    if (secrets !== lastSecrets) {
      lastSecrets = secrets;
      lastRedactor = secretRedactor(secrets);
    }
    return lastRedactor!;
  };

  return {
    attempt(operation, method, url, attempt, secrets) {
      const info: KirimAttemptInfo = { operation, attempt };
      const redact = redactorFor(secrets);
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
            if (returned && returned !== event.request)
              request = new Request(returned, { signal: event.request.signal });
          }
          if (logRank >= DEBUG) {
            logger.debug(
              `${prefix} attempt ${attempt} request ${redactUrl(request.url, redact, sensitive)} headers ${redactHeaders(request.headers, redact, sensitive)}${await bodyForLog(request, redact)}`,
            );
          }
          return request;
        },
        async onResponse(event) {
          status = event.response.status;
          headerRequestId = event.response.headers.get("x-request-id") ?? undefined;
          if (logRank >= DEBUG) {
            logger.debug(
              `${prefix} attempt ${attempt} response ${status} headers ${redactHeaders(event.response.headers, redact, sensitive)}${await bodyForLog(event.response, redact)}`,
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
              logger.info(`${prefix} → ${status ?? "done"} ${details(runtime.now() - started, attempt, requestId)}`);
            }
            return body;
          } catch (error) {
            const duration = runtime.now() - started;
            if (error instanceof KirimHookError) {
              logger.error(`${prefix} (attempt ${attempt}): ${error.message}`);
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

function sensitiveNames(schemes: SecuritySchemeTable): SensitiveNames {
  const headers = new Set(["authorization", "proxy-authorization"]);
  const cookies = new Set<string>();
  const query = new Set<string>();
  for (const scheme of Object.values(schemes)) {
    if (scheme.type !== "apiKey") continue;
    if (scheme.in === "header") headers.add(scheme.name.toLowerCase());
    else (scheme.in === "cookie" ? cookies : query).add(scheme.name);
  }
  return { headers, cookies, query };
}

/** Headers as JSON: a credential header's whole value hidden (the caller's own too), credential cookies by name. */
function redactHeaders(headers: Headers, redact: SecretRedactor, sensitive: SensitiveNames): string {
  const shown: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (sensitive.headers.has(name)) shown[name] = REDACTED;
    else if (name === "cookie" || name === "set-cookie") shown[name] = redact.text(redactCookies(value, sensitive));
    else shown[name] = redact.text(value);
  });
  return JSON.stringify(shown);
}

function redactCookies(value: string, sensitive: SensitiveNames): string {
  return value.replace(/(^|;\s*)([^=;\s]+)=([^;]*)/g, (pair, separator: string, name: string) =>
    sensitive.cookies.has(name) ? `${separator}${name}=${REDACTED}` : pair,
  );
}

/** The URL with every credential query parameter hidden, the caller's own too. */
function redactUrl(url: string, redact: SecretRedactor, sensitive: SensitiveNames): string {
  const queryAt = url.indexOf("?");
  if (queryAt === -1 || sensitive.query.size === 0) return redact.text(url);
  const pairs = url
    .slice(queryAt + 1)
    .split("&")
    .map((pair) => {
      const name = pair.split("=")[0]!;
      return sensitive.query.has(safeDecode(name)) ? `${name}=${REDACTED}` : pair;
    });
  return redact.text(`${url.slice(0, queryAt)}?${pairs.join("&")}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return text;
  }
}

/** ` body <text>` for a textual body (JSON, text, XML, a form), redacted and cut; a file or stream is only named. */
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
    text = await message.clone().text();
  } catch {
    return " body (unreadable)";
  }
  const cut = text.length > BODY_LOG_LIMIT ? `${text.slice(0, BODY_LOG_LIMIT)}…` : text;
  return ` body ${redact.text(cut)}`;
}
