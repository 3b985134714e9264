// How operations become client methods (scripts/lib/codegen/client-names.ts, scripts/lib/codegen/operation-model.ts): the naming the
// issue fixed, and a clear refusal for what cannot become a method.
import { describe, expect, test } from "vitest";
import { clientNameOf } from "../../scripts/lib/codegen/client-names.ts";
import { renderClientSurface } from "../../scripts/lib/codegen/client-surface.ts";
import { operationsOf } from "../../scripts/lib/codegen/operation-model.ts";

describe("resource from the first tag, method from the operationId without the tag's noun", () => {
  test.each([
    ["Customers", "updateCustomer", "customers.update"],
    ["Customers", "retrieveCustomer", "customers.retrieve"],
    ["Customers", "listCustomers", "customers.list"],
    ["Customers", "archiveCustomer", "customers.archive"],
    ["Payment Links", "createPaymentLink", "paymentLinks.create"],
    ["Payment Links", "listPaymentLinks", "paymentLinks.list"],
    ["Companies", "retrieveCompany", "companies.retrieve"],
    ["Addresses", "deleteAddress", "addresses.delete"],
    ["Customers", "customerSearch", "customers.search"],
    ["Customers", "createPortalSession", "customers.createPortalSession"],
    ["Stations", "get-stations", "stations.get"],
    ["Stations", "get_station_departures", "stations.getDepartures"],
    ["Stations", "GetStations", "stations.get"],
    ["Customer Notes!", "list-customer-notes", "customerNotes.list"],
    ["Pets", "getHTTPStatusOfPet", "pets.getHTTPStatusOf"],
  ])("%s / %s → %s", (tag, operationId, expected) => {
    const name = clientNameOf({ tags: [tag], operationId });
    expect("error" in name ? name.error : `${name.resource}.${name.method}`).toBe(expected);
  });

  test("x-kirim-method overrides both", () => {
    expect(
      clientNameOf({ tags: ["Customers"], operationId: "getCustomerById", "x-kirim-method": "customers.retrieve" }),
    ).toEqual({
      resource: "customers",
      method: "retrieve",
    });
  });

  test.each([
    [
      { tags: ["Customers"], operationId: "updateCustomer", "x-kirim-method": "customers" },
      /must be "<resource>.<method>"/,
    ],
    [
      { tags: ["Customers"], operationId: "updateCustomer", "x-kirim-method": "customers.2x" },
      /not a valid JavaScript identifier/,
    ],
    [
      { tags: ["Customers"], operationId: "updateCustomer", "x-kirim-method": "customers.__proto__" },
      /built-in property/,
    ],
    [{ operationId: "updateCustomer" }, /no tag/],
    [{ tags: ["Customers"] }, /no operationId/],
    [{ tags: ["Customers"], operationId: "2fa-customer" }, /not a valid JavaScript identifier/],
    [{ tags: ["Customers"], operationId: "then" }, /thenable/],
    [{ tags: ["Then"], operationId: "listThen" }, /thenable/],
  ])("%j is refused with a reason", (operation, reason) => {
    const name = clientNameOf(operation);
    expect("error" in name ? name.error : "accepted").toMatch(reason);
  });
});

describe("operationsOf refuses, in one message, what lint refuses (lint-refusals.test.ts has each at its file and line)", () => {
  const ok = { "200": { description: "ok" } };
  test("a duplicate name and a body without a media type, each at its JSON pointer; no 2xx resolves to unknown", () => {
    const document = {
      paths: {
        "/customers/{id}": {
          parameters: [{ in: "path", name: "id", required: true, schema: { type: "string" } }],
          get: { tags: ["Customers"], operationId: "retrieveCustomer", responses: ok },
          put: {
            tags: ["Customers"],
            operationId: "replaceCustomer",
            "x-kirim-method": "customers.retrieve",
            responses: ok,
          },
          post: {
            tags: ["Customers"],
            operationId: "uploadAvatar",
            requestBody: { content: {} },
            responses: ok,
          },
        },
        "/customers/{id}/ping": {
          parameters: [{ in: "path", name: "id", required: true, schema: { type: "string" } }],
          head: { tags: ["Customers"], operationId: "pingCustomer", responses: { "404": { description: "no" } } },
        },
      },
    };
    expect(() => operationsOf(document)).toThrow(
      [
        "The spec's operations cannot all become client methods (npm run lint shows each at its file and line):",
        "  /paths/~1customers~1{id}/put/x-kirim-method: PUT /customers/{id} becomes the client method customers.retrieve, which GET /customers/{id} already is; set x-kirim-method on one of them.",
        "  /paths/~1customers~1{id}/post/requestBody: POST /customers/{id}: the request body lists no media type under `content`, so the client would not know what to send.",
      ].join("\n"),
    );
    delete (document.paths["/customers/{id}"] as Record<string, unknown>).put;
    (document.paths["/customers/{id}"].post.requestBody.content as Record<string, unknown>)["multipart/form-data"] = {};
    const ping = renderClientSurface(document)
      .split("\n")
      .find((line) => line.includes("ping("));
    expect(ping).toContain("Returns<Promised, unknown>");
  });

  test("path parameters in URL order, idempotency from the method or x-kirim-idempotent", () => {
    const document = {
      paths: {
        "/teams/{team_id}/members/{member_id}": {
          parameters: [
            { in: "path", name: "member_id" },
            { in: "path", name: "team_id" },
          ],
          delete: {
            tags: ["Team Members"],
            operationId: "removeTeamMember",
            responses: { "204": { description: "gone" } },
          },
          patch: { tags: ["Team Members"], operationId: "updateTeamMember", "x-kirim-idempotent": true, responses: ok },
          post: {
            tags: ["Team Members"],
            operationId: "notifyTeamMember",
            parameters: [{ in: "query", name: "channel" }],
            responses: ok,
          },
        },
      },
    };
    const models = operationsOf(document).map(({ resource, method, pathParams, queryParams, idempotent }) => ({
      name: `${resource}.${method}`,
      pathParams,
      queryParams,
      idempotent,
    }));
    expect(models).toEqual([
      { name: "teamMembers.notify", pathParams: ["team_id", "member_id"], queryParams: ["channel"], idempotent: false },
      { name: "teamMembers.remove", pathParams: ["team_id", "member_id"], queryParams: [], idempotent: true },
      { name: "teamMembers.update", pathParams: ["team_id", "member_id"], queryParams: [], idempotent: true },
    ]);
  });
});

test("a parameter declared on the path item counts like one on the operation: numeric path parameter, required query", () => {
  const document = {
    paths: {
      "/invoices/{number}/lines": {
        parameters: [
          { in: "path", name: "number", required: true, schema: { type: "integer" } },
          { in: "query", name: "currency", required: true, schema: { type: "string" } },
        ],
        get: { tags: ["Invoices"], operationId: "listInvoiceLines", responses: { "200": { description: "ok" } } },
      },
    },
  };
  const surface = renderClientSurface(document);
  expect(surface).toContain('"numeric":["number"]');
  expect(surface).toContain('params: NonNullable<paths["/invoices/{number}/lines"]["get"]["parameters"]["query"]>');
  expect(surface).not.toContain("params?:");
});

test("the cheap shape check (`returns`) is left out when two success statuses carry different bodies", () => {
  const body = (field: string) => ({
    content: {
      "application/json": {
        schema: { type: "object", required: [field], properties: { [field]: { type: "string" } } },
      },
    },
  });
  const document = {
    paths: {
      "/jobs": {
        post: {
          tags: ["Jobs"],
          operationId: "createJob",
          responses: {
            "200": { description: "done", ...body("result") },
            "202": { description: "queued", ...body("ticket") },
          },
        },
        put: {
          tags: ["Jobs"],
          operationId: "replaceJob",
          responses: { "200": { description: "done", ...body("result") } },
        },
      },
    },
  };
  const rows = renderClientSurface(document).split("\n");
  expect(rows.find((line) => line.startsWith("    create:"))).not.toContain('"returns"');
  expect(rows.find((line) => line.startsWith("    replace:"))).toContain('"returns":{"result":"string"}');
});
