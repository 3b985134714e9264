import type { KirimCredentials } from "../generated/client.js";
import type { KirimHooks } from "./hooks.js";
import { isRecord } from "./is-record.js";
import {
  type KirimLogger,
  type KirimLogLevel,
  LOG_LEVELS,
  logLevelFromEnvironment,
  logLevelRank,
  safeLogger,
} from "./logger.js";

export const DEFAULT_BASE_URL = "https://api.kirimdev.com/v1";
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;
/** setTimeout fires at once for anything larger, so a longer timeout would silently become 1 ms. */
const MAX_TIMEOUT_MS = 2_147_483_647;

export type KirimFetch = (request: Request) => Promise<Response>;

/**
 * Headers to send: a `Headers`, an object of names to values, or `[name, value]` pairs (an array, a `Map`). Our own
 * type rather than the DOM lib's `HeadersInit`, which a project with Node's types only does not have.
 */
export type KirimHeadersInit = Headers | Record<string, string> | Iterable<readonly [string, string]>;

/** The client's options besides its credentials. */
export interface KirimBaseOptions {
  /** Default `https://api.kirimdev.com/v1`. */
  baseUrl?: string;
  /** Per attempt, in milliseconds. Default 60 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number;
  /** The whole call, every attempt and pause between them, in milliseconds. Default: no limit. */
  totalTimeoutMs?: number;
  /** Default: the global `fetch`. */
  fetch?: KirimFetch;
  /** Extra headers sent with every request. */
  headers?: KirimHeadersInit;
}

/** The base options and one option per security scheme of the spec, holding its credential. */
export type KirimClientOptions = KirimBaseOptions & KirimObserveOptions & KirimCredentials;

export interface RequestOptions {
  /** Aborting it rejects the call with the signal's reason (an `AbortError`); never retried. */
  signal?: AbortSignal;
  timeoutMs?: number;
  maxRetries?: number;
  totalTimeoutMs?: number;
  headers?: KirimHeadersInit;
}

interface ResolvedClientOptions {
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  totalTimeoutMs: number | undefined;
  fetch: KirimFetch;
  /** By lower-case name, read once rather than iterated as a Headers on every call. */
  headers: Record<string, string>;
}

export interface ResolvedRequestOptions {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  maxRetries: number;
  totalTimeoutMs: number | undefined;
  headers: Headers | undefined;
}

export function resolveClientOptions(options: unknown): ResolvedClientOptions {
  const where = "createKirimClient";
  if (!isRecord(options)) throw new TypeError(`${where}: options must be an object such as { apiKey }`);
  const { baseUrl = DEFAULT_BASE_URL, fetch } = options;
  if (fetch !== undefined && typeof fetch !== "function") {
    throw new TypeError(`${where}: options.fetch must be a function`);
  }
  const resolvedBaseUrl = resolveBaseUrl(baseUrl, where);
  const limits = { timeoutMs: DEFAULT_TIMEOUT_MS, maxRetries: DEFAULT_MAX_RETRIES, totalTimeoutMs: undefined };
  const { timeoutMs, maxRetries, totalTimeoutMs, headers } = resolveShared(options, limits, where);
  return {
    baseUrl: resolvedBaseUrl,
    timeoutMs,
    maxRetries,
    totalTimeoutMs,
    fetch: (fetch as KirimFetch | undefined) ?? ((request) => globalThis.fetch(request)),
    headers: Object.fromEntries(headers ?? []),
  };
}

export function resolveRequestOptions(
  options: unknown = {},
  defaults: ResolvedClientOptions,
  where: string,
): ResolvedRequestOptions {
  if (!isRecord(options)) throw new TypeError(`${where}: options must be an object`);
  const { signal } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`${where}: options.signal must be an AbortSignal`);
  }
  return { signal, ...resolveShared(options, defaults, where) };
}

/** The options a client and a call both take; a call's default to the client's. */
function resolveShared(
  options: Record<string, unknown>,
  defaults: { timeoutMs: number; maxRetries: number; totalTimeoutMs: number | undefined },
  where: string,
): Omit<ResolvedRequestOptions, "signal"> {
  return {
    timeoutMs: resolveTimeoutMs(options.timeoutMs ?? defaults.timeoutMs, where),
    maxRetries: resolveMaxRetries(options.maxRetries ?? defaults.maxRetries, where),
    totalTimeoutMs: resolveTotalTimeoutMs(options.totalTimeoutMs ?? defaults.totalTimeoutMs, where),
    headers: resolveHeaders(options.headers, where),
  };
}

function resolveBaseUrl(value: unknown, where: string): string {
  const invalid = (why: string) => new TypeError(`${where}: options.baseUrl ${why}`);
  if (typeof value !== "string") throw invalid('must be a string such as "https://api.kirimdev.com/v1"');
  if (!URL.canParse(value)) throw invalid(`is not an absolute URL: ${JSON.stringify(value.slice(0, 200))}`);
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid("must use http: or https:");
  if (url.username || url.password) throw invalid("must not contain credentials");
  if (url.search || url.hash) throw invalid("must not contain a query or fragment");
  return url.href.replace(/\/+$/, "");
}

// Each message names its option after `where` only when it throws: a call that passes options builds no text.
function resolveTimeoutMs(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_TIMEOUT_MS) {
    throw new TypeError(
      `${where}: options.timeoutMs must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${describe(value)}`,
    );
  }
  return value as number;
}

function resolveTotalTimeoutMs(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_TIMEOUT_MS) {
    throw new TypeError(
      `${where}: options.totalTimeoutMs must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${describe(value)}`,
    );
  }
  return value as number;
}

function resolveMaxRetries(value: unknown, where: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw new TypeError(`${where}: options.maxRetries must be a whole number ≥ 0, got ${describe(value)}`);
  }
  return value as number;
}

function resolveHeaders(value: unknown, where: string): Headers | undefined {
  if (value === undefined) return undefined;
  const name = `${where}: options.headers`;
  if (typeof value !== "object" || value === null)
    throw new TypeError(`${name} must be a Headers, an object or [name, value] pairs`);
  try {
    return new Headers(value as HeadersInit);
  } catch {
    // The underlying message quotes the value, which may be a secret: keep it out.
    throw new TypeError(`${name} holds a header name or value that HTTP does not allow`);
  }
}

function describe(value: unknown): string {
  return typeof value === "number" ? String(value) : typeof value;
}

// Hooks and logs: their own group of options (src/observe.ts acts on them).

/** `onRequest`, `onResponse`, `onError`, and the log's level and destination. */
export interface KirimObserveOptions extends KirimHooks {
  /** Default: the `KIRIM_LOG` environment variable, else `"off"`. */
  logLevel?: KirimLogLevel;
  /** Default: `console`. */
  logger?: KirimLogger;
}

export interface ResolvedObserveOptions {
  hooks: KirimHooks;
  /** 0 (off) to 4 (debug): see LOG_LEVELS. */
  logRank: number;
  logger: KirimLogger;
}

const HOOK_NAMES = ["onRequest", "onResponse", "onError"] as const;
const LOGGER_METHODS = ["debug", "info", "warn", "error"] as const;

export function resolveObserveOptions(options: Record<string, unknown>): ResolvedObserveOptions {
  const where = "createKirimClient";
  const hooks: KirimHooks = {};
  for (const name of HOOK_NAMES) {
    const hook = options[name];
    if (hook === undefined) continue;
    if (typeof hook !== "function") throw new TypeError(`${where}: options.${name} must be a function`);
    Object.assign(hooks, { [name]: hook });
  }
  const { logger = console, logLevel } = options;
  if (!isRecord(logger) || !LOGGER_METHODS.every((method) => typeof logger[method] === "function")) {
    throw new TypeError(`${where}: options.logger must be an object with debug, info, warn and error functions`);
  }
  const safe = safeLogger(logger as unknown as KirimLogger);
  const levels = LOG_LEVELS.join(", ");
  if (logLevel !== undefined) {
    const logRank = logLevelRank(logLevel);
    if (logRank === undefined) throw new TypeError(`${where}: options.logLevel must be one of ${levels}`);
    return { hooks, logRank, logger: safe };
  }
  const fromEnvironment = logLevelFromEnvironment();
  const logRank = fromEnvironment === undefined || fromEnvironment === "" ? 0 : logLevelRank(fromEnvironment);
  // A typo in the environment must not stop a deployed service: it is said once, and logging stays off.
  if (logRank === undefined) {
    safe.warn(
      `${where}: KIRIM_LOG=${JSON.stringify(fromEnvironment!.slice(0, 20))} is not one of ${levels}; logs stay off`,
    );
  }
  return { hooks, logRank: logRank ?? 0, logger: safe };
}
