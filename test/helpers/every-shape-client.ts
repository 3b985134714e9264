// The every-shape fixture's generated client (test/fixtures/every-shape/generated/) on src/'s runtime, with its own
// operation table, security schemes and linked features, and retries that do not wait.
import type { KirimPromiseKind } from "../../src/api-promise.ts";
import { createKirimClientWithRuntime } from "../../src/client.ts";
import type { KirimClientOptions, RequestOptions } from "../../src/options.ts";
import { type KirimResources, operationTable, securitySchemes } from "../fixtures/every-shape/generated/client.ts";
import { runtimeFeatures } from "../fixtures/every-shape/generated/features.ts";
import { instantRuntime } from "./fixtures.ts";

export type EveryShapeClient = KirimResources<RequestOptions, KirimPromiseKind>;

/** `options`: the fixture's credentials and any client option (`baseUrl` is required). */
export function everyShapeClient(options: Record<string, unknown> & { baseUrl: string }): EveryShapeClient {
  return createKirimClientWithRuntime(
    options as unknown as KirimClientOptions,
    instantRuntime().runtime,
    operationTable,
    securitySchemes,
    runtimeFeatures,
  ) as unknown as EveryShapeClient;
}
