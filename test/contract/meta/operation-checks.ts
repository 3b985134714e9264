// The contract suite's files that check the spec's operations, as vitest filters: the child runs that must fail on a
// spec edit run only these, not the suite's tests of its own machinery (the schema arbitrary, sharding, the CI jobs,
// the mock's restart), which no spec edit reaches; a second of CPU less per run. A filter that matches no file fails
// the run without the names the meta tests expect, so a renamed file is noticed.
export const operationChecks = ["operations", "negative", "headers", "error-codes", "code-samples"].map(
  (name) => `test/contract/${name}.test.ts`,
);

/** Every file of the suite that reads the served spec's operations: what a child run that must pass on a spec, a server
 * or a restart runs. The machinery's tests are the same on any spec, and the contract project itself runs them. */
export const specChecks = [
  ...operationChecks,
  "test/contract/pagination.test.ts",
  "test/contract/mock-limitations.test.ts",
];
