import { KirimError } from "./errors.js";
import type { SecretRedactor } from "./redact.js";

/** Which call and which of its requests a hook is called for. */
export interface KirimAttemptInfo {
  /** The method's name, `customers.update`. */
  readonly operation: string;
  /** 1 for the first request of the call, 2 for its first retry… */
  readonly attempt: number;
}

export interface KirimRequestEvent extends KirimAttemptInfo {
  /** The request about to be sent, credentials included. */
  readonly request: Request;
}

export interface KirimResponseEvent extends KirimAttemptInfo {
  readonly request: Request;
  /** Any status; its body is the client's to read: use `response.clone()` to read it too. */
  readonly response: Response;
  /** From just before the request was built to the response's headers. */
  readonly durationMs: number;
}

export interface KirimErrorEvent extends KirimAttemptInfo {
  /** What the attempt failed with, credentials redacted: a KirimApiError, KirimConnectionError, KirimTimeoutError… */
  readonly error: unknown;
  /** The request, when the attempt got as far as building one. */
  readonly request: Request | undefined;
}

/** Called on every attempt, retries included; awaited. A hook that throws rejects the call with a {@link KirimHookError}. */
export interface KirimHooks {
  /** Return a Request to send it instead (e.g. `new Request(request, { headers })`); return nothing to send it as is. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook without a return statement returns void, which is allowed.
  onRequest?: (event: KirimRequestEvent) => Request | undefined | void | Promise<Request | undefined | void>;
  /** Observes each response, whatever its status; what it returns is ignored. */
  onResponse?: (event: KirimResponseEvent) => unknown;
  /** Observes each failed attempt (the API's error, a failed connection, a timeout); what it returns is ignored. */
  onError?: (event: KirimErrorEvent) => unknown;
}

export type KirimHookName = keyof KirimHooks;

/** A hook of the client's options threw (or returned what it may not): the call is not retried. */
export class KirimHookError extends KirimError {
  readonly hook: KirimHookName;
  readonly operation: string;
  readonly attempt: number;

  constructor(hook: KirimHookName, info: KirimAttemptInfo, problem: string, options?: ErrorOptions) {
    super(`${info.operation}: options.${hook} ${problem}`, options);
    // Set as text, so that it survives minification.
    this.name = "KirimHookError";
    this.hook = hook;
    this.operation = info.operation;
    this.attempt = info.attempt;
  }
}

/**
 * Calls one hook; what it throws becomes a {@link KirimHookError} whose message and cause hold none of the attempt's
 * credentials (a hook sees the request, so an error it builds may quote one).
 */
export async function runHook<T>(
  hook: KirimHookName,
  info: KirimAttemptInfo,
  redact: SecretRedactor,
  run: () => T | Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (thrown) {
    const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : describeThrown(thrown);
    throw new KirimHookError(hook, info, `threw ${redact.text(message)}`, { cause: redact.cause(thrown) });
  }
}

/** A string as it is, anything else as JSON where it can be (an object's fields say more than "[object Object]"). */
function describeThrown(thrown: unknown): string {
  if (typeof thrown === "string") return thrown;
  try {
    return JSON.stringify(thrown) ?? String(thrown);
  } catch {
    return String(thrown);
  }
}
