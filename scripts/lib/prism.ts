// Starts Prism (mock or validation proxy) on a free loopback port and stops it by its handle.
// Used by the contract suite's global setup; `npm run contract:provider` reaches it through that setup.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { bin, projectRoot, quietEnv } from "./tools.ts";

export interface PrismOptions {
  /** The bundled spec Prism reads. */
  spec: string;
  /** A real server's base URL: Prism then runs `proxy` in front of it instead of `mock`. */
  upstream?: string | undefined;
  /** Proxy mode only: let Prism check requests too. Off by default, so the upstream's own validation is tested. */
  validateRequest?: boolean;
  /** How long to wait for Prism to answer before giving up. */
  readyTimeoutMs?: number;
}

export interface PrismServer {
  url: string;
  mode: "mock" | "proxy";
  pid: number;
  /** Prism's log so far (stdout and stderr), for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const guard = path.join(projectRoot, "scripts/lib/prism-guard.ts");
const running = new Set<ChildProcess>();
let handlersInstalled = false;

/** A port nobody listens on right now: bind to 0, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

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

export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const port = await freePort();
  const spec = path.resolve(options.spec);
  const mode = options.upstream ? "proxy" : "mock";
  const args =
    mode === "proxy"
      ? ["proxy", spec, options.upstream!, `--validate-request=${options.validateRequest ?? false}`]
      : ["mock", spec];
  args.push("--host", "127.0.0.1", "--port", String(port), "--errors");

  // The guard (see prism-guard.ts) stops Prism when this process dies without running any handler.
  const child = spawn(process.execPath, [guard, bin("prism"), ...args], {
    env: quietEnv,
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  installExitHandlers();
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => running.delete(child));

  const url = `http://127.0.0.1:${port}`;
  const server: PrismServer = {
    url,
    mode,
    pid: child.pid!,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      running.delete(child);
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (true) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before answering:\n${log.trim()}`);
    }
    try {
      // Any HTTP answer means Prism is listening; `/` is not in the spec, so even a proxy answers it itself.
      await fetch(`${url}/`, { signal: AbortSignal.timeout(1_000) });
      return server;
    } catch {
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`Prism did not answer on ${url} within ${options.readyTimeoutMs ?? 30_000} ms:\n${log.trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
