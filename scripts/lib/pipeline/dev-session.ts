// The warm half of `npm run dev`: one process keeps Redocly's config and plugin, openapi-typescript and a TypeScript
// builder program loaded, so a save costs only the work itself. Each save runs the very functions `npm run lint` and
// `npm run generate` run (lintSpec, bundleSpec, renderGenerated, writeGenerated), so the watcher writes exactly the
// bytes `npm run generate` writes; then the incremental typecheck.
import path from "node:path";
import { StepFailed } from "../cli/steps.ts";
import { renderGenerated, writeGenerated } from "../codegen/generate.ts";
import { bundleSpec, lintSpec, openSpecProject, type SpecProject } from "../spec/redocly-project.ts";
import { createTypechecker } from "./typecheck.ts";

export type SaveOutcome =
  | {
      ok: true;
      /** lint → bundle → types → written */
      generateMs: number;
      typecheckMs: number;
      changed: string[];
    }
  | {
      ok: false;
      stage: Stage;
      message: string;
      ms: number;
      /** What was written before the failure: only a typecheck failure comes after generated/ was written. */
      changed: string[];
    };

export type Stage = "lint" | "bundle" | "generate" | "typecheck";

export interface DevSession {
  /** Regenerates and type-checks the project as it is on disk now. Never throws for a broken spec. */
  save(): Promise<SaveOutcome>;
  /** Loads redocly.yaml (and the plugins it names) again, for the next save. */
  reloadConfig(): Promise<void>;
}

/** Runs one stage of a save; its failure is a StepFailed naming the stage. */
async function stage<T>(name: Stage, action: () => Promise<T> | T): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw new StepFailed(error instanceof Error ? error.message : String(error), name);
  }
}

export async function openDevSession(root = process.cwd(), options: { tsconfig?: string } = {}): Promise<DevSession> {
  const outDir = path.resolve(root, "generated");
  let project: SpecProject = await openSpecProject(root);
  const typechecker = createTypechecker(root, options.tsconfig);

  async function save(): Promise<SaveOutcome> {
    const started = performance.now();
    let changed: string[] = [];
    try {
      const pass = project.pass();
      await stage("lint", () => lintSpec(project, pass));
      const document = await stage("bundle", () => bundleSpec(project, pass));
      const files = await stage("generate", () => renderGenerated(document));
      changed = await stage("generate", () => writeGenerated(outDir, files));
      const generated = performance.now();
      await stage("typecheck", () => typechecker.check());
      return { ok: true, generateMs: generated - started, typecheckMs: performance.now() - generated, changed };
    } catch (error) {
      const failed = error instanceof StepFailed ? (error as StepFailed<Stage>) : new StepFailed<Stage>(String(error));
      return {
        ok: false,
        stage: failed.step ?? "generate",
        message: failed.message,
        ms: performance.now() - started,
        changed,
      };
    }
  }

  async function reloadConfig(): Promise<void> {
    project = await openSpecProject(root);
  }

  return { save, reloadConfig };
}
