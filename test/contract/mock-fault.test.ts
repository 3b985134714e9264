// A Prism restart is the mock's fault, not the operation's (lib/mock-fault.ts): against a loopback stand-in for the
// front server, a request that finds the mock down (503 mock_unavailable) waits until it answers again and is repeated
// once; a request that gets that answer twice fails as a MockFault saying so, never as an assertion on the operation.
import { afterEach, expect, it } from "vitest";
import { type LoopbackServer, listenOnLoopback } from "../helpers/loopback.ts";
import { MockFault, mockFaults, sendToMock } from "./lib/mock-fault.ts";

const down = JSON.stringify({ error: { type: "api_error", code: "mock_unavailable", message: "Prism is restarting" } });
const endpoint = { httpMethod: "get", path: "/things" } as const;
let server: LoopbackServer | undefined;

afterEach(() => server?.close());

/** A front server stand-in: `/` answers 503 for the first `downFor` calls of anything; `/things` as `things` says. */
async function frontServer(things: (call: number) => number, downFor: number) {
  let calls = 0;
  let thingCalls = 0;
  server = await listenOnLoopback((request, response) => {
    calls++;
    const status = request.url === "/" ? (calls <= downFor ? 503 : 404) : things(++thingCalls);
    response.writeHead(status, { "content-type": "application/json" }).end(status === 503 ? down : "{}");
  });
  return server.origin;
}

it("a request that finds the mock restarting is repeated once it answers, and counted", async () => {
  const before = mockFaults.retried;
  const origin = await frontServer((call) => (call === 1 ? 503 : 200), 3);
  const response = await sendToMock(origin, endpoint, { authorization: null });
  expect(response.status).toBe(200);
  expect(mockFaults.retried).toBe(before + 1);
});

it("a request the mock fails twice is a MockFault, named as the mock's", async () => {
  const origin = await frontServer(() => 503, 0);
  const failure = await sendToMock(origin, endpoint, { authorization: null }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(MockFault);
  expect((failure as Error).message).toMatch(
    /^mock fault \(Prism, not the operation under test\): GET \/things got "Prism is restarting" twice/,
  );
});

it("a 503 that is the API's own answer is not taken for the mock's", async () => {
  const before = mockFaults.retried;
  server = await listenOnLoopback((_request, response) => {
    response.writeHead(503, { "content-type": "application/json" }).end('{"error":{"code":"maintenance"}}');
  });
  const response = await sendToMock(server.origin, endpoint, { authorization: null });
  expect(response.status).toBe(503);
  expect(mockFaults.retried).toBe(before);
});
