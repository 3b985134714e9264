// The package's declarations, emitted as `npm run build` does (tsconfig.build.json), in a consumer project that has
// Node's types and no DOM lib (`lib: ["es2022"]`, `types: ["node"]`) and does not skip checking them: nothing in them
// may need the DOM lib (its `HeadersInit` did), and with `skipLibCheck` no option may silently become `any` (the
// consumer's `@ts-expect-error` lines fail if one does). In process, with the TypeScript API.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, expect, test } from "vitest";
import { projectRoot } from "../../scripts/lib/cli/run-tools.ts";

const consumer = `import { createKirimClient, KirimApiError, type KirimHeadersInit } from "@kirim/client";

const kirim = createKirimClient({ apiKey: "sk_test", headers: { "x-trace": "1" } });

export async function rename(signal: AbortSignal): Promise<unknown> {
  try {
    const { data } = await kirim.customers.update("cus_1", { name: "Ada" }, { signal, headers: new Headers() });
    return data.id;
  } catch (error) {
    if (error instanceof KirimApiError && error.status === 429) return error.retryAfterMs;
    throw error;
  }
}

export const pairs: KirimHeadersInit = [["x-a", "1"]];
export const headers: KirimHeadersInit = new Headers({ "x-a": "1" });
// @ts-expect-error a header value is a string
createKirimClient({ apiKey: "sk_test", headers: { "x-a": 1 } });
// @ts-expect-error headers are not a number
void kirim.customers.update("cus_1", { name: "Ada" }, { headers: 42 });
`;

/** What a consumer without the DOM lib has: ES2022 and Node's types. */
const nodeOnly: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  types: ["node"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noEmit: true,
};

let work: string;
let declarations: Map<string, string>;
/** Files parsed once for every program of this file, by name: all but the consumer projects' own. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** The package's .d.ts files by their path in the package, as tsconfig.build.json emits them. */
function emitDeclarations(): Map<string, string> {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(projectRoot, "tsconfig.build.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  )!;
  const options = { ...config.options, emitDeclarationOnly: true, sourceMap: false, inlineSources: false };
  const files = new Map<string, string>();
  const emitted = ts
    .createProgram(config.fileNames, options, cachingHost(options))
    .emit(undefined, (fileName, text) => files.set(path.relative(options.outDir!, fileName), text));
  expect(emitted.diagnostics).toEqual([]);
  return files;
}

/** A consumer project in `work/<name>` with the package installed; `edit` may change a declaration first. */
async function consumerProject(name: string, edit: (files: Map<string, string>) => void = () => {}): Promise<string> {
  const dir = path.join(work, name);
  const installed = path.join(dir, "node_modules/@kirim/client");
  const files = new Map(declarations);
  edit(files);
  for (const [file, text] of files) {
    await mkdir(path.dirname(path.join(installed, file)), { recursive: true });
    await writeFile(path.join(installed, file), text);
  }
  await writeFile(path.join(installed, "package.json"), await readFile(path.join(projectRoot, "client/package.json")));
  for (const dependency of ["@types", "openapi-fetch", "undici-types"])
    await symlink(
      path.join(projectRoot, "node_modules", dependency),
      path.join(dir, "node_modules", dependency),
      "dir",
    );
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  await writeFile(path.join(dir, "consumer.ts"), consumer);
  return dir;
}

/** A compiler host that parses each file of TypeScript's libs and node_modules once for this file's programs. */
function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    if (fileName.startsWith(work)) return read(fileName, languageVersion, onError);
    if (!parsed.has(fileName)) parsed.set(fileName, read(fileName, languageVersion, onError));
    return parsed.get(fileName);
  };
  return host;
}

/** tsc's messages for the consumer in `dir` and the package's declarations, or [] when they compile. */
function compile(dir: string, extra: ts.CompilerOptions = {}): string[] {
  const options = { ...nodeOnly, ...extra };
  const host = cachingHost(options);
  const program = ts.createProgram([path.join(dir, "consumer.ts")], options, host);
  // The package's files and the consumer's, as tsc checks them; Node's own types are not ours to check (seconds).
  const ours = program
    .getSourceFiles()
    .filter(
      (file) =>
        (file.fileName.startsWith(dir) && file.fileName.includes("@kirim")) || file.fileName.endsWith("consumer.ts"),
    );
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...ours.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  return diagnostics.map((diagnostic) => {
    const where = diagnostic.file ? `${path.relative(dir, diagnostic.file.fileName)}: ` : "";
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
  });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "kirim-declarations-"));
  declarations = emitDeclarations();
}, 60_000);

afterAll(() => rm(work, { recursive: true, force: true }));

test("the declarations compile with Node's types and no DOM lib, without skipLibCheck", async () => {
  expect(declarations.has("src/index.d.ts")).toBe(true);
  expect(compile(await consumerProject("node-only"))).toEqual([]);
});

test("with skipLibCheck, headers stays typed: a wrong value does not compile", async () => {
  expect(compile(await consumerProject("skip-lib-check"), { skipLibCheck: true })).toEqual([]);
});

test("a declaration that needs the DOM lib fails both checks: not found, and silently any with skipLibCheck", async () => {
  const dir = await consumerProject("dom-only", (files) => {
    const options = files.get("src/options.d.ts")!;
    expect(options).toContain("headers?: KirimHeadersInit;");
    files.set("src/options.d.ts", options.replaceAll("headers?: KirimHeadersInit;", "headers?: HeadersInit;"));
  });
  expect(compile(dir)).toEqual(
    expect.arrayContaining([expect.stringMatching(/src\/options\.d\.ts: Cannot find name 'HeadersInit'/)]),
  );
  expect(compile(dir, { skipLibCheck: true })).toEqual([
    "consumer.ts: Unused '@ts-expect-error' directive.",
    "consumer.ts: Unused '@ts-expect-error' directive.",
  ]);
});
