// The promise a method returns: awaited, the data; `.withResponse()` the data beside the response and request id;
// `.asResponse()` the 2xx response with its body unread, for streaming.
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { NotFoundError } from "../../src/index.ts";
import { everyShapeClient as everyShapeClientFor } from "../helpers/every-shape-client.ts";
import { customerEnvelope, customerId, errorBody, instantRuntime } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { recordingServerForThisFile, reply } from "./recording-server.ts";

const server = recordingServerForThisFile();

const kirim = () =>
  createKirimClientWithRuntime({ apiKey: "sk_test_1", baseUrl: server.origin }, instantRuntime().runtime);

const everyShapeClient = () => everyShapeClientFor({ baseUrl: server.origin, token: "tok_1" });

describe("withResponse", () => {
  test("gives the data, the response and the body's request_id", async () => {
    server.answer(reply(200, customerEnvelope(), { "x-ratelimit-remaining": "41", "x-request-id": "req_header" }));
    const { data, response, requestId } = await kirim().customers.update(customerId, { name: "Ada" }).withResponse();
    expect(data).toEqual(customerEnvelope());
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("41");
    expect(requestId).toBe(customerEnvelope().request_id);
  });

  test("takes the request id from x-request-id when the body has none", async () => {
    server.answer(reply(200, { id: "f_1", size: 1 }, { "x-request-id": "req_from_header" }));
    const { requestId } = await everyShapeClient()
      .files.upload({ file: new Blob(["x"]), name: "a" })
      .withResponse();
    expect(requestId).toBe("req_from_header");
  });

  test("no request id in the body or the headers: undefined", async () => {
    server.answer(reply(201, { id: "f_1", size: 1 }));
    const { requestId } = await everyShapeClient()
      .files.upload({ file: new Blob(["x"]), name: "a" })
      .withResponse();
    expect(requestId).toBeUndefined();
  });

  test("the plain await still gives the data, and an error rejects both ways", async () => {
    server.answer(reply(200, customerEnvelope()));
    expect(await kirim().customers.update(customerId, { name: "Ada" })).toEqual(customerEnvelope());
    server.answer(reply(404, errorBody("invalid_request_error", "resource_missing", "No such customer")));
    const call = kirim().customers.update(customerId, { name: "Ada" });
    expect(await rejectionOf(call.withResponse())).toBeInstanceOf(NotFoundError);
    expect(await rejectionOf(call)).toBeInstanceOf(NotFoundError);
  });
});

describe("asResponse", () => {
  test("gives the download's response with its body unread, to stream", async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
    server.answer(reply(200, bytes, { "content-type": "application/octet-stream" }));
    const call = everyShapeClient().files.download("file_1");
    const response = await call.asResponse();
    expect(response.bodyUsed).toBe(false);
    // The body was left for the caller: the data promise has none.
    expect(await call).toBeUndefined();
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    expect(Buffer.concat(chunks)).toEqual(bytes);
  });

  test("an error status still rejects with the API's error", async () => {
    server.answer(reply(404, errorBody("invalid_request_error", "resource_missing", "No such file")));
    const error = await rejectionOf(everyShapeClient().files.download("file_1").asResponse());
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).code).toBe("resource_missing");
  });

  test("too late while the call reads a body that then fails: the call's own rejection is not left unhandled", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", record);
    server.answer((res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      setTimeout(() => res.end("not json"), 300);
    });
    let headersArrived: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      headersArrived = resolve;
    });
    const client = createKirimClientWithRuntime(
      {
        apiKey: "sk_test_1",
        baseUrl: server.origin,
        fetch: async (request) => {
          const response = await fetch(request);
          headersArrived();
          return response;
        },
      },
      instantRuntime().runtime,
    );
    const call = client.customers.update(customerId, { name: "Ada" });
    // Once fetch has the head, the call goes on to read the body within the same few turns, with no I/O between.
    await arrived;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await rejectionOf(call.asResponse())).toBeInstanceOf(TypeError);
    await new Promise((resolve) => setTimeout(resolve, 400));
    process.off("unhandledRejection", record);
    expect(unhandled).toEqual([]);
  });

  test("too late once the call has read the body: a TypeError, and the data is still there", async () => {
    server.answer(reply(200, customerEnvelope()));
    const call = kirim().customers.update(customerId, { name: "Ada" });
    expect(await call).toEqual(customerEnvelope());
    const error = await rejectionOf(call.asResponse());
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/before the response arrives/);
  });
});
