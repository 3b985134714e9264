// The promise a method returns is typed with its data: awaited, `.withResponse()` and `.asResponse()`.
import { expectTypeOf, test } from "vitest";
import { type CustomerEnvelope, createKirimClient, type KirimPromise, type WithResponse } from "../../src/index.ts";

const kirim = createKirimClient({ apiKey: "sk_test" });

test("a method returns a KirimPromise of its data", () => {
  const call = kirim.customers.update("cus_1", { name: "Ada" });
  expectTypeOf(call).toEqualTypeOf<KirimPromise<CustomerEnvelope>>();
  expectTypeOf(call).resolves.toEqualTypeOf<CustomerEnvelope>();
  expectTypeOf(call.withResponse()).resolves.toEqualTypeOf<WithResponse<CustomerEnvelope>>();
  expectTypeOf(call.asResponse()).resolves.toEqualTypeOf<Response>();
});

test("withResponse's fields", () => {
  expectTypeOf<WithResponse<CustomerEnvelope>["data"]>().toEqualTypeOf<CustomerEnvelope>();
  expectTypeOf<WithResponse<CustomerEnvelope>["response"]>().toEqualTypeOf<Response>();
  expectTypeOf<WithResponse<CustomerEnvelope>["requestId"]>().toEqualTypeOf<string | undefined>();
  const withData = (result: WithResponse<CustomerEnvelope>) => {
    // @ts-expect-error the data is typed: no such field
    return result.data.nope;
  };
  void withData;
});
