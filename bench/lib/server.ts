// Minimal loopback server for the overhead bench, run in its own process (fork) so that on a 2-core machine the
// server and the client under test each get a core. It answers PATCH /v1/customers/{id} with the spec's 200
// example (read from the bundle by the parent and sent over IPC), 401 without a bearer token, 404 elsewhere.
// IPC: parent sends { body } → child replies { port }; { type: "count" } → { count }; { type: "close" } → exits.
import { createServer } from "node:http";

interface Start {
  type: "start";
  body: string;
}
type Message = Start | { type: "count" } | { type: "close" };

const send = (message: unknown): void => {
  process.send?.(message);
};

let count = 0;
let payload = Buffer.alloc(0);
const server = createServer((req, res) => {
  count++;
  req.resume();
  req.on("end", () => {
    const ok = req.method === "PATCH" && /^\/v1\/customers\/[^/]+$/.test(req.url ?? "");
    const authorised = /^Bearer\s.+$/.test(req.headers.authorization ?? "");
    const status = !ok ? 404 : authorised ? 200 : 401;
    const body = status === 200 ? payload : Buffer.from(`{"error":{"type":"invalid_request_error","code":"bench_${status}","message":"bench","request_id":"req_bench"}}`);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": body.length,
      "x-request-id": "req_01HXYZABCDEFGHJKMNPQRSTVWX",
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;

process.on("message", (message: Message) => {
  if (message.type === "start") {
    payload = Buffer.from(message.body);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      send({ type: "port", port: typeof address === "object" && address ? address.port : 0 });
    });
  } else if (message.type === "count") {
    send({ type: "count", count });
  } else if (message.type === "close") {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
process.on("disconnect", () => process.exit(0));
