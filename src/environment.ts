// Options a deployment sets in the environment: KIRIM_BASE_URL, and KIRIM_<OPTION> for each token or key credential
// (KIRIM_API_KEY for `apiKey`), used when the options omit them. Only where a `process.env` exists (Node, Bun, Deno).
import { isRecord } from "./is-record.js";
import type { SecuritySchemeTable } from "./operation-spec.js";

type Environment = Record<string, string | undefined>;

/** `apiKey` → `KIRIM_API_KEY`. */
export function environmentName(option: string): string {
  return `KIRIM_${option.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

/** `process.env`, or undefined in a browser (where reading a variable is not allowed, environmentValue says none). */
export function processEnvironment(
  global: { process?: { env?: Environment } } = globalThis as { process?: { env?: Environment } },
): Environment | undefined {
  return global.process?.env;
}

/** The options with what the environment holds for those left out; anything but an object (or none) as it is. */
export function withEnvironmentDefaults(
  options: unknown,
  schemes: SecuritySchemeTable,
  environment: Environment | undefined,
): unknown {
  if (!environment || (options !== undefined && !isRecord(options))) return options;
  const filled: Record<string, unknown> = { ...(options as Record<string, unknown> | undefined) };
  filled.baseUrl ??= environmentValue("KIRIM_BASE_URL", environment);
  for (const scheme of Object.values(schemes)) {
    if (scheme.type !== "basic")
      filled[scheme.option] ??= environmentValue(environmentName(scheme.option), environment);
  }
  return filled;
}

/** One variable; undefined when empty, unset, or where reading it throws (Deno without --allow-env). */
export function environmentValue(
  name: string,
  environment: Environment = processEnvironment() ?? {},
): string | undefined {
  let value: string | undefined;
  try {
    value = environment[name];
  } catch {
    // Reading it is not allowed: as if unset.
  }
  return value || undefined;
}
