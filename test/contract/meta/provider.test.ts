// Provider verification, tested: `npm run contract:provider -- --upstream <url>` against two loopback
// servers started here — one that honours the spec (the run passes) and one that lies in two fields of the
// 200 body (the run fails, naming each field: Prism reports every violation of a response, so one run shows both).
// Bad arguments, and a remote upstream nobody confirmed, are refused.
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import type { TestProject } from "vitest/node";
import { loadSpec } from "../../helpers/bundled-spec.ts";
import setup from "../global-setup.ts";
import { expectSuiteToFailNaming, runContractSuite, tail } from "../lib/child-run.ts";
import { clientSpecPath } from "../lib/target.ts";
import { lies, startUpstream, type Upstream } from "../lib/upstreams.ts";
import { operationChecks, specChecks } from "./operation-checks.ts";

const upstreams: Upstream[] = [];

describe("npm run contract:provider against loopback upstreams", () => {
  let honest: Upstream;
  let liar: Upstream;

  beforeAll(async () => {
    const spec = loadSpec(clientSpecPath);
    honest = await startUpstream(spec);
    liar = await startUpstream(spec, (envelope) => lies.badEmail(lies.dropsTeamId(envelope) as typeof envelope));
    upstreams.push(honest, liar);
  });

  afterAll(async () => {
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });

  it.concurrent("passes against a server that honours the spec", { timeout: 120_000 }, async () => {
    const run = await runContractSuite(["--upstream", honest.url, ...specChecks]);
    expect(run.code, tail(run)).toBe(0);
    expect(run.output).toContain("prism proxy");
    expect(run.output, tail(run)).toMatch(/Tests\s+\d+ passed/);
    // The cases really went through the proxy to the server, not to a mock.
    expect(honest.requests).toBeGreaterThan(50);
  });

  it.concurrent('fails against a server that drops team_id and returns email "not-an-email", naming each field', {
    timeout: 120_000,
  }, async () => {
    await expectSuiteToFailNaming(
      ["--upstream", liar.url, ...operationChecks],
      [/required property 'team_id'/, /data\.email must match format "email"/],
    );
  });
});

// Bad arguments to `npm run contract:provider` are refused before anything starts: test/pipeline/contract-provider-usage.test.ts.
// The refusal is the contract project's global setup's, called here in process (a child vitest would cost a start):
// every child run above shows the project runs that setup.
describe("refused before anything is sent", () => {
  it("the suite refuses a non-loopback KIRIM_CONTRACT_UPSTREAM unless KIRIM_CONTRACT_ALLOW_REMOTE=1", async () => {
    vi.stubEnv("KIRIM_CONTRACT_UPSTREAM", "http://192.0.2.1/v1");
    vi.stubEnv("KIRIM_CONTRACT_ALLOW_REMOTE", "");
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const provide = vi.fn();
    await expect(setup({ provide } as unknown as TestProject)).rejects.toThrow(
      "KIRIM_CONTRACT_UPSTREAM http://192.0.2.1/v1 is not a loopback address",
    );
    expect(provide, "a target was handed to the tests").not.toHaveBeenCalled();
  });
});
