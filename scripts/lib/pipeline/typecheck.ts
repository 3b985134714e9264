// Type-checks the project (tsconfig.json) with TypeScript's builder API, the incremental engine behind `tsc --watch`
// (typescript 5.9.3, pinned): a Typechecker keeps the last program, so a check after a save re-parses only the files
// that changed and re-checks only the files they affect. `npm run dev` keeps one across saves; `npm run pipeline`
// makes one for a single check, which is what `tsc --noEmit -p tsconfig.json` does.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { StepFailed } from "../cli/steps.ts";

export interface Typechecker {
  /** Checks the project as it is on disk now; throws StepFailed with tsc's messages when it has errors. */
  check(): void;
}

interface CachedFile {
  ino: number;
  mtimeMs: number;
  size: number;
  file: ts.SourceFile | undefined;
}

export function createTypechecker(root = process.cwd(), configFile = "tsconfig.json"): Typechecker {
  const configPath = path.resolve(root, configFile);
  let optionsKey = "";
  let host: ts.CompilerHost | undefined;
  let previous: ts.SemanticDiagnosticsBuilderProgram | undefined;

  function check(): void {
    const parsed = parseConfig(configPath);
    // Only declaration output ever differs with removeComments, and the builder compares exactly that output to
    // decide which importers of a changed file to re-check: a description edit in the spec changes only JSDoc
    // comments of generated/kirim-api.ts, so with it the importers are not re-checked for nothing.
    const options: ts.CompilerOptions = { ...parsed.options, removeComments: true };
    const key = JSON.stringify(options);
    if (!host || key !== optionsKey) {
      optionsKey = key;
      const { configFilePath: _, ...sharedOptions } = options; // where the tsconfig is does not change how a file parses
      host = cachingHost(ts.createIncrementalCompilerHost(options), JSON.stringify(sharedOptions));
      previous = undefined;
    }
    const builder = ts.createSemanticDiagnosticsBuilderProgram(
      parsed.fileNames,
      options,
      host,
      previous,
      parsed.errors,
    );
    previous = builder;

    // The order tsc reports in: config and options first, then syntax; types only when the syntax is sound.
    const diagnostics = [
      ...builder.getConfigFileParsingDiagnostics(),
      ...builder.getOptionsDiagnostics(),
      ...builder.getSyntacticDiagnostics(),
    ];
    if (diagnostics.length === 0)
      diagnostics.push(...builder.getGlobalDiagnostics(), ...builder.getSemanticDiagnostics());
    const errors = diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
      const text = ts.formatDiagnostics(errors, {
        getCanonicalFileName: (fileName) => fileName,
        getCurrentDirectory: () => root,
        getNewLine: () => "\n",
      });
      throw new StepFailed(
        `${text.trim()}\nTypecheck failed: ${errors.length} ${errors.length === 1 ? "error" : "errors"}.`,
      );
    }
  }

  return { check };
}

function parseConfig(configPath: string): ts.ParsedCommandLine {
  let unrecoverable: ts.Diagnostic | undefined;
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => (unrecoverable = diagnostic),
    },
  );
  if (!parsed || unrecoverable) {
    const message = unrecoverable ? ts.flattenDiagnosticMessageText(unrecoverable.messageText, "\n") : "unreadable";
    throw new StepFailed(`${path.basename(configPath)}: ${message}`);
  }
  return parsed;
}

/**
 * Files under node_modules (TypeScript's libs among them), parsed once per process and compiler options: a second
 * Typechecker in the same process with the same options (tests make several) reuses them, as TypeScript's own language
 * service shares unchanged files between projects. The project's own files stay with each Typechecker.
 */
const installedFiles = new Map<string, Map<string, CachedFile>>();

/**
 * Hands the builder the same SourceFile object for a file that has not changed, so only edited files are parsed again
 * (lib.dom.d.ts and @types/node alone take a second to parse). This is the job the watch API's host does with file
 * watchers; here the caller decides when to check. The project's own files are compared by content (cheap, and exact
 * even for two same-size saves within one timestamp tick); files under node_modules and TypeScript's libs by
 * inode, size and modification time.
 */
function cachingHost(host: ts.CompilerHost, optionsKey: string): ts.CompilerHost {
  const own = new Map<string, CachedFile>();
  const shared = installedFiles.get(optionsKey) ?? new Map<string, CachedFile>();
  installedFiles.set(optionsKey, shared);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const installed = fileName.includes(`${path.sep}node_modules${path.sep}`);
    const cache = installed ? shared : own;
    const stat = statSync(fileName, { throwIfNoEntry: false });
    if (!stat) {
      cache.delete(fileName);
      return read(fileName, languageVersion, onError, shouldCreate);
    }
    const cached = cache.get(fileName);
    if (
      cached &&
      cached.ino === stat.ino &&
      cached.mtimeMs === stat.mtimeMs &&
      cached.size === stat.size &&
      (installed || cached.file?.text === readText(fileName))
    ) {
      return cached.file;
    }
    const file = read(fileName, languageVersion, onError, shouldCreate);
    cache.set(fileName, { ino: stat.ino, mtimeMs: stat.mtimeMs, size: stat.size, file });
    return file;
  };
  return host;
}

function readText(fileName: string): string | undefined {
  try {
    return readFileSync(fileName, "utf8");
  } catch {
    return undefined;
  }
}
