// Every shape of operation a row of src/operation-spec.ts can describe, on a table of this file's own (not the
// generated one) against a loopback server: what arrives on the wire, and what the method resolves or rejects with.
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { InternalServerError, KirimApiError, NotFoundError, ValidationError } from "../../src/index.ts";
import type { OperationSpec } from "../../src/operation-spec.ts";
import { everyFeature } from "../helpers/every-feature.ts";
import { errorBody, instantRuntime } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { formDataOf, recordingServerForThisFile, reply } from "./recording-server.ts";

const table = {
  bodies: {
    json: { method: "POST", path: "/json", body: "required" },
    mergePatch: { method: "PATCH", path: "/json", body: "optional", contentType: "application/merge-patch+json" },
    multipart: { method: "POST", path: "/files", body: "required", bodyEncoding: "multipart", idempotent: true },
    form: {
      method: "POST",
      path: "/form",
      body: "required",
      bodyEncoding: "form",
      contentType: "application/x-www-form-urlencoded",
    },
    bytes: {
      method: "PUT",
      path: "/blobs/{name}",
      body: "required",
      bodyEncoding: "binary",
      contentType: "application/octet-stream",
      idempotent: true,
    },
    image: { method: "PUT", path: "/images", body: "required", bodyEncoding: "binary", contentType: "image/*" },
    pdf: { method: "PUT", path: "/docs", body: "required", bodyEncoding: "binary", contentType: "application/pdf" },
    note: { method: "POST", path: "/notes", body: "optional", bodyEncoding: "text", contentType: "text/plain" },
    query: { method: "GET", path: "/query", body: "optional" },
    peek: { method: "HEAD", path: "/query", body: "optional" },
  },
  readings: {
    blob: { method: "GET", path: "/blobs/{name}", reading: "blob", accept: "application/octet-stream" },
    text: { method: "GET", path: "/report.csv", reading: "text", accept: "text/csv" },
    auto: { method: "GET", path: "/any", reading: "auto", accept: "application/json, */*;q=0.8" },
    json: { method: "GET", path: "/thing" },
    remove: { method: "DELETE", path: "/things/{id}", idempotent: true },
  },
  params: {
    search: {
      method: "GET",
      path: "/search",
      query: ["q", "tags", "csv", "spaced", "piped", "filter", "point", "flat", "none"],
      queryStyles: {
        csv: { style: "form", explode: false },
        spaced: { style: "spaceDelimited", explode: false },
        piped: { style: "pipeDelimited", explode: false },
        filter: { style: "deepObject", explode: true },
        flat: { style: "form", explode: false },
      },
    },
    styledPath: {
      method: "GET",
      path: "/p/{simple}/{label}/{matrix}/{exploded}/{dotted}",
      pathStyles: {
        label: { style: "label", explode: false },
        matrix: { style: "matrix", explode: false },
        exploded: { style: "matrix", explode: true },
        dotted: { style: "label", explode: true },
      },
    },
    oddPath: { method: "GET", path: "/odd#part?x/{id}" },
    headerOnly: { method: "GET", path: "/h", header: ["X-Trace-Id", "X-Filter"] },
    headersAndCookies: {
      method: "GET",
      path: "/h",
      header: ["X-Trace-Id", "X-List", "X-Pairs"],
      headerStyles: { "X-Pairs": { style: "simple", explode: true } },
      cookie: ["session", "ids", "prefs"],
      cookieStyles: { ids: { style: "form", explode: false } },
    },
    withBody: { method: "POST", path: "/w/{id}", body: "required", query: ["dry_run"], header: ["Idempotency-Key"] },
  },
} satisfies Record<string, Record<string, OperationSpec>>;

type Method = (...args: unknown[]) => Promise<unknown>;
const server = recordingServerForThisFile();

function client(options: Record<string, unknown> = {}) {
  const { runtime, sleeps } = instantRuntime();
  const kirim = createKirimClientWithRuntime(
    { baseUrl: `${server.origin}/v1`, ...options } as never,
    runtime,
    table,
    {},
    everyFeature,
  ) as unknown as Record<string, Record<string, Method>>;
  return { kirim: kirim as { [R in keyof typeof table]: Record<keyof (typeof table)[R], Method> }, sleeps };
}

/** The 256 byte values, 0x00 to 0xFF: any text decoding on the way changes some of them. */
const everyByte = Uint8Array.from({ length: 256 }, (_, index) => index);

describe("request bodies, by bodyEncoding", () => {
  test.each([
    ["an object", { a: 1, nested: { list: [1, "two", null] } }],
    ["an array", [1, { b: 2 }]],
    ["a string", "just text"],
    ["a number", 42],
    ["null", null],
    ["false", false],
  ])("json: %s is sent as its JSON text with Content-Type and Accept application/json", async (_label, body) => {
    server.answer(reply(200, { ok: true }));
    await expect(client().kirim.bodies.json(body)).resolves.toEqual({ ok: true });
    const [request] = server.requests;
    expect(request!.bytes.toString()).toBe(JSON.stringify(body));
    expect(request!.headers).toMatchObject({ "content-type": "application/json", accept: "application/json" });
  });

  test("json: the spec's own JSON media type is sent; an optional body left out sends no body and no Content-Type", async () => {
    server.answer(reply(204));
    const { kirim } = client();
    await expect(kirim.bodies.mergePatch({ name: null })).resolves.toBeUndefined();
    await expect(kirim.bodies.mergePatch()).resolves.toBeUndefined();
    expect(server.requests.map((request) => [request.headers["content-type"], request.bytes.toString()])).toEqual([
      ["application/merge-patch+json", '{"name":null}'],
      [undefined, ""],
    ]);
  });

  test("multipart: fetch writes the boundary; the server parses text fields, repeated fields, files and JSON parts", async () => {
    server.answer(reply(201, { id: "file_1" }));
    const avatar = new File([everyByte], "avatar.png", { type: "image/png" });
    await client().kirim.bodies.multipart({
      name: "Ada",
      tags: ["a", "b"],
      count: 3,
      avatar,
      notes: new Blob(["hello"], { type: "text/plain" }),
      meta: { plan: "pro" },
      skipped: undefined,
      empty: null,
    });
    const [request] = server.requests;
    expect(request!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const form = await formDataOf(request!);
    expect([...form.keys()]).toEqual(["name", "tags", "tags", "count", "avatar", "notes", "meta"]);
    expect(form.get("name")).toBe("Ada");
    expect(form.getAll("tags")).toEqual(["a", "b"]);
    expect(form.get("count")).toBe("3");
    expect(form.get("meta")).toBe('{"plan":"pro"}');
    const file = form.get("avatar") as File;
    expect([file.name, file.type]).toEqual(["avatar.png", "image/png"]);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(everyByte);
    expect(await (form.get("notes") as File).text()).toBe("hello");
  });

  test("multipart: a FormData of the caller's is sent as it is, and resent whole by a retry", async () => {
    server.answer((res, request, index) => reply(index === 0 ? 503 : 200, { ok: index })(res, request, index));
    const form = new FormData();
    form.append("file", new Blob([everyByte]), "bytes.bin");
    await client().kirim.bodies.multipart(form);
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      const file = (await formDataOf(request)).get("file") as File;
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(everyByte);
    }
  });

  test("form: urlencoded fields, arrays repeated, absent values left out, the spec's Content-Type", async () => {
    server.answer(reply(200, {}));
    const { kirim } = client();
    await kirim.bodies.form({ q: "a b&c", list: ["x", "y"], n: 3, yes: true, none: undefined, nil: null });
    await kirim.bodies.form(new URLSearchParams([["raw", "1"]]));
    expect(server.requests.map((request) => request.bytes.toString())).toEqual([
      "q=a+b%26c&list=x&list=y&n=3&yes=true",
      "raw=1",
    ]);
    expect(server.requests[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect((await formDataOf(server.requests[0]!)).getAll("list")).toEqual(["x", "y"]);
  });

  test.each([
    ["a Uint8Array", () => everyByte],
    ["an ArrayBuffer", () => everyByte.slice().buffer],
    ["a Blob", () => new Blob([everyByte])],
    ["a DataView", () => new DataView(everyByte.slice().buffer)],
    [
      "a ReadableStream",
      () =>
        new ReadableStream({
          start(controller) {
            controller.enqueue(everyByte.slice(0, 100));
            controller.enqueue(everyByte.slice(100));
            controller.close();
          },
        }),
    ],
  ])("binary: %s arrives byte for byte (0x00–0xFF) with the spec's Content-Type", async (_label, body) => {
    server.answer(reply(200, { stored: true }));
    await client().kirim.bodies.bytes("file.bin", body());
    const [request] = server.requests;
    expect(new Uint8Array(request!.bytes)).toEqual(everyByte);
    expect(request!.headers["content-type"]).toBe("application/octet-stream");
    expect(request!.rawUrl).toBe("/v1/blobs/file.bin");
  });

  test("binary: for a media range (image/*) the Blob's own type is sent, else application/octet-stream", async () => {
    server.answer(reply(204));
    const { kirim } = client();
    await kirim.bodies.image(new Blob([everyByte], { type: "image/png" }));
    await kirim.bodies.image(everyByte);
    expect(server.requests.map((request) => request.headers["content-type"])).toEqual([
      "image/png",
      "application/octet-stream",
    ]);
  });

  test("binary: a concrete media type is sent as the spec says, whatever the Blob's own type", async () => {
    server.answer(reply(204));
    const { kirim } = client();
    await kirim.bodies.pdf(new Blob([everyByte], { type: "image/png" }));
    await kirim.bodies.pdf(everyByte);
    expect(server.requests.map((request) => request.headers["content-type"])).toEqual([
      "application/pdf",
      "application/pdf",
    ]);
  });

  test("binary: a typed array changed during a retry changes nothing on the wire (copied once)", async () => {
    const bytes = everyByte.slice();
    server.answer((res, request, index) => {
      bytes.fill(0);
      reply(index === 0 ? 502 : 200, {})(res, request, index);
    });
    await client().kirim.bodies.bytes("f", bytes);
    expect(server.requests.map((request) => new Uint8Array(request.bytes))).toEqual([everyByte, everyByte]);
  });

  test("binary: a ReadableStream body cannot be replayed, so a 503 is not retried; a Blob is", async () => {
    server.answer(reply(503, errorBody("api_error", "unavailable", "later")));
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(everyByte);
        controller.close();
      },
    });
    const { kirim, sleeps } = client();
    expect(await rejectionOf(kirim.bodies.bytes("f", stream))).toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    await rejectionOf(kirim.bodies.bytes("f", new Blob([everyByte]), { maxRetries: 1 }));
    expect(server.requests).toHaveLength(3);
    expect(new Uint8Array(server.requests[2]!.bytes)).toEqual(everyByte);
  });

  test("a GET or HEAD whose optional body is left out is sent without one", async () => {
    server.answer(reply(204));
    const { kirim } = client();
    await kirim.bodies.query();
    await kirim.bodies.peek();
    expect(server.requests.map((request) => request.method)).toEqual(["GET", "HEAD"]);
  });

  test("text: a string as it is, with the spec's Content-Type", async () => {
    server.answer(reply(200, "ok", { "content-type": "text/plain" }));
    await client().kirim.bodies.note("<note>é</note>");
    expect(server.requests[0]!.bytes.toString()).toBe("<note>é</note>");
    expect(server.requests[0]!.headers["content-type"]).toBe("text/plain");
  });

  test.each([
    ["json: a function", "json", [() => 1], /bodies\.json: body cannot be serialised to JSON \(function\)/],
    ["json: a required body left out", "json", [], /bodies\.json: body is required/],
    ["multipart: an array", "multipart", [["a"]], /bodies\.multipart: body must be an object of the form's fields/],
    ["form: a string", "form", ["a=1"], /bodies\.form: body must be an object of the form's fields/],
    ["form: a Blob field", "form", [{ file: new Blob(["x"]) }], /bodies\.form: file is a Blob/],
    ["binary: a string", "bytes", ["f", "text"], /bodies\.bytes: body must be a Blob, ArrayBuffer, typed array/],
    ["binary: an object", "bytes", ["f", { bytes: [1] }], /bodies\.bytes: body must be a Blob/],
    ["text: an object", "note", [{ text: "x" }], /bodies\.note: body must be a string/],
    [
      "a GET with a body, which fetch cannot send",
      "query",
      [{ q: 1 }],
      /bodies\.query: a GET request cannot carry a body/,
    ],
    ["a HEAD with a body", "peek", [""], /bodies\.peek: a HEAD request cannot carry a body/],
  ] as const)("%s → TypeError before anything is sent", async (_label, method, args, message) => {
    const call = client().kirim.bodies[method](...args);
    await expect(call).rejects.toThrow(TypeError);
    await expect(call).rejects.toThrow(message);
    expect(server.requests).toEqual([]);
  });
});

describe("responses, by reading", () => {
  test("blob: a binary download keeps every byte (0x00–0xFF), typed by its Content-Type; Accept as the spec says", async () => {
    server.answer(reply(200, Buffer.from(everyByte), { "content-type": "application/octet-stream" }));
    const blob = (await client().kirim.readings.blob("report.pdf")) as Blob;
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe("application/octet-stream");
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(everyByte);
    expect(server.requests[0]!.headers.accept).toBe("application/octet-stream");
  });

  test("text: a string as sent (CSV), whatever its bytes spell", async () => {
    server.answer(reply(200, "id,name\n1,Zoë\n", { "content-type": "text/csv; charset=utf-8" }));
    await expect(client().kirim.readings.text()).resolves.toBe("id,name\n1,Zoë\n");
    expect(server.requests[0]!.headers.accept).toBe("text/csv");
  });

  test.each([
    ["application/json", '{"a":1}', { a: 1 }],
    ["application/vnd.kirim.v2+json; charset=utf-8", "[1,2]", [1, 2]],
    ["application/problem+json", '{"title":"t"}', { title: "t" }],
    ["text/plain", '{"a":1}', '{"a":1}'],
    ["application/xml", "<a/>", "<a/>"],
    ["application/atom+xml", "<feed/>", "<feed/>"],
    ["Application/JSON ; charset=utf-8", '{"a":1}', { a: 1 }],
  ])("auto: %s is read by its Content-Type", async (contentType, body, expected) => {
    server.answer(reply(200, body, { "content-type": contentType }));
    await expect(client().kirim.readings.auto()).resolves.toEqual(expected);
    expect(server.requests[0]!.headers.accept).toBe("application/json, */*;q=0.8");
  });

  test.each([
    ["image/png", "image/png"],
    [undefined, ""],
  ])("auto: %s (or no Content-Type) is read as bytes", async (contentType, type) => {
    server.answer(reply(200, Buffer.from(everyByte), contentType ? { "content-type": contentType } : {}));
    const blob = (await client().kirim.readings.auto()) as Blob;
    expect(blob.type).toBe(type);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(everyByte);
  });

  test.each([
    ["a 204", "remove", ["thing_1"], reply(204)],
    ["a 200 with an empty JSON body", "json", [], reply(200, "", { "content-type": "application/json" })],
    ["an empty text body", "text", [], reply(200, "", { "content-type": "text/csv" })],
    ["an empty binary body", "blob", ["x"], reply(200, "", { "content-type": "application/pdf" })],
    ["an empty body read by its type", "auto", [], reply(202, "", { "content-type": "image/png" })],
  ] as const)("%s resolves to undefined", async (_label, method, args, answer) => {
    server.answer(answer);
    await expect(client().kirim.readings[method](...args)).resolves.toBeUndefined();
  });

  test("the operation's reading wins over the Content-Type the server labels the body with", async () => {
    const { kirim } = client();
    server.answer(reply(200, '{"a":1}', { "content-type": "text/plain" }));
    await expect(kirim.readings.json()).resolves.toEqual({ a: 1 });
    server.answer(reply(200, '{"a":1}'));
    await expect(kirim.readings.json()).resolves.toEqual({ a: 1 });
    server.answer(reply(200, '{"a":1}', { "content-type": "application/json" }));
    await expect(kirim.readings.text()).resolves.toBe('{"a":1}');
    server.answer(reply(200, Buffer.from(everyByte), { "content-type": "text/plain" }));
    const blob = (await kirim.readings.blob("x")) as Blob;
    expect(blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(everyByte);
  });

  test("json: a body that is not JSON comes back as its text (an operation without a documented shape)", async () => {
    server.answer(reply(200, "<html>ok</html>", { "content-type": "text/html" }));
    await expect(client().kirim.readings.json()).resolves.toBe("<html>ok</html>");
  });
});

describe("errors, whatever the spec's error schema", () => {
  test("an RFC 9457 problem: type, title and detail in the message, the body kept; the class by status", async () => {
    const problem = {
      type: "https://example.com/probs/no-such-pet",
      title: "Not Found",
      detail: "No pet has id 7.",
      instance: "/pets/7",
    };
    server.answer(reply(404, JSON.stringify(problem), { "content-type": "application/problem+json" }));
    const error = await rejectionOf(client().kirim.readings.json());
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      type: "https://example.com/probs/no-such-pet",
      code: undefined,
      message: "Kirim API 404 Not Found: No pet has id 7.",
      body: problem,
    });
  });

  test("a problem with a title only, or with a code member of its own", async () => {
    const { kirim } = client({ maxRetries: 0 });
    server.answer(
      reply(422, JSON.stringify({ title: "Invalid input" }), { "content-type": "application/problem+json" }),
    );
    expect(await rejectionOf(kirim.readings.json())).toMatchObject({ message: "Kirim API 422: Invalid input" });
    const withCode = { title: "Invalid", detail: "name is too long", code: "too_long" };
    server.answer(reply(422, JSON.stringify(withCode), { "content-type": "application/problem+json; charset=utf-8" }));
    const error = await rejectionOf(kirim.readings.json());
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: "too_long", message: "Kirim API 422 too_long: name is too long" });
  });

  test("the same fields as plain JSON are not read as a problem: the body is kept, the message quotes it", async () => {
    server.answer(reply(400, { title: "Not a problem", detail: "plain JSON" }));
    const error = await rejectionOf(client().kirim.readings.json());
    expect(error).toMatchObject({
      status: 400,
      type: undefined,
      body: { title: "Not a problem", detail: "plain JSON" },
    });
    expect((error as Error).message).toMatch(
      /^Kirim API answered 400 without the documented JSON error body: \{"title"/,
    );
  });

  test("an empty error body: the body is undefined and the message says so", async () => {
    server.answer(reply(404));
    const error = await rejectionOf(client().kirim.readings.json());
    expect(error).toMatchObject({ status: 404, body: undefined });
    expect((error as Error).message).toMatch(
      /^Kirim API answered 404 without the documented JSON error body: \(empty body\); .* check baseUrl/,
    );
  });

  test("Kirim's envelope is read on any operation; any other body keeps status, headers and raw text", async () => {
    const { kirim } = client({ maxRetries: 0 });
    server.answer(reply(409, errorBody("invalid_request_error", "conflict", "already exists")));
    expect(await rejectionOf(kirim.readings.json())).toMatchObject({ status: 409, code: "conflict" });
    server.answer(reply(418, "<teapot/>", { "content-type": "application/xml", "x-request-id": "req_x" }));
    const error = (await rejectionOf(kirim.readings.json())) as KirimApiError;
    expect(error).toBeInstanceOf(KirimApiError);
    expect(error).toMatchObject({ status: 418, body: "<teapot/>", requestId: "req_x" });
    expect(error.headers.get("content-type")).toBe("application/xml");
  });
});

describe("parameters, by location and style", () => {
  test.each([
    ["a scalar, form exploded (the default)", { q: "a b/c" }, "q=a%20b%2Fc"],
    ["an array, form exploded", { tags: ["x", "y"] }, "tags=x&tags=y"],
    ["an array, form not exploded", { csv: ["x", "y,z"] }, "csv=x,y%2Cz"],
    ["an array, spaceDelimited", { spaced: ["x", "y"] }, "spaced=x%20y"],
    ["an array, pipeDelimited", { piped: [1, 2, 3] }, "piped=1|2|3"],
    [
      "an object, deepObject",
      { filter: { status: "active", tier: "gold" } },
      "filter[status]=active&filter[tier]=gold",
    ],
    [
      "a nested object and an array, deepObject",
      { filter: { a: { b: 1 }, c: [1, 2] } },
      "filter[a][b]=1&filter[c]=1&filter[c]=2",
    ],
    ["an object, form exploded", { point: { x: 1, y: 2 } }, "x=1&y=2"],
    ["absent fields are left out", { point: { x: 1, y: null }, filter: { a: undefined, b: 2 } }, "filter[b]=2&x=1"],
    ["an object, form not exploded", { flat: { x: 1, y: "a b" } }, "flat=x,1,y,a%20b"],
    ["booleans and numbers", { q: false, tags: [0, true] }, "q=false&tags=0&tags=true"],
    ["absent values and empty arrays are left out", { q: undefined, tags: [], none: null }, ""],
    ["an empty array is left out when not exploded too", { csv: [], spaced: [] }, ""],
    ["the spec's order, whatever the object's", { tags: ["t"], q: "first" }, "q=first&tags=t"],
  ])("query: %s", async (_label, params, query) => {
    server.answer(reply(200, {}));
    await client().kirim.params.search(params);
    expect(server.requests[0]!.rawUrl).toBe(query ? `/v1/search?${query}` : "/v1/search");
  });

  test.each([
    ["scalars", ["a b", "l", "m", "e", "d"], "/v1/p/a%20b/.l/;matrix=m/;exploded=e/.d"],
    [
      "arrays",
      [
        ["a", "b"],
        ["c", "d"],
        ["e", "f"],
        ["g", "h"],
        ["i", "j"],
      ],
      "/v1/p/a,b/.c,d/;matrix=e,f/;exploded=g;exploded=h/.i.j",
    ],
    [
      "objects",
      [{ x: 1, y: 2 }, { x: "a/b" }, { x: 1 }, { x: 1, y: 2, z: null }, { x: 1, y: 2 }],
      "/v1/p/x,1,y,2/.x,a%2Fb/;matrix=x,1/;x=1;y=2/.x=1.y=2",
    ],
  ])(
    "path: %s by simple, label, matrix and exploded matrix and label styles, each value encoded",
    async (_label, args, path) => {
      server.answer(reply(200, {}));
      await client().kirim.params.styledPath(...args);
      expect(server.requests[0]!.rawUrl).toBe(path);
    },
  );

  test.each([
    ["an empty array", [[], "l", "m", "e", "d"], /params\.styledPath: simple must not be empty/],
    ["null", [null, "l", "m", "e", "d"], /simple must be a string, number, boolean, array or object/],
    ["an array holding an object", [[{}], "l", "m", "e", "d"], /simple must hold strings, finite numbers or booleans/],
    [
      "a relative step through a style",
      [["."], "l", "m", "e", "d"],
      /simple "\." cannot be sent: URLs read it as a relative path step/,
    ],
    ["a lone surrogate in an array", [["\uD800"], "l", "m", "e", "d"], /unpaired UTF-16 surrogate/],
  ])("path: %s → TypeError before anything is sent", async (_label, args, message) => {
    await expect(client().kirim.params.styledPath(...args)).rejects.toThrow(message);
    expect(server.requests).toEqual([]);
  });

  test("a `#` or `?` the spec writes into a path is sent as path text, never as a fragment or a query", async () => {
    server.answer(reply(200, {}));
    await client().kirim.params.oddPath("a#b");
    expect(server.requests[0]!.rawUrl).toBe("/v1/odd%23part%3Fx/a%23b");
  });

  test("header parameters by simple style, cookie parameters by form style, from the same params object", async () => {
    server.answer(reply(200, {}));
    await client().kirim.params.headersAndCookies({
      "X-Trace-Id": "t-1",
      "X-List": ["a", "b"],
      "X-Pairs": { role: "admin", team: "core" },
      session: "s p;ace",
      ids: [3, 4],
      prefs: { theme: "dark", lang: "en" },
    });
    expect(server.requests[0]!.headers).toMatchObject({
      "x-trace-id": "t-1",
      "x-list": "a,b",
      "x-pairs": "role=admin,team=core",
      cookie: "session=s%20p%3Bace; ids=3,4; theme=dark; lang=en",
    });
  });

  test("parameters left out send nothing: the headers are a bare fetch's, without a Cookie", async () => {
    server.answer(reply(200, {}));
    await fetch(`${server.origin}/v1/h`);
    await client().kirim.params.headersAndCookies();
    await client().kirim.params.headersAndCookies({ session: undefined });
    await client().kirim.params.search({ q: "x" });
    const [bare, ...calls] = server.requests.map((request) => Object.keys(request.headers).sort());
    expect(bare).not.toContain("cookie");
    expect(calls).toEqual([bare, bare, bare]);
  });

  test("a header parameter only: an object without a style is simple, not exploded; a tab is printable", async () => {
    server.answer(reply(200, {}));
    await client().kirim.params.headerOnly({ "X-Trace-Id": "a\tb", "X-Filter": { status: "active", tier: 2 } });
    expect(server.requests[0]!.headers).toMatchObject({ "x-trace-id": "a\tb", "x-filter": "status,active,tier,2" });
  });

  test("a caller's own headers win over header parameters; a caller's Cookie is kept and extended", async () => {
    server.answer(reply(200, {}));
    const { kirim } = client({ headers: { cookie: "client=1" } });
    await kirim.params.headersAndCookies(
      { "X-Trace-Id": "param", session: "s" },
      { headers: { "x-trace-id": "mine" } },
    );
    expect(server.requests[0]!.headers).toMatchObject({ "x-trace-id": "mine", cookie: "client=1; session=s" });
  });

  test("an operation with a body takes its parameters in options.params", async () => {
    server.answer(reply(200, {}));
    await client().kirim.params.withBody("w 1", { a: 1 }, { params: { dry_run: true, "Idempotency-Key": "k1" } });
    expect(server.requests[0]).toMatchObject({ rawUrl: "/v1/w/w%201?dry_run=true" });
    expect(server.requests[0]!.headers["idempotency-key"]).toBe("k1");
  });

  test.each([
    ["params that are not an object", "search", ["q=1"], /params\.search: params must be an object/],
    ["a parameter the operation does not have", "search", [{ qq: 1 }], /params\.search: unknown parameter "qq"/],
    ["a query value that is an object inside an array", "search", [{ tags: [{}] }], /tags must hold strings/],
    ["a non-finite number", "search", [{ q: Number.NaN }], /q must hold strings, finite numbers or booleans/],
    [
      "a header value with a line break",
      "headersAndCookies",
      [{ "X-Trace-Id": "a\r\nb: c" }],
      /X-Trace-Id must be printable ASCII/,
    ],
    [
      "a header value outside ASCII",
      "headersAndCookies",
      [{ "X-Trace-Id": "é" }],
      /X-Trace-Id must be printable ASCII/,
    ],
  ] as const)("%s → TypeError before anything is sent", async (_label, method, args, message) => {
    const call = (client().kirim.params[method] as Method)(...args);
    await expect(call).rejects.toThrow(TypeError);
    await expect(call).rejects.toThrow(message);
    expect(server.requests).toEqual([]);
  });
});
