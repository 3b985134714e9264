// The package's declarations in a consumer project that has Node's types and no DOM lib (`lib: ["es2022"]`,
// `types: ["node"]`), compiled in process with the TypeScript API: what package.test.ts checks on the built package.
import { mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
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

/** Files parsed once for every consumer program of this process, by name: TypeScript's libs and node_modules. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** The .d.ts files of the built package in `packageDir`, by their path in the package. */
export async function declarationsIn(packageDir: string): Promise<Map<string, string>> {
  const entries = await readdir(packageDir, { recursive: true });
  const files = new Map<string, string>();
  for (const file of entries.filter((entry) => entry.endsWith(".d.ts")).sort())
    files.set(file.split(path.sep).join("/"), await readFile(path.join(packageDir, file), "utf8"));
  return files;
}

/** A consumer project in `dir` with `declarations` installed as @kirim/client. */
export async function consumerProject(dir: string, declarations: Map<string, string>): Promise<string> {
  const installed = path.join(dir, "node_modules/@kirim/client");
  for (const [file, text] of declarations) {
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

/** tsc's messages for the consumer in `dir` and the package's declarations, or [] when they compile. */
export function compileConsumer(dir: string, extra: ts.CompilerOptions = {}): string[] {
  const options = { ...nodeOnly, ...extra };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    if (fileName.startsWith(dir)) return read(fileName, languageVersion, onError);
    if (!parsed.has(fileName)) parsed.set(fileName, read(fileName, languageVersion, onError));
    return parsed.get(fileName);
  };
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
