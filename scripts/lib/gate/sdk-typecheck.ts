// Does code written against the base client still compile against the new one? A consumer is written from the base
// surface (every method called with the base's argument types, its result used as the base's return type) and
// typechecked against the new surface with the TypeScript compiler API, in memory. Each error is traced back to the
// method and the check (arguments or result) whose line it is on.
import ts from "typescript";
import type { OperationModel } from "../codegen/operation-model.ts";
import { methodName, type SdkSurface } from "./sdk-surface.ts";

export interface SignatureBreak {
  method: OperationModel;
  /** What no longer compiles: the arguments the base accepted, or the result as the base typed it. */
  check: "arguments" | "result";
  /** The compiler's own words, shortened to their most specific line. */
  message: string;
}

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  // The generated files need only the ES5 utility types (Promise, NonNullable, Parameters…): a small lib is fast.
  lib: ["lib.es5.d.ts"],
  types: [],
};

const root = "/kirim-sdk-check";
const consumerFile = `${root}/consumer.ts`;

/** The last parse of each file: the standard library and an unchanged base are parsed once per process. */
const parsed = new Map<string, ts.SourceFile>();

function sourceFile(fileName: string, text: string): ts.SourceFile {
  const known = parsed.get(fileName);
  if (known?.text === text) return known;
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  parsed.set(fileName, file);
  return file;
}

/** The methods of `base` that exist by name in `head`, checked for arguments and result; `head` must compile them. */
export function signatureBreaks(base: SdkSurface, head: SdkSurface, kept: OperationModel[]): SignatureBreak[] {
  if (sameDeclarations(base, head)) return [];
  const files = new Map<string, string>();
  for (const file of base.files) files.set(`${root}/base/${file.name}`, file.text);
  for (const file of head.files) files.set(`${root}/head/${file.name}`, file.text);
  const { text, checks } = consumer(kept);
  files.set(consumerFile, text);

  const host = ts.createCompilerHost(options);
  host.fileExists = (fileName) => files.has(fileName) || ts.sys.fileExists(fileName);
  host.directoryExists = (dir) => dir === root || dir.startsWith(`${root}/`) || ts.sys.directoryExists(dir);
  host.readFile = (fileName) => files.get(fileName) ?? ts.sys.readFile(fileName);
  host.getSourceFile = (fileName) => {
    const content = files.get(fileName) ?? ts.sys.readFile(fileName);
    return content === undefined ? undefined : sourceFile(fileName, content);
  };
  host.writeFile = () => {};

  const program = ts.createProgram([consumerFile], options, host);
  const consumerSource = program.getSourceFile(consumerFile)!;
  const breaks: SignatureBreak[] = [];
  for (const diagnostic of program.getSemanticDiagnostics(consumerSource)) {
    const line = consumerSource.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
    const check = checks.get(line);
    if (!check) throw new Error(`the client surface check does not compile: ${flatten(diagnostic.messageText)}`);
    if (breaks.some((known) => known.method === check.method && known.check === check.check)) continue;
    breaks.push({ ...check, message: flatten(diagnostic.messageText) });
  }
  return breaks;
}

const printer = ts.createPrinter({ removeComments: true });

/** Whether two surfaces declare the same types, doc comments aside (a documentation edit changes only those). */
function sameDeclarations(base: SdkSurface, head: SdkSurface): boolean {
  const declared = (surface: SdkSurface, side: string) =>
    surface.files.map((file) => withoutComments(`${root}/${side}/${file.name}`, file.text)).join("\n");
  return declared(base, "base") === declared(head, "head");
}

const printed = new WeakMap<ts.SourceFile, string>();

function withoutComments(fileName: string, text: string): string {
  const file = sourceFile(fileName, text);
  let result = printed.get(file);
  if (result === undefined) {
    result = printer.printFile(file);
    printed.set(file, result);
  }
  return result;
}

/** The consumer's text, and which method and check each of its checking lines (0-based) is. */
function consumer(methods: OperationModel[]) {
  const lines = [
    'import type { KirimResources as BaseResources } from "./base/client.js";',
    'import type { KirimResources as HeadResources } from "./head/client.js";',
    "interface Options { readonly signal?: unknown }",
    "type Base = BaseResources<Options>;",
    "type Head = HeadResources<Options>;",
    "declare const head: Head;",
  ];
  const checks = new Map<number, Omit<SignatureBreak, "message">>();
  methods.forEach((method, index) => {
    const member = `[${JSON.stringify(method.resource)}][${JSON.stringify(method.method)}]`;
    lines.push(`// ${methodName(method)}`, `declare const arguments${index}: Parameters<Base${member}>;`);
    checks.set(lines.length, { method, check: "arguments" });
    lines.push(`head${member}(...arguments${index});`);
    checks.set(lines.length, { method, check: "result" });
    lines.push(
      `export const result${index}: ReturnType<Base${member}> = null as unknown as ReturnType<Head${member}>;`,
    );
  });
  return { text: `${lines.join("\n")}\n`, checks };
}

/**
 * The compiler's message chain without the lines that spell out whole object types: "Types of property 'name' are
 * incompatible. Type 'string' is not assignable to type 'number'." (the first line alone when every line is long).
 */
function flatten(message: string | ts.DiagnosticMessageChain): string {
  const lines: string[] = [];
  let chain: string | ts.DiagnosticMessageChain | undefined = message;
  while (chain !== undefined) {
    lines.push(typeof chain === "string" ? chain : chain.messageText);
    chain = typeof chain === "string" ? undefined : chain.next?.[0];
  }
  const readable = lines.filter((line) => line.length <= 160);
  return (readable.length > 0 ? readable : lines.slice(0, 1)).join(" ");
}
