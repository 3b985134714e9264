// The contract suite must be able to fail: in a temp copy of the bundle, change the spec without touching
// the client, its generated types or the code samples, serve the copy, and the suite must fail naming the
// field. An unchanged copy must pass, so the failures come from the change, not from the temp location.
// The changes are spec mutations of the kind a careless edit makes (a mutation test of the suite, on the spec side),
// and code samples that do not work: each must make some case of the suite fail, naming what changed. Two cases are
// about the suite's own isolation: on another API's spec, an operation whose schema uses a keyword the generator
// cannot handle fails alone, naming keyword and place; and Prism killed as the unchanged run starts is restarted, said
// so, and fails nothing.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { expectSuiteToFailNaming, runContractSuite, runContractSuiteKillingPrism, tail } from "../lib/child-run.ts";
import { clientSpecPath } from "../lib/target.ts";
import { type CheckFile, checkFile, specChecks } from "./operation-checks.ts";

type Json = any;

let dir: string;
let original: string;

/** Writes a copy of the client's bundle changed by `change` and returns its path; each change first asserts that
 * what it edits is there, so a spec edit elsewhere cannot leave it changing nothing. */
async function specCopy(name: string, change: (doc: Json) => void): Promise<string> {
  const doc = parse(original);
  change(doc);
  const text = stringify(doc, { lineWidth: 0 });
  const file = path.join(dir, `${name}.yaml`);
  await writeFile(file, text);
  return file;
}

/** A spec mutation, what the failing suite's output must name, and the suite's files that name it (contract/<file>.test.ts). */
interface Mutation {
  name: string;
  mutate: (doc: Json) => void;
  names: RegExp[];
  files: CheckFile[];
}

const operation = (doc: Json) => doc.paths["/customers/{id}"].patch;

// Each mutation changes its own part of the spec and is named by its own line of the failing suite, so several share
// one child run (a child run costs a Prism start and a whole suite). Batched so that none hides another: the
// renumbered 404 and the undocumented 404 code touch the same response; the renamed team_id and the dropped
// archived_at fail the same 200 check, which names only the first missing property; a name capped at 8 characters
// makes every request the suite sends with the examples' name a 422, before any other check is reached.
const batches: Mutation[][] = [
  [
    {
      name: "renaming the required response field team_id",
      mutate: (doc) => {
        const customer = doc.components.schemas.Customer;
        expect(customer.properties.team_id).toBeDefined();
        customer.properties = Object.fromEntries(
          Object.entries(customer.properties).map(([key, value]) => [key === "team_id" ? "team_ref" : key, value]),
        );
        customer.required = customer.required.map((key: string) => (key === "team_id" ? "team_ref" : key));
        // Keep the spec self-consistent (its example follows the rename), as a real spec change would.
        const example = operation(doc).responses["200"].content["application/json"].examples.updatedCustomer.value.data;
        example.team_ref = example.team_id;
        delete example.team_id;
      },
      names: [/required property 'team_id'/],
      files: ["operations"],
    },
    {
      name: "a status renumbered (404 → 410)",
      mutate: (doc) => {
        const responses = operation(doc).responses;
        expect(responses["404"]).toBeDefined();
        responses["410"] = responses["404"];
        delete responses["404"];
      },
      names: [/documents no JSON body for 410/],
      files: ["operations"],
    },
    {
      name: "a response header removed (Retry-After on 429)",
      mutate: (doc) => {
        const rateLimited = doc.components.responses.RateLimited;
        expect(rateLimited.headers["Retry-After"]).toBeDefined();
        delete rateLimited.headers;
      },
      names: [/lacks the documented header Retry-After/],
      files: ["headers"],
    },
    {
      name: "code samples that do not work (a curl sample Prism refuses, a Go URL off the path, an unchecked language)",
      mutate: (doc) => {
        const samples: { lang: string; source: string }[] = operation(doc)["x-codeSamples"];
        const edit = (lang: string, from: string, to: string) => {
          const sample = samples.find((candidate) => candidate.lang === lang);
          expect(sample?.source).toContain(from);
          sample!.source = sample!.source.replace(from, to);
        };
        edit("Shell", '"email": "ada@example.com"', '"email": "not-an-email"'); // Prism answers 422
        edit("Go", "/v1/customers/", "/v1/customer/");
        samples.push({ lang: "Python", source: "print('no one runs this')" });
      },
      names: [
        /FAIL .*curl runs against Prism/,
        /path does not match \/customers\/\{id\}/,
        /nobody checks the Python sample/,
      ],
      files: ["code-samples"],
    },
  ],
  [
    {
      name: "a required response field dropped (archived_at)",
      mutate: (doc) => {
        const customer = doc.components.schemas.Customer;
        expect(customer.required).toContain("archived_at");
        delete customer.properties.archived_at;
        customer.required = customer.required.filter((key: string) => key !== "archived_at");
        delete operation(doc).responses["200"].content["application/json"].examples.updatedCustomer.value.data
          .archived_at;
      },
      names: [/required property 'archived_at'/],
      files: ["operations"],
    },
    {
      name: "a nullable request field made non-nullable (email)",
      mutate: (doc) => {
        const email = doc.components.schemas.CustomerUpdate.properties.email;
        expect(email.type).toEqual(["string", "null"]);
        email.type = "string";
      },
      names: [/request\.body\.email: Request body property email must be string/],
      files: ["operations", "negative"],
    },
    {
      name: "an error code its example uses left undocumented (404 resource_missing)",
      mutate: (doc) => {
        const codes = doc.components.responses.NotFound["x-kirim-error-codes"];
        expect(codes.resource_missing).toBeDefined();
        delete codes.resource_missing;
      },
      names: [/PATCH \/customers\/\{id\} 404 documents no code in x-kirim-error-codes/],
      files: ["error-codes"],
    },
    {
      name: "additionalProperties loosened on the request body",
      mutate: (doc) => {
        const update = doc.components.schemas.CustomerUpdate;
        expect(update.additionalProperties).toBe(false);
        update.additionalProperties = true;
      },
      names: [/FAIL .*unknown field \(a typo of email\) → 422/],
      files: ["negative"],
    },
  ],
  [
    {
      name: "tightening the request field name (maxLength 256 → 8)",
      mutate: (doc) => {
        const name = doc.components.schemas.CustomerUpdate.properties.name;
        expect(name.maxLength).toBe(256);
        name.maxLength = 8;
      },
      names: [/request\.body\.name: Request body property name must NOT have more than 8 characters/],
      files: ["operations", "negative"],
    },
  ],
];

/** A small API that is not Kirim's: one operation whose request body the generator cannot handle, one it can. */
const anotherApi = {
  openapi: "3.1.0",
  info: { title: "Notes", version: "1" },
  paths: {
    "/notes": {
      post: {
        operationId: "createNote",
        tags: ["Notes"],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", properties: { text: { type: "string" } }, unevaluatedProperties: false },
            },
          },
        },
        responses: { "201": { description: "created" } },
      },
    },
    "/notes/{id}": {
      get: {
        operationId: "retrieveNote",
        tags: ["Notes"],
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^n_[a-z0-9]{4}$" } },
        ],
        responses: {
          "200": {
            description: "the note",
            content: {
              "application/json": {
                schema: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
                example: { id: "n_ab12" },
              },
            },
          },
        },
      },
    },
  },
};

describe("the contract suite fails when the spec changes under the client", () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "kirim-spec-copy-"));
    original = await readFile(clientSpecPath, "utf8");
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.concurrent("an unchanged copy passes, even with Prism killed as the run starts (restarted, reported)", {
    timeout: 120_000,
  }, async () => {
    const file = await specCopy("unchanged", () => {});
    const run = await runContractSuiteKillingPrism(["--spec", file, ...specChecks]);
    expect(run.killed, tail(run)).toBeTypeOf("number");
    expect(run.code, tail(run)).toBe(0);
    expect(run.output, tail(run)).toContain(`✖ Prism (pid ${run.killed}) exited on its own (SIGKILL); restarting it`);
    expect(run.output, tail(run)).toMatch(/contract: Prism exited on its own and was restarted 1 time\(s\)/);
  });

  it.concurrent("on another API, an unsupported schema keyword fails its operation alone, naming keyword and place", {
    timeout: 120_000,
  }, async () => {
    const file = path.join(dir, "another-api.yaml");
    await writeFile(file, stringify(anotherApi));
    const run = await runContractSuite(["--spec", file, ...specChecks]);
    expect(run.code, tail(run)).not.toBe(0);
    expect(run.output, tail(run)).toContain(
      'cannot generate "unevaluatedProperties" at #/paths/~1notes/post/requestBody/content/application~1json/schema',
    );
    const failed = run.output.split("\n").filter((line) => /^\s*FAIL /.test(line) && / > /.test(line));
    expect(failed.length, tail(run)).toBeGreaterThan(0);
    expect(
      // Only notes.create's tests fail, and the coverage gate, which lists it.
      failed.filter((line) => !line.includes("> notes.create >") && !line.includes("> coverage:")),
      tail(run),
    ).toEqual([]);
    expect(run.output, tail(run)).toMatch(
      /✔ notes\.retrieve\s+GET \/notes\/\{id\}\s+200 → forced through the spec.s generated client/,
    );
    expect(run.output, tail(run)).toMatch(/✖ notes\.create\s+POST \/notes\s+201 → schema-arbitrary cannot generate/);
  });

  it.concurrent("on another API whose own client cannot be generated, one test says why and the rest run over raw HTTP", {
    timeout: 120_000,
  }, async () => {
    const duplicated = structuredClone(anotherApi);
    duplicated.paths["/notes/{id}"].get.operationId = "createNote";
    const schema: Record<string, unknown> =
      duplicated.paths["/notes"].post.requestBody.content["application/json"].schema;
    delete schema.unevaluatedProperties;
    const file = path.join(dir, "another-api-duplicate-ids.yaml");
    await writeFile(file, stringify(duplicated));
    const run = await runContractSuite(["--spec", file, ...specChecks]);
    expect(run.code, tail(run)).not.toBe(0);
    const failed = run.output.split("\n").filter((line) => /^\s*FAIL /.test(line) && / > /.test(line));
    expect(
      failed.filter((line) => !line.includes("> notes.create")),
      tail(run),
    ).toEqual([expect.stringContaining("the spec's own client is generated")]);
    expect(run.output, tail(run)).toContain("operation-operationId-unique");
    expect(run.output, tail(run)).toMatch(/GET \/notes\/\{id\}\s+200 → forced over raw HTTP/);
  });

  it.concurrent.for(batches.map((mutations, index) => ({ index: index + 1, mutations })))(
    "batch $index of spec mutations fails the suite, each named",
    { timeout: 120_000 },
    async ({ index, mutations }) => {
      const file = await specCopy(`batch-${index}`, (doc) => {
        for (const mutation of mutations) mutation.mutate(doc);
      });
      // Only the files that name a mutation: the others are the suite's checks this batch's edits do not reach.
      const files = new Set(mutations.flatMap((mutation) => mutation.files));
      await expectSuiteToFailNaming(
        ["--spec", file, ...[...files].map(checkFile)],
        mutations.flatMap((mutation) => mutation.names),
      );
    },
  );
});

it("a check file that no longer exists is named, so that a child run cannot quietly check less", () => {
  expect(() => checkFile("renamed-away" as CheckFile)).toThrow(
    "test/contract/renamed-away.test.ts is gone: update test/contract/meta/operation-checks.ts",
  );
});
