// The promise every method returns: awaited, the data as before; `.withResponse()` adds the HTTP response beside it,
// `.asResponse()` gives the response with its body unread. It is the call's own native promise with two methods added,
// so that `await` keeps its fast path and a plain call allocates no wrapper.
import type { PromiseKind } from "../generated/client.js";
import { isRecord } from "./is-record.js";

/** What `.withResponse()` resolves to. */
export interface WithResponse<T> {
  data: T;
  /** The 2xx response the data was read from (its body already read). */
  response: Response;
  /** The body's `request_id`, else the `x-request-id` header. */
  requestId: string | undefined;
}

/** A method's result: awaited, the documented 2xx body. */
export interface KirimPromise<T> extends Promise<T> {
  /** The data, the response it came in, and the request id. */
  withResponse(): Promise<WithResponse<T>>;
  /**
   * The 2xx response with its body unread, for streaming a download. Call it before the response arrives (in the same
   * turn as the method): once the call has read the body, it rejects with a `TypeError`. Errors reject as they would.
   */
  asResponse(): Promise<Response>;
}

/** Hands generated/client.ts's `KirimResources` the promise type its methods return. */
export interface KirimPromiseKind extends PromiseKind {
  readonly promise: KirimPromise<this["data"]>;
}

/** Shared by one call and its promise. */
export interface ResponseSlot {
  /** Set by `.asResponse()`: a 2xx response is returned with its body unread. */
  raw: boolean;
  /** Set when the call starts reading a 2xx body: too late for `.asResponse()`. */
  read: boolean;
  response: Response | undefined;
}

const slotKey = Symbol("kirim.responseSlot");

type Decorated = KirimPromise<unknown> & { [slotKey]: ResponseSlot };

export function newResponseSlot(): ResponseSlot {
  return { raw: false, read: false, response: undefined };
}

/** The call's promise with `.withResponse()` and `.asResponse()`; shared functions, no closure per call. */
export function withResponseAccess<T>(promise: Promise<T>, slot: ResponseSlot): KirimPromise<T> {
  const decorated = promise as unknown as Decorated;
  decorated[slotKey] = slot;
  decorated.withResponse = withResponse;
  decorated.asResponse = asResponse;
  return decorated as unknown as KirimPromise<T>;
}

function withResponse(this: Decorated): Promise<WithResponse<unknown>> {
  const slot = this[slotKey];
  return this.then((data) => {
    const response = slot.response!;
    return { data, response, requestId: requestIdOf(data, response) };
  });
}

function asResponse(this: Decorated): Promise<Response> {
  const slot = this[slotKey];
  if (slot.read) {
    // Handled here, so that the data promise the caller let go of rejects no one.
    this.catch(() => {});
    return Promise.reject(
      new TypeError("asResponse() must be called before the response arrives: call it on the method's result at once"),
    );
  }
  slot.raw = true;
  return this.then(() => slot.response!);
}

function requestIdOf(data: unknown, response: Response): string | undefined {
  const fromBody = isRecord(data) ? data.request_id : undefined;
  return typeof fromBody === "string" ? fromBody : (response.headers.get("x-request-id") ?? undefined);
}
