import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Runtime } from "../../../src/runtime.ts";
import type { CustomerEnvelope } from "../../../src/index.ts";

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

/** An HTTP server on 127.0.0.1 at a free port; the test closes it by its handle. */
export async function startLoopback(options: http.ServerOptions = {}): Promise<Loopback> {
  const seen: SeenRequest[] = [];
  let respond: Respond = (res) => sendJson(res, 500, { unexpected: true });
  const server = http.createServer(options, (req, res) => {
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
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    respondWith(next) {
      respond = next;
    },
    reset() {
      seen.length = 0;
      server.closeAllConnections();
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A loopback port nobody listens on: bind one, then close it. */
export async function refusedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function errorBody(type: string, code: string, message: string, extra: Record<string, string> = {}) {
  return { error: { type, code, message, request_id: "req_01HXYZERROR", ...extra } };
}

export const FIXED_NOW = Date.UTC(2026, 10, 27, 12, 0, 0);

/** Records every requested pause instead of waiting; random() is 0.5 so backoff is exact. */
export function instantRuntime(): { runtime: Runtime; sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    runtime: {
      async sleep(ms, signal) {
        sleeps.push(ms);
        signal?.throwIfAborted();
      },
      random: () => 0.5,
      now: () => FIXED_NOW,
    },
  };
}

export function customerEnvelope(overrides: Partial<CustomerEnvelope["data"]> = {}): CustomerEnvelope {
  return {
    data: {
      id: "cus_01HXYZABCDEFGHJKMNPQRSTVWX",
      object: "customer",
      name: "Ada Lovelace",
      email: "hello@example.com",
      status: "active",
      metadata: { plan: "pro" },
      archived_at: null,
      team_id: "team_01HXYZABCDEFGHJKMNPQRSTVWX",
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-11-27T12:00:00Z",
      ...overrides,
    },
    request_id: "req_01HXYZABCDEFGHJKMNPQRSTVWX",
  };
}
