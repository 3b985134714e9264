// The published package: built by `npm run build`, packed by `npm pack`, clean under publint, and usable by a
// consumer that imports "@kirim/client" from the tarball — the README's example, run against a loopback server.
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { bin, projectRoot, runCommand } from "../support/project-copy.ts";

let work: string;
let tarball: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "kirim-package-"));
  const source = path.join(work, "source");
  await mkdir(source);
  const parts = ["src", "generated", "package.json", "tsconfig.json", "tsconfig.build.json", "README.md", "scripts/require-node.mjs"];
  await mkdir(path.join(source, "scripts"));
  for (const part of parts) {
    await cp(path.join(projectRoot, part), path.join(source, part), { recursive: true });
  }
  await symlink(path.join(projectRoot, "node_modules"), path.join(source, "node_modules"), "dir");
  // `npm pack` runs the prepack script (`npm run build`) first, as `npm publish` would.
  const pack = await runCommand("npm", ["pack", "--json", "--pack-destination", work], source);
  expect(pack.code, pack.stderr).toBe(0);
  tarball = path.join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
});

afterAll(() => rm(work, { recursive: true, force: true }));

test("publint finds nothing to fix in the packed tarball", async () => {
  const result = await runCommand(bin("publint"), ["run", tarball, "--strict"], projectRoot);
  expect(result.stdout + result.stderr).toContain("All good!");
  expect(result.code).toBe(0);
});

test("the tarball holds the compiled client and its types, and no sources or tests", async () => {
  const listing = await runCommand("tar", ["-tzf", tarball], work);
  const files = listing.stdout.split("\n").filter(Boolean);
  expect(files).toEqual(expect.arrayContaining(["package/dist/package/src/index.js", "package/dist/package/src/index.d.ts"]));
  expect(files.some((file) => file.endsWith("generated/kirim-api.d.ts"))).toBe(true);
  expect(files.filter((file) => /^package\/(src|test|openapi|scripts)\//.test(file))).toEqual([]);
});

test("a consumer imports @kirim/client from the tarball and runs the README example", async () => {
  const consumer = path.join(work, "consumer");
  const installed = path.join(consumer, "node_modules", "@kirim", "client");
  await mkdir(installed, { recursive: true });
  const unpack = await runCommand("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"], work);
  expect(unpack.code, unpack.stderr).toBe(0);
  await symlink(path.join(projectRoot, "node_modules", "openapi-fetch"), path.join(consumer, "node_modules", "openapi-fetch"), "dir");
  await writeFile(path.join(consumer, "package.json"), JSON.stringify({ type: "module" }));
  await writeFile(
    path.join(consumer, "example.js"),
    `import { createKirimClient, KirimError, ValidationError } from "@kirim/client";
const kirim = createKirimClient({ apiKey: "sk_test_package", baseUrl: process.argv[2], maxRetries: 0 });
const { data: customer, request_id } = await kirim.customers.update("cus_01HX", { email: "hello@example.com", metadata: { plan: "pro" } });
let invalid;
try { await kirim.customers.update("cus_invalid", { email: "nope" }); } catch (error) { invalid = error; }
console.log(JSON.stringify({ id: customer.id, request_id, invalid: invalid instanceof ValidationError && invalid instanceof KirimError, code: invalid.code }));
`,
  );

  const server = createServer((request, response) => {
    const invalid = request.url?.endsWith("cus_invalid");
    response.writeHead(invalid ? 422 : 200, { "content-type": "application/json" });
    response.end(
      JSON.stringify(
        invalid
          ? { error: { type: "invalid_request_error", code: "invalid_email", message: "bad email", param: "email", request_id: "req_2" } }
          : { data: { id: "cus_01HX", object: "customer" }, request_id: "req_1" },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const run = await runCommand(process.execPath, ["example.js", `http://127.0.0.1:${port}/v1`], consumer);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ id: "cus_01HX", request_id: "req_1", invalid: true, code: "invalid_email" });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
