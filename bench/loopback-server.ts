// The overhead bench's server, in its own process so that on 2 cores the client under test and the server each get
// one. It is the tests' loopback server answering every request with the body the parent sends over IPC.
import { sendJson, startLoopback } from "../test/helpers/loopback.ts";

const server = await startLoopback();
process.once("message", (body: unknown) => {
  server.respondWith((res) => {
    server.seen.length = 0; // keeps memory flat over many thousand calls
    sendJson(res, 200, body);
  });
  process.send?.({ origin: server.origin });
});
process.once("disconnect", () => void server.close().then(() => process.exit(0)));
