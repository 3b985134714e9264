// The published package as a consumer gets it: `npm run build` assembles dist/package (compiled client,
// client/package.json, client/README.md), `npm pack` packs it, publint finds nothing, `npm install <tarball>` on
// Node 22 (the oldest maintained LTS, from npm) prints no warning, and the README's example works on Node 22, Node 24,
// Bun, Deno (each from npm, cached in node_modules/.cache/kirim-runtimes) and in Chromium (bundled with esbuild).
// Its .d.ts files compile in a consumer without the DOM lib (consumer-typecheck.ts), on this one build.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { bin, projectRoot } from "../../scripts/lib/cli/run-tools.ts";
import { launchChromium } from "../helpers/browser.ts";
import { customerEnvelope, errorBody } from "../helpers/fixtures.ts";
import { type Loopback, type Respond, sendJson, startLoopback } from "../helpers/loopback.ts";
import { copyProject, type ProjectCopy } from "../helpers/project-copy.ts";
import { runCommand } from "../helpers/run.ts";
import { type Runtime, runtimeFromNpm } from "../helpers/runtimes.ts";
import { compileConsumer, consumerProject, declarationsIn } from "./consumer-typecheck.ts";

let work: string;
let source: ProjectCopy;
let tarball: string;
let consumer: string;
let api: Loopback;

/** The README's example, plus what a consumer checks: a 200 and a typed 422 whose `param` names the field. */
const example = `import { createKirimClient, KirimError, ValidationError } from "@kirim/client";

export async function runExample(baseUrl) {
  const kirim = createKirimClient({ apiKey: "sk_test_package", baseUrl, maxRetries: 0 });
  const { data: customer, request_id } = await kirim.customers.update("cus_01HX", { email: "hello@example.com", metadata: { plan: "pro" } });
  let invalid;
  try {
    await kirim.customers.update("cus_invalid", { email: "nope" });
  } catch (error) {
    invalid = error;
  }
  return { id: customer.id, request_id, typed: invalid instanceof ValidationError && invalid instanceof KirimError, param: invalid.param };
}
`;
const expected = { id: "cus_01HX", request_id: "req_1", typed: true, param: "email" };

/** The API as the README's example meets it: `cus_invalid` gets a documented 422, any other id a 200. */
const answerAsTheApi: Respond = (res, seen) => {
  if (seen.rawUrl.endsWith("/customers/cus_invalid")) {
    return sendJson(
      res,
      422,
      errorBody("invalid_request_error", "invalid_email", "email is not a valid address", {
        param: "email",
        request_id: "req_2",
      }),
    );
  }
  sendJson(res, 200, { ...customerEnvelope({ id: "cus_01HX" }), request_id: "req_1" });
};

/** What `npm run build` reads. */
const buildParts = ["src", "generated", "client", "scripts", "package.json", "tsconfig.json", "tsconfig.build.json"];

/** The openapi-fetch version the repository develops and tests the client with. */
const testedOpenapiFetch: string = JSON.parse(await readFile(path.join(projectRoot, "package.json"), "utf8"))
  .dependencies["openapi-fetch"];

/** Packs the folder `dir` (holding a package.json) into `destination`; returns the tarball's path. */
async function pack(dir: string, cwd: string, destination: string): Promise<string> {
  const packed = await runCommand("npm", ["pack", dir, "--json", "--pack-destination", destination], cwd);
  expect(packed.code, packed.stderr).toBe(0);
  return path.join(destination, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
}

/** The tarball again, with its package.json changed by `change`, in a new folder under `work`. */
async function repack(name: string, change: (manifest: Record<string, unknown>) => void): Promise<string> {
  const folder = path.join(work, name);
  await mkdir(folder);
  await runCommand("tar", ["-xzf", tarball, "-C", folder], work);
  const manifestFile = path.join(folder, "package/package.json");
  const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
  change(manifest);
  await writeFile(manifestFile, JSON.stringify(manifest));
  return pack("./package", folder, folder);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "kirim-package-"));
  source = await copyProject(buildParts);
  const built = await runCommand(process.execPath, ["scripts/build.ts"], source.dir);
  expect(built.code, built.stdout + built.stderr).toBe(0);
  tarball = await pack("./dist/package", source.dir, work);

  api = await startLoopback();
  api.respondWith(answerAsTheApi);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await source?.remove();
  if (work) await rm(work, { recursive: true, force: true });
});

test("the build fails, naming both, when client/package.json pins another openapi-fetch than the one tested", async () => {
  const mismatch = await copyProject(buildParts);
  onTestFinished(() => mismatch.remove());
  const manifest = JSON.parse(await mismatch.read("client/package.json"));
  manifest.dependencies["openapi-fetch"] = "0.0.1";
  await mismatch.write("client/package.json", JSON.stringify(manifest));
  const built = await runCommand(process.execPath, ["scripts/build.ts"], mismatch.dir);
  expect(built.code).toBe(1);
  expect(built.stderr).toContain(
    `openapi-fetch: client/package.json has 0.0.1, package.json has ${testedOpenapiFetch}`,
  );
  expect(built.stderr).not.toMatch(/\n\s+at /); // no stack trace
});

test("publint finds nothing to fix in the packed tarball", async () => {
  const result = await runCommand(bin("publint"), ["run", tarball, "--strict"], projectRoot);
  expect(result.stdout + result.stderr).toContain("All good!");
  expect(result.code).toBe(0);
});

test("publint fails on a tarball whose entry point is missing, naming the field", async () => {
  const broken = await repack("no-entry", (manifest) => {
    manifest.main = "./src/missing.js";
  });
  const result = await runCommand(bin("publint"), ["run", broken, "--strict"], projectRoot);
  expect(result.code, result.stdout + result.stderr).not.toBe(0);
  expect(result.stdout + result.stderr).toMatch(/pkg\.main.*missing\.js/);
});

test("the tarball holds the compiled client, its types and its own README, and nothing of the repository", async () => {
  const listing = await runCommand("tar", ["-tzf", tarball], work);
  const files = listing.stdout.split("\n").filter(Boolean);
  expect(files).toEqual(
    expect.arrayContaining([
      "package/package.json",
      "package/README.md",
      "package/src/index.js",
      "package/src/index.d.ts",
      "package/generated/kirim-api.d.ts",
    ]),
  );
  expect(
    files.filter(
      (file) =>
        !/^package\/(src|generated)\/[^/]+\.(js|d\.ts|js\.map)$|^package\/(package\.json|README\.md)$/.test(file),
    ),
  ).toEqual([]);

  const unpacked = path.join(work, "unpacked");
  await mkdir(unpacked);
  await runCommand("tar", ["-xzf", tarball, "-C", unpacked], work);
  const readme = await readFile(path.join(unpacked, "package/README.md"), "utf8");
  expect(readme.split("\n")[0]).toBe("# @kirim/client");
  for (const section of ["## Install", "## Usage", "## Options", "## Errors", "## Retries", "## Security"])
    expect(readme).toContain(section);
  expect(readme).not.toContain("npm run pipeline"); // the API team's README stays in the repository

  const manifest = JSON.parse(await readFile(path.join(unpacked, "package/package.json"), "utf8"));
  expect(manifest).toMatchObject({
    name: "@kirim/client",
    engines: { node: ">=22" },
    dependencies: { "openapi-fetch": testedOpenapiFetch },
  });
  expect(Object.keys(manifest.dependencies)).toEqual(["openapi-fetch"]);
  expect(manifest.scripts).toBeUndefined();
  expect(manifest.devDependencies).toBeUndefined();
});

describe("a consumer installs the tarball", () => {
  let node22: Runtime;

  /** npm on Node 22, with a consumer's defaults: not this repository's engine-strict, which `npm test` passes down. */
  const consumerNpm = () => ({
    PATH: `${node22.binDir}${path.delimiter}${process.env.PATH}`,
    npm_config_engine_strict: "false",
  });

  beforeAll(async () => {
    node22 = await runtimeFromNpm("node@22");
    consumer = path.join(work, "consumer");
    await mkdir(consumer);
    await writeFile(
      path.join(consumer, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    await writeFile(path.join(consumer, "example.js"), example);
    await writeFile(
      path.join(consumer, "main.js"),
      `import { runExample } from "./example.js";\nconsole.log(JSON.stringify(await runExample(process.argv[2])));\n`,
    );
  }, 120_000);

  test("`npm install <tarball>` on Node 22 prints no warning (engines, peer deps, deprecations)", async () => {
    const install = await runCommand("npm", ["install", "--no-audit", "--no-fund", tarball], consumer, {
      ...consumerNpm(),
    });
    expect(install.code, install.stderr).toBe(0);
    expect(install.stderr.split("\n").filter((line) => /warn/i.test(line))).toEqual([]);
    const installed = JSON.parse(
      await readFile(path.join(consumer, "node_modules/@kirim/client/package.json"), "utf8"),
    );
    expect(installed.name).toBe("@kirim/client");
  });

  test("the same install warns (EBADENGINE) when the package claims the toolchain's Node ≥ 24.18, so the check can fail", async () => {
    const narrow = await repack("narrow-engines", (manifest) => {
      manifest.engines = { node: ">=24.18" };
    });
    const narrowConsumer = path.join(work, "narrow-engines", "consumer");
    await mkdir(narrowConsumer);
    await writeFile(path.join(narrowConsumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    const install = await runCommand("npm", ["install", "--no-audit", "--no-fund", narrow], narrowConsumer, {
      ...consumerNpm(),
    });
    expect(install.stderr).toMatch(/npm warn EBADENGINE .*@kirim\/client/);
  });

  test.each([
    ["Node 22", async () => (await runtimeFromNpm("node@22")).bin, ["main.js"]],
    ["Node 24", async () => process.execPath, ["main.js"]],
    ["Bun", async () => (await runtimeFromNpm("bun")).bin, ["main.js"]],
    [
      "Deno",
      async () => (await runtimeFromNpm("deno")).bin,
      ["run", "--allow-net=127.0.0.1", "--allow-read", "--allow-env", "main.js"],
    ],
  ] as const)("the README example runs on %s", async (_name, runtime, args) => {
    const executable = await runtime();
    const run = await runCommand(executable, [...args, `${api.origin}/v1`], consumer, {
      DENO_NO_UPDATE_CHECK: "1",
      NO_COLOR: "1",
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  test("the README example runs in Chromium, bundled with esbuild from the installed package", async () => {
    await writeFile(
      path.join(consumer, "browser.js"),
      `import { runExample } from "./example.js";\nrunExample(location.origin + "/v1").then((result) => { window.result = result; }, (error) => { window.result = { error: String(error) }; });\n`,
    );
    const bundled = await build({
      entryPoints: [path.join(consumer, "browser.js")],
      absWorkingDir: consumer,
      bundle: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    const script = bundled.outputFiles[0]!.text;
    expect(script).not.toMatch(/from ["']@kirim\/client["']/); // really bundled, not left for the browser to resolve

    api.respondWith((res, seen, index) => {
      if (seen.rawUrl === "/")
        return void res
          .writeHead(200, { "content-type": "text/html" })
          .end('<script type="module" src="/app.js"></script>');
      if (seen.rawUrl === "/app.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      answerAsTheApi(res, seen, index);
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${api.origin}/`);
      await page.waitForFunction(() => (window as { result?: unknown }).result !== undefined, undefined, {
        timeout: 15_000,
      });
      expect(await page.evaluate(() => (window as { result?: unknown }).result)).toEqual(expected);
    } finally {
      await browser.close();
    }
  });
});

// Nothing in the declarations may need the DOM lib (its `HeadersInit` did), and with `skipLibCheck` no option may
// silently become `any`: the consumer's `@ts-expect-error` lines fail if one does.
describe("the declarations, in a consumer with Node's types and no DOM lib", () => {
  let declarations: Map<string, string>;
  beforeAll(async () => {
    declarations = await declarationsIn(source.file("dist/package"));
  });

  test("they compile without skipLibCheck", async () => {
    expect(declarations.has("src/index.d.ts")).toBe(true);
    expect(compileConsumer(await consumerProject(path.join(work, "node-only"), declarations))).toEqual([]);
  });

  test("with skipLibCheck, headers stays typed: a wrong value does not compile", async () => {
    const dir = await consumerProject(path.join(work, "skip-lib-check"), declarations);
    expect(compileConsumer(dir, { skipLibCheck: true })).toEqual([]);
  });

  test("a declaration that needs the DOM lib fails both checks: not found, and silently any with skipLibCheck", async () => {
    const options = declarations.get("src/options.d.ts")!;
    expect(options).toContain("headers?: KirimHeadersInit;");
    const domOnly = new Map(declarations).set(
      "src/options.d.ts",
      options.replaceAll("headers?: KirimHeadersInit;", "headers?: HeadersInit;"),
    );
    const dir = await consumerProject(path.join(work, "dom-only"), domOnly);
    expect(compileConsumer(dir)).toEqual(
      expect.arrayContaining([expect.stringMatching(/src\/options\.d\.ts: Cannot find name 'HeadersInit'/)]),
    );
    expect(compileConsumer(dir, { skipLibCheck: true })).toEqual([
      "consumer.ts: Unused '@ts-expect-error' directive.",
      "consumer.ts: Unused '@ts-expect-error' directive.",
    ]);
  });
});
