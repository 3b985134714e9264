// What the generated request and response types accept and reject. Checked by tsc (vitest typecheck and `npm run typecheck`).
import { expectTypeOf, test } from "vitest";
import type { components, operations } from "../../generated/kirim-api.ts";

type CustomerUpdate = components["schemas"]["CustomerUpdate"];
type UpdateBody = NonNullable<operations["updateCustomer"]["requestBody"]>["content"]["application/json"];
type Updated = operations["updateCustomer"]["responses"][200]["content"]["application/json"];

test("the request body accepts what the API accepts", () => {
  expectTypeOf<UpdateBody>().toEqualTypeOf<CustomerUpdate>();
  expectTypeOf({ email: null }).toExtend<CustomerUpdate>();
  expectTypeOf({ metadata: { plan: "pro" } }).toExtend<CustomerUpdate>();
  expectTypeOf({ metadata: { plan: "pro", seats: 3, nested: { ok: [true] } } }).toExtend<CustomerUpdate>();
  expectTypeOf({ metadata: null, name: "Ada", status: "active" }).toExtend<CustomerUpdate>();
});

test("the request body rejects the seed's mistakes and typos", () => {
  // @ts-expect-error metadata is an object or null, never a string (the seed's code samples sent "example")
  const metadataAsString: CustomerUpdate = { metadata: "example" };
  // @ts-expect-error unknown fields are rejected, so a typo of email fails to compile
  const typo: CustomerUpdate = { emial: "x" };
  // @ts-expect-error name cannot be cleared
  const nullName: CustomerUpdate = { name: null };
  void [metadataAsString, typo, nullName];
});

test("the 200 body has every documented field", () => {
  expectTypeOf<Updated["request_id"]>().toEqualTypeOf<string>();
  expectTypeOf<Updated["data"]["object"]>().toEqualTypeOf<"customer">();
  expectTypeOf<Updated["data"]["email"]>().toEqualTypeOf<string | null>();
  expectTypeOf<Updated["data"]["archived_at"]>().toEqualTypeOf<string | null>();
  expectTypeOf<Updated["data"]["metadata"]>().toEqualTypeOf<{ [key: string]: unknown } | null>();
  expectTypeOf<Updated["data"]>().toHaveProperty("team_id");
  expectTypeOf<Updated["data"]>().toHaveProperty("created_at");
  expectTypeOf<Updated["data"]>().toHaveProperty("updated_at");
});
