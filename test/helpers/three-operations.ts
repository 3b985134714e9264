// The three operations Kirim does not document (test/contract/meta/three-operations/: GET /customers/{id}, GET
// /customers with a query and a list envelope, POST /customers/{id}/archive without a body), added to a copy of the
// spec the way the README's "Adding an operation" says: to prove on copies that any operation works.
import { cp, readFile } from "node:fs/promises";
import path from "node:path";
import type { ProjectCopy } from "./project-copy.ts";

export const threeOperationsFixtures = path.resolve(import.meta.dirname, "../contract/meta/three-operations");
export const threeOperationsMethods = ["customers.retrieve", "customers.list", "customers.archive"];

export async function addThreeOperations(copy: ProjectCopy): Promise<void> {
  const fixture = (relative: string) => path.join(threeOperationsFixtures, relative);
  for (const file of [
    "paths/customers.yaml",
    "paths/customers_{id}_archive.yaml",
    "components/schemas/CustomerList.yaml",
  ])
    await cp(fixture(file), copy.file(`openapi/${file}`));
  const retrieve = await readFile(fixture("paths/customers_{id}.get.yaml"), "utf8");
  await copy.edit("openapi/paths/customers_{id}.yaml", /^patch:/m, `${retrieve}patch:`);
  await copy.edit(
    "openapi/openapi.yaml",
    "paths:\n",
    "paths:\n  /customers:\n    $ref: paths/customers.yaml\n  /customers/{id}/archive:\n    $ref: paths/customers_{id}_archive.yaml\n",
  );
}
