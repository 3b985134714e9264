// Fuzzing the mock: generated PATCH requests, hostile keys and values included, each with what the answer must be.
//
// Every request is valid or invalid by construction, so the oracle needs no validator of its own:
// - valid: known fields with hostile but allowed values (any `name` of 1–100 characters, `metadata` with hostile keys,
//   deep nesting) → 200;
// - unknown keys beside valid fields → 422 in the API's Error format whose `param` is one of the body's keys;
// - a known field of the wrong type → 422 naming that field;
// - any raw text as the body → a 4xx in the Error format.
// Nothing may get a 5xx (a 503 `mock_unavailable` is what a crashed Prism looks like).
import http from "node:http";
import fc from "fast-check";

export interface FuzzRequest {
  kind: "valid" | "unknown keys" | "wrong type" | "raw text";
  path: string;
  body: string;
  /** The body's top-level keys, one of which an invalid answer must name. */
  keys: string[];
}

export interface FuzzOutcome {
  sent: number;
  failures: string[];
  ms: number;
}

/** Single characters that have broken HTTP stacks: controls, DEL, Latin-1, the top of the BMP, lone surrogates, emoji. */
const hostileCharacter = fc.constantFrom(
  "\u0000",
  "\u0001",
  "\u001f",
  "\n",
  '"',
  "'",
  "\\",
  "\u007f",
  "\u0080",
  "\u00e9",
  "\u00ff",
  "\u0100",
  "\u2028",
  "\uffff",
  "\ud800",
  "\udfff",
  "😀",
  "👩‍👩‍👧",
);

const shortHostileText = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 12 }),
  fc.string({ unit: hostileCharacter, minLength: 1, maxLength: 6 }),
);

/** Now and then a key or value of hundreds to thousands of characters (past Prism's 8 KB header once escaped). */
const hostileText = fc.oneof(
  { weight: 12, arbitrary: shortHostileText },
  {
    weight: 1,
    arbitrary: fc
      .tuple(hostileCharacter, fc.integer({ min: 200, max: 3_000 }))
      .map(([character, times]) => character.repeat(times)),
  },
);

const knownFields = new Set(["name", "email", "metadata", "status"]);
const unknownKey = hostileText.filter((key) => !knownFields.has(key));

/** JSON values with hostile keys and strings, sometimes nested hundreds of levels deep. */
const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), shortHostileText),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(shortHostileText, tie("value"), { maxKeys: 3 }),
    ),
  })).value,
  fc
    .tuple(shortHostileText, fc.integer({ min: 50, max: 400 }))
    .map(([key, depth]) => Array.from({ length: depth }).reduce<unknown>((inner) => ({ [key]: inner }), "bottom")),
);

const validFields = fc
  .record(
    {
      name: fc.string({ unit: "binary", minLength: 1, maxLength: 100 }),
      email: fc.constantFrom("ada@example.com", null),
      metadata: fc.option(fc.dictionary(hostileText, hostileJson, { maxKeys: 4 }), { nil: null }),
      status: fc.string({ unit: "binary", minLength: 1, maxLength: 20 }),
    },
    { requiredKeys: [] },
  )
  .filter((fields) => Object.keys(fields).length > 0);

const wrongType = fc.oneof(
  fc.record({ name: fc.oneof(fc.integer(), fc.boolean(), fc.dictionary(hostileText, fc.integer(), { maxKeys: 2 })) }),
  fc.record({ metadata: fc.oneof(shortHostileText, fc.integer(), fc.boolean()) }),
  fc.record({ email: hostileText.filter((text) => !text.includes("@")) }),
);

const customerPath = fc.constantFrom("/customers/cus_01HX", "/v1/customers/cus_01HX");

const asRequest = (kind: FuzzRequest["kind"]) => (tuple: [string, Record<string, unknown>]) => ({
  kind,
  path: tuple[0],
  body: JSON.stringify(tuple[1]), // a lone surrogate goes out as a \ud800 escape, so the bytes stay UTF-8
  keys: Object.keys(tuple[1]),
});

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  fc.tuple(customerPath, validFields).map(asRequest("valid")),
  fc
    .tuple(customerPath, validFields, fc.dictionary(unknownKey, hostileJson, { minKeys: 1, maxKeys: 2 }))
    .map(([path, valid, unknown]) => asRequest("unknown keys")([path, { ...unknown, ...valid }])),
  fc.tuple(customerPath, wrongType).map(asRequest("wrong type")),
  fc
    .tuple(customerPath, fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), shortHostileText))
    .map(([path, body]) => ({ kind: "raw text" as const, path, body, keys: [] })),
);

interface ErrorBody {
  error?: { type?: unknown; code?: unknown; message?: unknown; request_id?: unknown; param?: unknown };
}

/** Whether `param` names one of `keys`: the key itself, a path under it, or a long key shortened with "…" cuts. */
function namesAKey(param: unknown, keys: string[]): boolean {
  if (typeof param !== "string" || param === "") return false;
  return keys.some((key) => {
    if (param === key || param.startsWith(`${key}.`)) return true;
    const [head, ...rest] = param.split("…");
    return rest.length > 0 && head !== "" && key.startsWith(head!) && rest.every((piece) => key.includes(piece));
  });
}

const excerpt = (text: string) => JSON.stringify(text.length > 160 ? `${text.slice(0, 160)}…` : text);

/** What is wrong with one answer, or undefined when it is what the request deserves. */
export function judge(request: FuzzRequest, status: number, text: string): string | undefined {
  if (status >= 500) return `got ${status}: ${excerpt(text)}`;
  if (request.kind === "valid") return status === 200 ? undefined : `a valid request got ${status}: ${excerpt(text)}`;
  if (status < 400) return `an invalid request got ${status}`;
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    return `a ${status} that is not JSON: ${excerpt(text)}`;
  }
  const error = body.error;
  const inErrorFormat =
    typeof error?.type === "string" &&
    typeof error.code === "string" &&
    typeof error.message === "string" &&
    typeof error.request_id === "string";
  if (!inErrorFormat) return `a ${status} not in the API's Error format: ${excerpt(text)}`;
  if (request.kind === "raw text") return undefined;
  if (status !== 422) return `expected 422, got ${status}: ${excerpt(text)}`;
  if (!namesAKey(error.param, request.keys)) {
    return `the 422 names ${excerpt(String(error.param))}, not one of the keys sent`;
  }
  return undefined;
}

const batchSize = 100;

/** One PATCH over a kept-alive connection (node:http costs the test process less CPU per request than fetch). */
function patch(agent: http.Agent, url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "PATCH",
        agent,
        timeout: 5_000,
        headers: { authorization: "Bearer sk_test_fuzz", "content-type": "application/json" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("no answer within 5 s")));
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * Sends generated requests to the mock at `baseUrl`, `concurrency` at a time, until `maxRequests` are answered or
 * `maxMs` have passed (generating them counts), and judges every answer. `seed` makes the requests reproducible.
 */
export async function fuzzMock(
  baseUrl: string,
  options: { maxRequests: number; maxMs: number; seed: number; concurrency?: number },
): Promise<FuzzOutcome> {
  const started = Date.now();
  const deadline = started + options.maxMs;
  const failures: string[] = [];
  let batch: FuzzRequest[] = [];
  let batches = 0;
  let taken = 0;
  let sent = 0;
  const nextRequest = (): FuzzRequest | undefined => {
    if (taken >= options.maxRequests || Date.now() >= deadline || failures.length >= 10) return undefined;
    if (batch.length === 0) batch = fc.sample(fuzzRequest, { numRuns: batchSize, seed: options.seed + batches++ });
    taken++;
    return batch.pop();
  };
  const worker = async () => {
    for (let request = nextRequest(); request; request = nextRequest()) {
      let verdict: string | undefined;
      try {
        const { status, text } = await patch(agent, `${baseUrl}${request.path}`, request.body);
        verdict = judge(request, status, text);
      } catch (error) {
        verdict = `no answer: ${error instanceof Error ? error.message : String(error)}`;
      }
      sent++;
      if (verdict) failures.push(`${request.kind} ${request.path} ${excerpt(request.body)}: ${verdict}`);
    }
  };
  const agent = new http.Agent({ keepAlive: true });
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  } finally {
    agent.destroy();
  }
  return { sent, failures, ms: Date.now() - started };
}
