// The generator and the runtime together: the every-shape fixture's generated table, security schemes and typed
// methods (test/fixtures/every-shape/generated/client.ts) driven by src/ against a loopback server. operation-shapes
// and auth test each row shape on tables of their own; this proves the rows the generator writes are the ones the
// runtime reads, on the wire.
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { NotFoundError } from "../../src/index.ts";
import type { KirimClientOptions, RequestOptions } from "../../src/options.ts";
import {
  type KirimCredentials,
  type KirimResources,
  operationTable,
  securitySchemes,
} from "../fixtures/every-shape/generated/client.ts";
import { runtimeFeatures } from "../fixtures/every-shape/generated/features.ts";
import { instantRuntime } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { formDataOf, recordingServerForThisFile, reply } from "./recording-server.ts";

const server = recordingServerForThisFile();
const everyByte = Buffer.from(Array.from({ length: 256 }, (_, index) => index));

function everyShapeClient(credentials: KirimCredentials): KirimResources<RequestOptions> {
  const options = { baseUrl: server.origin, maxRetries: 1, ...credentials } as unknown as KirimClientOptions;
  return createKirimClientWithRuntime(
    options,
    instantRuntime().runtime,
    operationTable,
    securitySchemes,
    runtimeFeatures,
  ) as unknown as KirimResources<RequestOptions>;
}

describe("the every-shape spec's generated client on the runtime", () => {
  test("a binary download resolves to a Blob with every byte as sent", async () => {
    server.answer(reply(200, everyByte, { "content-type": "application/octet-stream" }));
    const blob = await everyShapeClient({ token: "tok_1" }).files.download("file_1");
    expect(Buffer.from(await blob.arrayBuffer())).toEqual(everyByte);
    expect(server.requests[0]?.headers.accept).toBe("application/octet-stream");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer tok_1");
  });

  test("a CSV export resolves to a Blob, not a string", async () => {
    server.answer(reply(200, "a,b\n1,2\n", { "content-type": "text/csv" }));
    const table = await everyShapeClient({ token: "tok_2" }).files.downloadTable("file_1");
    expect(table).toBeInstanceOf(Blob);
    expect(await table.text()).toBe("a,b\n1,2\n");
  });

  test("a raw upload sends the bytes unchanged, and a retry sends them again", async () => {
    server.answer((res, _request, index) =>
      index === 0 ? reply(503, { error: {} })(res, _request, index) : reply(204)(res, _request, index),
    );
    await everyShapeClient({ token: "tok_2" }).files.replaceContent("file_1", new Uint8Array(everyByte));
    expect(server.requests.map((request) => request.bytes)).toEqual([everyByte, everyByte]);
    expect(server.requests[0]?.headers["content-type"]).toBe("application/octet-stream");
  });

  test("a multipart upload arrives as the form the spec describes, files with their bytes", async () => {
    server.answer(reply(201, { id: "f_1", size: 256 }));
    const file = new Blob([everyByte], { type: "image/png" });
    const stored = await everyShapeClient({ token: "tok_2" }).files.upload({
      file,
      attachments: [file, file],
      name: "logo.png",
      labels: ["brand", "blue"],
    });
    expect(stored).toEqual({ id: "f_1", size: 256 });
    const form = await formDataOf(server.requests[0]!);
    expect(Buffer.from(await (form.get("file") as Blob).arrayBuffer())).toEqual(everyByte);
    expect(form.getAll("attachments")).toHaveLength(2);
    expect(form.get("name")).toBe("logo.png");
    expect(form.getAll("labels")).toEqual(["brand", "blue"]);
  });

  test("query, header and cookie parameters go out in the styles the spec gives them", async () => {
    server.answer(reply(200, []));
    await everyShapeClient({ basicAuth: { username: "ada", password: "pä:ss" } }).reports.list({
      status: ["draft", "final"],
      ids: [1, 2],
      tags: ["a", "b"],
      words: ["x", "y"],
      filter: { owner: "ada", year: 2026 },
      "X-Request-Id": "req_2",
      "X-Tags": ["t1", "t2"],
      session: "s",
      prefs: { theme: "dark" },
    });
    const [request] = server.requests;
    // The delimiters as OpenAPI's style tables write them; the values percent-encoded.
    expect(request?.rawUrl).toBe(
      "/reports?status=draft&status=final&ids=1,2&tags=a|b&words=x%20y&filter[owner]=ada&filter[year]=2026",
    );
    expect(request?.headers["x-request-id"]).toBe("req_2");
    expect(request?.headers["x-tags"]).toBe("t1,t2");
    expect(request?.headers.cookie).toBe("session=s; prefs=theme,dark");
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from("ada:pä:ss").toString("base64")}`);
  });

  test("each scheme sends its credential where the spec puts it; a public operation sends none", async () => {
    const client = everyShapeClient({
      token: "tok",
      headerKey: "hk",
      oauth: async () => "oa",
      queryKey: "qk",
      cookieKey: "ck",
      oidc: () => "id",
    });
    server.answer(reply(200, 3));
    await client.reports.count();
    expect(server.requests[0]?.headers["x-api-key"]).toBe("hk");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer oa");

    server.answer(reply(200, { id: "r", title: "t" }));
    await client.reports.export("r_1");
    expect(server.requests[1]?.rawUrl).toBe("/reports/r_1/export?api_key=qk");

    server.answer(reply(200, "summary", { "content-type": "text/plain" }));
    expect(await client.reports.getSummary("r_1")).toBe("summary");
    expect(server.requests[2]?.headers.cookie).toBe("sid=ck");

    server.answer(reply(200, { id: "r", title: "t" }));
    await client.reports.getOfMonth(2026, "jan");
    expect(server.requests[3]?.headers.authorization).toBe("Bearer id");

    server.answer(reply(200, { token: "session" }));
    await client.sessions.create({ username: "ada", password: "pw" });
    expect(server.requests[4]?.headers.authorization).toBeUndefined();
    expect(server.requests[4]?.bytes.toString()).toBe("username=ada&password=pw");
  });

  test("a problem+json error keeps its title and detail", async () => {
    server.answer(
      reply(404, JSON.stringify({ type: "https://example.com/missing", title: "Not there", detail: "No report r_9" }), {
        "content-type": "application/problem+json",
      }),
    );
    const error = await rejectionOf(everyShapeClient({ token: "tok_2" }).reports.get("r_9"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).type).toBe("https://example.com/missing");
    expect((error as NotFoundError).message).toContain("No report r_9");
  });

  test("a paginated list's generated rows walk its pages: the last item's id as starting_after, until has_more is false", async () => {
    server.answer((res, request, index) =>
      reply(200, index === 0 ? { data: [{ id: "c1", name: "Ada" }], has_more: true } : { data: [], has_more: false })(
        res,
        request,
        index,
      ),
    );
    const names: string[] = [];
    for await (const customer of everyShapeClient({ token: "tok_3" }).customers.list({ limit: 1 }))
      names.push(customer.name);
    expect(names).toEqual(["Ada"]);
    expect(server.requests.map((request) => request.rawUrl)).toEqual([
      "/customers?limit=1",
      "/customers?limit=1&starting_after=c1",
    ]);
  });
});
