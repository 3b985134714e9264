// The breaking-change gate (`npm run diff:spec`): breaking edits fail and are named, additive edits pass, an intended
// break passes only with a visible --allow-breaking reason. Every case runs in a throwaway git repo.
import { access, writeFile } from "node:fs/promises";
import { describe, expect, onTestFinished, test } from "vitest";
import { type ProjectCopy, copyProject, projectRoot, runCommand, runScript } from "../support/project-copy.ts";

const spec = {
  path: "openapi/paths/customers_{id}.yaml",
  update: "openapi/components/schemas/CustomerUpdate.yaml",
  customer: "openapi/components/schemas/Customer.yaml",
  status: "openapi/components/schemas/CustomerStatus.yaml",
};

/** A git repo holding a copy of the spec, committed on `branch`. */
async function repo(branch = "main"): Promise<ProjectCopy & { git(...args: string[]): Promise<string> }> {
  const copy = await copyProject(["openapi", "redocly.yaml", "redocly", "package.json"]);
  onTestFinished(() => copy.remove());
  await writeFile(copy.file(".gitignore"), "node_modules\n");
  const git = async (...args: string[]) => {
    const result = await runCommand("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], copy.dir);
    if (result.code !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  };
  await git("init", "--quiet", `--initial-branch=${branch}`);
  await git("add", "--all");
  await git("commit", "--quiet", "--message", "spec as published");
  return Object.assign(copy, { git });
}

// CI=true as on a CI runner, where Optic would otherwise drop ci-run-details.json into the project root.
const diffSpec = (copy: ProjectCopy, ...args: string[]) =>
  runScript("diff-spec.ts", args, copy.dir, { CI: "true" }).then((result) => ({ ...result, output: result.stdout + result.stderr }));


async function removeResponse402(copy: ProjectCopy) {
  await copy.edit(spec.path, "    '402':\n      $ref: ../components/responses/EntitlementRequired.yaml\n", "");
}

async function addOptionalFields(copy: ProjectCopy) {
  // A new optional request field and a new response field: both additive.
  await copy.edit(spec.update, "  status:\n", "  nickname:\n    type: string\n    description: A short name.\n  status:\n");
  await copy.edit(spec.customer, "  team_id:\n", "  nickname:\n    type:\n      - string\n      - 'null'\n    description: A short name.\n  team_id:\n");
}

describe("npm run diff:spec", () => {
  test("a breaking edit fails and names every break", async () => {
    const copy = await repo();
    await removeResponse402(copy); // removed response (and its fields)
    await copy.edit(spec.path, "    '200':\n", "    '201':\n"); // changed status code
    await copy.edit(spec.update, "minProperties: 1\n", "minProperties: 1\nrequired:\n  - name\n"); // request field made required
    await copy.edit(spec.update, /  email:\n    type:\n      - string\n      - "null"\n/, "  email:\n    type: string\n"); // narrowed type
    await copy.edit(spec.status, "minLength: 1\n", "minLength: 1\nenum:\n  - pending\n  - active\n"); // narrowed to an enum
    await copy.edit(spec.customer, "  - team_id\n", ""); // response field made optional…
    await copy.edit(spec.customer, /  team_id:\n(    .*\n)+?  created_at:\n/, "  created_at:\n"); // …and removed

    const result = await diffSpec(copy);
    expect(result.code, result.output).toBe(1);
    for (const rule of [
      "prevent response status code removal",
      "prevent removing response property",
      "prevent changing request property to required",
      "prevent request property type changes",
      "request and response property enums",
    ]) {
      expect(result.output).toContain(`[${rule}]`);
    }
    expect(result.output).toContain("must not remove response status code 402");
    expect(result.output).toContain("must not remove response status code 200");
    expect(result.output).toContain("cannot remove response property 'team_id'");
    expect(result.stderr).toMatch(/✖ \d+ breaking changes against merge base with main/);
    expect(result.stderr).toContain('--allow-breaking "<reason>"');
    expect(result.output).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace, no dangling temp-file locations
  });

  test("removing a request field fails (optic.yml's own rule: unknown fields are rejected with 422)", async () => {
    const copy = await repo();
    await copy.edit(spec.update, "  status:\n    $ref: ./CustomerStatus.yaml\n", "");
    const result = await diffSpec(copy);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain("[prevent request property removal] cannot remove request property 'status'");
  });

  test("an additive edit (new optional request field, new response field) passes", async () => {
    const copy = await repo();
    await addOptionalFields(copy);
    const result = await diffSpec(copy);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("property /schema/properties/nickname: added");
    expect(result.output).toContain("property /schema/properties/data/properties/nickname: added");
    expect(result.output).toContain("✔ No breaking changes against merge base with main");
  });

  test("a committed break on a branch is compared with the merge base with main, not with HEAD", async () => {
    const copy = await repo();
    await copy.git("switch", "--quiet", "--create", "feature");
    await removeResponse402(copy);
    await copy.git("commit", "--quiet", "--all", "--message", "drop 402");
    const result = await diffSpec(copy);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain("must not remove response status code 402");

    const againstHead = await diffSpec(copy, "--base", "HEAD");
    expect(againstHead.code, againstHead.output).toBe(0);
  });

  test("an intended break passes only with --allow-breaking and a reason, printed in a banner", async () => {
    const copy = await repo();
    await removeResponse402(copy);

    const noReason = await diffSpec(copy, "--allow-breaking", "");
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain("--allow-breaking needs a reason");

    const allowed = await diffSpec(copy, "--allow-breaking", "v2 drops the billing gate; announced in #42");
    expect(allowed.code, allowed.output).toBe(0);
    expect(allowed.stdout).toContain("BREAKING CHANGES ALLOWED BY OVERRIDE");
    expect(allowed.stdout).toContain("Reason: v2 drops the billing gate; announced in #42");
    expect(allowed.stdout).toContain("must not remove response status code 402");
  });

  test("without a main branch it says so and falls back to HEAD; an unknown --base is an error", async () => {
    const copy = await repo("trunk");
    await removeResponse402(copy);
    const fallback = await diffSpec(copy);
    expect(fallback.code, fallback.output).toBe(1);
    expect(fallback.stdout).toContain("No merge base with main");
    expect(fallback.stdout).toContain("Falling back to HEAD");
    expect(fallback.output).toContain("must not remove response status code 402");

    const unknown = await diffSpec(copy, "--base", "no-such-ref");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("--base no-such-ref is not a commit");
  });
});

test("leaves no Optic report behind in the project, even on a CI runner", async () => {
  const copy = await repo();
  await removeResponse402(copy);
  expect((await diffSpec(copy)).code).toBe(1);
  await expect(access(`${projectRoot}/ci-run-details.json`)).rejects.toThrow(/ENOENT/);
  await expect(access(copy.file("ci-run-details.json"))).rejects.toThrow(/ENOENT/);
});
