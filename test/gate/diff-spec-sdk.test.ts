// `npm run diff:spec` on a change that breaks the client's callers with the wire unchanged (a renamed operationId), in
// a throwaway git repo: the client-surface finding is printed like the engines' (rule, file:line, fix), and the two
// versions are judged apart: info.version by the wire (a minor bump), the client package by its callers (a major one).

import { symlink } from "node:fs/promises";
import path from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { commitCopy, copyProject } from "../helpers/project-copy.ts";
import { runScriptInProcess } from "../helpers/run.ts";

test("a renamed operationId needs --allow-breaking and a major bump of the client package, a minor one of the API", async () => {
  const copy = await copyProject(["openapi", "package.json", "client"]);
  onTestFinished(() => copy.remove());
  await symlink(path.join(projectRoot, "scripts"), copy.file("scripts"), "dir");
  await copy.edit("openapi/openapi.yaml", /^ {2}version: \d+\.\d+\.\d+$/m, "  version: 1.0.0");
  await copy.edit("client/package.json", /"version": "\d+\.\d+\.\d+"/, '"version": "0.1.0"');
  await commitCopy(copy, "main", ["scripts"]);

  await copy.edit("openapi/paths/customers_{id}.yaml", "operationId: updateCustomer", "operationId: patchCustomer");
  await copy.edit("openapi/openapi.yaml", "  version: 1.0.0\n", "  version: 1.1.0\n");
  await copy.edit("client/package.json", '"version": "0.1.0"', '"version": "0.2.0"');
  const line =
    (await copy.read("openapi/paths/customers_{id}.yaml")).split("\n").indexOf("  operationId: patchCustomer") + 1;
  const reason = ["--allow-breaking", "v1 of the client: update is now patch, announced in #7"];

  const minorOnly = await runScriptInProcess("diff-spec.ts", reason, copy.dir);
  expect(minorOnly.code, minorOnly.stdout + minorOnly.stderr).toBe(1);
  expect(minorOnly.stdout).toContain(
    `✖ [sdk: method-renamed] PATCH /customers/{id}: kirim.customers.update(…) is now kirim.customers.patch(…) (operationId updateCustomer → patchCustomer); callers of the old name stop compiling — openapi/paths/customers_{id}.yaml:${line} — fix: keep the old name with \`x-kirim-method: customers.update\` on the operation`,
  );
  expect(minorOnly.stdout).toContain("Client surface: 1 breaking, 0 additive changes for callers of @kirim/client.");
  expect(minorOnly.stderr).toContain(
    "✖ Version discipline: info.version needs at least a minor bump (the wire), the client package a major bump (its callers' code).",
  );
  expect(minorOnly.stderr).toContain(
    '"version" in client/package.json (the client package) is 0.2.0; a major bump from 0.1.0 is needed (e.g. 1.0.0)',
  );
  expect(minorOnly.stderr).not.toContain("info.version (openapi/openapi.yaml) is");

  await copy.edit("client/package.json", '"version": "0.2.0"', '"version": "1.0.0"');
  const bumped = await runScriptInProcess("diff-spec.ts", [...reason, "--changelog"], copy.dir);
  expect(bumped.code, bumped.stdout + bumped.stderr).toBe(0);
  expect(bumped.stdout).toContain(
    "✔ Versions: API minor bump, client major bump as the change needs (API 1.0.0 → 1.1.0, client 0.1.0 → 1.0.0).",
  );
  expect(bumped.stdout).toMatch(
    /### For callers of @kirim\/client \(0\.1\.0 → 1\.0\.0\)\n\n- `kirim\.customers\.patch\(…\)` \*\*breaks callers\*\*: kirim\.customers\.update\(…\) is now kirim\.customers\.patch\(…\)/,
  );
});
