// The contract suite's files that check the spec's operations, as vitest filters: the child runs that must fail on a
// spec edit run only these (or, per edit, the ones that name it), not the suite's tests of its own machinery (the
// schema arbitrary, sharding, the CI jobs, the mock's restart), which no spec edit reaches; a second of CPU less per
// run. A renamed file fails here, at import, not as a child run that quietly checks less.
import { existsSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../../scripts/lib/cli/run-tools.ts";

const operationCheckNames = ["operations", "negative", "headers", "error-codes", "code-samples"] as const;
export type CheckFile = (typeof operationCheckNames)[number] | "pagination" | "mock-limitations";

export function checkFile(name: CheckFile): string {
  const file = `test/contract/${name}.test.ts`;
  if (!existsSync(path.join(projectRoot, file)))
    throw new Error(`${file} is gone: update test/contract/meta/operation-checks.ts`);
  return file;
}

export const operationChecks = operationCheckNames.map(checkFile);

/** Every file of the suite that reads the served spec's operations: what a child run that must pass on a spec, a server
 * or a restart runs. The machinery's tests are the same on any spec, and the contract project itself runs them. */
export const specChecks = [...operationChecks, checkFile("pagination"), checkFile("mock-limitations")];
