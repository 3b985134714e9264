// Prism's `sl-violations` header as it leaves Prism's process (scripts/lib/mock/violations-header.ts, loaded there by
// prism-preload.ts): the same violations, as ASCII-only JSON no longer than Prism's own limit.
import { describe, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { allowedMethods } from "../../scripts/lib/mock/allowed-methods.ts";
import { safeViolationsHeader, violationsHeaderLimit } from "../../scripts/lib/mock/violations-header.ts";

const unknownKey = (key: string) => ({
  location: ["request", "body"],
  severity: "Error",
  code: "additionalProperties",
  message: `Request body must NOT have additional properties; found '${key}'`,
});

/** What Prism 5.16 sets: JSON.stringify, cut with "Too many violations! " above its limit. */
function prismHeader(violations: unknown[]): string {
  const value = JSON.stringify(violations);
  return value.length > violationsHeaderLimit
    ? `Too many violations! ${value.substring(0, violationsHeaderLimit)}`
    : value;
}

describe("the sl-violations header", () => {
  test.each(["\u007f", "é", "😀", "\uffff", "\ud800", "a'b\"c\\"])(
    "a key holding %j goes out as printable ASCII and reads back the same",
    (key) => {
      const violations = [unknownKey(key)];
      const header = safeViolationsHeader(prismHeader(violations));
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      expect(JSON.parse(header)).toEqual(violations);
    },
  );

  test("violations that no longer fit once escaped keep the first, shortened, with the key's end still quoted", () => {
    const key = "é".repeat(3_000);
    const header = safeViolationsHeader(prismHeader([unknownKey(key), unknownKey("other")]));
    expect(header.length).toBeLessThanOrEqual(violationsHeaderLimit);
    const [first, ...rest] = JSON.parse(header) as { message: string }[];
    expect(rest).toEqual([]);
    expect(first!.message).toMatch(/found 'é+…é+'$/);
  });

  test("Prism's own cut is recovered: the violations it holds whole, else the first with its message cut", () => {
    const long = "k".repeat(9_000);
    const whole = JSON.parse(safeViolationsHeader(prismHeader([unknownKey("short"), unknownKey(long)])));
    expect(whole).toEqual([unknownKey("short")]);
    const [first] = JSON.parse(safeViolationsHeader(prismHeader([unknownKey(long)]))) as { message: string }[];
    expect(first!.message).toMatch(/found 'k+…'$/);
  });

  test("text that is not JSON is escaped and cut as text", () => {
    expect(safeViolationsHeader(`not json \u007f ${"x".repeat(9_000)}`)).toMatch(/^not json \\u007f x+$/);
  });
});

describe("the methods of a 405's Allow header", () => {
  const spec = `${projectRoot}/generated/openapi.yaml`;

  test("a path template matches any one segment; the query does not count", () => {
    expect(allowedMethods(spec, "/customers/cus_1?expand=x")).toEqual(["PATCH"]);
  });

  test("a path the spec does not document, or a spec that cannot be read, gives none", () => {
    expect(allowedMethods(spec, "/customers/cus_1/notes")).toBeUndefined();
    expect(allowedMethods(spec, "/customers/")).toBeUndefined();
    expect(allowedMethods(`${projectRoot}/no-such-spec.yaml`, "/customers/cus_1")).toBeUndefined();
  });
});
