// Options a deployment sets in the environment: KIRIM_BASE_URL, and KIRIM_<OPTION> for each token or key credential
// (KIRIM_API_KEY for `apiKey`), used when the options omit them. Only where a `process.env` exists (Node, Bun, Deno).
import type { SecuritySchemeTable } from "./operation-spec.js";

type Environment = Record<string, string | undefined>;

/** `apiKey` → `KIRIM_API_KEY`. */
export function environmentName(option: string): string {
  return `KIRIM_${option.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}`;
}

/** `process.env`, or undefined in a browser, or where reading it is not allowed (Deno without --allow-env). */
export function processEnvironment(
  global: { process?: { env?: Environment } } = globalThis as { process?: { env?: Environment } },
): Environment | undefined {
  try {
    return global.process?.env;
  } catch {
    return undefined;
  }
}

/** The options with what the environment holds for those left out; anything but an object (or none) as it is. */
export function withEnvironmentDefaults(
  options: unknown,
  schemes: SecuritySchemeTable,
  environment: Environment | undefined,
): unknown {
  if (!environment || (options !== undefined && (typeof options !== "object" || options === null))) return options;
  const read = (name: string) => {
    try {
      return environment[name] || undefined;
    } catch {
      return undefined;
    }
  };
  const filled: Record<string, unknown> = { ...(options as Record<string, unknown> | undefined) };
  filled.baseUrl ??= read("KIRIM_BASE_URL");
  for (const scheme of Object.values(schemes)) {
    if (scheme.type !== "basic") filled[scheme.option] ??= read(environmentName(scheme.option));
  }
  return filled;
}
