// The breaking-change gate end to end (`npm run diff:spec`, in throwaway git repos): what it prints, its flags, the
// base it picks, its exit codes. The scripts run in this process (a child would load the spec tooling again for each
// run); one run goes through `npm run` as documented, so the command itself is covered too. Kept to what only the command shows; verdicts are judged in
// process by the corpus (corpus.test.ts) and gate.test.ts.
import { symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { type CommittedCopy, commitCopy, copyProject, type ProjectCopy } from "../helpers/project-copy.ts";
import { runCommand, runScriptInProcess } from "../helpers/run.ts";

const spec = {
  root: "openapi/openapi.yaml",
  path: "openapi/paths/customers_{id}.yaml",
  invalid: "openapi/components/responses/ValidationFailed.yaml",
  update: "openapi/components/schemas/CustomerUpdate.yaml",
  customer: "openapi/components/schemas/Customer.yaml",
  status: "openapi/components/schemas/CustomerStatus.yaml",
};

/** A git repo holding a copy of the spec, committed on `branch`. */
async function repo(branch = "main"): Promise<CommittedCopy> {
  const copy = await copyProject(["openapi", "redocly.yaml", "redocly", "package.json", "client"]);
  onTestFinished(() => copy.remove());
  // scripts/ linked in, so `npm run diff:spec` works in the repo as it does in the project (and the lint plugin finds
  // the naming rules it shares with the generator).
  await symlink(path.join(projectRoot, "scripts"), copy.file("scripts"), "dir");
  // The version checks below quote versions: publish the copy as API 1.0.0, client 0.1.0, whatever the project is at.
  await copy.edit(spec.root, /^ {2}version: \d+\.\d+\.\d+$/m, "  version: 1.0.0");
  await copy.edit("client/package.json", /"version": "\d+\.\d+\.\d+"/, '"version": "0.1.0"');
  return commitCopy(copy, branch, ["scripts"]);
}

// CI=true as on a CI runner.
const diffSpec = (copy: ProjectCopy, ...args: string[]) =>
  runScriptInProcess("diff-spec.ts", args, copy.dir, { CI: "true" }).then((result) => ({
    ...result,
    output: result.stdout + result.stderr,
  }));

/** Bumps info.version and the client package's version (1.0.0 / 0.1.0 in the repo as published). */
async function bump(copy: ProjectCopy, kind: "major" | "minor") {
  await copy.edit(spec.root, "  version: 1.0.0\n", kind === "major" ? "  version: 2.0.0\n" : "  version: 1.1.0\n");
  await copy.edit(
    "client/package.json",
    '"version": "0.1.0"',
    kind === "major" ? '"version": "1.0.0"' : '"version": "0.2.0"',
  );
}

async function removeResponse402(copy: ProjectCopy) {
  await copy.edit(spec.path, "    '402':\n      $ref: ../components/responses/EntitlementRequired.yaml\n", "");
}

async function addOptionalFields(copy: ProjectCopy) {
  // A new optional request field and a new response field: both additive.
  await copy.edit(
    spec.update,
    "  status:\n",
    "  nickname:\n    type: string\n    description: A short name.\n  status:\n",
  );
  await copy.edit(
    spec.customer,
    "  team_id:\n",
    "  nickname:\n    type:\n      - string\n      - 'null'\n    description: A short name.\n  team_id:\n",
  );
}

describe("npm run diff:spec", () => {
  test("a breaking edit fails and names every break, even with both versions bumped major", async () => {
    const copy = await repo();
    await bump(copy, "major"); // a major bump is not an override
    await removeResponse402(copy); // removed response (and its fields)
    await copy.edit(spec.path, "    '200':\n", "    '201':\n"); // changed status code
    await copy.edit(spec.update, "minProperties: 1\n", "minProperties: 1\nrequired:\n  - name\n"); // request field made required
    await copy.edit(spec.update, / {2}email:\n {4}type:\n {6}- string\n {6}- "null"\n/, "  email:\n    type: string\n"); // narrowed type
    await copy.edit(spec.status, "minLength: 1\n", "minLength: 1\nenum:\n  - pending\n  - active\n"); // narrowed to an enum
    await copy.edit(spec.customer, "  - team_id\n", ""); // response field made optional…
    await copy.edit(spec.customer, / {2}team_id:\n( {4}.*\n)+? {2}created_at:\n/, "  created_at:\n"); // …and removed

    const result = await diffSpec(copy);
    expect(result.code, result.output).toBe(1);
    for (const rule of [
      "redocly: response-removed",
      "redocly: required-properties-added",
      "redocly: schema-type-changed",
      "redocly: enum-values-removed",
      "oasdiff: response-non-success-status-removed",
      "oasdiff: response-success-status-removed",
      "oasdiff: request-property-became-required",
    ]) {
      expect(result.output).toContain(`[${rule}]`);
    }
    expect(result.output).toContain("Response '402' was removed");
    expect(result.output).toContain("Response '200' became '201'");
    // One line per finding: engine and rule, operation, what, where in openapi/, and the fix.
    expect(result.stdout).toMatch(
      /^✖ \[oasdiff: request-property-became-required\] PATCH \/customers\/\{id\}: .+ — openapi\/components\/schemas\/CustomerUpdate\.yaml:\d+ — fix: .+$/m,
    );
    expect(result.stdout).toMatch(
      /^✖ \[redocly: response-removed\] .+ — openapi\/paths\/customers_\{id\}\.yaml:\d+ \(merge base with main\) — fix: /m,
    );
    expect(result.stderr).toMatch(/✖ \d+ breaking changes against merge base with main/);
    expect(result.stderr).toContain('--allow-breaking "<reason>"');
    expect(result.stdout).not.toContain("BREAKING CHANGES ALLOWED BY OVERRIDE");
    expect(result.output).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace, no dangling temp-file locations
  });

  test("an additive edit (new optional request field, new response field) fails without a minor bump of both versions", async () => {
    const copy = await repo();
    await addOptionalFields(copy);
    const unbumped = await diffSpec(copy);
    expect(unbumped.code, unbumped.output).toBe(1);
    expect(unbumped.stdout).toContain("✔ No breaking changes against merge base with main");
    expect(unbumped.stderr).toContain("✖ Version discipline: an additive change needs at least a minor bump");
    expect(unbumped.stderr).toContain(
      "info.version (openapi/openapi.yaml) is 1.0.0; a minor bump from 1.0.0 is needed (e.g. 1.1.0)",
    );
    expect(unbumped.stderr).toContain(
      '"version" in client/package.json (the client package) is 0.1.0; a minor bump from 0.1.0 is needed (e.g. 0.2.0)',
    );
  });

  test("a committed break on a branch is compared with the merge base with main, not with HEAD", async () => {
    const copy = await repo();
    await copy.git("switch", "--quiet", "--create", "feature");
    await removeResponse402(copy);
    await copy.git("commit", "--quiet", "--all", "--message", "drop 402");
    const result = await diffSpec(copy);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain("[redocly: response-removed] PATCH /customers/{id}: Response '402' was removed");

    const againstHead = await diffSpec(copy, "--base", "HEAD");
    expect(againstHead.code, againstHead.output).toBe(0);
  });

  test("an intended break passes only with --allow-breaking and a reason, printed in a banner", async () => {
    const copy = await repo();
    await removeResponse402(copy);

    const noReason = await diffSpec(copy, "--allow-breaking", "");
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain("--allow-breaking needs a reason");

    const unbumped = await diffSpec(copy, "--allow-breaking", "v2 drops the billing gate; announced in #42");
    expect(unbumped.code, unbumped.output).toBe(1);
    expect(unbumped.stdout).toContain("BREAKING CHANGES ALLOWED BY OVERRIDE");
    expect(unbumped.stderr).toContain("✖ Version discipline: a breaking change needs a major bump");
    expect(unbumped.stderr).toContain(
      "info.version (openapi/openapi.yaml) is 1.0.0; a major bump from 1.0.0 is needed (e.g. 2.0.0)",
    );

    await bump(copy, "major");

    // docs/breaking-changes.md's flag syntax, as written: npm run diff:spec -- --base main --allow-breaking "…"
    const allowed = await runCommand(
      "npm",
      [
        "run",
        "--silent",
        "diff:spec",
        "--",
        "--base",
        "main",
        "--allow-breaking",
        "v2 drops the billing gate; announced in #42",
      ],
      copy.dir,
      { CI: "true" },
    );
    const allowedOutput = allowed.stdout + allowed.stderr;
    expect(allowed.code, allowedOutput).toBe(0);
    expect(allowed.stdout).toContain(
      "✔ Versions: major bump as the change needs (API 1.0.0 → 2.0.0, client 0.1.0 → 1.0.0)",
    );
    expect(allowed.stdout).toContain("BREAKING CHANGES ALLOWED BY OVERRIDE");
    expect(allowed.stdout).toContain("Reason: v2 drops the billing gate; announced in #42");
    expect(allowed.stdout).toContain("[redocly: response-removed] PATCH /customers/{id}: Response '402' was removed");
  });

  test("--help prints usage; an unknown flag or a broken spec is a clear error, never a stack trace", async () => {
    const copy = await repo();
    const help = await diffSpec(copy, "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      'Usage: npm run diff:spec -- [--base <git ref>] [--allow-breaking "<reason>"] [--changelog]',
    );

    const unknown = await diffSpec(copy, "--", "--allow-breaking", "a reason that is long enough");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Usage: npm run diff:spec");

    await copy.edit(spec.path, "../components/parameters/CustomerId.yaml", "../components/parameters/NoSuchFile.yaml");
    const broken = await diffSpec(copy);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^redocly diff cannot read openapi\/paths\/customers_\{id\}\.yaml \(working copy\): Can't resolve \$ref/m,
    );
    expect(broken.output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  test("without a main branch it says so and falls back to HEAD; an unknown --base is an error", async () => {
    const copy = await repo("trunk");
    await removeResponse402(copy);
    const fallback = await diffSpec(copy);
    expect(fallback.code, fallback.output).toBe(1);
    expect(fallback.stdout).toContain("No merge base with main");
    expect(fallback.stdout).toContain("Falling back to HEAD");
    expect(fallback.output).toContain("[redocly: response-removed] PATCH /customers/{id}: Response '402' was removed");

    const unknown = await diffSpec(copy, "--base", "no-such-ref");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("--base no-such-ref is not a commit");
  });

  test("outside git it says so; with no commits, or a base without openapi/, there is no contract to break", async () => {
    const copy = await copyProject(["openapi", "package.json", "client"]);
    onTestFinished(() => copy.remove());
    const outsideGit = await diffSpec(copy);
    expect(outsideGit.code).toBe(1);
    expect(outsideGit.stderr).toContain("this directory is not in a git repository");

    await runCommand("git", ["init", "--quiet", "--initial-branch=main"], copy.dir);
    const noCommits = await diffSpec(copy);
    expect(noCommits.code, noCommits.output).toBe(0);
    expect(noCommits.stdout).toContain("No commits yet: there is no earlier spec to break");

    const committed = await commitCopy(copy, "main", ["openapi"]);
    const noSpecAtBase = await diffSpec(committed);
    expect(noSpecAtBase.code, noSpecAtBase.output).toBe(0);
    expect(noSpecAtBase.stdout).toContain(
      "merge base with main has no openapi/: there is no published contract to break",
    );
    const changelog = await runScriptInProcess("changelog.ts", [], copy.dir);
    expect(changelog.code, changelog.output).toBe(0);
    expect(changelog.stdout).toContain("merge base with main has no openapi/: everything in the working copy is new");
  });
});

test("npm run changelog prints the API changelog grouped breaking / additive / documentation only, never fails on a break, and explains bad input", async () => {
  const copy = await repo();
  await removeResponse402(copy);
  await addOptionalFields(copy);
  await copy.edit(spec.path, "  summary: Update a customer\n", "  summary: Update one customer\n");
  const result = await runScriptInProcess("changelog.ts", [], copy.dir);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toMatch(/^## API changes: merge base with main → working copy \(API 1\.0\.0\)$/m);
  expect(result.stdout).toMatch(
    /### Breaking\n\n- PATCH \/customers\/\{id\}: removed the non-success response with the status '402'/,
  );
  expect(result.stdout).toMatch(/### Additive\n\n(- .*\n)*- PATCH \/customers\/\{id\}: .*nickname/);
  expect(result.stdout).toMatch(/### Documentation only\n\n- PATCH \/customers\/\{id\}: summary changed/);
  expect((await runScriptInProcess("changelog.ts", ["--help"], copy.dir)).stdout).toContain(
    "Usage: npm run changelog -- [--base <git ref>]",
  );

  const unknown = await runScriptInProcess("changelog.ts", ["--allow-breaking", "a reason"], copy.dir);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("Usage: npm run changelog");

  await copy.edit(spec.path, "../components/parameters/CustomerId.yaml", "../components/parameters/NoSuchFile.yaml");
  const broken = await runScriptInProcess("changelog.ts", [], copy.dir);
  expect(broken.code).toBe(1);
  expect(broken.stderr).toMatch(
    /^redocly diff cannot read openapi\/paths\/customers_\{id\}\.yaml \(working copy\): Can't resolve \$ref/m,
  );
  expect(broken.stdout + broken.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
});
