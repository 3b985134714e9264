// The types of the call-level additions: totalTimeoutMs on client and call, `attempts` and the timeout's `limit`, and
// options that may be left out (KIRIM_API_KEY, KIRIM_BASE_URL).
import { expectTypeOf, test } from "vitest";
import {
  createKirimClient,
  type KirimClientOptions,
  type KirimError,
  type KirimTimeoutError,
  type RequestOptions,
} from "../../src/index.ts";

test("totalTimeoutMs is a number option of the client and of a call", () => {
  expectTypeOf<KirimClientOptions["totalTimeoutMs"]>().toEqualTypeOf<number | undefined>();
  expectTypeOf<RequestOptions["totalTimeoutMs"]>().toEqualTypeOf<number | undefined>();
  const kirim = createKirimClient({ apiKey: "sk_test", totalTimeoutMs: 30_000 });
  void kirim.customers.update("cus_1", { name: "Ada" }, { totalTimeoutMs: 5_000 });
  // @ts-expect-error a number of milliseconds, not a string
  createKirimClient({ apiKey: "sk_test", totalTimeoutMs: "30s" });
});

test("errors say how many attempts, and a timeout which limit", () => {
  expectTypeOf<KirimError["attempts"]>().toEqualTypeOf<number | undefined>();
  expectTypeOf<KirimTimeoutError["limit"]>().toEqualTypeOf<"timeoutMs" | "totalTimeoutMs">();
});

test("createKirimClient takes no options at all (the environment's are read)", () => {
  expectTypeOf(createKirimClient).parameters.toEqualTypeOf<[options?: KirimClientOptions]>();
  void createKirimClient().customers.update("cus_1", { name: "Ada" });
});
