// The contract suite for every operation of the served spec, driven by the bundle (no path is named here):
// - every documented response, forced with Prism's `Prefer: code=…` (mock only): through the generated client method
//   (Kirim's generated/client.ts, or for another API the client generated for its spec: lib/spec-client.ts; a 2xx
//   resolves to the spec's example or a schema-valid body; an error throws the class its status maps to, with the
//   example's fields, or without an example is checked by status and schema); `default`, ranges and an operation
//   the client cannot have (a GET with a body) over raw HTTP: status, media type, the JSON body against its schema
//   and examples;
// - every request example of the spec is answered 2xx;
// - property-based (fast-check, Schemathesis-style): requests generated from the schemas of the path, query, header,
//   cookie and body → 2xx with a schema-valid body; each invalid mutation of the body or the query → the status the
//   operation documents for invalid requests (400 or 422, else any 4xx);
// - at the end, the coverage report (operation × response → test), which fails on any documented response no test
//   covered, and lists schema constructs the generator could not handle.
//
// One operation's failure stays its own: requests are built inside its tests, so a schema the generator cannot handle
// fails that operation's tests (naming keyword and place), and a Prism crash is retried once and reported as a mock
// fault (lib/mock-fault.ts). KIRIM_CONTRACT_SHARD=i/n runs every n-th operation (lib/shard.ts).
//
// Knobs: KIRIM_PBT_RUNS (default 200 per property, fewer when the spec has more than 10 operations: lib/shard.ts) and
// KIRIM_PBT_SEED (default fixed, so CI is reproducible).
// A failure prints the pbt seed (fast-check's), the path and the shrunk counterexample; replay it with
//   KIRIM_PBT_SEED=<pbt seed> npx vitest run --project contract operations
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { createKirimClient, KirimApiError, type RateLimitError, type RequestOptions } from "../../src/index.ts";
import type { LoadedSpec, SpecOperation } from "../helpers/bundled-spec.ts";
import { rejectionOf } from "../helpers/rejection.ts";
import { Coverage } from "./lib/coverage.ts";
import { type Credentials, credentialsFor } from "./lib/credentials.ts";
import { expectedErrorClass } from "./lib/error-classes.ts";
import {
  documentedStatus,
  expected,
  forcedCode,
  invalidRequestStatuses,
  responseProblems,
  validRequestStatuses,
} from "./lib/expectations.ts";
import { apiKey, prismViolations, type RawResponse } from "./lib/http.ts";
import { callThroughMock, mockFaults, sendToMock } from "./lib/mock-fault.ts";
import { type MockLimitation, mockLimitations, refusedForLimitation } from "./lib/mock-limitations.ts";
import { invalidBodyOptions } from "./lib/mutations.ts";
import {
  exampleRequest,
  invalidQueries,
  type OperationRequest,
  requestBodyPointer,
  validRequests,
} from "./lib/requests.ts";
import { UnsupportedSchema } from "./lib/schema-arbitrary.ts";
import { runsPerProperty, shardOf, shardPlan } from "./lib/shard.ts";
import { loadSpecClient, type SpecClient, specClient } from "./lib/spec-client.ts";
import { contractSpecs, isMock } from "./lib/target.ts";
import { onTheWire } from "./lib/wire.ts";

const { target, served, client: clientSpec } = contractSpecs();
const shard = shardOf(process.env.KIRIM_CONTRACT_SHARD);
// On GitHub Actions a large spec's operations are tested by the contract-shards job (ci.yml), not once more here.
const shardedElsewhere =
  process.env.GITHUB_ACTIONS === "true" &&
  !process.env.KIRIM_CONTRACT_SHARD &&
  shardPlan(served.operations().length).length > 0;
const operations = shardedElsewhere ? [] : served.operations().filter((_op, index) => shard.has(index));
const runs = Number(process.env.KIRIM_PBT_RUNS || runsPerProperty(served.operations().length));
const pbtSeed = Number(process.env.KIRIM_PBT_SEED || 20261127);
if (!Number.isSafeInteger(runs) || runs < 1)
  throw new Error(`KIRIM_PBT_RUNS must be a positive integer, got ${process.env.KIRIM_PBT_RUNS}`);
if (!Number.isSafeInteger(pbtSeed))
  throw new Error(`KIRIM_PBT_SEED must be an integer, got ${process.env.KIRIM_PBT_SEED}`);
const settings = { numRuns: runs, seed: pbtSeed, verbose: 1 } as const;

const coverage = new Coverage();
// maxRetries 0: a forced 429 or 500 must surface as the error under test, not be retried.
const kirim = createKirimClient({
  apiKey,
  baseUrl: target.baseUrl,
  maxRetries: 0,
  timeoutMs: 10_000,
}) as unknown as Record<string, Record<string, ((...args: unknown[]) => Promise<unknown>) | undefined> | undefined>;

/** The same operation in the bundle the client's types were generated from (absent when the served spec added it). */
function clientOperation(op: SpecOperation): SpecOperation | undefined {
  return clientSpec.operations().find((candidate) => candidate.name === op.name);
}

// A spec none of whose operations generated/client.ts has is another API: its own client is generated (once, by the
// first test that needs it) and its operations are called through that, checked against the spec.
const clientKnowsThisApi = served.operations().some((op) => clientOperation(op) !== undefined);
let otherApiClient: Promise<SpecClient | undefined> | undefined;
let otherApiClientProblem: unknown;
function preparedOrNewClient(): Promise<SpecClient> {
  // The global setup prepared the client: a shard's, generated while Prism started, or one generated before the run.
  const prepared = target.preparedClient;
  if (prepared?.problem !== undefined) return Promise.reject(new Error(prepared.problem));
  if (prepared) return loadSpecClient(prepared.dir, target.baseUrl);
  return specClient(target.specPath, target.baseUrl);
}

/**
 * Another API's generated client; undefined when it cannot be built (lint refuses the spec, say): then one test fails
 * saying why, and every operation is tested over raw HTTP as before, not failed with it.
 */
function otherClient(): Promise<SpecClient | undefined> {
  if (!otherApiClient) {
    console.log(`contract: generated/client.ts has no operation of ${served.file}; generating its own client`);
    otherApiClient = preparedOrNewClient().catch((error: unknown) => {
      otherApiClientProblem = error;
      console.error(`contract: no client could be generated for ${served.file}; testing over raw HTTP`);
      return undefined;
    });
  }
  return otherApiClient;
}

it.runIf(!clientKnowsThisApi)("the spec's own client is generated (lib/spec-client.ts)", async () => {
  await otherClient();
  if (otherApiClientProblem) throw otherApiClientProblem;
});
type ClientCall = (options: RequestOptions, request: OperationRequest) => Promise<unknown>;

/** The body must be valid per both specs in play; lists what is not. */
function bodyProblems(op: SpecOperation, status: string, body: unknown): string[] {
  const ops = [op, clientOperation(op)].filter((candidate): candidate is SpecOperation => candidate !== undefined);
  return [...new Set(ops)].flatMap((candidate, index) =>
    candidate
      .validateResponse(status, body)
      .errors.map((line) => `${index === 0 ? served.file : clientSpec.file}: ${line}`),
  );
}

/** The generated method's arguments: path parameters in URL order, then the body or the query, then options. */
function argumentsFor(op: SpecOperation, request: OperationRequest, options: RequestOptions): unknown[] {
  const args: unknown[] = op.model.pathParams.map((name) => request.path[name]);
  if (op.model.body) args.push(request.body, request.query ? { ...options, query: request.query } : options);
  else if (op.model.queryParams.length > 0) args.push(request.query, options);
  else args.push(options);
  return args;
}

function hasStyledMultipartBody(op: SpecOperation): boolean {
  const content = served.resolve(op.raw.requestBody)?.content ?? {};
  return Object.entries<{ encoding?: Record<string, object> }>(content).some(
    ([mediaType, media]) =>
      /^multipart\//i.test(mediaType) &&
      Object.values(media.encoding ?? {}).some((encoding) =>
        ["style", "explode", "allowReserved"].some((field) => field in encoding),
      ),
  );
}

/** Runs a call that must succeed; if it throws an API error, fails with what Prism said was wrong. */
async function succeed(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof KirimApiError) {
      const violations = prismViolations(error.headers, error.body);
      throw new Error(
        [
          `expected success, got ${error.name} ${error.status}: ${error.message}`,
          ...violations.map((v) => `  Prism: ${v}`),
        ].join("\n"),
        { cause: error },
      );
    }
    throw error;
  }
}

/** What an operation's tests need, built on first use inside a test: a schema the generator cannot handle fails there. */
interface Plan {
  request: OperationRequest;
  credentials: Credentials;
}

function planner(spec: LoadedSpec, op: SpecOperation, servedOp: SpecOperation): () => Plan {
  let plan: Plan | undefined;
  let problem: Error | undefined;
  return () => {
    if (plan) return plan;
    if (!problem) {
      try {
        plan = { request: exampleRequest(spec, op), credentials: credentialsFor(served, servedOp) };
        return plan;
      } catch (error) {
        problem = error instanceof Error ? error : new Error(String(error));
        if (problem instanceof UnsupportedSchema)
          for (const status of servedOp.statuses()) coverage.gap(servedOp, status, problem.message);
      }
    }
    throw problem;
  };
}

describe.each(operations.map((op) => [op.name, op] as const))("%s", (_name, op) => {
  const clientOp = clientOperation(op);
  const method = clientOp ? kirim[op.model.resource]?.[op.model.method] : undefined;
  // Requests are built from the client's bundle where it has the operation: the client's types come from there.
  const source = clientOp ? clientSpec : served;
  const sourceOp = clientOp ?? op;
  const plan = planner(source, sourceOp, op);
  /** The operation's client method with the suite's request mapped to its arguments; undefined when it has none. */
  const clientCall = async (): Promise<ClientCall | undefined> => {
    if (clientKnowsThisApi) return method && ((options, request) => method(...argumentsFor(op, request, options)));
    const client = await otherClient();
    const other = client?.methodFor(op);
    return other && ((options, request) => other(...client!.argumentsFor(op, request, options)));
  };
  const call = async (options: RequestOptions, request: OperationRequest = plan().request) => {
    const through = await clientCall();
    return callThroughMock(target.baseUrl, op.label, () => through!(options, request));
  };
  const send = (request: OperationRequest, headers: Record<string, string> = {}): Promise<RawResponse> => {
    const raw = onTheWire(op, request, plan().credentials);
    return sendToMock(target.baseUrl, op.model, { ...raw, headers: { ...raw.headers, ...headers } });
  };

  it.runIf(clientKnowsThisApi)(`has a generated client method (${op.label})`, () => {
    if (!method)
      for (const status of op.statuses()) coverage.gap(op, status, "no client method: run `npm run generate`");
    expect(method, `the client has no ${op.name}: generated/client.ts is stale, run \`npm run generate\``).toBeTypeOf(
      "function",
    );
  });

  describe.skipIf(!isMock() || op.statuses().length === 0)(
    "documented responses, forced with Prefer: code=… (mock only)",
    () => {
      const concrete = op.statuses().filter((status) => /^\d{3}$/.test(status));
      // Another API's 1xx and 3xx are not what a client method resolves or rejects with: forced over raw HTTP.
      const throughClient = clientKnowsThisApi ? concrete : concrete.filter((status) => /^[245]/.test(status));
      const overRaw = op.statuses().filter((status) => !throughClient.includes(status));

      /** Forces a code that falls under `status` and checks the raw answer against the spec. */
      const forcedOverRaw = async (status: string, why: string) => {
        const code = forcedCode(op, status);
        const response = await send(plan().request, { Prefer: `code=${code}` });
        expect(response.status, expected(`HTTP ${code}`, response)).toBe(code);
        expect(responseProblems(op, status, response), expected("a response as documented", response)).toEqual([]);
        const examples = op.responseExamples(status).map((example) => example.value);
        if (examples.length > 0 && response.json !== undefined)
          expect(examples, expected("one of the spec's examples", response)).toContainEqual(response.json);
        coverage.cover(op, status, `forced over raw HTTP${why}`, true);
      };

      it.for(throughClient)(
        "%s through the client, checked against the spec's example or schema",
        async (status, context) => {
          const code = Number(status);
          const [example] = op.responseExamples(status);
          const through = await clientCall();
          if (!through && !clientKnowsThisApi) return forcedOverRaw(status, " (no generated client method for it)");
          if (!through) return context.skip("no client method (see the test above)");
          if (!clientKnowsThisApi && code < 300) {
            const result = await succeed(() => call({ headers: { Prefer: `code=${status}` } }));
            if (op.hasJsonBody(status)) {
              const examples = op.responseExamples(status).map((candidate) => candidate.value);
              if (examples.length > 0) expect(examples).toContainEqual(result);
              expect(bodyProblems(op, status, result)).toEqual([]);
            }
            coverage.cover(op, status, "forced through the spec's generated client", true);
            return;
          }
          if (code < 300 && op.hasJsonBody(status) && !example) {
            coverage.gap(op, status, "the response has no example to compare with");
            return context.skip(`${status} has no example in ${served.file}`);
          }
          // Prism picks the forced response's media type by Accept: another API's error may be problem+json, which
          // the client's default Accept (application/json) would make Prism answer with a 2xx instead.
          const mediaTypes = Object.keys(served.resolve(op.raw.responses[status])?.content ?? {});
          const accept: Record<string, string> =
            !clientKnowsThisApi && mediaTypes.length > 0 ? { Accept: mediaTypes.join(", ") } : {};
          const forced = { headers: { Prefer: `code=${status}`, ...accept } };
          if (code < 300) {
            const result = await succeed(() => call(forced));
            if (example) {
              expect(result).toEqual(example.value);
              expect(bodyProblems(op, status, result)).toEqual([]);
            } else {
              expect(result).toBeUndefined();
            }
          } else {
            const error = await rejectionOf(call(forced));
            expect(error).toBeInstanceOf(expectedErrorClass(code));
            const apiError = error as KirimApiError;
            expect(apiError.status).toBe(code);
            // Kirim's error envelope; another API's error bodies are checked by their schema below.
            const expectedError = clientKnowsThisApi
              ? (example?.value as { error?: Record<string, unknown> } | undefined)?.error
              : undefined;
            // Without an example (or one not in the Error envelope), the status and the schema are what can be checked.
            if (expectedError)
              expect({
                type: apiError.type,
                code: apiError.code,
                message: apiError.message,
                requestId: apiError.requestId,
                param: apiError.param,
              }).toEqual({
                type: expectedError.type,
                code: expectedError.code,
                message: expect.stringContaining(String(expectedError.message)),
                requestId: expectedError.request_id,
                param: expectedError.param,
              });
            if (op.hasJsonBody(status)) expect(bodyProblems(op, status, apiError.body)).toEqual([]);
            const retryAfter = served.resolve(served.resolve(op.raw.responses[status]).headers?.["Retry-After"]);
            if (code === 429 && retryAfter?.example !== undefined) {
              expect((apiError as RateLimitError).retryAfterMs).toBe(Number(retryAfter.example) * 1000);
            }
          }
          coverage.cover(
            op,
            status,
            `forced through ${clientKnowsThisApi ? op.name : "the spec's generated client"}`,
            true,
          );
        },
      );

      // `default` and ranges (`4XX`), and another API's 1xx and 3xx: a code that falls under the response is forced.
      it.for(overRaw)("%s over raw HTTP: status, media type, schema and examples", (status) =>
        forcedOverRaw(status, ""),
      );
    },
  );

  it.runIf(op.requestExamples().length > 0)("every request example of the spec is answered 2xx", async () => {
    const status = validRequestStatuses(op);
    const through = await clientCall();
    for (const example of op.requestExamples()) {
      if (through) {
        const result = await succeed(() => call({}, { ...plan().request, body: example.value }));
        const success = String(op.model.successStatuses[0]);
        if (op.hasJsonBody(success)) expect(bodyProblems(op, success, result), `example ${example.name}`).toEqual([]);
      } else {
        const response = await send({ ...plan().request, body: example.value });
        expect(status.accepts(response.status), expected(`${status.says} for example ${example.name}`, response)).toBe(
          true,
        );
        const under = documentedStatus(op, response.status);
        if (under)
          expect(responseProblems(op, under, response), expected("a documented response", response)).toEqual([]);
      }
    }
  });

  // Without inputs every request is the same one: it is sent once.
  const hasInputs = ["path", "query", "header", "cookie"].some(
    (location) => op.parameters(location as "path").length > 0,
  );
  const validSettings = hasInputs || op.model.body ? settings : { ...settings, numRuns: 1 };
  // Values Prism's mock cannot read (lib/mock-limitations.ts): left out of valid requests, and each shown refused.
  const limits = isMock() ? mockLimitations(source, sourceOp) : [];
  for (const limit of limits) coverage.limitation(op, `${limit.location} ${limit.name}: ${limit.reason}`);
  const describeLimit = (limit: MockLimitation) => `${limit.location} ${limit.name}`;
  it.for(limits.map((limit) => [describeLimit(limit), limit] as const))(
    "mock limitation (Prism's, listed in lib/mock-limitations.ts): a request with %s is refused as listed",
    async ([, limit]) => {
      const requests = fc.sample(validRequests(source, sourceOp), { numRuns: 50, seed: pbtSeed });
      const where = (request: OperationRequest) =>
        (limit.location === "body" ? (request.body as Record<string, unknown> | undefined) : request[limit.location])?.[
          limit.name
        ];
      // Two items at least: one alone carries no delimiter.
      const request = requests.find((candidate) => {
        const value = where(candidate);
        return value !== undefined && (!Array.isArray(value) || value.length > 1);
      });
      expect(request, `no generated request holds ${describeLimit(limit)}`).toBeDefined();
      const response = await send(request!);
      expect(
        refusedForLimitation(limit, response.status, response.json),
        expected(`Prism's 422 naming ${describeLimit(limit)} (if Prism now reads it, remove the entry)`, response),
      ).toBe(true);
    },
  );
  const requiredLimits = limits.filter((limit) => limit.required);

  /**
   * A valid request through another API's generated client: it resolves to a body valid under one of the documented
   * 2xx responses, or (an operation that documents no 2xx) rejects with a status it documents, its body as documented.
   */
  const validThroughClient = async (
    request: OperationRequest,
    status: ReturnType<typeof validRequestStatuses>,
  ): Promise<void> => {
    let result: unknown;
    try {
      result = await call({}, request);
    } catch (error) {
      if (!(error instanceof KirimApiError) || status.accepts(error.status) === false || error.status < 300)
        throw await succeed(() => Promise.reject(error)); // rethrows with what Prism said was wrong
      const under = documentedStatus(op, error.status);
      if (under && op.hasJsonBody(under)) expect(bodyProblems(op, under, error.body)).toEqual([]);
      if (under) coverage.cover(op, under, "valid requests through the generated client (property)", true);
      return;
    }
    const successes = op.statuses().filter((candidate) => /^2/.test(candidate));
    const json = successes.filter((candidate) => op.hasJsonBody(candidate));
    // The client resolves to the body, not the status: the 2xx it answered is one whose schema the body meets.
    const problems = json.map((candidate) => bodyProblems(op, candidate, result));
    if (json.length > 0)
      expect(
        problems.some((list) => list.length === 0),
        `${JSON.stringify(result)} matches no documented 2xx:\n${problems.flat().join("\n")}`,
      ).toBe(true);
    const answered = json.length > 0 ? json.filter((_candidate, index) => problems[index]!.length === 0) : successes;
    if (answered.length === 1)
      coverage.cover(op, answered[0]!, "valid requests through the generated client (property)", true);
  };
  describe(`property-based (${runs} runs each, pbt seed ${pbtSeed})`, () => {
    it.skipIf(requiredLimits.length > 0)(
      `every request valid per its schemas is answered as documented, with a schema-valid body${requiredLimits.length > 0 ? ` (not on Prism's mock: it cannot read ${requiredLimits.map(describeLimit).join(", ")}; see the mock limitation test)` : ""}`,
      async () => {
        const status = validRequestStatuses(op);
        // Against a real server, the path parameters stay the spec's examples: other ids may not exist there.
        const { request: example } = plan(); // first: a schema the generator cannot handle is listed in the coverage report
        const valid = validRequests(source, sourceOp, isMock() ? undefined : example.path, limits);
        // Kirim's own operations keep their raw-HTTP property (its client tests are the forced responses above). A
        // multipart body with styled parts goes over raw HTTP too: the client writes part names and values as
        // multipart carries them (RFC 7578), unencoded, and Prism 5.16 refuses reserved characters in them; lib/wire.ts
        // sends them percent-encoded, as Prism reads them.
        const through = clientKnowsThisApi || hasStyledMultipartBody(op) ? undefined : await clientCall();
        await fc.assert(
          fc.asyncProperty(valid, async (request) => {
            // A generator bug must fail here, loudly, not show up as a puzzling 4xx from the server.
            if (request.body !== undefined)
              expect(
                sourceOp.validateRequest(request.body).errors,
                `generator produced ${JSON.stringify(request.body)}`,
              ).toEqual([]);
            if (through) return validThroughClient(request, status);
            const response = await send(request);
            expect(status.accepts(response.status), expected(status.says, response)).toBe(true);
            const under = documentedStatus(op, response.status);
            if (under) {
              expect(responseProblems(op, under, response), expected("a documented response", response)).toEqual([]);
              if (method && op.hasJsonBody(under)) expect(bodyProblems(op, under, response.json)).toEqual([]);
              coverage.cover(op, under, "valid requests (property)", !clientKnowsThisApi);
            }
          }),
          validSettings,
        );
      },
    );

    // Invalid bodies and queries go over raw HTTP: a client's typed methods are built not to send them.
    const bodySchema = sourceOp.requestSchema();
    const jsonBody = /json/i.test(sourceOp.requestMediaType() ?? "");
    it.runIf(bodySchema !== undefined && jsonBody)(
      "every invalid mutation of the body is refused as documented",
      async () => {
        const refused = invalidRequestStatuses(op);
        const options = invalidBodyOptions(source, bodySchema!, requestBodyPointer(sourceOp));
        // Prism 5.16's proxy never forwards a falsy JSON body (false, 0, null): the request hangs. Against a real
        // server those bodies are left out (and "" is forwarded empty); the mock still gets them all.
        const invalid = fc.oneof(...options).filter(({ body }) => isMock() || Boolean(body));
        const kinds = new Set<string>();
        await fc.assert(
          fc.asyncProperty(invalid, async ({ kind, body }) => {
            kinds.add(kind.replace(/".*"/, "…"));
            expect(
              sourceOp.validateRequest(body).valid,
              `mutation "${kind}" left the body valid: ${JSON.stringify(body)}`,
            ).toBe(false);
            const response = await send({ ...plan().request, body });
            expect(refused.accepts(response.status), expected(`${refused.says} for ${kind}`, response)).toBe(true);
            // The answer must carry the documented body (in proxy mode: the real server's own answer).
            const under = documentedStatus(op, response.status);
            if (under) {
              expect(responseProblems(op, under, response), expected("a documented response", response)).toEqual([]);
              coverage.cover(op, under, "invalid bodies (property)", !clientKnowsThisApi);
            }
          }),
          settings,
        );
        // The mutations must actually cover the rules the schema states, not collapse onto one.
        expect(kinds.size, [...kinds].join(", ")).toBeGreaterThanOrEqual(
          Math.min(10, options.length, Math.floor(runs / 4)),
        );
      },
    );

    it.runIf(op.parameters("query").length > 0)("every invalid query is refused as documented", async (context) => {
      const refused = invalidRequestStatuses(op);
      const mutations = invalidQueries(source, sourceOp, plan().request);
      if (mutations.length === 0) return context.skip("the query parameters state no rule to break");
      for (const mutation of mutations) {
        const response = await send({ ...plan().request, query: mutation.query });
        expect(refused.accepts(response.status), expected(`${refused.says} for ${mutation.kind}`, response)).toBe(true);
        const under = documentedStatus(op, response.status);
        if (under) {
          expect(responseProblems(op, under, response), expected("a documented response", response)).toEqual([]);
          coverage.cover(op, under, "invalid queries", !clientKnowsThisApi);
        }
      }
    });
  });
});

afterAll(() => {
  if (mockFaults.retried > 0)
    console.error(
      `contract: ${mockFaults.retried} request(s) found the mock down (Prism restarting) and were repeated: a mock fault, not the operations'`,
    );
});

it.runIf(shardedElsewhere)("a spec this large is tested in shards by the contract-shards job", () => {
  console.log(`contract: ${served.operations().length} operations: tested by ci.yml's contract-shards job`);
  expect(shardPlan(served.operations().length).length).toBeGreaterThan(1);
});

it.runIf(isMock() && !shardedElsewhere)("coverage: every documented operation and response has a contract test", () => {
  const { lines, missing } = coverage.report(operations);
  console.log(`contract coverage (operation × response → test), ${served.file}${shard.label}:\n${lines.join("\n")}`);
  expect(served.operations().length, `${served.file} documents no operation`).toBeGreaterThan(0);
  expect(missing, `documented but not tested:\n  ${missing.join("\n  ")}`).toEqual([]);
});
