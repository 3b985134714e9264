// Loopback HTTP servers for tests: bound to 127.0.0.1 on a free port, stopped by their own handle.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { freePort } from "../../scripts/lib/mock/free-port.ts";

export interface SeenRequest {
  method: string;
  /** The request target exactly as it arrived on the wire. */
  rawUrl: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** `index` counts the requests this server has seen since the last reset, from 0. */
export type Respond = (res: http.ServerResponse, seen: SeenRequest, index: number) => void;

export interface Loopback {
  origin: string;
  seen: SeenRequest[];
  respondWith(respond: Respond): void;
  reset(): void;
  close(): Promise<void>;
}

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  server: http.Server;
  /** Drops open connections, then stops listening. */
  close(): Promise<void>;
}

/** The one loopback HTTP server for tests: `handler` on 127.0.0.1 at a port the OS picks; closed by its handle. */
export async function listenOnLoopback(
  handler: http.RequestListener,
  options: http.ServerOptions = {},
): Promise<LoopbackServer> {
  const server = http.createServer(options, handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    server,
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A loopback server that records each request and answers with whatever the test last set. */
export async function startLoopback(options: http.ServerOptions = {}): Promise<Loopback> {
  const seen: SeenRequest[] = [];
  let respond: Respond = (res) => sendJson(res, 500, { unexpected: true });
  const listening = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: SeenRequest = {
        method: req.method ?? "",
        rawUrl: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      seen.push(request);
      respond(res, request, seen.length - 1);
    });
  }, options);
  return {
    origin: listening.origin,
    seen,
    respondWith(next) {
      respond = next;
    },
    reset() {
      seen.length = 0;
      listening.server.closeAllConnections();
    },
    close: listening.close,
  };
}

/**
 * One recording loopback server for a whole test file: started before the first test, reset (requests forgotten,
 * connections dropped) before each, closed after the last.
 */
export function loopbackForThisFile(options: http.ServerOptions = {}): Loopback {
  let started: Loopback | undefined;
  beforeAll(async () => {
    started = await startLoopback(options);
  });
  afterAll(() => started?.close());
  beforeEach(() => started?.reset());
  const current = (): Loopback => {
    if (!started) throw new Error("the loopback server starts in beforeAll; use it inside a test");
    return started;
  };
  return {
    get origin() {
      return current().origin;
    },
    get seen() {
      return current().seen;
    },
    respondWith: (respond) => current().respondWith(respond),
    reset: () => current().reset(),
    close: () => current().close(),
  };
}

/** Whether `url` points at this machine (127.0.0.1, localhost or [::1]). */
export function isLoopbackUrl(url: string | URL): boolean {
  return ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
}

/** A loopback port nobody listens on, so a connection to it is refused. */
export const refusedPort = freePort;

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * sendJson that also closes the connection: the server drops idle connections between tests, and a call with no
 * retries left must not meet one of them.
 */
export function sendJsonThenClose(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) {
  sendJson(res, status, body, { connection: "close", ...headers });
}
