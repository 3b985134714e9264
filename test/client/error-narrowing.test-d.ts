// `error instanceof KirimApiError` narrows to the union of the error classes, and `switch (error.status)` narrows that
// to the class of each status, as client/README.md's Errors section says.
import { expectTypeOf, test } from "vitest";
import {
  type AnyKirimApiError,
  type AuthenticationError,
  createApiError,
  type EntitlementError,
  InternalServerError,
  KirimApiError,
  KirimError,
  NotFoundError,
  RateLimitError,
  type ValidationError,
} from "../../src/index.ts";

declare const caught: unknown;

test("instanceof KirimApiError gives the union, and each case of a switch on status one class", () => {
  if (!(caught instanceof KirimApiError)) return;
  expectTypeOf(caught).toEqualTypeOf<AnyKirimApiError>();
  switch (caught.status) {
    case 429:
      expectTypeOf(caught).toEqualTypeOf<RateLimitError>();
      expectTypeOf(caught.retryAfterMs).toEqualTypeOf<number | undefined>();
      break;
    case 422:
      expectTypeOf(caught).toEqualTypeOf<ValidationError>();
      // @ts-expect-error only a RateLimitError has retryAfterMs
      void caught.retryAfterMs;
      break;
    case 401:
      expectTypeOf(caught).toEqualTypeOf<AuthenticationError>();
      break;
    case 404:
      expectTypeOf(caught).toEqualTypeOf<NotFoundError>();
      break;
    case 503:
      expectTypeOf(caught).toEqualTypeOf<InternalServerError>();
      break;
    case 409:
      // The plain KirimApiError of the statuses no subclass has.
      expectTypeOf(caught).toEqualTypeOf<
        Exclude<
          AnyKirimApiError,
          | ValidationError
          | AuthenticationError
          | EntitlementError
          | NotFoundError
          | RateLimitError
          | InternalServerError
        >
      >();
      break;
    default:
      expectTypeOf(caught.status).toExtend<number>();
  }
});

test("comparing status with one no response has (600), or a NotFoundError's with 429, does not compile", () => {
  if (!(caught instanceof KirimApiError)) return;
  // @ts-expect-error fetch gives no status above 599
  if (caught.status === 600) return;
  if (caught.status === 409) expectTypeOf(caught.status).toEqualTypeOf<409>();
  if (caught instanceof NotFoundError) {
    // @ts-expect-error a NotFoundError's status is 404
    if (caught.status === 429) return;
  }
});

test("instanceof a subclass still gives that subclass, and KirimError the base", () => {
  if (caught instanceof RateLimitError) expectTypeOf(caught).toEqualTypeOf<RateLimitError>();
  if (caught instanceof InternalServerError) {
    expectTypeOf(caught).toEqualTypeOf<InternalServerError>();
    expectTypeOf<500>().toExtend<InternalServerError["status"]>();
    expectTypeOf<599>().toExtend<InternalServerError["status"]>();
    expectTypeOf<499>().not.toExtend<InternalServerError["status"]>();
  }
  if (caught instanceof KirimError) expectTypeOf(caught).toEqualTypeOf<KirimError>();
  class TeapotError extends KirimApiError<418> {
    readonly teapot = true;
  }
  if (caught instanceof TeapotError) expectTypeOf(caught).toEqualTypeOf<TeapotError>();
});

test("createApiError returns the union, so its result narrows the same way", () => {
  const error = createApiError(429, undefined, new Headers());
  expectTypeOf(error).toEqualTypeOf<AnyKirimApiError>();
  if (error.status === 429) expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
});
