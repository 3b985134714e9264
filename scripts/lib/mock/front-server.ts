// The front server's handler: what clients reach, in front of Prism's private port (prism-launcher.ts starts both).
// It passes every request to Prism except what it answers itself, and makes Prism's answers the API's own:
// - the production base path (`/v1/...`) is stripped, so a client points at the mock by changing the host only;
// - a JSON body Prism would never answer (malformed, or `false`, `0`, `null`) gets an immediate answer, with the status
//   and media type the operation documents for invalid requests (invalid-request-answer.ts; Kirim: a 422 Error);
// - (mock) Prism's canned 422 example for an invalid request becomes a 422 in the API's Error format naming the actual
//   violation, from Prism's own `sl-violations` header (kept on the answer); a `Prefer` header (or `__code`…) still
//   gets the documented example it asks for;
// - a 405 gets the `Allow` header RFC 9110 requires, from the methods the spec documents for the path;
// - while Prism is down (restarting), a 503 `mock_unavailable`.
import http from "node:http";
import { allowedMethods } from "./allowed-methods.ts";
import { errorFromViolations, mockRequestId, parseViolations, unanswerableBody } from "./error-answers.ts";
import { invalidRequestAnswer } from "./invalid-request-answer.ts";

export interface Route {
  prismPort: number;
  basePath: string | undefined;
  mode: "mock" | "proxy";
  /** The bundled spec Prism serves. */
  spec: string;
  /** Why Prism is down for good, once the launcher has stopped restarting it. */
  unavailable(): string | undefined;
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

function sendUnavailable(response: http.ServerResponse, message: string): void {
  sendJson(response, 503, {
    error: { type: "api_error", code: "mock_unavailable", message, request_id: mockRequestId() },
  });
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

export async function forward(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  route: Route,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const target = withoutBasePath(request.url ?? "/", route.basePath);

  const refusal = raw.length > 0 ? unanswerableBody(request.headers["content-type"], raw.toString("utf8")) : undefined;
  if (refusal) {
    const answer = invalidRequestAnswer(route.spec, request.method ?? "GET", target, refusal);
    const headers = answer.contentType ? { "content-type": answer.contentType } : {};
    response.writeHead(answer.status, { ...headers, "content-length": Buffer.byteLength(answer.text) });
    return void response.end(answer.text);
  }
  const downForGood = route.unavailable();
  if (downForGood) return sendUnavailable(response, `${downForGood}: restart the mock.`);

  const upstream = http.request({
    host: "127.0.0.1",
    port: route.prismPort,
    method: request.method,
    path: target,
    headers: { ...request.headers, host: `127.0.0.1:${route.prismPort}`, "content-length": String(raw.length) },
  });
  upstream.on("error", (error) => {
    if (response.headersSent) return void response.destroy(error);
    // Prism restarts its server after each change of the spec, and the launcher restarts Prism when it exits; a
    // request in that moment finds nobody listening.
    sendUnavailable(response, `Prism is not answering (${error.message}); retry in a moment.`);
  });
  upstream.on("response", (answer) => {
    const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !hopByHop.has(name)));
    if (answer.statusCode === 405) {
      const allow = allowedMethods(route.spec, target);
      if (allow) headers.allow = allow.join(", ");
    }
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
