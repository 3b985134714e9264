// A loopback server for the runtime's shape and auth tests: keeps each request's body as bytes (the shared recorder
// decodes it as UTF-8, which would hide a corrupted upload) and answers with whatever the test last set.
import type http from "node:http";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type LoopbackServer, listenOnLoopback } from "../helpers/loopback.ts";

export interface Recorded {
  method: string;
  /** The request target exactly as it arrived on the wire. */
  rawUrl: string;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

export type Answer = (res: http.ServerResponse, request: Recorded, index: number) => void;

export interface RecordingServer {
  readonly origin: string;
  readonly requests: Recorded[];
  answer(with_: Answer): void;
}

/** Started before the file's first test, forgotten and reconnected before each, closed after the last. */
export function recordingServerForThisFile(): RecordingServer {
  const requests: Recorded[] = [];
  let answer: Answer = (res) => {
    res.writeHead(500, { connection: "close" }).end("no answer set");
  };
  let server: LoopbackServer | undefined;
  beforeAll(async () => {
    server = await listenOnLoopback((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const request = {
          method: req.method ?? "",
          rawUrl: req.url ?? "",
          headers: req.headers,
          bytes: Buffer.concat(chunks),
        };
        requests.push(request);
        answer(res, request, requests.length - 1);
      });
    });
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    requests.length = 0;
    server?.server.closeAllConnections();
  });
  return {
    get origin() {
      if (!server) throw new Error("the recording server starts in beforeAll; use it inside a test");
      return server.origin;
    },
    requests,
    answer(next) {
      answer = next;
    },
  };
}

/** Answers `status` with `body` (JSON unless a string or bytes), closing the connection. */
export function reply(status: number, body?: unknown, headers: http.OutgoingHttpHeaders = {}): Answer {
  return (res) => {
    const bytes =
      body === undefined
        ? Buffer.alloc(0)
        : Buffer.isBuffer(body) || typeof body === "string"
          ? Buffer.from(body)
          : Buffer.from(JSON.stringify(body));
    const type = typeof body === "object" && !Buffer.isBuffer(body) ? { "content-type": "application/json" } : {};
    res.writeHead(status, { ...type, "content-length": bytes.length, connection: "close", ...headers });
    res.end(bytes);
  };
}

/** The request body as the server's own Web API reads a form: a multipart or urlencoded body, parsed. */
export async function formDataOf(request: Recorded): Promise<FormData> {
  const contentType = String(request.headers["content-type"]);
  return new Response(new Uint8Array(request.bytes), { headers: { "content-type": contentType } }).formData();
}
