// The mock under fire: thousands of generated requests (lib/mock-fuzz.ts), hostile keys and values included, against a
// real mock on a free loopback port. No answer may be a 5xx, every invalid request gets a 4xx in the API's Error format
// naming a field, and Prism is the same process at the end (no crash, no restart). Count- and time-bounded; the seed
// is printed, and KIRIM_FUZZ_SEED replays a run. The same check is shown failing on two broken mocks.
import { afterAll, beforeAll, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { type PrismServer, startPrism } from "../../scripts/lib/mock/prism-launcher.ts";
import { listenOnLoopback } from "../helpers/loopback.ts";
import { fuzzMock } from "./lib/mock-fuzz.ts";

const maxRequests = 5_000;
const maxMs = 7_000;

let prism: PrismServer;
const launcherLines: string[] = [];

beforeAll(async () => {
  prism = await startPrism({ spec: `${projectRoot}/generated/openapi.yaml`, log: (line) => launcherLines.push(line) });
});
afterAll(() => prism?.stop());

test(`up to ${maxRequests} hostile requests in ${maxMs / 1000} s: no 5xx, every invalid one named, Prism never falls`, async () => {
  const pid = prism.pid;
  const seed = Number(process.env.KIRIM_FUZZ_SEED) || Date.now() % 2 ** 31;
  const outcome = await fuzzMock(prism.url, { maxRequests, maxMs, seed });
  console.log(`mock fuzz: ${outcome.sent} requests in ${(outcome.ms / 1000).toFixed(1)} s (seed ${seed})`);
  expect(outcome.failures, `seed ${seed}`).toEqual([]);
  expect(outcome.sent).toBeGreaterThanOrEqual(200); // a floor that holds on a loaded machine; an idle one sends thousands
  expect({ pid: prism.pid, restarts: prism.restarts, launcherLines }).toEqual({ pid, restarts: 0, launcherLines: [] });
}, 30_000);

function topLevelKeys(body: string): string[] {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === "object" ? Object.keys(value) : [];
  } catch {
    return [];
  }
}

/** A mock in front of the real one that answers `broken(status, body)` instead, from the request's raw body. */
async function brokenMock(broken: (body: string, status: number, text: string) => { status: number; text: string }) {
  return listenOnLoopback(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const answer = await fetch(`${prism.url}${request.url}`, {
      method: request.method ?? "GET",
      headers: { authorization: "Bearer sk_test_fuzz", "content-type": "application/json" },
      body,
    });
    const { status, text } = broken(body, answer.status, await answer.text());
    response.writeHead(status, { "content-type": "application/json" }).end(text);
  });
}

test("the check fails on a mock that falls to a key above U+00FF, as Prism did, and then answers 503", async () => {
  let fallen = false;
  const falling = await brokenMock((body, status, text) => {
    // The key as Prism would write it into its header: JSON.stringify leaves DEL and everything above U+00FF raw.
    fallen ||= /[\u007f\u0100-\uffff]/.test(JSON.stringify(topLevelKeys(body)));
    return fallen ? { status: 503, text: '{"error":{"code":"mock_unavailable"}}' } : { status, text };
  });
  try {
    const outcome = await fuzzMock(falling.origin, { maxRequests: 400, maxMs: 5_000, seed: 7 });
    expect(outcome.failures.length).toBeGreaterThan(0);
    expect(outcome.failures[0]).toContain("got 503");
  } finally {
    await falling.close();
  }
}, 30_000);

test("the check fails on a mock whose 422 names no field", async () => {
  const vague = await brokenMock((_body, status, text) => {
    if (status !== 422) return { status, text };
    const { error } = JSON.parse(text) as { error: Record<string, unknown> };
    delete error.param;
    return { status, text: JSON.stringify({ error }) };
  });
  try {
    const outcome = await fuzzMock(vague.origin, { maxRequests: 400, maxMs: 5_000, seed: 7 });
    expect(outcome.failures.some((failure) => failure.includes("the 422 names"))).toBe(true);
  } finally {
    await vague.close();
  }
}, 30_000);
