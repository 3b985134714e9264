// A mock that heals: when Prism exits on its own, the launcher (scripts/lib/mock/prism-launcher.ts, behind `npm run
// mock`, `npm run dev -- --mock` and the contract suite) says so in one line with how Prism exited, starts it again,
// and the next requests succeed; requests meanwhile get a 503 `mock_unavailable`. Past its limit it gives up, says
// so, and the mock answers 503 for good: what every request got before, with no restart at all.
// Prism is killed by the pid the launcher reports, never by name.
import { afterAll, beforeAll, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { type PrismServer, startPrism } from "../../scripts/lib/mock/prism-launcher.ts";

// One mock for both tests, in order (each Prism start costs seconds): it may restart Prism once within a minute.
let prism: PrismServer;
const lines: string[] = [];
beforeAll(async () => {
  prism = await startPrism({
    spec: `${projectRoot}/generated/openapi.yaml`,
    restartLimit: { crashes: 1, withinMs: 60_000 },
    log: (line) => lines.push(line),
  });
});
afterAll(() => prism?.stop());

const update = () =>
  fetch(`${prism.url}/v1/customers/cus_01HX`, {
    method: "PATCH",
    headers: { authorization: "Bearer sk_test_mock", "content-type": "application/json" },
    body: JSON.stringify({ name: "Ada" }),
    signal: AbortSignal.timeout(5_000),
  });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The statuses of `update` until one is not a 503 or `ms` pass; each 503 must be `mock_unavailable`. */
async function statusesUntilAnswered(ms: number): Promise<number[]> {
  const statuses: number[] = [];
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const response = await update();
    statuses.push(response.status);
    if (response.status !== 503) break;
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("mock_unavailable");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return statuses;
}

test("Prism killed by its pid is restarted, the line says how it exited, and the next request succeeds", async () => {
  const first = prism.pid;
  process.kill(first, "SIGKILL");
  const statuses = await statusesUntilAnswered(20_000);
  expect(statuses.at(-1)).toBe(200);
  expect(statuses.slice(0, -1).every((status) => status === 503)).toBe(true);
  expect(lines).toEqual([
    expect.stringMatching(new RegExp(`^✖ Prism \\(pid ${first}\\) exited on its own \\(SIGKILL\\); restarting it`)),
  ]);
  expect(prism.restarts).toBe(1);
  expect(prism.pid).not.toBe(first);
  expect(alive(first)).toBe(false);
  expect(alive(prism.pid)).toBe(true);
}, 40_000);

test("past its restart limit the launcher gives up, says why, and the mock answers 503 for good", async () => {
  process.kill(prism.pid, "SIGKILL");
  expect(await prism.exited).toMatch(/^Prism exited on its own 2 times within 60 s \(last: SIGKILL\)/);
  expect(lines.at(-1)).toMatch(/not restarted again/);
  const response = await update();
  expect(response.status).toBe(503);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/restart the mock\.$/);
  expect(prism.restarts).toBe(1);
}, 40_000);
