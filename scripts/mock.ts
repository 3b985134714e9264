// npm run mock [-- --port N]: Prism serving generated/openapi.yaml on 127.0.0.1, rejecting responses that break the spec.
import { bundleFile } from "./lib/generate.ts";
import { bin, quietEnv } from "./lib/tools.ts";
import { spawn } from "node:child_process";

const extraArgs = process.argv.slice(2);
const portGiven = extraArgs.some((arg) => /^(-p|--port)(=|$)/.test(arg));
const child = spawn(
  bin("prism"),
  ["mock", `generated/${bundleFile}`, "--host", "127.0.0.1", ...(portGiven ? [] : ["--port", "4010"]), "--errors", ...extraArgs],
  { stdio: "inherit", env: quietEnv },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 0 : 1);
});
