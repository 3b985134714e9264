// Every ```ts block of client/README.md compiles against src/, so a claim the types do not keep fails here, at its
// README line. Each block is a module of its own with the package's exports in scope (an import of what the block does
// not import or declare itself, appended so that line numbers stay the README's) and these givens: `kirim` (a client,
// with the operations the README illustrates beside Kirim's own: customers.list and notes.create, generated from the
// spec below as `npm run generate` would), `id`, `body`, `signal` and `vault`. In process, with the incremental
// typechecker (scripts/lib/pipeline/typecheck.ts).
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { renderDeclarations } from "../../scripts/lib/codegen/generate.ts";
import { createTypechecker, type Typechecker } from "../../scripts/lib/pipeline/typecheck.ts";
import { compileErrors } from "../helpers/compile-errors.ts";

/** The operations the README shows as illustrations of shapes Kirim's API does not have yet. */
const illustrations = {
  openapi: "3.1.0",
  info: { title: "README illustrations", version: "1" },
  paths: {
    "/customers": {
      get: {
        tags: ["Customers"],
        operationId: "listCustomers",
        parameters: [
          { in: "query", name: "limit", schema: { type: "integer" } },
          { in: "query", name: "starting_after", schema: { type: "string" } },
          { in: "header", name: "X-Trace-Id", schema: { type: "string" } },
        ],
        "x-kirim-pagination": {
          style: "cursor",
          items: "data",
          param: "starting_after",
          cursor: "id",
          hasMore: "has_more",
        },
        responses: {
          "200": {
            description: "a page of customers",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["data", "has_more"],
                  properties: {
                    data: {
                      type: "array",
                      items: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
                    },
                    has_more: { type: "boolean" },
                  },
                },
              },
            },
          },
        },
      },
    },
    "/files/{id}": {
      get: {
        tags: ["Files"],
        operationId: "downloadFile",
        parameters: [{ in: "path", name: "id", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "the file's bytes",
            content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
          },
        },
      },
    },
    "/customers/{id}/notes": {
      post: {
        tags: ["Notes"],
        operationId: "createNote",
        parameters: [
          { in: "path", name: "id", required: true, schema: { type: "string" } },
          { in: "query", name: "notify", schema: { type: "boolean" } },
        ],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object", properties: { text: { type: "string" } } } } },
        },
        responses: { "201": { description: "the note", content: { "application/json": { schema: {} } } } },
      },
    },
  },
};

const givens = `import type { KirimClient, RequestOptions } from "@kirim/client";
import type { KirimPromiseKind } from "${path.join(projectRoot, "src/api-promise.ts")}";
import type { KirimResources } from "./illustrations/client.ts";

type Illustrated = KirimResources<RequestOptions, KirimPromiseKind>;

declare global {
  var kirim: KirimClient & Illustrated;
  var id: string;
  var fileId: string;
  var body: Parameters<Illustrated["notes"]["create"]>[1];
  var signal: AbortSignal;
  var vault: { read(name: string): Promise<string> };
}
`;

interface Snippet {
  /** The README line of the opening fence: the snippet's line n is the README's line `fence + n`. */
  fence: number;
  code: string;
}

/** The ```ts (or ```typescript) blocks of a Markdown text. */
function tsSnippets(markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  let open: { fence: number; lines: string[] } | undefined;
  for (const [index, line] of markdown.split("\n").entries()) {
    if (open && /^```\s*$/.test(line)) {
      snippets.push({ fence: open.fence, code: open.lines.join("\n") });
      open = undefined;
    } else if (open) open.lines.push(line);
    else if (/^```(ts|typescript)\b/.test(line)) open = { fence: index + 1, lines: [] };
  }
  return snippets;
}

let work: string;
let checker: Typechecker;
/** What src/index.ts exports, each as its import specifier: `name`, or `type name` for a type. */
let packageExports: { name: string; specifier: string }[];

/** The names src/index.ts exports and whether each is a type only (an `export type *` gives its module's names). */
async function exportedNames(file: string): Promise<{ name: string; specifier: string }[]> {
  const source = ts.createSourceFile(file, await readFile(file, "utf8"), ts.ScriptTarget.Latest);
  const names: { name: string; specifier: string }[] = [];
  const add = (name: string, typeOnly: boolean) => names.push({ name, specifier: typeOnly ? `type ${name}` : name });
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements)
        add(element.name.text, statement.isTypeOnly || element.isTypeOnly);
    } else if (statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const module = path.resolve(path.dirname(file), statement.moduleSpecifier.text.replace(/\.js$/, ".ts"));
      for (const match of (await readFile(module, "utf8")).matchAll(/^export type (\w+)/gm)) add(match[1]!, true);
    }
  }
  return names;
}

/** The names a snippet imports or declares at its top level, which the appended import must leave out. */
function ownNames(code: string): Set<string> {
  const source = ts.createSourceFile("snippet.ts", code, ts.ScriptTarget.Latest);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** The type errors of `markdown`'s snippets, each as `<label>:<README line>: <message>`; "" when all compile. */
async function snippetErrors(markdown: string, label: string): Promise<string> {
  for (const file of await readdir(work)) if (file.startsWith("snippet-")) await unlink(path.join(work, file));
  for (const { fence, code } of tsSnippets(markdown)) {
    const own = ownNames(code);
    const missing = packageExports.filter(({ name }) => !own.has(name)).map(({ specifier }) => specifier);
    await writeFile(
      path.join(work, `snippet-${fence}.ts`),
      `${code}\nimport { ${missing.join(", ")} } from "@kirim/client";\n`,
    );
  }
  return compileErrors(checker).replace(
    /^.*snippet-(\d+)\.ts\((\d+),\d+\): /gm,
    (_, fence: string, line: string) => `${label}:${Number(fence) + Number(line)}: `,
  );
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "kirim-readme-"));
  await symlink(path.join(projectRoot, "node_modules"), path.join(work, "node_modules"), "dir");
  await mkdir(path.join(work, "illustrations"));
  for (const file of await renderDeclarations(illustrations))
    await writeFile(path.join(work, "illustrations", file.name), file.text);
  await writeFile(path.join(work, "givens.ts"), givens);
  await writeFile(path.join(work, "package.json"), JSON.stringify({ type: "module" }));
  await writeFile(
    path.join(work, "tsconfig.json"),
    JSON.stringify({
      extends: path.join(projectRoot, "tsconfig.json"),
      compilerOptions: { paths: { "@kirim/client": [path.join(projectRoot, "src/index.ts")] } },
      include: ["*.ts", "illustrations"],
    }),
  );
  packageExports = await exportedNames(path.join(projectRoot, "src/index.ts"));
  checker = createTypechecker(work);
});

afterAll(() => rm(work, { recursive: true, force: true }));

test("every ts snippet of client/README.md compiles", async () => {
  const readme = await readFile(path.join(projectRoot, "client/README.md"), "utf8");
  expect(tsSnippets(readme).length).toBeGreaterThanOrEqual(4);
  expect(await snippetErrors(readme, "client/README.md")).toBe("");
});

test("a snippet whose claim the types do not keep fails at its README line", async () => {
  const readme = [
    "# A README",
    "",
    "```ts",
    'await kirim.customers.update(id, { name: "Ada" });',
    'await kirim.customers.update(id, { emial: "x" });',
    "```",
    "",
    "```typescript",
    "try {",
    "  await kirim.customers.update(id, {});",
    "} catch (error) {",
    "  if (error instanceof KirimApiError && error.status === 422) console.log(error.retryAfterMs);",
    "}",
    "```",
    "",
    "```sh",
    "not typescript",
    "```",
  ].join("\n");
  const errors = await snippetErrors(readme, "README.md");
  expect(errors).toMatch(/^README\.md:5: error TS\d+: .*'emial' does not exist/m);
  expect(errors).toMatch(
    /^README\.md:12: error TS2339: Property 'retryAfterMs' does not exist on type 'ValidationError'/m,
  );
  expect(errors).not.toMatch(/README\.md:(4|17):/);
});
