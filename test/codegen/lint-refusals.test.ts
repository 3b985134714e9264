// What the client cannot represent is a lint error at its file, line and column (kirim/client-method-names and
// kirim/client-representable, redocly/kirim-plugin.js), and the generator's analysis refuses exactly the same
// things with the same sentences (scripts/lib/codegen/operation-shape.ts runs in both).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { documentShapeOf } from "../../scripts/lib/codegen/operation-model.ts";
import { clientOnlyConfig, generateFromSpecFile, lintSpecFile } from "../../scripts/lib/codegen/spec-file.ts";
import { lintProblems, openSpecProject } from "../../scripts/lib/spec/redocly-project.ts";
import { copyProject, lintConfigParts, type ProjectCopy } from "../helpers/project-copy.ts";

const refusals = "test/codegen/refusals.yaml";
const names = "kirim/client-method-names";
const shapes = "kirim/client-representable";

/** Each refusal of refusals.yaml: where lint must put it, its rule and the start of its sentence. */
const expected: [where: string, rule: string, message: string][] = [
  ["17:20", names, "POST /a becomes the client method things.list, which GET /a already is"],
  ["24:20", names, 'GET /b cannot become a client method: tag "Things" and operationId "then"'],
  ["29:20", names, "PUT /b cannot become a client method: the operation has no tag"],
  ["150:5", names, 'Webhooks "new-event" and "newEvent" both give the type name NewEventWebhookPayload'],
  ["169:15", shapes, 'Security scheme "digest" (http digest) cannot be sent by the client'],
  ["175:7", shapes, 'Security schemes "api_key" and "apiKey" both give the client option "apiKey"'],
  ["181:30", shapes, 'Security scheme "base" gives the client option "baseUrl", which the client already uses'],
  ["49:9", shapes, "PUT /c: the request body lists no media type under `content`"],
  ["41:15", shapes, "POST /c: the multipart/form-data body's schema is array"],
  ["61:13", shapes, 'GET /d: parameter "where" is described by `content`'],
  ["66:18", shapes, 'GET /d: parameter "at" in query has style "matrix"'],
  ["73:17", shapes, 'GET /d: parameters "id" in query and in header share a name'],
  ["78:20", shapes, 'GET /d: security names "nowhere", which components.securitySchemes does not declare'],
  ["83:5", shapes, "GET /e#{id}: {id} comes after the path's `#`, which starts a URL fragment that is never sent"],
  ["94:9", shapes, "GET /f: a GET request cannot carry a body (fetch refuses one)"],
  ["105:9", shapes, "HEAD /f: a HEAD request cannot carry a body (fetch refuses one)"],
  ["111:7", shapes, "TRACE /g: fetch refuses the TRACE method"],
  ["120:32", shapes, 'POST /h: x-kirim-idempotency-key is "Idempotency Key"; it must name the header'],
  ["127:32", shapes, "PATCH /h: x-kirim-idempotency-key names Authorization, a header the client or fetch sets itself"],
  ["134:32", shapes, "PUT /h: x-kirim-idempotency-key is for a POST or PATCH"],
];

describe("lint refuses each shape the client cannot represent, at its file:line:col", () => {
  let lines: string[];
  beforeAll(async () => {
    const all = await lintSpecFile(
      path.join(projectRoot, refusals),
      path.join(projectRoot, clientOnlyConfig),
      projectRoot,
    );
    // Redocly's path-parameters-defined also sees the {id} after the `#`; only our two rules are counted here.
    lines = all.filter((line) => line.includes(`  ${names}  `) || line.includes(`  ${shapes}  `));
  });

  test.each(expected)("%s %s: %s", (where, rule, message) => {
    const line = lines.find((candidate) => candidate.startsWith(`${refusals}:${where}  error  ${rule}  `));
    expect(line, lines.join("\n")).toContain(message);
  });

  test("and nothing else from these rules", () => {
    expect(lines).toHaveLength(expected.length);
  });

  test("the generator's analysis refuses the same things with the same sentences", async () => {
    const document = parse(await readFile(path.join(projectRoot, refusals), "utf8"));
    const fromGenerator = documentShapeOf(document).problems.map((problem) => problem.message);
    const fromLint = lines.map((line) => line.split(/ {2}/).slice(3).join("  "));
    expect(fromGenerator.sort()).toEqual(fromLint.sort());
  });
});

test("`npm run generate -- --spec` refuses the spec with the same lines and writes nothing", async () => {
  const generating = generateFromSpecFile(path.join(projectRoot, refusals), clientOnlyConfig, projectRoot);
  await expect(generating).rejects.toThrow(`${refusals}:${expected[0]![0]}  error  ${names}  ${expected[0]![2]}`);
});

describe("with Kirim's redocly.yaml, in a spec of many files", () => {
  let copy: ProjectCopy;
  beforeAll(async () => {
    copy = await copyProject(["openapi", ...lintConfigParts]);
  });
  afterAll(() => copy.remove());

  test("a refusal inside a $ref'd file is reported in that file", async () => {
    const scheme = "openapi/components/securitySchemes/bearerAuth.yaml";
    await copy.edit(scheme, "x-kirim-client-option: apiKey", "x-kirim-client-option: fetch");
    const project = await openSpecProject(copy.dir);
    const problems = (await lintProblems(project)).filter((problem) => problem.ruleId === shapes);
    expect(problems.map((problem) => problem.message)).toEqual([
      'Security scheme "bearerAuth" gives the client option "fetch", which the client already uses; set x-kirim-client-option to another name.',
    ]);
    expect(problems[0]!.location[0]!.source.absoluteRef).toBe(copy.file(scheme));
    expect(problems[0]!.location[0]!.pointer).toBe("#/x-kirim-client-option");
  });
});

/** Each refusal of pagination-refusals.yaml (kirim/client-pagination, `x-kirim-pagination`), as above. */
const paginationRefusals = "test/codegen/pagination-refusals.yaml";
const pagination = "kirim/client-pagination";
const expectedPagination: [where: string, message: string][] = [
  ["13:16", "GET /no-style: x-kirim-pagination needs `style`"],
  [
    "25:9",
    'GET /wrong-keys: x-kirim-pagination of style "cursor" takes exactly `style`, `items`, `param`, `cursor`, `hasMore` (names, as strings); remove more; missing hasMore.',
  ],
  ["37:27", "POST /with-body: x-kirim-pagination is for operations without a request body"],
  [
    "50:27",
    "GET /not-json: x-kirim-pagination needs the operation to document exactly one 2xx response, with a JSON body",
  ],
  [
    "62:54",
    'GET /no-items: x-kirim-pagination names as `items` the 2xx body\'s field "results", which the schema does not declare.',
  ],
  [
    "163:11",
    'GET /items-not-array: x-kirim-pagination names as `items` the 2xx body\'s field "next", typed string | null; it must be array.',
  ],
  [
    "78:69",
    'GET /no-param: x-kirim-pagination names as `param` "cursor", which is not a query parameter of the operation.',
  ],
  [
    "91:69",
    'GET /boolean-param: x-kirim-pagination names as `param` "cursor", typed boolean; a cursor parameter must be string or integer.',
  ],
  [
    "101:88",
    'GET /no-cursor-field: x-kirim-pagination names as `cursor` the items\' field "key", which the schema does not declare.',
  ],
  [
    "159:17",
    'GET /object-cursor-field: x-kirim-pagination names as `cursor` the items\' field "meta", typed object; it must be string or integer.',
  ],
  [
    "163:11",
    'GET /string-has-more: x-kirim-pagination names as `hasMore` the 2xx body\'s field "next", typed string | null; it must be boolean.',
  ],
  [
    "161:11",
    'GET /boolean-next: x-kirim-pagination names as `next` the 2xx body\'s field "has_more", typed boolean; it must be string (or null).',
  ],
];

describe("lint refuses each x-kirim-pagination that does not fit its operation, at its file:line:col", () => {
  let lines: string[];
  beforeAll(async () => {
    const all = await lintSpecFile(
      path.join(projectRoot, paginationRefusals),
      path.join(projectRoot, clientOnlyConfig),
      projectRoot,
    );
    lines = all.filter((line) => line.includes(`  ${pagination}  `));
  });

  test.each(expectedPagination)("%s: %s", (where, message) => {
    const prefix = `${paginationRefusals}:${where}  error  ${pagination}  `;
    expect(
      lines.find((line) => line.startsWith(prefix) && line.includes(message)),
      lines.join("\n"),
    ).toBeDefined();
  });

  test("and nothing else, every other line of the file being valid", () => {
    expect(lines).toHaveLength(expectedPagination.length);
  });

  test("the generator's analysis refuses the same things with the same sentences", async () => {
    const document = parse(await readFile(path.join(projectRoot, paginationRefusals), "utf8"));
    const fromGenerator = documentShapeOf(document).problems.map((problem) => problem.message);
    const fromLint = lines.map((line) => line.split(/ {2}/).slice(3).join("  "));
    expect(fromGenerator.sort()).toEqual(fromLint.sort());
  });
});
