// openapi/ through Redocly, in this process: the config (redocly.yaml with our plugin) is loaded once per process,
// then lint and bundle reuse it. `npm run lint/bundle/generate/check:generated/pipeline` and the `npm run dev` watcher
// all call these functions; nothing else lints or bundles the spec.
//
// @redocly/openapi-core is pinned to 2.64.0, the newest release of it on npm; @redocly/cli 2.77.0 (still used for
// build-docs) bundles its own copy. We use what its README documents: loadConfig, lintConfig, lint, bundle (with the
// documented `externalRefResolver` option, a BaseResolver) and stringifyYaml; where we go past it, a comment says so.
import path from "node:path";
import {
  BaseResolver,
  type Config,
  createConfig,
  lintConfig,
  loadConfig,
  type NormalizedProblem,
  parseYaml,
  bundle as redoclyBundle,
  lint as redoclyLint,
  stringifyYaml,
} from "@redocly/openapi-core";
import { StepFailed } from "../cli/steps.ts";
import { inlineLeftoverRefs, refOwners } from "./extension-refs.ts";
import { describeProblems, problemList, relativePaths } from "./problem-lines.ts";

export const specRoot = "openapi/openapi.yaml";
const configFile = "redocly.yaml";

/** Each save is one pass: a fresh resolver reads every file anew, and lint and bundle of that pass share it. */
export type SpecPass = BaseResolver;

export interface SpecProject {
  root: string;
  config: Config;
  /** Starts a pass over the files as they are on disk now. */
  pass(): SpecPass;
}

export async function openSpecProject(root = process.cwd()): Promise<SpecProject> {
  let config: Config;
  try {
    config = await loadConfig({ configPath: path.join(root, configFile) });
  } catch (error) {
    throw new StepFailed(`${configFile} could not be loaded: ${messageOf(error, root)}`);
  }
  const configProblems = await lintConfig({ config });
  if (configProblems.length > 0) {
    throw new StepFailed(`${configFile} is not a valid Redocly config:\n${describeProblems(configProblems, root)}`);
  }
  return { root, config, pass: () => new BaseResolver(config.resolve) };
}

/** Lints openapi/ with redocly.yaml. Every problem fails, warnings included: here a warning is an error. */
export async function lintSpec(project: SpecProject, pass = project.pass()): Promise<void> {
  const problems = await lintProblems(project, pass);
  if (problems.length > 0) throw new StepFailed(lintFailure(problems, project.root));
}

export async function lintProblems(project: SpecProject, pass = project.pass()): Promise<NormalizedProblem[]> {
  try {
    return await redoclyLint({
      ref: path.join(project.root, specRoot),
      config: project.config,
      externalRefResolver: pass,
    });
  } catch (error) {
    throw new StepFailed(unreadable(error, project.root));
  }
}

function lintFailure(problems: NormalizedProblem[], root: string): string {
  const list = problemList(problems, root);
  const count = `${list.length} ${list.length === 1 ? "problem" : "problems"}`;
  return `${list.join("\n")}\nLint failed: ${count} in openapi/. Fix each at the file and line shown, then save again (or run \`npm run lint\`).`;
}

/**
 * Bundles openapi/ into one self-contained document object: every `$ref` points inside it (`#/…`), those inside vendor
 * extensions included (extension-refs.ts). Fails on any bundling problem (an unresolved $ref, a file that does not
 * parse).
 */
export function bundleSpec(project: SpecProject, pass = project.pass()): Promise<object> {
  return bundleDocument(path.join(project.root, specRoot), project.config, pass, project.root);
}

let defaultConfig: Promise<Config> | undefined;

/**
 * Bundles any spec tree (`rootFile` is its openapi/openapi.yaml: a base extracted from git, say) as bundleSpec does,
 * but with Redocly's default config rather than redocly.yaml, so it works where the lint config is absent (our only
 * decorator edits descriptions).
 */
export async function bundleSpecTree(rootFile: string): Promise<object> {
  defaultConfig ??= createConfig({});
  const config = await defaultConfig;
  return bundleDocument(rootFile, config, new BaseResolver(config.resolve), path.dirname(path.dirname(rootFile)));
}

async function bundleDocument(rootFile: string, config: Config, pass: SpecPass, root: string): Promise<object> {
  const owners = await refOwners(pass, rootFile);
  let result: Awaited<ReturnType<typeof redoclyBundle>>;
  try {
    result = await redoclyBundle({ ref: rootFile, config, externalRefResolver: pass });
  } catch (error) {
    throw new StepFailed(unreadable(error, root));
  }
  if (result.problems.length > 0) {
    throw new StepFailed(
      `${describeProblems(result.problems, root)}\nBundling failed: fix the problems above in openapi/.`,
    );
  }
  const document = result.bundle.parsed as object;
  await inlineLeftoverRefs(document, owners, pass, root);
  return document;
}

/**
 * One spec file's YAML as Redocly parses it to lint and bundle (js-yaml, the YAML 1.2 core schema without timestamps):
 * about ten times faster than the `yaml` package, which matters to the gate, which reads every file of two trees per
 * judgement. Throws on text that is not YAML. Thin spot: parseYaml is exported beside stringifyYaml but not in the README.
 */
export function parseSpecYaml(text: string): unknown {
  return parseYaml(text);
}

const bundleHeader =
  "# Generated by `npm run bundle` from openapi/. Do not edit: change openapi/ and run `npm run generate`.\n";

/**
 * The bundle as YAML, byte for byte what `redocly bundle` 2.77.0 writes, plus our header. The CLI (not openapi-core)
 * puts the top-level keys in a fixed order before dumping (openapi, info, jsonSchemaDialect, servers, security, tags,
 * externalDocs, paths, webhooks, x-webhooks, components, then the rest) and dumps with no anchors and no line wrapping;
 * test/pipeline/generate-in-process.test.ts checks the result against the CLI's own output.
 * Thin spot: the README documents `stringifyYaml(obj)` only; the options argument (passed on to js-yaml's dump) is
 * undocumented, and it is what the CLI itself uses for these two settings.
 */
export function bundleText(document: object): string {
  return bundleHeader + stringifyYaml(withTopLevelOrder(document), { noRefs: true, lineWidth: -1 });
}

const topLevelOrder = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "security",
  "tags",
  "externalDocs",
  "paths",
  "webhooks",
  "x-webhooks",
  "components",
];

function withTopLevelOrder(document: object): object {
  const ordered: Record<string, unknown> = {};
  for (const key of topLevelOrder)
    if (Object.hasOwn(document, key)) ordered[key] = (document as Record<string, unknown>)[key];
  return Object.assign(ordered, document);
}

/**
 * The root file is missing or does not parse: openapi-core throws instead of reporting a problem. A parse error
 * (its YamlParseError, exported but not in the README) carries the file, line and column: shown like any problem.
 */
function unreadable(error: unknown, root: string): string {
  const message = messageOf(error, root);
  if (typeof error === "object" && error !== null && "line" in error && "col" in error && "source" in error) {
    const file = (error.source as { absoluteRef?: unknown }).absoluteRef;
    if (typeof file === "string") {
      const where = `${path.relative(root, file)}:${String(error.line)}:${String(error.col)}`;
      return `${where}  error  yaml  ${message}\n    → this is not valid YAML: fix the indentation or syntax at that line.`;
    }
  }
  return `${specRoot} could not be read: ${message}`;
}

function messageOf(error: unknown, root: string): string {
  return relativePaths(error instanceof Error ? error.message : String(error), root);
}
