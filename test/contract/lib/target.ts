// What the global setup hands to every contract test (vitest `provide`/`inject`).
import path from "node:path";
import { inject } from "vitest";
import { projectRoot } from "../../../scripts/lib/cli/run-tools.ts";
import { type LoadedSpec, loadSpec } from "../../helpers/bundled-spec.ts";

/** The bundle the client's types were generated from. */
export const clientSpecPath = path.join(projectRoot, "generated/openapi.yaml");

export interface ContractTarget {
  /** Prism's URL: a mock of the spec, or a validating proxy in front of a real server. */
  baseUrl: string;
  mode: "mock" | "proxy";
  /** The spec Prism serves (KIRIM_CONTRACT_SPEC, default generated/openapi.yaml). */
  specPath: string;
  /** The same spec as JSON, when the global setup parsed it anyway (a shard's run): the tests read it instead. */
  specJsonCopy?: string;
  /** A shard's run: the spec of its operations only (what Prism serves); another API's client is generated from it. */
  shardSpecPath?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    kirimContract: ContractTarget;
  }
}

export function contractTarget(): ContractTarget {
  const target = inject("kirimContract");
  if (!target)
    throw new Error("No contract target: run through the `contract` vitest project (its global setup starts Prism).");
  return target;
}

/** Some cases need Prism's mock (`Prefer: code=…`); a real server behind the proxy cannot be told which error to return. */
export const isMock = (): boolean => contractTarget().mode === "mock";

/** The target plus both specs in play: the one Prism serves and the one the client's types come from. */
export function contractSpecs(): { target: ContractTarget; served: LoadedSpec; client: LoadedSpec } {
  const target = contractTarget();
  return { target, served: loadSpec(target.specPath, target.specJsonCopy), client: loadSpec(clientSpecPath) };
}

/**
 * Whether the served spec is the API the generated client is for (some operation of it is in the client's bundle):
 * Kirim's own bundle or a changed copy of it. Any other spec is tested over raw HTTP, without Kirim's house rules.
 */
export function servesClientApi(served: LoadedSpec, client: LoadedSpec): boolean {
  const names = new Set(client.operations().map((op) => op.name));
  return served.operations().some((op) => names.has(op.name));
}
