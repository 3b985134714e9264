// The drift gate: `npm run check:generated` passes on the committed tree and fails, naming the fix, when generated/ is stale.
import { rm } from "node:fs/promises";
import { expect, onTestFinished, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";
import { runScript, runScriptInProcess } from "../helpers/run.ts";

async function freshCopy() {
  const copy = await copyProject();
  onTestFinished(() => copy.remove());
  return copy;
}

test("generated/ in the working tree is what openapi/ produces", async () => {
  const result = await runScript("check-generated.ts", [], projectRoot);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
});

test("a spec edit without regenerating fails the check; `npm run generate` makes it pass again", async () => {
  const copy = await freshCopy();
  await copy.edit(
    "openapi/components/schemas/Customer.yaml",
    "  team_id:\n",
    "  phone:\n    type: string\n    description: Phone number in E.164 form.\n  team_id:\n",
  );

  const stale = await runScriptInProcess("check-generated.ts", [], copy.dir);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain("generated/kirim-api.ts");
  expect(stale.stderr).toContain("generated/openapi.yaml");
  expect(stale.stderr).toContain("Run `npm run generate`");
  expect(stale.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

  const generate = await runScriptInProcess("generate.ts", [], copy.dir);
  expect(generate.code).toBe(0);
  expect(await copy.read("generated/kirim-api.ts")).toContain("phone?: string;");

  const fresh = await runScriptInProcess("check-generated.ts", [], copy.dir);
  expect(fresh.code).toBe(0);
});

/** Ways generated/ or the spec can be broken in a copy, and what the failing script must name. */
const breakages: {
  name: string;
  breakCopy: (copy: ProjectCopy) => Promise<void>;
  script: string;
  names: string;
  namesNot?: string;
}[] = [
  {
    name: "a hand edit of generated/ fails the check",
    breakCopy: (copy) => copy.edit("generated/kirim-api.ts", "team_id: string;", "team_id: string | number;"),
    script: "check-generated.ts",
    names: "generated/kirim-api.ts",
    namesNot: "generated/openapi.yaml",
  },
  {
    name: "a missing generated file fails the check",
    breakCopy: (copy) => rm(copy.file("generated/openapi.yaml")),
    script: "check-generated.ts",
    names: "generated/openapi.yaml (missing)",
  },
  {
    name: "a file in generated/ that the spec does not produce fails the check, which says to delete it",
    breakCopy: (copy) => copy.write("generated/old-client.ts", "export {};\n"),
    script: "check-generated.ts",
    names: "generated/old-client.ts (not produced by the spec: delete it)",
    namesNot: "generated/kirim-api.ts",
  },
  {
    name: "a spec that does not bundle fails generate with the tool's message, not a stack trace",
    breakCopy: (copy) =>
      copy.edit(
        "openapi/paths/customers_{id}.yaml",
        "../components/responses/NotFound.yaml",
        "../components/responses/Gone.yaml",
      ),
    script: "generate.ts",
    names: "Gone.yaml",
  },
];

test.for(breakages)("$name", async ({ breakCopy, script, names, namesNot }) => {
  const copy = await freshCopy();
  await breakCopy(copy);
  const result = await runScriptInProcess(script, [], copy.dir);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(names);
  if (namesNot) expect(result.stderr).not.toContain(namesNot);
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
});
