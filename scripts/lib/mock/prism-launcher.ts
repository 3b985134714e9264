// The one Prism launcher: starts Prism (mock or validation proxy) on loopback and stops it by its handle.
// Used by the contract suite's global setup (`npm run contract:provider` reaches it through that setup), by
// `npm run mock` and by `npm run dev -- --mock`. Prism reloads the spec by itself when the file changes, and listens
// again on the same private port, so the port clients use stays the same across reloads.
//
// Clients talk to a small front server of ours (front-server.ts) on the port they asked for; Prism listens on a
// private one, in its own process behind a guard (prism-guard.ts), with prism-preload.ts loaded so that no request
// can make its violations header kill it. When Prism exits anyway, the launcher says so in one line (how it exited,
// and its last error line) and starts it again on the same private port; requests meanwhile get a 503
// `mock_unavailable`. More than `restartLimit.crashes` exits within `restartLimit.withinMs` and it gives up, saying
// why; `exited` then settles. A busy port fails at once with "port N is in use, try --port".
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { parse } from "yaml";
import { bin, projectRoot, quietEnv } from "../cli/run-tools.ts";
import { freePort } from "./free-port.ts";
import { forward } from "./front-server.ts";
import type { GuardMessage } from "./prism-guard.ts";

export interface PrismOptions {
  /** The bundled spec Prism reads. */
  spec: string;
  /** A real server's base URL: Prism then runs `proxy` in front of it instead of `mock`. */
  upstream?: string | undefined;
  /** How long to wait for Prism to answer before giving up. */
  readyTimeoutMs?: number;
  /** The port clients use (default: a free one). */
  port?: number;
  /** More arguments for Prism itself (`npm run mock -- --dynamic`, say). */
  prismArgs?: string[];
  /** Also print Prism's log as it comes (npm run mock); it is always kept for the error when Prism does not start. */
  showOutput?: boolean;
  /** With showOutput: print each non-empty line of the log after this prefix, all on stdout (npm run dev --mock). */
  outputPrefix?: string;
  /** How often Prism may exit on its own and be started again (default: 5 times within 60 s). */
  restartLimit?: RestartLimit;
  /** Where the launcher's own lines go (a restart, giving up); default stderr. */
  log?: (line: string) => void;
}

export interface PrismServer {
  url: string;
  /** The production server's base path the mock also serves (`/v1`), if the spec's first server has one. */
  basePath: string | undefined;
  mode: "mock" | "proxy";
  /** Prism's own process id; a restart gives a new one. */
  readonly pid: number;
  /** How many times Prism exited on its own and was started again. */
  readonly restarts: number;
  /** Settles when the mock is down for good (stop(), or Prism exiting more often than it is restarted), saying why. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

/** When Prism exits on its own it is started again, unless it did so more than `crashes` times within `withinMs`. */
export interface RestartLimit {
  crashes: number;
  withinMs: number;
}

export const defaultRestartLimit: RestartLimit = { crashes: 5, withinMs: 60_000 };

const guard = path.join(projectRoot, "scripts/lib/mock/prism-guard.ts");
const preload = path.join(projectRoot, "scripts/lib/mock/prism-preload.ts");
const running = new Set<ChildProcess>();
let handlersInstalled = false;
/** Kills every Prism we started when this process ends, including Ctrl-C and SIGTERM. */
function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", () => {
    for (const child of running) child.kill("SIGTERM");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      for (const child of running) child.kill("SIGTERM");
      // Keep the default behaviour (exit) unless the host (e.g. vitest) handles the signal itself.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

export class PortInUse extends Error {}

/** The port `npm run mock` and `npm run dev -- --mock` serve on unless told. */
export const defaultMockPort = 4010;

/** A `--port` value: a whole number up to 65535, 0 for a free port; anything else is a usage error naming it. */
export function parsePort(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65_535) {
    throw new Error(
      `--port needs a port number (0 picks a free one); got ${value === undefined ? "nothing" : JSON.stringify(value)}.`,
    );
  }
  return Number(value);
}

/** The path of the spec's first server URL, without a trailing slash: "/v1" for https://api.kirimdev.com/v1. */
function basePathOf(spec: string): string | undefined {
  try {
    const document = parse(readFileSync(spec, "utf8")) as { servers?: { url?: unknown }[] } | null;
    const url = document?.servers?.[0]?.url;
    if (typeof url !== "string") return undefined;
    const pathname = new URL(url, "http://placeholder").pathname.replace(/\/+$/, "");
    return pathname || undefined;
  } catch {
    return undefined;
  }
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new PortInUse(`port ${port} is in use, try --port <another port> (--port 0 picks a free one)`)
          : error,
      );
    server.once("error", failed);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", failed);
      resolve((server.address() as { port: number }).port);
    });
  });
}

/** One Prism process (behind its guard) and what it printed; the last 64 KiB are kept. */
interface PrismRun {
  child: ChildProcess;
  prismPid: Promise<number>;
  /** "code 1", "SIGKILL": how Prism itself exited (the guard tells us). */
  exited: Promise<string>;
  log(): string;
}

const keptLog = 64 * 1024;

function spawnPrism(args: string[], print: { out: (chunk: Buffer) => void; err: (chunk: Buffer) => void }): PrismRun {
  // The guard (see prism-guard.ts) stops Prism when this process dies without running any handler.
  const child = spawn(process.execPath, [guard, process.execPath, "--import", preload, bin("prism"), ...args], {
    env: quietEnv,
    stdio: ["pipe", "pipe", "pipe", "ipc"],
  });
  running.add(child);
  installExitHandlers();
  // The last chunks, about keptLog bytes of them, joined only when asked: Prism logs every request, and copying the
  // whole kept log on each chunk cost the contract suite most of a second per thousand requests.
  const chunks: Buffer[] = [];
  let kept = 0;
  const keep = (chunk: Buffer) => {
    chunks.push(chunk);
    kept += chunk.length;
    while (kept - chunks[0]!.length >= keptLog) kept -= chunks.shift()!.length;
  };
  const log = () => Buffer.concat(chunks).toString().slice(-keptLog);
  child.stdout!.on("data", (chunk: Buffer) => {
    keep(chunk);
    print.out(chunk);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    keep(chunk);
    print.err(chunk);
  });
  let prismExit: string | undefined;
  const prismPid = new Promise<number>((resolve) =>
    child.on("message", (message: GuardMessage) => {
      if ("prismPid" in message) resolve(message.prismPid);
      if ("prismExited" in message) prismExit = message.prismExited;
    }),
  );
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve(prismExit ?? signal ?? `code ${code}`);
    }),
  );
  return { child, prismPid, exited, log };
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function stopRun(run: PrismRun): Promise<void> {
  if (isRunning(run.child)) {
    run.child.kill("SIGTERM");
    const timer = setTimeout(() => run.child.kill("SIGKILL"), 5_000);
    await run.exited;
    clearTimeout(timer);
  }
  running.delete(run.child);
}

/** Waits until Prism answers HTTP on its port; rejects (naming its output) when it exits first or takes too long. */
async function answering(run: PrismRun, prismPort: number, timeoutMs: number, url: string): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (!isRunning(run.child))
      throw new Error(`Prism exited (${await run.exited}) before answering:\n${run.log().trim()}`);
    try {
      // Any HTTP answer means Prism is listening; `/` is not in the spec, so even a proxy answers it itself.
      await fetch(`http://127.0.0.1:${prismPort}/`, { signal: AbortSignal.timeout(1_000) });
      return await run.prismPid;
    } catch {
      if (Date.now() > deadline) {
        throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms:\n${run.log().trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The line of Prism's output that says why it died, if it printed one ("TypeError [ERR_INVALID_CHAR]: …"). */
function lastErrorLine(log: string): string | undefined {
  return log
    .split("\n")
    .map((line) => line.trim())
    .findLast((line) => /^(\w+Error|Error)\b.*:/.test(line));
}

const secondsOf = (ms: number) => `${Math.round(ms / 1000)} s`;

export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const spec = path.resolve(options.spec);
  // Prism would print its whole --help after the ENOENT; say what to do instead.
  if (!existsSync(spec)) throw new Error(`${options.spec} does not exist: run \`npm run generate\` first.`);
  const mode = options.upstream ? "proxy" : "mock";
  const basePath = basePathOf(spec);
  const limit = options.restartLimit ?? defaultRestartLimit;
  const say = options.log ?? ((line: string) => console.error(line));
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const prismPort = await freePort();
  let gaveUp: string | undefined;
  const front = http.createServer(
    (request, response) =>
      void forward(request, response, { prismPort, basePath, mode, spec, unavailable: () => gaveUp }).catch(
        (error: unknown) => response.destroy(error instanceof Error ? error : new Error(String(error))),
      ),
  );
  const port = await listen(front, options.port ?? 0); // before Prism: a busy port is reported at once
  // A proxy does not check requests itself, so the upstream's own validation is what gets tested.
  const args = mode === "proxy" ? ["proxy", spec, options.upstream!, "--validate-request=false"] : ["mock", spec];
  args.push("--host", "127.0.0.1", "--port", String(prismPort), "--errors", ...(options.prismArgs ?? []));

  // Prism announces its private port; what clients must use is ours.
  const shown = (chunk: Buffer) =>
    chunk.toString().replaceAll(`http://127.0.0.1:${prismPort}`, `http://127.0.0.1:${port}`);
  const print = (target: NodeJS.WriteStream) => {
    if (!options.showOutput) return () => {};
    if (options.outputPrefix === undefined) return (chunk: Buffer) => void target.write(shown(chunk));
    return linesAfter(options.outputPrefix, (chunk) => shown(chunk));
  };
  const printing = { out: print(process.stdout), err: print(process.stderr) };

  const url = `http://127.0.0.1:${port}`;
  let run = spawnPrism(args, printing);
  let pid = 0;
  let restarts = 0;
  let stopping = false;
  const crashes: number[] = [];
  let settle: (how: string) => void = () => {};
  const exited = new Promise<string>((resolve) => {
    settle = resolve;
  });

  // Prism exiting while we did not stop it is a crash: start it again on the same private port, within the limit.
  const supervise = (current: PrismRun) => {
    void current.exited.then(async (how) => {
      if (stopping || current !== run) return;
      const now = Date.now();
      crashes.push(now);
      while (crashes[0]! < now - limit.withinMs) crashes.shift();
      const why = [how, lastErrorLine(current.log())].filter(Boolean).join(": ");
      if (crashes.length > limit.crashes) {
        gaveUp = `Prism exited on its own ${crashes.length} times within ${secondsOf(limit.withinMs)} (last: ${why}); it is not restarted again`;
        say(`✖ ${gaveUp}. Its last output:\n${current.log().trim().split("\n").slice(-20).join("\n")}`);
        settle(gaveUp);
        return;
      }
      say(
        `✖ Prism (pid ${pid}) exited on its own (${why}); restarting it (${crashes.length} of ${limit.crashes} restarts allowed within ${secondsOf(limit.withinMs)})`,
      );
      const next = spawnPrism(args, printing);
      run = next;
      restarts++;
      supervise(next);
      // Clients may reach the new Prism before our own check does: its pid is known as soon as it is spawned.
      void next.prismPid.then((nextPid) => {
        if (run === next) pid = nextPid;
      });
      try {
        await answering(next, prismPort, readyTimeoutMs, url);
      } catch {
        // It exited before answering (its exit is the next crash, handled above) or hangs: stop it and count that.
        if (isRunning(next.child)) next.child.kill("SIGKILL");
      }
    });
  };

  const server: PrismServer = {
    url,
    basePath,
    mode,
    get pid() {
      return pid;
    },
    get restarts() {
      return restarts;
    },
    exited,
    async stop() {
      stopping = true;
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
      await stopRun(run);
      settle(`stopped (${await run.exited})`);
    },
  };

  try {
    pid = await answering(run, prismPort, readyTimeoutMs, url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  supervise(run);
  return server;
}

/** Prints each complete non-empty line after `prefix`; a partial line waits for the rest. */
function linesAfter(prefix: string, text: (chunk: Buffer) => string): (chunk: Buffer) => void {
  let rest = "";
  return (chunk) => {
    const lines = (rest + text(chunk)).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line.trim() !== "") console.log(`${prefix}${line}`);
  };
}
