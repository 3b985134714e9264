// Client overhead: customers.update against bare openapi-fetch and raw fetch, same request and response, on a mocked
// fetch (CPU only) and on a loopback HTTP server in another process. tinybench (vitest's bench provider) runs each
// variant on its own, warm-up then a fixed time, one call in flight. bench/run.ts reads the JSON this file writes.
import { type ChildProcess, fork } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { afterAll, type Bench, beforeAll, describe, expect, test } from "vitest";
import type { paths } from "../generated/kirim-api.ts";
import { extractFromGit } from "../scripts/lib/gate/base-ref.ts";
import { createKirimClient } from "../src/index.ts";
import { customerEnvelope } from "../test/helpers/fixtures.ts";

const quick = process.env.KIRIM_BENCH_QUICK === "1";
const runOptions = quick ? { time: 100, warmupTime: 50 } : { time: 3_000, warmupTime: 1_000 };
const apiKey = "sk_test_bench";
const id = customerEnvelope().data.id;
const body = {
  name: "Ada Lovelace",
  email: "ada@example.com",
  metadata: { plan: "pro", seats: 3 },
  status: "active" as const,
};
const envelope = JSON.stringify(customerEnvelope());
const results: Record<string, Record<string, { meanUs: number; p50Us: number; p99Us: number; samples: number }>> = {};

/** The hand-written client that the generated surface replaced, to show per-call cost did not grow (issue 9). */
const baselineCommit = "79e8806";
type CreateClient = typeof createKirimClient;
let createBaseline: CreateClient | undefined;

/** Its src/ and generated/ from git, bundled by esbuild like ours; undefined when the history is not there (shallow clone). */
async function loadBaseline(): Promise<CreateClient | undefined> {
  // Inside the project, so that the bundle resolves openapi-fetch from its node_modules.
  const scratch = path.join(import.meta.dirname, "..", ".tmp");
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(path.join(scratch, "bench-baseline-"));
  try {
    await extractFromGit(baselineCommit, ["src", "generated"], dir);
    const outfile = path.join(dir, "client.mjs");
    await build({
      entryPoints: [path.join(dir, "src/index.ts")],
      bundle: true,
      format: "esm",
      platform: "node",
      outfile,
      logLevel: "silent",
    });
    return ((await import(outfile)) as { createKirimClient: CreateClient }).createKirimClient;
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the network half of fetch does first: build the Request and read its body, then answer from memory. */
const mockedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = input instanceof Request ? input : new Request(input, init);
  await request.text();
  return new Response(envelope, { status: 200, headers: { "content-type": "application/json" } });
}) as typeof fetch;

/** The same PATCH through each client; each call is checked once before timing, so no variant measures an error. */
function variants(baseUrl: string, f: typeof fetch) {
  const kirim = createKirimClient({ apiKey, baseUrl, maxRetries: 2, fetch: f });
  const baseline = createBaseline?.({ apiKey, baseUrl, maxRetries: 2, fetch: f });
  const bare = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` }, fetch: f });
  const url = `${baseUrl}/customers/${id}`;
  const headers = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
  return {
    "Kirim client (customers.update)": async () => (await kirim.customers.update(id, body)).data.id,
    ...(baseline
      ? {
          [`Kirim client at ${baselineCommit}, before the generated surface`]: async () =>
            (await baseline.customers.update(id, body)).data.id,
        }
      : {}),
    "openapi-fetch (bare)": async () =>
      (await bare.PATCH("/customers/{id}", { params: { path: { id } }, body })).data?.data.id,
    // What the client adds per attempt that costs most: a timeout timer and its AbortSignal handed to the Request.
    "openapi-fetch + per-call timeout signal": async () => {
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), 60_000);
      try {
        return (await bare.PATCH("/customers/{id}", { params: { path: { id } }, body, signal: timeout.signal })).data
          ?.data.id;
      } finally {
        clearTimeout(timer);
      }
    },
    "raw fetch": async () =>
      (
        (await (await f(url, { method: "PATCH", headers, body: JSON.stringify(body) })).json()) as {
          data: { id: string };
        }
      ).data.id,
  };
}

async function compare(transport: string, calls: Record<string, () => Promise<string | undefined>>, bench: Bench) {
  for (const call of Object.values(calls)) expect(await call()).toBe(id);
  const registered = Object.entries(calls).map(([name, call]) => bench(name, call));
  const storage = await bench.compare(...registered, runOptions);
  results[transport] = Object.fromEntries(
    Object.keys(calls).map((name) => {
      const { latency } = storage.get(name);
      return [
        name,
        {
          meanUs: latency.mean * 1000,
          p50Us: (latency.p50 ?? Number.NaN) * 1000,
          p99Us: (latency.p99 ?? Number.NaN) * 1000,
          samples: latency.samplesCount,
        },
      ];
    }),
  );
}

describe("client overhead", () => {
  let server: ChildProcess;
  let origin = "";
  beforeAll(async () => {
    createBaseline = await loadBaseline();
    server = fork(`${import.meta.dirname}/loopback-server.ts`, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const ready = new Promise<{ origin: string }>((resolve) => server.once("message", resolve as (m: unknown) => void));
    server.send(customerEnvelope());
    origin = (await ready).origin;
  });
  afterAll(() => {
    server.disconnect();
    if (process.env.KIRIM_BENCH_JSON) writeFileSync(process.env.KIRIM_BENCH_JSON, JSON.stringify(results, null, 2));
  });

  test("mocked fetch", async ({ bench }) =>
    compare("mocked", variants("https://api.kirimdev.com/v1", mockedFetch), bench));
  test("loopback HTTP", async ({ bench }) => compare("loopback", variants(`${origin}/v1`, fetch), bench));
});
