// The client-surface check in process (the corpus judges its verdicts): what a finding says, where it points and the
// fix it gives; a tree that generates no client is reported as not compared, not as a crash; the client package's
// bump is the larger of the wire's and the surface's; the changelog lists what changed for callers per method.
import { describe, expect, test } from "vitest";
import { specRootIn } from "../../scripts/lib/gate/base-ref.ts";
import { renderChangelog } from "../../scripts/lib/gate/changelog.ts";
import { compareSdkSurfaces, type SdkComparison } from "../../scripts/lib/gate/compare-sdk.ts";
import type { Comparison } from "../../scripts/lib/gate/compare-specs.ts";
import { clientBump, requiredBump, sdkBump } from "../../scripts/lib/gate/version-bump.ts";
import type { ProjectCopy } from "../helpers/project-copy.ts";
import { specCopiesForThisFile } from "./spec-copies.ts";

const paths = "openapi/paths/customers_{id}.yaml";
const spec = specCopiesForThisFile();

const compare = (base: ProjectCopy, head: ProjectCopy) =>
  compareSdkSurfaces(
    { rootFile: specRootIn(base.dir), label: "base" },
    { rootFile: specRootIn(head.dir), label: "working copy" },
  );

/** The line of `text` in a file of the copy (1-based), for expected locations. */
async function lineOf(copy: ProjectCopy, file: string, text: string): Promise<number> {
  const lines = (await copy.read(file)).split("\n");
  const index = lines.findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${text} is not in ${file}`);
  return index + 1;
}

describe("client-surface findings", () => {
  test("a renamed operationId names both methods, the operationId's line and the x-kirim-method fix", async () => {
    const base = await spec();
    const head = await spec((copy) => copy.edit(paths, "operationId: updateCustomer", "operationId: patchCustomer"));
    const { breaking, changes } = await compare(base, head);
    expect(breaking).toEqual([
      {
        engine: "sdk",
        rule: "method-renamed",
        message:
          "kirim.customers.update(…) is now kirim.customers.patch(…) (operationId updateCustomer → patchCustomer); callers of the old name stop compiling",
        operation: "PATCH /customers/{id}",
        location: `openapi/paths/customers_{id}.yaml:${await lineOf(head, paths, "operationId:")}`,
        fix: "keep the old name with `x-kirim-method: customers.update` on the operation, or ship the rename in a new major version of the client",
      },
    ]);
    expect(changes, "the new name is the rename, not a new method").toEqual([]);
  });

  test("a narrowed body names the field and the compiler's reason; a widened one passes", async () => {
    const base = await spec();
    const narrowed = await spec((copy) =>
      copy.edit(
        "openapi/components/schemas/CustomerUpdate.yaml",
        "  name:\n    type: string\n",
        "  name:\n    type: integer\n",
      ),
    );
    const [finding, ...rest] = (await compare(base, narrowed)).breaking;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: "method-arguments-narrowed", operation: "PATCH /customers/{id}" });
    expect(finding!.message).toContain("kirim.customers.update(…) no longer accepts the arguments it did");
    expect(finding!.message).toContain("Types of property 'name' are incompatible");

    const widened = await spec((copy) =>
      copy.edit(
        "openapi/components/schemas/CustomerUpdate.yaml",
        "  name:\n    type: string\n",
        '  name:\n    type:\n      - string\n      - "null"\n',
      ),
    );
    expect((await compare(base, widened)).breaking).toEqual([]);
  });

  test("a schema file renamed is a renamed type, located at the new file; a new error code is additive", async () => {
    const base = await spec();
    const head = await spec(async (copy) => {
      await copy.write(
        "openapi/components/schemas/Client.yaml",
        await copy.read("openapi/components/schemas/Customer.yaml"),
      );
      await copy.edit("openapi/components/schemas/CustomerEnvelope.yaml", "./Customer.yaml", "./Client.yaml");
      await copy.edit(
        "openapi/components/responses/ValidationFailed.yaml",
        "  invalid_phone_number:",
        "  metadata_too_large: The metadata object is too large.\n  invalid_phone_number:",
      );
    });
    const comparison = await compare(base, head);
    expect(comparison.breaking.map(({ rule, message, location }) => ({ rule, message, location }))).toEqual([
      {
        rule: "type-renamed",
        message: "the exported type Customer is now Client; code importing Customer stops compiling",
        location: "openapi/components/schemas/Client.yaml:1",
      },
    ]);
    expect(
      comparison.changes.map((change) => change.text),
      "the new name is the rename, not a new type",
    ).toEqual(['KnownErrorCode gains "metadata_too_large"']);
  });

  test("a working copy that generates no client is reported as not compared, with the reason", async () => {
    const base = await spec();
    const head = await spec((copy) => copy.edit(paths, "  tags:\n    - Customers\n", ""));
    const comparison = await compare(base, head);
    expect(comparison.breaking).toEqual([]);
    expect(comparison.skipped).toMatch(/\(working copy\) cannot be generated:[\s\S]*the operation has no tag/);
  });
});

describe("the client package's bump and the changelog", () => {
  const wire = (kind: "breaking" | "additive" | "docs" | "none"): Comparison => ({
    breaking:
      kind === "breaking"
        ? [
            {
              engine: "oasdiff",
              rule: "r",
              message: "the 'name' request property became required",
              operation: "PATCH /customers/{id}",
              location: "openapi/x.yaml:1",
              fix: "f",
            },
          ]
        : [],
    excepted: [],
    changes:
      kind === "additive" || kind === "docs" ? [{ kind, operation: "PATCH /customers/{id}", text: "a change" }] : [],
  });
  const renamed: SdkComparison = {
    breaking: [
      {
        engine: "sdk",
        rule: "method-renamed",
        message: "kirim.customers.update(…) is now kirim.customers.patch(…)",
        operation: "PATCH /customers/{id}",
        location: "openapi/x.yaml:1",
        fix: "f",
      },
    ],
    changes: [{ kind: "additive", operation: "(client types)", text: "new exported type Client" }],
    methods: new Map([["PATCH /customers/{id}", { base: "customers.update", head: "customers.patch" }]]),
  };
  const unchanged: SdkComparison = { breaking: [], changes: [], methods: new Map() };

  test.each([
    ["wire additive, client renamed", wire("additive"), renamed, "minor", "major"],
    ["wire breaking, client unchanged", wire("breaking"), unchanged, "major", "major"],
    ["docs only, client unchanged", wire("docs"), unchanged, "none", "none"],
    [
      "nothing on the wire, a new exported type",
      wire("none"),
      { ...unchanged, changes: renamed.changes },
      "none",
      "minor",
    ],
  ] as const)("%s", (_label, wireComparison, sdk, api, client) => {
    expect(requiredBump(wireComparison)).toBe(api);
    expect(clientBump(wireComparison, sdk)).toBe(client);
    expect(sdkBump(unchanged)).toBe("none");
  });

  test("the changelog's client section lists each method as callers write it, then the types", () => {
    const text = renderChangelog(
      { wire: wire("breaking"), sdk: renamed },
      { from: "main", to: "working copy", specVersions: ["1.1.0", "2.0.0"], clientVersions: ["0.2.0", "1.0.0"] },
    );
    expect(text).toContain(
      [
        "### For callers of @kirim/client (0.2.0 → 1.0.0)",
        "",
        "- `kirim.customers.patch(…)` **breaks callers**: kirim.customers.update(…) is now kirim.customers.patch(…)",
        "- `kirim.customers.patch(…)` **breaking on the wire**: the 'name' request property became required",
        "- types: new exported type Client",
      ].join("\n"),
    );
  });
});
