// `npm run contract:provider` refuses bad arguments before it starts anything: a usage error naming the argument,
// exit 2, no stack. (The suite itself, against honest and lying servers, is tested in test/contract/meta.)
import { expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { runScript } from "../helpers/run.ts";

test.each([
  [["--upstream", "not a url"], "--upstream not a url is not a URL"],
  [["--upstream", "ftp://127.0.0.1/v1"], "--upstream must be http(s), got ftp:"],
  [["--runs", "lots"], "--runs must be a whole number, got lots"],
  [["--pbt-seed", "1.5"], "--pbt-seed must be a whole number, got 1.5"],
  [["--spec", "no/such/bundle.yaml"], "--spec no/such/bundle.yaml: no such file"],
  [["--nope"], "Unknown option '--nope'"],
])("%j is a usage error", async (args, message) => {
  const result = await runScript("contract-provider.ts", args, projectRoot);
  expect(result.code, result.output).toBe(2);
  expect(result.stderr).toContain(message);
  expect(result.stderr).toContain("usage: npm run contract:provider -- --upstream <url>");
  expect(result.output).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe(""); // nothing started
});
