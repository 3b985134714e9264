// The one Prism launcher: starts Prism (mock or validation proxy) on loopback and stops it by its handle.
// Used by the contract suite's global setup (`npm run contract:provider` reaches it through that setup), by
// `npm run mock` and by `npm run dev -- --mock`. Prism reloads the spec by itself when the file changes, and listens
// again on the same private port, so the port clients use stays the same across reloads.
//
// Clients talk to a small front server of ours, which passes everything to Prism on a private port except:
// - the production base path (`/v1/...` for https://api.kirimdev.com/v1) is stripped, so a client can point at the
//   mock by changing the host only; the bare paths work too;
// - a JSON body Prism would never answer (malformed, or `false`, `0`, `null`) gets an immediate 422;
// - (mock) Prism's canned 422 example for an invalid request becomes a 422 in the API's Error format naming the actual
//   violation, from Prism's own `sl-violations` header (kept on the answer). A `Prefer` header (or `__code`…) still
//   gets the documented example it asks for.
// A busy port fails at once with "port N is in use, try --port".
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { parse } from "yaml";
import { bin, projectRoot, quietEnv } from "../cli/run-tools.ts";
import { errorFromViolations, mockRequestId, parseViolations, unanswerableBody } from "./error-answers.ts";
import { freePort } from "./free-port.ts";

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
}

export interface PrismServer {
  url: string;
  /** The production server's base path the mock also serves (`/v1`), if the spec's first server has one. */
  basePath: string | undefined;
  mode: "mock" | "proxy";
  pid: number;
  /** Settles when Prism exits, for whatever reason (stop() included), with how: "code 1", "SIGTERM". */
  exited: Promise<string>;
  stop(): Promise<void>;
}

const guard = path.join(projectRoot, "scripts/lib/mock/prism-guard.ts");
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

export async function startPrism(options: PrismOptions): Promise<PrismServer> {
  const spec = path.resolve(options.spec);
  // Prism would print its whole --help after the ENOENT; say what to do instead.
  if (!existsSync(spec)) throw new Error(`${options.spec} does not exist: run \`npm run generate\` first.`);
  const mode = options.upstream ? "proxy" : "mock";
  const basePath = basePathOf(spec);
  const prismPort = await freePort();
  const front = http.createServer(
    (request, response) => void forward(request, response, { prismPort, basePath, mode }),
  );
  const port = await listen(front, options.port ?? 0); // before Prism: a busy port is reported at once
  // A proxy does not check requests itself, so the upstream's own validation is what gets tested.
  const args = mode === "proxy" ? ["proxy", spec, options.upstream!, "--validate-request=false"] : ["mock", spec];
  args.push("--host", "127.0.0.1", "--port", String(prismPort), "--errors", ...(options.prismArgs ?? []));

  // The guard (see prism-guard.ts) stops Prism when this process dies without running any handler.
  const child = spawn(process.execPath, [guard, bin("prism"), ...args], {
    env: quietEnv,
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  installExitHandlers();
  let log = "";
  // Prism announces its private port; what clients must use is ours.
  const shown = (chunk: Buffer) =>
    chunk.toString().replaceAll(`http://127.0.0.1:${prismPort}`, `http://127.0.0.1:${port}`);
  const print = (target: NodeJS.WriteStream) => {
    if (!options.showOutput) return () => {};
    if (options.outputPrefix === undefined) return (chunk: Buffer) => void target.write(shown(chunk));
    return linesAfter(options.outputPrefix, (chunk) => shown(chunk));
  };
  const printOut = print(process.stdout);
  const printErr = print(process.stderr);
  child.stdout!.on("data", (chunk: Buffer) => {
    log += chunk.toString();
    printOut(chunk);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    log += chunk.toString();
    printErr(chunk);
  });
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ?? `code ${code}`)),
  );
  child.once("exit", () => running.delete(child));

  const url = `http://127.0.0.1:${port}`;
  const server: PrismServer = {
    url,
    basePath,
    mode,
    pid: child.pid!,
    exited,
    async stop() {
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
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
      await server.stop();
      throw new Error(`Prism exited (${child.exitCode ?? child.signalCode}) before answering:\n${log.trim()}`);
    }
    try {
      // Any HTTP answer means Prism is listening; `/` is not in the spec, so even a proxy answers it itself.
      await fetch(`http://127.0.0.1:${prismPort}/`, { signal: AbortSignal.timeout(1_000) });
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

/** Prints each complete non-empty line after `prefix`; a partial line waits for the rest. */
function linesAfter(prefix: string, text: (chunk: Buffer) => string): (chunk: Buffer) => void {
  let rest = "";
  return (chunk) => {
    const lines = (rest + text(chunk)).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line.trim() !== "") console.log(`${prefix}${line}`);
  };
}

// ── the front server ────────────────────────────────────────────────────────────────────────────────────────────────

interface Route {
  prismPort: number;
  basePath: string | undefined;
  mode: "mock" | "proxy";
}

const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);

function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(body);
  response
    .writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) })
    .end(text);
}

/** "/v1/customers/x?y" → "/customers/x?y"; other paths unchanged. */
function withoutBasePath(url: string, basePath: string | undefined): string {
  if (!basePath || !url.startsWith(basePath)) return url;
  const rest = url.slice(basePath.length);
  if (rest === "") return "/";
  if (rest.startsWith("/")) return rest;
  if (rest.startsWith("?")) return `/${rest}`;
  return url;
}

/** A request that asks Prism for a particular documented response (Prefer header or its query forms). */
function choosesResponse(request: http.IncomingMessage, target: string): boolean {
  if (request.headers.prefer) return true;
  const query = new URL(target, "http://placeholder").searchParams;
  return ["__code", "__example", "__dynamic"].some((key) => query.has(key));
}

function parsedBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

async function forward(request: http.IncomingMessage, response: http.ServerResponse, route: Route): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const target = withoutBasePath(request.url ?? "/", route.basePath);

  const refusal = raw.length > 0 ? unanswerableBody(request.headers["content-type"], raw.toString("utf8")) : undefined;
  if (refusal) return sendJson(response, 422, refusal);

  const upstream = http.request({
    host: "127.0.0.1",
    port: route.prismPort,
    method: request.method,
    path: target,
    headers: { ...request.headers, host: `127.0.0.1:${route.prismPort}`, "content-length": String(raw.length) },
  });
  upstream.on("error", (error) => {
    if (response.headersSent) return void response.destroy(error);
    // Prism restarts its server after each change of the spec; a request in that moment finds nobody listening.
    sendJson(response, 503, {
      error: {
        type: "api_error",
        code: "mock_unavailable",
        message: `Prism is not answering (${error.message}); retry in a moment.`,
        request_id: mockRequestId(),
      },
    });
  });
  upstream.on("response", (answer) => {
    const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !hopByHop.has(name)));
    const violations = parseViolations(answer.headers["sl-violations"] as string | undefined);
    const truthful =
      route.mode === "mock" && answer.statusCode === 422 && !choosesResponse(request, target)
        ? errorFromViolations(violations, parsedBody(raw.toString("utf8")), request.headers["content-type"])
        : undefined;
    if (truthful) {
      answer.resume();
      return sendJson(response, 422, truthful, headers);
    }
    response.writeHead(answer.statusCode ?? 502, headers);
    answer.pipe(response);
  });
  upstream.end(raw);
}
