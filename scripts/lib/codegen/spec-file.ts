// Any single OpenAPI file (a fixture, a public spec) through lint → bundle → the files of generated/, in this process,
// with a lint config of its own (redocly/client-only.yaml: only what the client needs). Kirim's own openapi/ goes
// through spec/redocly-project.ts instead, with its house rules.
import path from "node:path";
import { BaseResolver, bundle, type Config, lint, loadConfig } from "@redocly/openapi-core";
import { projectRoot } from "../cli/run-tools.ts";
import { StepFailed } from "../cli/steps.ts";
import { problemList } from "../spec/problem-lines.ts";
import { type GeneratedFile, renderGenerated } from "./generate.ts";

export const clientOnlyConfig = "redocly/client-only.yaml";

const configs = new Map<string, Promise<Config>>();

function configOf(configFile: string): Promise<Config> {
  const absolute = path.resolve(configFile);
  let config = configs.get(absolute);
  if (!config) {
    config = loadConfig({ configPath: absolute });
    configs.set(absolute, config);
  }
  return config;
}

/** The lint problems of `specFile` as `file:line:col  severity  rule  message` lines (paths relative to `root`). */
export async function lintSpecFile(specFile: string, configFile: string, root = process.cwd()): Promise<string[]> {
  const config = await configOf(configFile);
  const problems = await lint({ ref: path.resolve(specFile), config, externalRefResolver: new BaseResolver() });
  return problemList(problems, root);
}

/**
 * Lints `specFile` (any problem fails, as `npm run generate` does), bundles it and renders generated/'s files.
 * `outDir`: where they will be written, so that features.ts imports src/ by a relative path; without it, by an absolute
 * one (a temporary folder).
 */
export async function generateFromSpecFile(
  specFile: string,
  configFile: string = clientOnlyConfig,
  root = process.cwd(),
  outDir?: string,
): Promise<GeneratedFile[]> {
  const problems = await lintSpecFile(specFile, configFile, root);
  if (problems.length > 0) throw new StepFailed(`${problems.join("\n")}\nLint failed: ${problems.length} problems.`);
  const config = await configOf(configFile);
  const result = await bundle({ ref: path.resolve(specFile), config, externalRefResolver: new BaseResolver() });
  if (result.problems.length > 0) throw new StepFailed(problemList(result.problems, root).join("\n"));
  const src = path.join(projectRoot, "src");
  const fromOut = outDir === undefined ? src : path.relative(path.resolve(outDir), src).split(path.sep).join("/");
  return renderGenerated(result.bundle.parsed as object, /^\.{0,2}\//.test(fromOut) ? fromOut : `./${fromOut}`);
}
