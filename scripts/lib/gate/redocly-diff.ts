// `redocly diff` (@redocly/cli, experimental), with the rules in redocly-diff.yaml. Run in process: the CLI bundles its
// own copy of openapi-core (the top-level @redocly/openapi-core has no diff), whose diff entry point its chunk exports
// under a minified name. That name and the chunk's file are fixed per release, so the gate accepts exactly one
// version of @redocly/cli and says so otherwise. In process one comparison costs ~0.2 s; the CLI, the fallback when
// the chunk cannot be loaded (or KIRIM_REDOCLY_DIFF=cli), about 1.5 s of start-up.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectRoot, quietEnv, run } from "../cli/run-tools.ts";
import { StepFailed } from "../cli/steps.ts";

/** The release whose bundle layout and rule ids this file and policy.ts were reviewed against. */
export const expectedRedoclyVersion = "2.77.0";

const cliPackage = path.dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json"));
/** In 2.77.0: the bundled openapi-core; `za` creates a config from text, `X` is the resolver, `Ja` the diff, `Aa` line and
 * column of a location, `w` the type name of a node. */
const coreChunk = path.join(cliPackage, "lib", "chunks", "KSRBMNUH.js");
const configFile = path.join(import.meta.dirname, "redocly-diff.yaml");

export type Impact = "major" | "minor" | "patch";

export interface RedoclyPlace {
  /** Absolute path of the file that holds it. */
  file: string;
  /** JSON pointer inside that file, `#/…`. */
  pointer: string;
  line: number;
}

export interface RedoclyChange {
  /** JSON pointer into the resolved document, `#/paths/~1customers~1{id}/patch/…`. */
  path: string;
  typeName: string;
  kind: "added" | "removed" | "modified";
  impact: Impact;
  property?: string;
  verdicts: Array<{ ruleId: string; impact: Impact; message: string; location: RedoclyPlace }>;
  /** Where it was and, for a modified property, its value: in the base and in the working copy. */
  base?: RedoclyPlace & { value?: unknown };
  revision?: RedoclyPlace & { value?: unknown };
}

export async function redoclyVersion(): Promise<string> {
  return (JSON.parse(await readFile(path.join(cliPackage, "package.json"), "utf8")) as { version: string }).version;
}

/** What is wrong with running the gate on @redocly/cli `installed`; undefined for the release it was written against. */
export function versionProblem(installed: string): string | undefined {
  if (installed === expectedRedoclyVersion) return undefined;
  return `redocly diff is experimental and the gate is tied to @redocly/cli ${expectedRedoclyVersion}, but node_modules has ${installed}: install ${expectedRedoclyVersion} (npm ci), or review scripts/lib/gate/redocly-diff.ts and policy.ts for ${installed}.`;
}

async function checkVersion(): Promise<void> {
  const problem = versionProblem(await redoclyVersion());
  if (problem) throw new StepFailed(problem);
}

type Core = any;
let core: Promise<Core | undefined> | undefined;

/** The bundled core, or undefined when this install does not have it where 2.77.0 keeps it. */
function loadCore(): Promise<Core | undefined> {
  core ??= import(coreChunk).then(
    (module) => (["za", "X", "Ja", "Aa", "w"].every((name) => typeof module[name] === "function") ? module : undefined),
    () => undefined,
  );
  return core;
}

let config: Promise<unknown> | undefined;

/**
 * redocly diff's configuration from the text of a config file; refuses one that leaves every OpenAPI 3.1 diff rule
 * off, since redocly diff then passes everything (it only warns).
 */
export async function diffConfig(text: string, file = configFile): Promise<unknown> {
  const bundled = await loadCore();
  if (!bundled)
    throw new StepFailed(`redocly diff's bundled core is not where @redocly/cli ${expectedRedoclyVersion} keeps it`);
  const loaded = await bundled.za(text, { configPath: file });
  const rules = Object.values<string>(loaded.diff?.oas3_1 ?? {});
  if (!rules.some((severity) => severity !== "off"))
    throw new StepFailed(
      `${file} turns every redocly diff rule off (it needs extends: [diff-recommended]): the gate would pass every change.`,
    );
  return loaded;
}

/** Every change redocly diff sees between two spec trees, each with its impact and the verdicts of its rules. */
export async function runRedoclyDiff(
  baseRoot: string,
  headRoot: string,
  mode: "auto" | "cli" = process.env.KIRIM_REDOCLY_DIFF === "cli" ? "cli" : "auto",
): Promise<RedoclyChange[]> {
  await checkVersion();
  const loaded = mode === "cli" ? undefined : await loadCore();
  return loaded ? diffInProcess(loaded, baseRoot, headRoot) : diffWithCli(baseRoot, headRoot);
}

async function diffInProcess(bundled: Core, baseRoot: string, headRoot: string): Promise<RedoclyChange[]> {
  config ??= readFile(configFile, "utf8").then((text) => diffConfig(text));
  const resolved = await config;
  const resolver = new bundled.X((resolved as { resolve: unknown }).resolve);
  const [base, revision] = await Promise.all(
    [baseRoot, headRoot].map(async (file) => {
      const document = await resolver.resolveDocument(null, path.resolve(file), true);
      if (document instanceof Error) throw new StepFailed(unreadable(file, document.message));
      return document;
    }),
  );
  const result = await bundled.Ja({ base, revision, config: resolved, externalRefResolver: resolver });
  const broken = result.problems.find((problem: any) => problem.severity === "error");
  if (broken) {
    const where = broken.location?.[0];
    const file = where?.source?.absoluteRef ?? headRoot;
    throw new StepFailed(unreadable(file, `${broken.message}${where ? ` (at ${where.pointer})` : ""}`));
  }
  const place = (location: any): RedoclyPlace => ({
    file: location.source.absoluteRef,
    pointer: location.pointer,
    line: bundled.Aa(location).start.line,
  });
  // In the CLI's order: by path, then by the property changed.
  const order = (change: any) => `${change.path}\u0000${change.kind === "modified" ? change.property : ""}`;
  const sorted = [...result.changes].sort((a: any, b: any) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return sorted.map(
    (change: any): RedoclyChange => ({
      path: change.path,
      typeName: bundled.w(change.node),
      kind: change.kind,
      impact: change.impact,
      property: change.kind === "modified" ? change.property : undefined,
      verdicts: change.verdicts.map((verdict: any) => ({
        ruleId: verdict.ruleId,
        impact: verdict.impact,
        message: verdict.message,
        location: place(verdict.location),
      })),
      base: change.base && { ...place(change.base.location), value: change.base.value },
      revision: change.revision && { ...place(change.revision.location), value: change.revision.value },
    }),
  );
}

async function diffWithCli(baseRoot: string, headRoot: string): Promise<RedoclyChange[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), "kirim-redocly-diff-"));
  try {
    const report = path.join(scratch, "diff.json");
    const args = [path.join(cliPackage, "bin", "cli.js"), "diff", path.resolve(baseRoot), path.resolve(headRoot)];
    args.push("--config", configFile, "--format", "json", "--fail-on", "none", "--output", report);
    const result = await run(process.execPath, args, { cwd: projectRoot, env: quietEnv, quiet: true });
    if (result.stderr.includes("No diff rules are on"))
      throw new StepFailed(`${configFile} turns every redocly diff rule off: the gate would pass every change.`);
    if (result.code !== 0) {
      const reason = result.stderr.split("\n").find((line) => line.trim() && !line.includes("No diff rules"));
      throw new StepFailed(`redocly diff could not compare the specs (exit ${result.code}): ${reason?.trim() ?? ""}`);
    }
    const parsed = JSON.parse(await readFile(report, "utf8")) as { changes: any[] };
    const place = (location: any) =>
      location && {
        file: path.resolve(projectRoot, location.file),
        pointer: location.pointer,
        line: location.line,
        ...("value" in location ? { value: location.value } : {}),
      };
    return parsed.changes.map((change) => ({
      path: change.path,
      typeName: change.typeName,
      kind: change.kind,
      impact: change.impact,
      property: change.property,
      verdicts: change.verdicts.map((verdict: any) => ({ ...verdict, location: place(verdict.location)! })),
      base: place(change.base),
      revision: place(change.revision),
    }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

// The absolute path: compare-specs.ts names it by its place in openapi/ and its tree (base or revision).
const unreadable = (file: string, reason: string) =>
  `redocly diff cannot read ${path.resolve(file)}: ${reason.split("\n")[0]}`;
