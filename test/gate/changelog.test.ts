// The changelog of a spec with more than one operation (the three operations Kirim does not document, on temp
// copies): an edit of a shared component is listed under every operation that uses it.
import { afterEach, expect, test } from "vitest";
import { specRootIn } from "../../scripts/lib/gate/base-ref.ts";
import { compareSpecTrees } from "../../scripts/lib/gate/compare-specs.ts";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";
import { addThreeOperations } from "../helpers/three-operations.ts";

const copies: ProjectCopy[] = [];
afterEach(() => Promise.all(copies.splice(0).map((copy) => copy.remove())));

async function fourOperations(): Promise<ProjectCopy> {
  const copy = await copyProject(["openapi"]);
  copies.push(copy);
  await addThreeOperations(copy);
  return copy;
}

test("a shared response's description edit is a documentation change of every operation that uses it", async () => {
  const base = await fourOperations();
  const head = await fourOperations();
  await head.edit("openapi/components/responses/AuthenticationFailed.yaml", "Do not retry", "Never retry");
  const comparison = await compareSpecTrees(
    { rootFile: specRootIn(base.dir), label: "base" },
    { rootFile: specRootIn(head.dir), label: "working copy" },
  );
  expect(comparison.breaking).toEqual([]);
  expect(comparison.changes.map((change) => `${change.kind} ${change.operation}: ${change.text}`).sort()).toEqual([
    "docs GET /customers/{id}: response 401 description changed",
    "docs GET /customers: response 401 description changed",
    "docs PATCH /customers/{id}: response 401 description changed",
    "docs POST /customers/{id}/archive: response 401 description changed",
  ]);
});
