// An error's `code` is typed as the codes the spec documents, and still takes any string a newer server sends.
import { expectTypeOf, test } from "vitest";
import type { ErrorCode, KirimApiError, KnownErrorCode, ValidationError } from "../../src/index.ts";

test("the documented codes are known to the type: editors complete them, typos against them are caught", () => {
  expectTypeOf<"invalid_email">().toExtend<KnownErrorCode>();
  expectTypeOf<"feature_not_entitled">().toExtend<KnownErrorCode>();
  expectTypeOf<"invalid_phone_number">().toExtend<KnownErrorCode>();
  expectTypeOf<"invalid_emial">().not.toExtend<KnownErrorCode>();
  expectTypeOf<KirimApiError["code"]>().toEqualTypeOf<ErrorCode | undefined>();
  expectTypeOf<ValidationError["code"]>().toEqualTypeOf<ErrorCode | undefined>();
});

test("a code the spec does not document yet still fits, so a newer server cannot break compilation", () => {
  expectTypeOf<"a_code_from_next_year">().toExtend<ErrorCode>();
  expectTypeOf<string>().toExtend<ErrorCode>();
  // The union does not collapse to plain `string`: the known codes stay visible to editors.
  expectTypeOf<ErrorCode>().not.toEqualTypeOf<string>();
});

test("branching on a known code compiles", () => {
  const branch = (error: KirimApiError): string => {
    switch (error.code) {
      case "invalid_email":
      case "feature_not_entitled":
        return error.code;
      default:
        return error.code ?? "none";
    }
  };
  expectTypeOf(branch).returns.toEqualTypeOf<string>();
});
