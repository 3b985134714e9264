// Auto-pagination (src/pagination.ts) on a table of this file's own, against a loopback server: each style walks its
// pages in order through the method itself (so a page is retried like any call), stops at the last page, on the
// caller's abort between pages, and refuses a cursor or link that comes back.
import { describe, expect, test } from "vitest";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import { KirimError, NotFoundError } from "../../src/index.ts";
import type { OperationTable } from "../../src/operation-spec.ts";
import { everyFeature } from "../helpers/every-feature.ts";
import { errorBody, instantRuntime } from "../helpers/fixtures.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { type Answer, recordingServerForThisFile, reply } from "./recording-server.ts";

const table = {
  customers: {
    list: {
      method: "GET",
      path: "/customers",
      query: ["limit", "starting_after"],
      header: ["X-Trace-Id"],
      idempotent: true,
      pagination: { style: "cursor", items: "data", param: "starting_after", cursor: "id", hasMore: "has_more" },
    },
  },
  invoices: {
    list: {
      method: "GET",
      path: "/accounts/{account}/invoices",
      query: ["page_size", "page_token", "status"],
      header: ["X-Region"],
      idempotent: true,
      pagination: { style: "next-link", items: "items", next: "next" },
    },
  },
  events: {
    list: {
      method: "GET",
      path: "/events",
      query: ["cursor"],
      idempotent: true,
      pagination: { style: "next-cursor", items: "events", param: "cursor", next: "next_cursor" },
    },
  },
  feed: {
    list: {
      method: "GET",
      path: "/feed",
      idempotent: true,
      pagination: { style: "next-link", items: "items", next: "next" },
    },
  },
  // A path with a regex metacharacter, and header parameters without query ones.
  reports: {
    list: {
      method: "GET",
      path: "/reports.v2",
      header: ["X-Region"],
      idempotent: true,
      pagination: { style: "next-link", items: "items", next: "next" },
    },
  },
} satisfies OperationTable;

interface Paged<Page> extends Promise<Page>, AsyncIterable<Record<string, unknown>> {
  pages(): AsyncIterable<Page>;
}
type List = (...args: unknown[]) => Paged<Record<string, unknown>>;

const server = recordingServerForThisFile();

function client(): Record<keyof typeof table, { list: List }> {
  return createKirimClientWithRuntime(
    { baseUrl: server.origin, maxRetries: 1 } as never,
    instantRuntime().runtime,
    table,
    {},
    everyFeature,
  ) as never;
}

const customers = (...ids: string[]) => ids.map((id) => ({ id }));
/** Answers each request with the next of `answers`. */
const inTurn =
  (...answers: Answer[]): Answer =>
  (res, request, index) =>
    answers[index]!(res, request, index);
const paths = () => server.requests.map((request) => request.rawUrl);

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const value of iterable) all.push(value);
  return all;
}

describe("cursor style (starting_after = the last item's id, while has_more)", () => {
  test("three pages, the middle one retried after a 503: every item once, in order, each page asked for once more", async () => {
    server.answer(
      inTurn(
        reply(200, { data: customers("c1", "c2"), has_more: true }),
        reply(503, errorBody("api_error", "server_busy", "try again")),
        reply(200, { data: customers("c3", "c4"), has_more: true }),
        reply(200, { data: customers("c5"), has_more: false }),
      ),
    );
    const ids: unknown[] = [];
    for await (const customer of client().customers.list({ limit: 2, "X-Trace-Id": "t1" })) ids.push(customer.id);
    expect(ids).toEqual(["c1", "c2", "c3", "c4", "c5"]);
    expect(paths()).toEqual([
      "/customers?limit=2",
      "/customers?limit=2&starting_after=c2",
      "/customers?limit=2&starting_after=c2",
      "/customers?limit=2&starting_after=c4",
    ]);
    expect(server.requests.map((request) => request.headers["x-trace-id"])).toEqual(["t1", "t1", "t1", "t1"]);
  });

  test("awaited, it is the first page's body, asked for once", async () => {
    server.answer(reply(200, { data: customers("c1"), has_more: true }));
    expect(await client().customers.list()).toEqual({ data: customers("c1"), has_more: true });
    expect(paths()).toEqual(["/customers"]);
  });

  test(".pages() gives each page's body; the first request is the one the call already sent", async () => {
    server.answer(
      inTurn(
        reply(200, { data: customers("c1"), has_more: true }),
        reply(200, { data: customers("c2"), has_more: false }),
      ),
    );
    const pages = await collect(client().customers.list({ limit: 1 }).pages());
    expect(pages).toEqual([
      { data: customers("c1"), has_more: true },
      { data: customers("c2"), has_more: false },
    ]);
    expect(paths()).toEqual(["/customers?limit=1", "/customers?limit=1&starting_after=c1"]);
  });

  test("the caller's signal aborted between pages rejects with its reason, and nothing more is sent", async () => {
    server.answer(reply(200, { data: customers("c1", "c2"), has_more: true }));
    const controller = new AbortController();
    const reason = new Error("caller stopped");
    const seen: unknown[] = [];
    const iterating = (async () => {
      for await (const customer of client().customers.list({ limit: 2 }, { signal: controller.signal })) {
        seen.push(customer.id);
        if (customer.id === "c2") controller.abort(reason);
      }
    })();
    expect(await rejectionOf(iterating)).toBe(reason);
    expect(seen).toEqual(["c1", "c2"]);
    expect(paths()).toEqual(["/customers?limit=2"]);
  });

  test("a server that answers with the same last item again is refused, naming the cursor, after two requests", async () => {
    server.answer(reply(200, { data: customers("c1", "c2"), has_more: true }));
    const error = await rejectionOf(collect(client().customers.list()));
    expect(error).toBeInstanceOf(KirimError);
    expect((error as Error).message).toBe(
      'customers.list: page 2 points to "c2" again, which was already asked for; stopped rather than loop forever (a server or mock that answers every page alike?).',
    );
    expect(paths()).toEqual(["/customers", "/customers?starting_after=c2"]);
  });

  test("a numeric id is sent in decimal as the cursor", async () => {
    server.answer(
      inTurn(reply(200, { data: [{ id: 41 }], has_more: true }), reply(200, { data: [{ id: 42 }], has_more: false })),
    );
    expect(await collect(client().customers.list())).toEqual([{ id: 41 }, { id: 42 }]);
    expect(paths()).toEqual(["/customers", "/customers?starting_after=41"]);
  });

  test("the caller's own starting cursor counts as asked for", async () => {
    server.answer(reply(200, { data: customers("c9"), has_more: true }));
    const error = await rejectionOf(collect(client().customers.list({ starting_after: "c9" })));
    expect((error as Error).message).toContain('page 1 points to "c9" again');
    expect(paths()).toEqual(["/customers?starting_after=c9"]);
  });

  test("a later page's error rejects the iteration with the same typed error as a call", async () => {
    server.answer(
      inTurn(
        reply(200, { data: customers("c1"), has_more: true }),
        reply(404, errorBody("invalid_request_error", "resource_missing", "No such customer")),
      ),
    );
    expect(await rejectionOf(collect(client().customers.list()))).toBeInstanceOf(NotFoundError);
  });

  test("has_more with no id on the last item, or no items array, is a clear error", async () => {
    server.answer(reply(200, { data: [{ name: "x" }], has_more: true }));
    expect(((await rejectionOf(collect(client().customers.list()))) as Error).message).toBe(
      'customers.list: "has_more" is true but the page\'s last item has no "id" to ask for the next page with (got nothing).',
    );
    server.answer(reply(200, { data: null, has_more: false }));
    expect(((await rejectionOf(collect(client().customers.list()))) as Error).message).toBe(
      'customers.list: the page has no "data" array of items (got null).',
    );
  });
});

describe("next-link style (the body's next holds the next page's URL)", () => {
  test("follows each link's query, keeps the path parameters, stops at null", async () => {
    server.answer(
      inTurn(
        reply(200, {
          items: [{ number: "1" }],
          next: "https://api.example.com/accounts/a%2F1/invoices?page_token=t2&page_size=1&status=open&status=paid",
        }),
        reply(200, { items: [{ number: "2" }], next: "/accounts/a%2F1/invoices?page_token=t3" }),
        reply(200, { items: [{ number: "3" }], next: null }),
      ),
    );
    const numbers = (await collect(client().invoices.list("a/1", { page_size: 1, "X-Region": "eu" }))).map(
      (invoice) => invoice.number,
    );
    expect(numbers).toEqual(["1", "2", "3"]);
    expect(paths()).toEqual([
      "/accounts/a%2F1/invoices?page_size=1",
      "/accounts/a%2F1/invoices?page_size=1&page_token=t2&status=open&status=paid",
      "/accounts/a%2F1/invoices?page_token=t3",
    ]);
    expect(server.requests.map((request) => request.headers["x-region"])).toEqual(["eu", "eu", "eu"]);
  });

  test("a path with a dot is matched as written, and header parameters are kept where there is no query", async () => {
    server.answer(
      inTurn(reply(200, { items: [{ n: 1 }], next: "/reports.v2" }), reply(200, { items: [{ n: 2 }], next: null })),
    );
    const items = await collect(client().reports.list({ "X-Region": "eu" }));
    expect(items).toEqual([{ n: 1 }, { n: 2 }]);
    expect(server.requests.map((request) => request.headers["x-region"])).toEqual(["eu", "eu"]);
  });

  test("a link of only a query is followed; a link elsewhere, or no URL, is refused before it is asked for", async () => {
    server.answer(
      inTurn(
        reply(200, { items: [{ number: "1" }], next: "?page_token=t2" }),
        reply(200, { items: [{ number: "2" }] }),
      ),
    );
    expect(await collect(client().invoices.list("a"))).toEqual([{ number: "1" }, { number: "2" }]);
    expect(paths()).toEqual(["/accounts/a/invoices", "/accounts/a/invoices?page_token=t2"]);
    server.answer(reply(200, { items: [], next: "https://api.example.com/v1/accounts/a/refunds?page_token=t2" }));
    expect(((await rejectionOf(collect(client().invoices.list("a")))) as Error).message).toBe(
      'invoices.list: the next page\'s link "https://api.example.com/v1/accounts/a/refunds?page_token=t2" is not to /accounts/{account}/invoices; only a link to the same operation can be followed.',
    );
    server.answer(reply(200, { items: [], next: "http://[" }));
    expect(((await rejectionOf(collect(client().invoices.list("a")))) as Error).message).toBe(
      'invoices.list: the next page\'s link "http://[" is not a URL.',
    );
    server.answer(reply(200, { items: [], next: 2 }));
    expect(((await rejectionOf(collect(client().invoices.list("a")))) as Error).message).toBe(
      'invoices.list: the page\'s "next" is number, not a cursor or link.',
    );
    // One request for each refused call: its first page.
    expect(paths().slice(2)).toEqual(["/accounts/a/invoices", "/accounts/a/invoices", "/accounts/a/invoices"]);
  });

  test("an operation without parameters can follow no link with a query", async () => {
    server.answer(reply(200, { items: [{ n: 1 }], next: "/feed?page=2" }));
    expect(((await rejectionOf(collect(client().feed.list()))) as Error).message).toBe(
      'feed.list: the next page\'s link has the query parameter "page", which the operation does not declare.',
    );
  });

  test("a link with a parameter the operation does not declare, or the same link again, is refused", async () => {
    server.answer(reply(200, { items: [], next: "/accounts/a/invoices?offset=10" }));
    expect(((await rejectionOf(collect(client().invoices.list("a")))) as Error).message).toBe(
      'invoices.list: the next page\'s link has the query parameter "offset", which the operation does not declare.',
    );
    server.answer(reply(200, { items: [], next: "/accounts/a/invoices?page_token=same" }));
    expect(((await rejectionOf(collect(client().invoices.list("a")))) as Error).message).toContain(
      'page 2 points to "/accounts/a/invoices?page_token=same" again',
    );
  });
});

describe("next-cursor style (the body's next_cursor is sent back as cursor)", () => {
  test('a cursor spelled "undefined" is a cursor like any other, when the call began without one', async () => {
    server.answer(
      inTurn(
        reply(200, { events: [{ id: 1 }], next_cursor: "undefined" }),
        reply(200, { events: [{ id: 2 }], next_cursor: null }),
      ),
    );
    expect(await collect(client().events.list())).toEqual([{ id: 1 }, { id: 2 }]);
  });

  test("sends each cursor back, stops when it is null", async () => {
    server.answer(
      inTurn(
        reply(200, { events: [{ id: 1 }], next_cursor: "k2" }),
        reply(200, { events: [{ id: 2 }], next_cursor: null }),
      ),
    );
    expect(await collect(client().events.list())).toEqual([{ id: 1 }, { id: 2 }]);
    expect(paths()).toEqual(["/events", "/events?cursor=k2"]);
  });

  test("a numeric cursor is sent in decimal; an empty one ends the list", async () => {
    server.answer(
      inTurn(reply(200, { events: [{ id: 1 }], next_cursor: 7 }), reply(200, { events: [{ id: 2 }], next_cursor: "" })),
    );
    expect(await collect(client().events.list())).toEqual([{ id: 1 }, { id: 2 }]);
    expect(paths()).toEqual(["/events", "/events?cursor=7"]);
  });

  test("a next_cursor that is neither string nor number is refused", async () => {
    server.answer(reply(200, { events: [], next_cursor: { at: 2 } }));
    expect(((await rejectionOf(collect(client().events.list()))) as Error).message).toBe(
      'events.list: the page\'s "next_cursor" is object, not a cursor or link.',
    );
    server.answer(reply(200, { events: [], next_cursor: [3] }));
    expect(((await rejectionOf(collect(client().events.list()))) as Error).message).toBe(
      'events.list: the page\'s "next_cursor" is an array, not a cursor or link.',
    );
  });
});
