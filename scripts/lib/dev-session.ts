// The warm half of `npm run dev`: one process keeps Redocly's config and plugin, openapi-typescript and a TypeScript
// builder program loaded, so a save costs only the work itself. Each save runs the very functions `npm run lint` and
// `npm run generate` run (lintSpec, bundleSpec, renderGenerated, writeGenerated), so the watcher writes exactly the
// bytes `npm run generate` writes; then the incremental typecheck.
import path from "node:path";
import { renderGenerated, writeGenerated } from "./generate.ts";
import { bundleSpec, lintSpec, openSpecProject, type SpecProject } from "./spec.ts";
import { StepFailed } from "./step.ts";
import { createTypechecker } from "./typecheck.ts";

export type SaveOutcome =
  | {
      ok: true;
      /** lint → bundle → types → written */
      generateMs: number;
      typecheckMs: number;
      changed: string[];
      /** Milliseconds per stage ("write" is generated/ being written). */
      stages: Record<Stage | "write", number>;
    }
  | {
      ok: false;
      stage: Stage;
      message: string;
      ms: number /** typecheck failures come after generated/ was written */;
      changed: string[];
    };

export type Stage = "lint" | "bundle" | "generate" | "typecheck";

export interface DevSession {
  /** Regenerates and type-checks the project as it is on disk now. Never throws for a broken spec. */
  save(): Promise<SaveOutcome>;
  /** Loads redocly.yaml (and the plugins it names) again, for the next save. */
  reloadConfig(): Promise<void>;
}

async function stage<T>(
  name: Stage,
  action: () => Promise<T> | T,
  times?: Partial<Record<string, number>>,
  label: string = name,
): Promise<T> {
  const started = performance.now();
  try {
    return await action();
  } catch (error) {
    throw new StepFailed(error instanceof Error ? error.message : String(error), name);
  } finally {
    if (times) times[label] = performance.now() - started;
  }
}

export async function openDevSession(
  root = process.cwd(),
  options: { outDir?: string; tsconfig?: string } = {},
): Promise<DevSession> {
  const outDir = path.resolve(root, options.outDir ?? "generated");
  let project: SpecProject = await openSpecProject(root);
  const typechecker = createTypechecker(root, options.tsconfig);

  async function save(): Promise<SaveOutcome> {
    const started = performance.now();
    let changed: string[] = [];
    const times: Partial<Record<Stage | "write", number>> = {};
    try {
      const pass = project.pass();
      await stage("lint", () => lintSpec(project, pass), times);
      const document = await stage("bundle", () => bundleSpec(project, pass), times);
      const files = await stage("generate", () => renderGenerated(document), times);
      changed = await stage("generate", () => writeGenerated(outDir, files), times, "write");
      const generated = performance.now();
      await stage("typecheck", () => typechecker.check(), times);
      const stages = times as Record<Stage | "write", number>;
      return { ok: true, generateMs: generated - started, typecheckMs: performance.now() - generated, changed, stages };
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
