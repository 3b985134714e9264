import { clientVersion } from "../generated/client.js";

interface RuntimeGlobals {
  Deno?: { version?: { deno?: string } };
  Bun?: { version?: string };
  process?: { versions?: { node?: string } };
}

/**
 * `kirim-client/<version> node/<version>` (or `bun/…`, `deno/…`: checked first, as both also carry
 * `process.versions.node`). Undefined in a browser, which sends its own User-Agent.
 */
export function sdkUserAgent(global: RuntimeGlobals = globalThis as RuntimeGlobals): string | undefined {
  const runtime = global.Deno?.version?.deno
    ? `deno/${global.Deno.version.deno}`
    : global.Bun?.version
      ? `bun/${global.Bun.version}`
      : global.process?.versions?.node
        ? `node/${global.process.versions.node}`
        : undefined;
  return runtime && `kirim-client/${clientVersion} ${runtime}`;
}
