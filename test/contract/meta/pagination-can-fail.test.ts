// The contract suite's pagination check (test/contract/pagination.test.ts) must be able to fail: served a copy of
// the every-shape fixture whose cursor-paginated list's example says `has_more: true`, Prism answers every page
// alike, and the check fails naming the operation and the example to fix; the next-link list, unchanged, passes.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { projectRoot } from "../../../scripts/lib/cli/run-tools.ts";
import { runScript } from "../../helpers/run.ts";
import { childSuiteVitestArgs, tail } from "../lib/child-run.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kirim-pagination-can-fail-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test("an example that never ends the list fails the check, naming the operation and the fix", async () => {
  const fixture = await readFile(path.join(projectRoot, "test/fixtures/every-shape/openapi.yaml"), "utf8");
  const endless = fixture.replace("                has_more: false\n", "                has_more: true\n");
  expect(endless).not.toBe(fixture);
  const spec = path.join(dir, "endless.yaml");
  await writeFile(spec, endless);
  const run = await runScript(
    "contract-provider.ts",
    ["--spec", spec, "--", ...childSuiteVitestArgs, "test/contract/pagination.test.ts"],
    projectRoot,
    // Its client is the fixture's committed one: the edit is to an example, which the generated client does not hold.
    { CI: "1", KIRIM_CONTRACT_CLIENT: "test/fixtures/every-shape/generated" },
    90_000,
  );
  expect(run.code, tail(run)).not.toBe(0);
  expect(run.output, tail(run)).toMatch(/Tests\s+1 failed \| 1 passed/);
  expect(run.output, tail(run)).toContain(
    'GET /customers: Prism answers every page with the documented example, whose next page points back to the same one (customers.list: page 2 points to "cus_2" again',
  );
});
