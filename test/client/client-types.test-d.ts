// The client's public types come from generated/ and keep its guarantees: what the spec refuses does not compile.
import { expectTypeOf, test } from "vitest";
import type { components } from "../../generated/kirim-api.ts";
import {
  createKirimClient,
  type KirimApiError,
  type KirimClient,
  type RateLimitError,
  type ValidationError,
} from "../../src/index.ts";

type Update = KirimClient["customers"]["update"];

test("customers.update takes the generated request body and resolves to the generated 200 body", () => {
  expectTypeOf<Parameters<Update>[0]>().toEqualTypeOf<string>();
  expectTypeOf<Parameters<Update>[1]>().toEqualTypeOf<components["schemas"]["CustomerUpdate"]>();
  expectTypeOf<Awaited<ReturnType<Update>>>().toEqualTypeOf<components["schemas"]["CustomerEnvelope"]>();
  expectTypeOf<Awaited<ReturnType<Update>>["data"]>().toEqualTypeOf<components["schemas"]["Customer"]>();
});

test("the README example compiles; the seed's mistakes do not", () => {
  const kirim = createKirimClient({ apiKey: "sk_test" });
  void kirim.customers.update("cus_1", { email: "hello@example.com", metadata: { plan: "pro" } });
  // @ts-expect-error metadata is an object or null, never a string
  void kirim.customers.update("cus_1", { metadata: "example" });
  // @ts-expect-error unknown fields do not compile
  void kirim.customers.update("cus_1", { emial: "x" });
  createKirimClient({ apiKey: async () => "sk_test_rotated" });
  // @ts-expect-error apiKey is a string or a function returning one
  createKirimClient({ apiKey: 42 });
});

test("error fields are typed", () => {
  expectTypeOf<ValidationError["status"]>().toEqualTypeOf<422>();
  expectTypeOf<RateLimitError["status"]>().toEqualTypeOf<429>();
  expectTypeOf<KirimApiError["status"]>().toEqualTypeOf<number>();
  expectTypeOf<ValidationError["param"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<RateLimitError["retryAfterMs"]>().toEqualTypeOf<number | undefined>();
  expectTypeOf<ValidationError["headers"]>().toEqualTypeOf<Headers>();
});
