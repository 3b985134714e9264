// Client overhead: customers.update (our client) vs bare openapi-fetch vs raw fetch (vs the @hey-api/openapi-ts
// peer when it generates), measured side by side in one process, interleaved round by round, after a warm-up.
//
// Two transports:
// - loopback: a node:http server in a child process on 127.0.0.1 (port 0) answering the spec's 200 example. Every
//   variant uses the global fetch, so they share undici's default keep-alive agent.
// - mocked:   each variant gets a `fetch` that returns a canned Response (no network), as openapi-fetch's own
//   bench does, to isolate the clients' CPU cost.
// Calls are sequential (concurrency 1): latency per call is what the wrapper adds to.
import { fork } from "node:child_process";
import { readFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import { parse } from "yaml";
import type { paths } from "../generated/kirim-api.ts";
import { projectRoot } from "../scripts/lib/tools.ts";
import { ablationSteps } from "./lib/ablation.ts";
import { type KirimModule, loadKirim } from "./lib/kirim.ts";
import { generatePeer } from "./lib/peer.ts";
import { median, quantile } from "./lib/stats.ts";

export const customerId = "cus_01HXYZABCDEFGHJKMNPQRSTVWX";
export const updateBody = { name: "Ada Lovelace", email: "ada@example.com", metadata: { plan: "pro", seats: 3 }, status: "active" };
const apiKey = "sk_test_bench";

interface HeyApiModule {
  createClient(config: { baseUrl: string; auth?: string; fetch?: typeof fetch }): unknown;
  updateCustomer(options: { client: unknown; path: { id: string }; body: typeof updateBody }): Promise<{ data?: { data: { id: string } }; error?: unknown }>;
}

export type Transport = "loopback" | "mocked";

export interface VariantResult {
  name: string;
  /** Median over rounds of calls per second. */
  opsPerSec: number;
  /** Median over rounds of the per-round p50 / p99 latency, in microseconds. */
  p50us: number;
  p99us: number;
  calls: number;
}

export interface TransportResult {
  transport: Transport;
  rounds: number;
  iterations: number;
  warmup: number;
  variants: VariantResult[];
  /** fetch invocations seen (server requests or mock calls) vs client calls made: equal means no retries fired. */
  fetchCalls: number;
  clientCalls: number;
  /** time-per-call ratios from median throughput: name → { vsOpenapiFetch, vsRawFetch }. */
  ratios: Record<string, { vsOpenapiFetch: number; vsRawFetch: number; p50VsOpenapiFetch: number; p50VsRawFetch: number }>;
}

export interface AblationResult {
  transport: Transport;
  rounds: number;
  iterations: number;
  steps: Array<{ name: string; opsPerSec: number; p50us: number; usPerCall: number; vsBare: number }>;
}

export interface OverheadResult {
  transports: TransportResult[];
  ablation: AblationResult[];
  skipped: Array<{ variant: string; reason: string }>;
  clientOptions: string;
  profile?: ProfileResult;
}

export interface OverheadOptions {
  quick: boolean;
  scratch: string;
  /** Profile the Kirim client on the mocked transport (top self-time frames). */
  profile?: boolean;
}

interface Variant {
  name: string;
  call: () => Promise<unknown>;
}

type Check = (result: unknown) => boolean;

const variantNames = { kirim: "Kirim client (customers.update)", openapiFetch: "openapi-fetch (bare)", raw: "raw fetch", heyApi: "@hey-api/openapi-ts (peer)" };

export async function runOverhead(options: OverheadOptions): Promise<OverheadResult> {
  const example = await okExample();
  const skipped: OverheadResult["skipped"] = [];
  const kirim = await loadKirim(options.scratch).catch((error: unknown) => {
    skipped.push({ variant: variantNames.kirim, reason: String(error instanceof Error ? error.message : error) });
    return undefined;
  });
  const hey = await loadHeyApi(options.scratch).catch((error: unknown) => {
    skipped.push({ variant: variantNames.heyApi, reason: String(error instanceof Error ? error.message : error) });
    return undefined;
  });

  const plan = options.quick
    ? {
        loopback: { rounds: 2, iterations: 20, warmup: 10 },
        mocked: { rounds: 2, iterations: 50, warmup: 20 },
        loopbackAblation: { rounds: 1, iterations: 10, warmup: 5 },
        mockedAblation: { rounds: 1, iterations: 20, warmup: 5 },
      }
    : {
        loopback: { rounds: 21, iterations: 400, warmup: 500 },
        mocked: { rounds: 15, iterations: 5_000, warmup: 5_000 },
        loopbackAblation: { rounds: 11, iterations: 300, warmup: 300 },
        mockedAblation: { rounds: 11, iterations: 3_000, warmup: 3_000 },
      };

  const transports: TransportResult[] = [];
  const ablation: AblationResult[] = [];
  const server = await startServer(example);
  try {
    const baseUrl = `http://127.0.0.1:${server.port}/v1`;
    const before = await server.count();
    const variants = makeVariants({ baseUrl, fetch: undefined, kirim, hey });
    const measured = await measure(variants, plan.loopback);
    const fetchCalls = (await server.count()) - before;
    transports.push(summarise("loopback", plan.loopback, measured, fetchCalls));
    ablation.push(await runAblation("loopback", baseUrl, undefined, kirim, plan.loopbackAblation));
  } finally {
    await server.close();
  }

  const counters = new Map<string, number>();
  const mocked = (name: string): typeof fetch => {
    counters.set(name, 0);
    const init: ResponseInit = { status: 200, headers: { "content-type": "application/json", "x-request-id": "req_01HXYZABCDEFGHJKMNPQRSTVWX" } };
    return (() => {
      counters.set(name, counters.get(name)! + 1);
      return Promise.resolve(new Response(example, init));
    }) as unknown as typeof fetch;
  };
  const mockedVariants = makeVariants({ baseUrl: "https://api.kirimdev.com/v1", fetch: mocked, kirim, hey });
  const measured = await measure(mockedVariants, plan.mocked);
  transports.push(summarise("mocked", plan.mocked, measured, [...counters.values()].reduce((a, b) => a + b, 0)));
  ablation.push(await runAblation("mocked", "https://api.kirimdev.com/v1", mocked, kirim, plan.mockedAblation));

  const result: OverheadResult = {
    transports,
    ablation,
    skipped,
    clientOptions: "createKirimClient({ apiKey, baseUrl, maxRetries: 2 }) — retries on, default timeout; openapi-fetch createClient<paths>({ baseUrl, headers: { Authorization } })",
  };
  if (options.profile && kirim) {
    const [variant] = makeVariants({ baseUrl: "https://api.kirimdev.com/v1", fetch: mocked, kirim, hey: undefined }).filter((v) => v.variant.name === variantNames.kirim);
    const [bare] = makeVariants({ baseUrl: "https://api.kirimdev.com/v1", fetch: mocked, kirim: undefined, hey: undefined }).filter((v) => v.variant.name === variantNames.openapiFetch);
    if (variant && bare) result.profile = await profile([variant.variant, bare.variant], options.quick ? 200 : 30_000);
  }
  return result;
}

function makeVariants(ctx: {
  baseUrl: string;
  fetch: ((name: string) => typeof fetch) | undefined;
  kirim: KirimModule | undefined;
  hey: HeyApiModule | undefined;
}): Array<{ variant: Variant; check: Check }> {
  const out: Array<{ variant: Variant; check: Check }> = [];
  const fetchFor = (name: string) => (ctx.fetch ? ctx.fetch(name) : undefined);
  const url = `${ctx.baseUrl}/customers/${encodeURIComponent(customerId)}`;
  // Every variant below uses the global fetch on loopback (one shared undici keep-alive agent) or its own mock.
  const isCustomer = (value: unknown) => (value as { data?: { id?: string } } | undefined)?.data?.id === customerId;

  if (ctx.kirim) {
    const f = fetchFor(variantNames.kirim);
    const client = ctx.kirim.createKirimClient({ apiKey, baseUrl: ctx.baseUrl, maxRetries: 2, ...(f ? { fetch: f } : {}) });
    out.push({ variant: { name: variantNames.kirim, call: () => client.customers.update(customerId, updateBody) }, check: isCustomer });
  }

  {
    const f = fetchFor(variantNames.openapiFetch);
    const client = createClient<paths>({ baseUrl: ctx.baseUrl, headers: { Authorization: `Bearer ${apiKey}` }, ...(f ? { fetch: f } : {}) });
    out.push({
      variant: {
        name: variantNames.openapiFetch,
        call: async () => {
          const { data, error } = await client.PATCH("/customers/{id}", { params: { path: { id: customerId } }, body: updateBody });
          if (error) throw new Error("openapi-fetch returned an error");
          return data;
        },
      },
      check: isCustomer,
    });
  }

  {
    const f = fetchFor(variantNames.raw) ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    const headers = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
    out.push({
      variant: {
        name: variantNames.raw,
        call: async () => {
          const res = await f(url, { method: "PATCH", headers, body: JSON.stringify(updateBody) });
          if (!res.ok) throw new Error(`raw fetch got ${res.status}`);
          return res.json();
        },
      },
      check: isCustomer,
    });
  }

  if (ctx.hey) {
    const f = fetchFor(variantNames.heyApi);
    const client = ctx.hey.createClient({ baseUrl: ctx.baseUrl, auth: apiKey, ...(f ? { fetch: f } : {}) });
    const hey = ctx.hey;
    out.push({
      variant: {
        name: variantNames.heyApi,
        call: async () => {
          const { data, error } = await hey.updateCustomer({ client, path: { id: customerId }, body: updateBody });
          if (error) throw new Error("hey-api returned an error");
          return data;
        },
      },
      check: isCustomer,
    });
  }
  return out;
}

async function runAblation(
  transport: Transport,
  baseUrl: string,
  fetchFor: ((name: string) => typeof fetch) | undefined,
  kirim: KirimModule | undefined,
  plan: { rounds: number; iterations: number; warmup: number },
): Promise<AblationResult> {
  const steps = ablationSteps({ baseUrl, apiKey, id: customerId, body: updateBody, fetch: fetchFor?.("ablation") });
  const isCustomer: Check = (value) => (value as { data?: { id?: string } } | undefined)?.data?.id === customerId;
  const variants = steps.map((variant) => ({ variant, check: isCustomer }));
  if (kirim) {
    const f = fetchFor?.("ablation-kirim");
    const client = kirim.createKirimClient({ apiKey, baseUrl, maxRetries: 2, ...(f ? { fetch: f } : {}) });
    variants.push({ variant: { name: `${variantNames.kirim}, for comparison`, call: () => client.customers.update(customerId, updateBody) }, check: isCustomer });
  }
  const samples = await measure(variants, plan);
  const bare = median(samples[0]!.throughput);
  return {
    transport,
    rounds: plan.rounds,
    iterations: plan.iterations,
    steps: samples.map((s) => {
      const opsPerSec = median(s.throughput);
      return { name: s.name, opsPerSec, p50us: median(s.p50), usPerCall: 1e6 / opsPerSec, vsBare: bare / opsPerSec };
    }),
  };
}

interface Samples {
  name: string;
  throughput: number[];
  p50: number[];
  p99: number[];
  calls: number;
}

/** Warm-up, then `rounds` rounds; each round runs every variant for `iterations` sequential calls, in an order
 *  rotated by one each round (A B C, B C A, C A B…) so no variant always runs right after the same neighbour. */
async function measure(
  variants: Array<{ variant: Variant; check: Check }>,
  plan: { rounds: number; iterations: number; warmup: number },
): Promise<Samples[]> {
  for (const { variant, check } of variants) {
    const first = await variant.call();
    if (!check(first)) throw new Error(`${variant.name}: unexpected result ${JSON.stringify(first).slice(0, 200)}`);
    for (let i = 1; i < plan.warmup; i++) await variant.call();
  }
  const samples = variants.map(({ variant }): Samples => ({ name: variant.name, throughput: [], p50: [], p99: [], calls: plan.warmup }));
  const latencies = new Float64Array(plan.iterations);
  for (let round = 0; round < plan.rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const index = (round + k) % variants.length;
      const { call } = variants[index]!.variant;
      const started = performance.now();
      for (let i = 0; i < plan.iterations; i++) {
        const t0 = performance.now();
        await call();
        latencies[i] = performance.now() - t0;
      }
      const elapsed = performance.now() - started;
      const s = samples[index]!;
      s.throughput.push((plan.iterations / elapsed) * 1000);
      s.p50.push(quantile(latencies, 0.5) * 1000);
      s.p99.push(quantile(latencies, 0.99) * 1000);
      s.calls += plan.iterations;
    }
  }
  return samples;
}

function summarise(
  transport: Transport,
  plan: { rounds: number; iterations: number; warmup: number },
  samples: Samples[],
  fetchCalls: number,
): TransportResult {
  const variants: VariantResult[] = samples.map((s) => ({
    name: s.name,
    opsPerSec: median(s.throughput),
    p50us: median(s.p50),
    p99us: median(s.p99),
    calls: s.calls,
  }));
  const of = variants.find((v) => v.name === variantNames.openapiFetch)!;
  const raw = variants.find((v) => v.name === variantNames.raw)!;
  const ratios: TransportResult["ratios"] = {};
  for (const v of variants) {
    ratios[v.name] = {
      vsOpenapiFetch: of.opsPerSec / v.opsPerSec,
      vsRawFetch: raw.opsPerSec / v.opsPerSec,
      p50VsOpenapiFetch: v.p50us / of.p50us,
      p50VsRawFetch: v.p50us / raw.p50us,
    };
  }
  return { transport, ...plan, variants, fetchCalls, clientCalls: variants.reduce((a, v) => a + v.calls, 0), ratios };
}

async function okExample(): Promise<string> {
  const bundle = parse(await readFile(path.join(projectRoot, "generated/openapi.yaml"), "utf8")) as {
    paths: Record<string, { patch: { responses: Record<string, { content: Record<string, { examples: Record<string, { value: unknown }> }> }> } }>;
  };
  const examples = bundle.paths["/customers/{id}"]?.patch.responses["200"]?.content["application/json"]?.examples ?? {};
  const first = Object.values(examples)[0];
  if (!first) throw new Error("generated/openapi.yaml has no 200 example for PATCH /customers/{id}.");
  return JSON.stringify(first.value);
}

async function loadHeyApi(scratch: string): Promise<HeyApiModule> {
  const peer = await generatePeer(path.join(projectRoot, "generated/openapi.yaml"), path.join(scratch, "hey-api"));
  return (await import(pathToFileURL(peer.module).href)) as HeyApiModule;
}

async function startServer(body: string): Promise<{ port: number; count(): Promise<number>; close(): Promise<void> }> {
  const child = fork(path.join(import.meta.dirname, "lib/server.ts"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = (type: string) =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const onMessage = (message: { type: string } & Record<string, number>) => {
        if (message.type !== type) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => reject(new Error(`bench server exited (${code}) before sending ${type}`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const ready = next("port");
  child.send({ type: "start", body });
  const { port } = await ready;
  return {
    port: port!,
    async count() {
      const reply = next("count");
      child.send({ type: "count" });
      return (await reply).count!;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: "close" });
      }),
  };
}

export interface ProfileFrame {
  name: string;
  where: string;
  selfPct: number;
}

export interface ProfileResult {
  calls: number;
  /** Top self-time frames per profiled variant (idle and profiler frames excluded). */
  frames: Record<string, ProfileFrame[]>;
  /** Self time grouped by where the code lives, per variant: area → % of samples. */
  areas: Record<string, Record<string, number>>;
}

/** Samples the CPU (node:inspector, as `node --cpu-prof` does) while each variant runs `calls` mocked calls. */
async function profile(variants: Variant[], calls: number): Promise<ProfileResult> {
  const session = new Session();
  session.connect();
  const frames: ProfileResult["frames"] = {};
  const areas: ProfileResult["areas"] = {};
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    for (const variant of variants) {
      await session.post("Profiler.start");
      for (let i = 0; i < calls; i++) await variant.call();
      const { profile: cpu } = await session.post("Profiler.stop");
      const counted = countSelf(cpu);
      frames[variant.name] = counted.frames.slice(0, 12);
      areas[variant.name] = counted.areas;
    }
  } finally {
    session.disconnect();
  }
  return { calls, frames, areas };
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples?: number[];
}

export const profileAreas = ["Kirim client (src/)", "openapi-fetch", "undici: fetch, Request, Response, Headers", "web streams", "garbage collector", "other (bench loop, promises, timers)"];

function areaOf(functionName: string, url: string): string {
  if (functionName === "(garbage collector)") return profileAreas[4]!;
  if (url.includes("/kirim-client/")) return profileAreas[0]!;
  if (url.includes("openapi-fetch")) return profileAreas[1]!;
  if (url.includes("undici")) return profileAreas[2]!;
  if (url.includes("webstreams")) return profileAreas[3]!;
  return profileAreas[5]!;
}

function countSelf(cpu: CpuProfile): { frames: ProfileFrame[]; areas: Record<string, number> } {
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const counts = new Map<string, { name: string; where: string; n: number }>();
  const areaCounts = new Map<string, number>();
  let total = 0;
  for (const id of cpu.samples ?? []) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)" || url.startsWith("node:inspector")) continue;
    total++;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
    const key = `${functionName}@${where}`;
    const entry = counts.get(key) ?? { name: functionName || "(anonymous)", where, n: 0 };
    entry.n++;
    counts.set(key, entry);
    const area = areaOf(functionName, url);
    areaCounts.set(area, (areaCounts.get(area) ?? 0) + 1);
  }
  const pct = (n: number) => (n / Math.max(1, total)) * 100;
  return {
    frames: [...counts.values()].sort((a, b) => b.n - a.n).map((e) => ({ name: e.name, where: e.where, selfPct: pct(e.n) })),
    areas: Object.fromEntries(profileAreas.map((a) => [a, pct(areaCounts.get(a) ?? 0)])),
  };
}

function shortUrl(url: string): string {
  if (url.includes("/kirim-client/")) return "src/ (compiled to one module)";
  const marker = url.lastIndexOf("node_modules/");
  if (marker >= 0) return url.slice(marker + "node_modules/".length);
  const root = pathToFileURL(projectRoot).href + "/";
  return url.startsWith(root) ? url.slice(root.length) : url;
}
