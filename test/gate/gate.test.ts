// The gate in process (judgeSpecs, the API the real-history corpus calls): what a finding says and where it points,
// excepted findings, the bumps, a spec that cannot be read (one line naming the file), and redocly diff's two ways
// of running (in process and the CLI) agreeing, pinned to one version.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { specRootIn } from "../../scripts/lib/gate/base-ref.ts";
import { judgeSpecs, judgeSpecTexts } from "../../scripts/lib/gate/compare.ts";
import {
  diffConfig,
  expectedRedoclyVersion,
  redoclyVersion,
  runRedoclyDiff,
  versionProblem,
} from "../../scripts/lib/gate/redocly-diff.ts";
import { bundleSpecTree, bundleText } from "../../scripts/lib/spec/redocly-project.ts";
import type { ProjectCopy } from "../helpers/project-copy.ts";
import { specCopiesForThisFile } from "./spec-copies.ts";

const spec = specCopiesForThisFile();

const judge = (base: ProjectCopy, head: ProjectCopy) => judgeSpecs(specRootIn(base.dir), specRootIn(head.dir));
const lines = (findings: Array<{ engine: string; rule: string; message: string; location: string }>) =>
  findings.map((finding) => `${finding.engine}: ${finding.rule} — ${finding.message} — ${finding.location}`);

const base = spec();

describe("judgeSpecs", () => {
  test("a removed request field is breaking, located in the base's file (unknown fields are a 422)", async () => {
    const head = await spec((copy) =>
      copy.edit("openapi/components/schemas/CustomerUpdate.yaml", "  status:\n    $ref: ./CustomerStatus.yaml\n", ""),
    );
    const verdict = await judge(await base, head);
    expect(lines(verdict.wire.breaking)).toContainEqual(
      expect.stringMatching(
        /^redocly: property-removed — Property 'status' was removed — openapi\/components\/schemas\/CustomerUpdate\.yaml:\d+ \(base\)$/,
      ),
    );
    expect(verdict.bumps).toEqual({ api: "major", client: "major" });
  });

  test("a removed documented error code is our rule's finding, at the code's line in the base", async () => {
    const head = await spec((copy) =>
      copy.edit("openapi/components/responses/ValidationFailed.yaml", /\n {2}invalid_phone_number: .*/, ""),
    );
    const verdict = await judge(await base, head);
    expect(lines(verdict.wire.breaking)).toEqual([
      "kirim: documented-error-code-removed — documented error code 'invalid_phone_number' of status 422 was removed: callers branch on error.code — openapi/components/responses/ValidationFailed.yaml:14 (base)",
    ]);
    expect(verdict.wire.breaking[0]!.fix).toMatch(/^keep the code documented/);
  });

  test("a documentation-only edit needs no bump and is listed as documentation", async () => {
    const head = await spec((copy) =>
      copy.edit(
        "openapi/paths/customers_{id}.yaml",
        "  summary: Update a customer\n",
        "  summary: Update one customer\n",
      ),
    );
    const verdict = await judge(await base, head);
    expect(verdict.bumps).toEqual({ api: "none", client: "none" });
    expect(verdict.wire.changes).toEqual([
      { kind: "docs", operation: "PATCH /customers/{id}", text: "summary changed" },
    ]);
  });

  test("an excepted finding carries its reason, does not block, and is additive (a minor bump)", async () => {
    const head = await spec((copy) =>
      copy.edit("openapi/components/schemas/CustomerUpdate.yaml", "    format: email\n", ""),
    );
    const verdict = await judge(await base, head);
    expect(verdict.wire.breaking).toEqual([]);
    expect(verdict.wire.excepted.map((finding) => `${finding.engine}: ${finding.rule}: ${finding.excepted}`)).toEqual([
      "oasdiff: request-property-type-changed: oasdiff reads a removed request `format` as a type change; removing a format widens what is accepted",
    ]);
    expect(verdict.bumps.api).toBe("minor");
  });

  test.each([
    ["the revision", "head"],
    ["the base", "base"],
  ] as const)(
    "an invalid spec at %s (security as a map) is one line naming the file, not a crash",
    async (_label, side) => {
      const broken = await spec((copy) =>
        copy.edit("openapi/openapi.yaml", "security:\n  - bearerAuth: []\n", "security:\n  bearerAuth: []\n"),
      );
      const good = await base;
      const verdict = side === "head" ? judge(good, broken) : judge(broken, good);
      await expect(verdict).rejects.toThrow(
        new RegExp(
          `^oasdiff cannot read openapi/openapi\\.yaml \\(${side === "head" ? "revision" : "base"}\\): .*security.*$`,
        ),
      );
    },
  );
});

test("judgeSpecTexts judges two single-file specs given as text", async () => {
  const baseText = bundleText(await bundleSpecTree(specRootIn((await base).dir)));
  const verdict = await judgeSpecTexts(baseText, baseText.replace("  /customers/{id}:\n", "  /clients/{id}:\n"));
  expect(lines(verdict.wire.breaking)).toContainEqual(expect.stringMatching(/^redocly: path-removed — /));
  expect(verdict.bumps).toEqual({ api: "major", client: "major" });
});

describe("redocly diff", () => {
  test(`is @redocly/cli ${expectedRedoclyVersion}, the version its in-process entry points were read from`, async () => {
    expect(await redoclyVersion()).toBe(expectedRedoclyVersion);
    expect(versionProblem(expectedRedoclyVersion)).toBeUndefined();
  });

  test("a config that leaves every diff rule off (no extends: [diff-recommended]) is refused, ours is not", async () => {
    await expect(diffConfig("extends: []\n", "broken.yaml")).rejects.toThrow(
      "broken.yaml turns every redocly diff rule off (it needs extends: [diff-recommended]): the gate would pass every change.",
    );
    const ours = path.join(projectRoot, "scripts/lib/gate/redocly-diff.yaml");
    await expect(diffConfig(await readFile(ours, "utf8"), ours)).resolves.toBeDefined();
  });

  test("another version of @redocly/cli is refused with a message naming both versions", () => {
    expect(versionProblem("2.78.0")).toBe(
      `redocly diff is experimental and the gate is tied to @redocly/cli ${expectedRedoclyVersion}, but node_modules has 2.78.0: install ${expectedRedoclyVersion} (npm ci), or review scripts/lib/gate/redocly-diff.ts and policy.ts for 2.78.0.`,
    );
  });

  test("in process and through the CLI, it reports the same changes", async () => {
    const head = await spec(async (copy) => {
      await copy.edit("openapi/components/schemas/Customer.yaml", "  - team_id\n", "");
      await copy.edit("openapi/openapi.yaml", "https://api.kirimdev.com/v1", "https://api.kirim.dev/v1");
    });
    const [baseRoot, headRoot] = [specRootIn((await base).dir), specRootIn(head.dir)];
    const inProcess = await runRedoclyDiff(baseRoot, headRoot);
    expect(inProcess.flatMap((change) => change.verdicts.map((verdict) => verdict.ruleId)).sort()).toEqual([
      "required-properties-removed",
      "server-removed",
    ]);
    expect(await runRedoclyDiff(baseRoot, headRoot, "cli")).toEqual(inProcess);
  });
});
