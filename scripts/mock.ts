// npm run mock [-- --port N] [-- <Prism flags>]: Prism serving generated/openapi.yaml on 127.0.0.1 (port 4010 unless
// told; --port 0 picks a free one), through the launcher in lib/mock/prism-launcher.ts: `/v1/...` works as well as `/...`, an
// invalid request gets a 422 naming what was wrong, and a response that breaks the spec becomes a 500 (--errors).
// Prism reloads the bundle by itself after every `npm run generate`. When Prism exits on its own, the launcher starts
// it again (one line says so and why); if it keeps exiting (more than 5 times in 60 s), the mock stops with exit 1.

import { bundleFile } from "./lib/codegen/generate.ts";
import { defaultMockPort, PortInUse, parsePort, startPrism } from "./lib/mock/prism-launcher.ts";

function portFrom(args: string[]): { port: number; rest: string[] } {
  const rest: string[] = [];
  let port = defaultMockPort;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const match = /^(?:-p|--port)(?:=(.*))?$/.exec(arg);
    if (!match) {
      rest.push(arg);
      continue;
    }
    port = parsePort(match[1] ?? args[++index]);
  }
  return { port, rest };
}

async function mock(): Promise<void> {
  const { port, rest } = portFrom(process.argv.slice(2));
  const prism = await startPrism({
    spec: `generated/${bundleFile}`,
    port,
    prismArgs: rest,
    readyTimeoutMs: 60_000,
    showOutput: true,
  });
  const production = prism.basePath ? ` and ${prism.url}${prism.basePath}` : "";
  console.log(`Mock: ${prism.url}${production} (Prism on generated/${bundleFile}, pid ${prism.pid}; Ctrl-C stops it)`);
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      void prism.stop().then(() => process.exit(0));
    });
  }
  void prism.exited.then((why) => {
    if (stopping) return;
    console.error(`✖ the mock stopped: ${why}.`);
    void prism.stop().then(() => process.exit(1));
  });
}

mock().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`✖ ${error instanceof PortInUse ? message : `the mock did not start: ${message}`}`);
  process.exit(1);
});
