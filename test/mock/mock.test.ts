// The mock tells the truth: through scripts/lib/mock/prism-launcher.ts (the one Prism launcher, behind `npm run mock` and the
// contract suite), an invalid request gets a 422 in the API's Error format naming the actual violation, so the typed
// client raises a ValidationError that says what was wrong; `Prefer` still gets the documented example; `/v1/...`
// works like production; bodies Prism never answers get an immediate 422; a busy port is named.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { errorFromViolations, unanswerableBody } from "../../scripts/lib/mock/error-answers.ts";
import { type PrismServer, startPrism } from "../../scripts/lib/mock/prism-launcher.ts";
import { createKirimClient, ValidationError } from "../../src/index.ts";
import { listenOnLoopback } from "../helpers/loopback.ts";
import { runScript } from "../helpers/run.ts";

describe("Prism's violations in the API's Error format", () => {
  test("a string metadata names metadata, the expected types and what was sent", () => {
    const body = errorFromViolations(
      [
        {
          location: ["request", "body", "metadata"],
          severity: "Error",
          code: "type",
          message: "Request body property metadata must be object,null",
        },
      ],
      { metadata: "plan=pro" },
    );
    expect(body?.error).toMatchObject({
      type: "invalid_request_error",
      code: "invalid_type",
      param: "metadata",
      message: 'metadata must be an object or null; got the string "plan=pro".',
    });
    expect(body?.error.request_id).toMatch(/^req_[0-9A-Za-z]+$/);
  });

  test("an unknown key is the param, and a second violation is not hidden", () => {
    const body = errorFromViolations(
      [
        {
          location: ["request", "body"],
          severity: "Error",
          code: "additionalProperties",
          message: "Request body must NOT have additional properties; found 'emial'",
        },
        {
          location: ["request", "body", "name"],
          severity: "Error",
          code: "type",
          message: "Request body property name must be string",
        },
      ],
      { emial: "ada@example.com", name: 42 },
    );
    expect(body?.error).toMatchObject({ code: "unknown_field", param: "emial" });
    expect(body?.error.message).toBe(
      'Unknown field "emial": this operation does not accept it. Also: name must be a string; got number 42.',
    );
  });

  test("violations about the response only, or none, leave Prism's answer alone", () => {
    expect(errorFromViolations([], {})).toBeUndefined();
    expect(
      errorFromViolations([{ location: ["response", "body", "data"], code: "required", message: "x" }], {}),
    ).toBeUndefined();
  });

  test.each([
    ["false", "invalid_type", "The body must be a JSON object; got boolean false."],
    ["0", "invalid_type", "The body must be a JSON object; got number 0."],
    ["null", "invalid_type", "The body must be a JSON object; got null."],
    ["{bad", "invalid_json", "The body is not valid JSON: "],
  ])("the JSON body %s, which Prism never answers, is refused up front", (raw, code, message) => {
    const refusal = unanswerableBody("application/json; charset=utf-8", raw);
    expect(refusal?.error.code).toBe(code);
    expect(refusal?.error.message.startsWith(message)).toBe(true);
  });

  test("a body of whitespace only, on which Prism hangs too, is not JSON", () => {
    expect(unanswerableBody("application/json", "\n")?.error.code).toBe("invalid_json");
  });

  test("objects, empty bodies and non-JSON content types go on to Prism", () => {
    expect(unanswerableBody("application/json", '{"name":"Ada"}')).toBeUndefined();
    expect(unanswerableBody("application/json", "")).toBeUndefined();
    expect(unanswerableBody("text/plain", "false")).toBeUndefined();
  });
});

describe("the mock", () => {
  let prism: PrismServer;

  beforeAll(async () => {
    prism = await startPrism({ spec: `${projectRoot}/generated/openapi.yaml` });
  });
  afterAll(() => prism?.stop());

  const patch = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${prism.url}${path}`, {
      method: "PATCH",
      headers: { authorization: "Bearer sk_test_mock", "content-type": "application/json", ...headers },
      body,
      signal: AbortSignal.timeout(5_000), // Prism alone never answers some of these; the mock must
    });

  test('the typed client gets a ValidationError naming metadata for { metadata: "plan=pro" }, on the production path', async () => {
    const kirim = createKirimClient({ apiKey: "sk_test_mock", baseUrl: `${prism.url}/v1`, maxRetries: 0 });
    const error = await kirim.customers
      .update("cus_01HX", { metadata: "plan=pro" as never })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ status: 422, code: "invalid_type", param: "metadata" });
    expect((error as ValidationError).message).toContain("metadata must be an object or null");
  });

  test("…and names the unknown key for { emial: … }", async () => {
    const kirim = createKirimClient({ apiKey: "sk_test_mock", baseUrl: `${prism.url}/v1`, maxRetries: 0 });
    const error = await kirim.customers
      .update("cus_01HX", { emial: "ada@example.com" } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: "unknown_field", param: "emial" });
  });

  test("Prism's own finding stays in the sl-violations header", async () => {
    const response = await patch("/customers/cus_01HX", JSON.stringify({ metadata: "plan=pro" }));
    expect(response.status).toBe(422);
    expect(response.headers.get("sl-violations")).toContain('"metadata"');
  });

  test.each([
    ["é", "U+00E9, which Latin-1 decoding turned into Ã©"],
    ["\u007f", "U+007F, which Prism could not put in a header"],
    ["😀", "an emoji, above U+00FF"],
    ["\uffff", "U+FFFF"],
  ])("the unknown key %j (%s) is named as sent, and Prism stays up", async (key) => {
    const pid = prism.pid;
    const response = await patch("/v1/customers/cus_01HX", JSON.stringify({ [key]: 1 }));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { param: string } }).error).toMatchObject({
      code: "unknown_field",
      param: key,
    });
    expect(response.headers.get("sl-violations")).toMatch(/^[\x20-\x7e]+$/);
    expect({ pid: prism.pid, restarts: prism.restarts }).toEqual({ pid, restarts: 0 });
  });

  test("an unknown key longer than Prism's header is still named (shortened with …)", async () => {
    const key = `start${"k".repeat(9_000)}end`;
    const response = await patch("/v1/customers/cus_01HX", JSON.stringify({ [key]: 1 }));
    const { error } = (await response.json()) as { error: { code: string; param: string } };
    expect(error.code).toBe("unknown_field");
    expect(error.param).toMatch(/^startk+…/);
  });

  test("a@com is refused as invalid_email: Kirim wants a dot in the domain (docs/mock.md, CustomerUpdate.email)", async () => {
    const response = await patch("/v1/customers/cus_01HX", JSON.stringify({ email: "a@com" }));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: object }).error).toMatchObject({
      code: "invalid_email",
      param: "email",
    });
  });

  test("a 405 says which methods the path has in Allow (RFC 9110)", async () => {
    const response = await fetch(`${prism.url}/v1/customers/cus_01HX`, {
      method: "DELETE",
      headers: { authorization: "Bearer sk_test_mock" },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("PATCH");
  });

  test("a Prefer-forced 422 still gets the documented example", async () => {
    const response = await patch("/v1/customers/cus_01HX", JSON.stringify({ name: "Ada" }), { prefer: "code=422" });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_email");
  });

  test("a valid request gets the 200 example on both / and /v1", async () => {
    for (const path of ["/customers/cus_01HX", "/v1/customers/cus_01HX"]) {
      const response = await patch(path, JSON.stringify({ name: "Ada" }));
      expect(response.status, path).toBe(200);
    }
  });

  test.each(["false", "0", "null", "{bad"])("the body %s gets an immediate 422 in the Error format", async (raw) => {
    const response = await patch("/v1/customers/cus_01HX", raw);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });
});

test("`npm run mock` on a busy port says which and what to do, and exits 1", async () => {
  const blocker = await listenOnLoopback((_request, response) => response.end());
  const { port } = blocker;
  try {
    const { code, stderr } = await runScript("mock.ts", ["--port", String(port)], projectRoot);
    expect(code).toBe(1);
    expect(stderr).toContain(`port ${port} is in use, try --port`);
    expect(stderr).not.toMatch(/\n\s+at /);
  } finally {
    await blocker.close();
  }
});

test("`npm run mock -- --port x` is a usage error, not a stack", async () => {
  const { code, stderr } = await runScript("mock.ts", ["--port", "x"], projectRoot);
  expect(code).toBe(1);
  expect(stderr).toContain('--port needs a port number (0 picks a free one); got "x".');
});
