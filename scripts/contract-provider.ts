// npm run contract:provider -- --upstream <url> [--spec <bundle>] [--runs <n>] [--pbt-seed <n>] [-- <vitest args>]
//
// Provider verification: runs the contract suite (the vitest project "contract"; its meta tests are a separate project) through
// `prism proxy --errors` in front of a real server. Prism checks every response the server gives against
// the spec and turns a violation into a 500 that names the field; the suite's own Ajv checks and the
// server's answers to invalid requests (Prism's request validation is off, so the server's own validation
// is tested) do the rest. Exits non-zero when the server breaks the contract.
//
// --upstream  the server's base URL, the equivalent of the spec's `servers` URL (e.g. http://127.0.0.1:8080/v1).
//             The suite sends PATCH requests: use a test server. Omit it to run against Prism's mock instead.
// --spec      the bundle to verify against (default generated/openapi.yaml).
// --runs      property-based runs per property (default 200); --pbt-seed fixes the property tests' seed (fast-check's).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { bin, projectRoot, quietEnv } from "./lib/cli/run-tools.ts";

function usage(message: string, code = 2): never {
  (code === 0 ? console.log : console.error)(
    `${message}\nusage: npm run contract:provider -- --upstream <url> [--spec <bundle>] [--runs <n>] [--pbt-seed <n>] [-- <vitest args>]`,
  );
  process.exit(code);
}

function parseOptions() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      options: {
        upstream: { type: "string" },
        spec: { type: "string" },
        runs: { type: "string" },
        "pbt-seed": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
}
const { values, positionals } = parseOptions();
if (values.help) usage("Runs the contract suite through `prism proxy --errors` in front of a real server.", 0);

const env: NodeJS.ProcessEnv = { ...quietEnv };
if (values.upstream) {
  let url: URL;
  try {
    url = new URL(values.upstream);
  } catch {
    usage(`--upstream ${values.upstream} is not a URL`);
  }
  if (!["http:", "https:"].includes(url.protocol)) usage(`--upstream must be http(s), got ${url.protocol}`);
  env.KIRIM_CONTRACT_UPSTREAM = values.upstream.replace(/\/+$/, "");
  // Named explicitly on the command line: a non-loopback server is the user's deliberate choice.
  env.KIRIM_CONTRACT_ALLOW_REMOTE = "1";
} else {
  delete env.KIRIM_CONTRACT_UPSTREAM;
}
// Only the flags choose the spec and the upstream, so what this prints is what runs (not a variable left in the shell).
if (values.spec) {
  if (!existsSync(values.spec)) usage(`--spec ${values.spec}: no such file`);
  env.KIRIM_CONTRACT_SPEC = path.resolve(values.spec);
} else {
  delete env.KIRIM_CONTRACT_SPEC;
}
for (const [flag, name] of [
  ["runs", "KIRIM_PBT_RUNS"],
  ["pbt-seed", "KIRIM_PBT_SEED"],
] as const) {
  const value = values[flag];
  if (value === undefined) continue;
  if (!/^\d+$/.test(value)) usage(`--${flag} must be a whole number, got ${value}`);
  env[name] = value;
}

console.log(
  values.upstream
    ? `contract:provider: verifying ${values.upstream} against ${values.spec ?? "generated/openapi.yaml"} through prism proxy --errors`
    : `contract:provider: no --upstream, running against Prism's mock of ${values.spec ?? "generated/openapi.yaml"}`,
);
const child = spawn(bin("vitest"), ["run", "--project", "contract", ...positionals], {
  cwd: projectRoot,
  env,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  if (code === 0) console.log("contract:provider: the server honours the contract.");
  else
    console.error(
      `contract:provider: contract violated (vitest exited ${code ?? signal}); the failures above name the fields.`,
    );
  process.exitCode = code ?? 1;
});
